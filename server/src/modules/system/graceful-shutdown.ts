import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { ReadinessService } from './readiness.service.js';

/**
 * The first step of a SIGTERM: say "not ready" and stop accepting connections, before the job
 * backends wait for running jobs and the database closes (Nest would close HTTP only after
 * them). Requests already in flight finish; idle keep-alive connections are closed now.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly readiness: ReadinessService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  beforeApplicationShutdown(signal?: string): void {
    this.readiness.markShuttingDown();
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server?.listening) {
      server.close();
      server.closeIdleConnections();
    }
    this.logger.log(`${signal ?? 'shutdown'}: no new requests; finishing running requests and jobs`);
  }
}
