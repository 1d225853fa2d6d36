import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { PROCESS_ROLE } from '../../ops/process-role.js';
import { ProbeServer } from '../../ops/probe-server.js';
import { liveness } from './health.controller.js';
import { ReadinessService } from './readiness.service.js';

const json = (status: number, body: unknown) => ({ status, body: JSON.stringify(body), contentType: 'application/json; charset=utf-8' });

/** A worker has no HTTP server: with HEALTH_PORT it answers /api/health and /api/ready there. */
@Injectable()
export class WorkerProbes implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Health');
  private server: ProbeServer | null = null;
  port: number | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: string,
    private readonly readiness: ReadinessService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.role !== 'worker' || this.config.healthPort === null) return;
    this.server = new ProbeServer({
      '/api/health': async () => json(200, liveness(this.role)),
      '/api/ready': async () => {
        const r = await this.readiness.check();
        return json(r.status === 'ready' ? 200 : 503, r);
      },
    });
    this.port = await this.server.listen(this.config.healthPort, this.config.host);
    this.logger.log(`health and readiness on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}
