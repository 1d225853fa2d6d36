import { access, constants, mkdir } from 'node:fs/promises';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { REDIS_CLIENT } from '../../jobs/queue-tokens.js';
import { ArtifactStorage } from '../../storage/artifact-storage.js';
import { Renderer } from '../render/renderer.js';
import { PROCESS_ROLE } from '../../ops/process-role.js';

export type DependencyName = 'database' | 'redis' | 'storage' | 'browser';
export interface DependencyStatus {
  status: 'up' | 'down';
  ms: number;
  detail?: string;
}
export interface Readiness {
  status: 'ready' | 'not ready';
  role: string;
  shuttingDown: boolean;
  checks: Partial<Record<DependencyName, DependencyStatus>>;
}

const CHECK_TIMEOUT_MS = 3_000;
const STORAGE_PROBE_KEY = 'system/readiness-probe';

/**
 * What this process needs to do its work, each asked with a timeout: the database always,
 * Redis when configured, the artifact storage, and on workers the browser that renders PDFs.
 */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger('Readiness');
  private draining = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PROCESS_ROLE) private readonly role: string,
    private readonly dataSource: DataSource,
    private readonly storage: ArtifactStorage,
    private readonly moduleRef: ModuleRef,
    @Optional() private readonly renderer?: Renderer,
  ) {}

  /** From SIGTERM on, the process says it is not ready, so a load balancer stops sending. */
  markShuttingDown(): void {
    this.draining = true;
  }

  get shuttingDown(): boolean {
    return this.draining;
  }

  async check(): Promise<Readiness> {
    const checks: Readiness['checks'] = {};
    const tasks: Promise<void>[] = [];
    const run = (name: DependencyName, probe: () => Promise<string | void>) =>
      tasks.push(
        timed(probe).then((r) => {
          checks[name] = r;
        }),
      );
    run('database', async () => {
      if (!this.dataSource.isInitialized) throw new Error('not connected');
      await this.dataSource.query('SELECT 1');
    });
    const redis = this.redisClient();
    if (redis) {
      run('redis', async () => {
        const pong = await redis.ping();
        if (pong !== 'PONG') throw new Error(`answered ${pong}`);
      });
    }
    run('storage', async () => {
      if (this.config.storage.kind === 'local') {
        await mkdir(this.config.storage.dir, { recursive: true });
        await access(this.config.storage.dir, constants.W_OK);
        return 'local folder writable';
      }
      await this.storage.exists(STORAGE_PROBE_KEY);
      return `bucket ${this.config.storage.bucket}`;
    });
    if (this.role === 'worker' && this.renderer) {
      const renderer = this.renderer;
      run('browser', async () => {
        const s = renderer.browserStatus();
        if (!s.ok) throw new Error(s.detail);
        return s.detail;
      });
    }
    await Promise.all(tasks);
    const down = Object.entries(checks).filter(([, c]) => c.status === 'down');
    if (down.length) this.logger.warn(`not ready: ${down.map(([n, c]) => `${n} (${c.detail})`).join(', ')}`);
    return { status: down.length || this.draining ? 'not ready' : 'ready', role: this.role, shuttingDown: this.draining, checks };
  }

  private redisClient(): Redis | null {
    if (!this.config.redis) return null;
    try {
      return this.moduleRef.get<Redis>(REDIS_CLIENT, { strict: false });
    } catch {
      return null;
    }
  }
}

async function timed(probe: () => Promise<string | void>): Promise<DependencyStatus> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const detail = await Promise.race([
      probe(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up', ms: Math.round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (err) {
    return { status: 'down', ms: Math.round(performance.now() - started), detail: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
