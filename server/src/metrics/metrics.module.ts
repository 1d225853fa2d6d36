import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Controller, Get, Global, Inject, Injectable, Logger, Module, NotFoundException, Optional, Req, Res,
  type DynamicModule, type MiddlewareConsumer, type NestModule, type OnApplicationBootstrap, type OnApplicationShutdown,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/access.decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ProbeServer } from '../ops/probe-server.js';
import { GraphqlMetricsPlugin } from './metrics.plugin.js';
import { MetricsService } from './metrics.service.js';
import { MetricsRecorder } from './metrics-recorder.js';

/** Bearer token compared in constant time; with no token configured (port mode) anyone on that port may scrape. */
export function scrapeAllowed(authorization: string | undefined, token: string | null): boolean {
  if (!token) return true;
  const given = Buffer.from(authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** METRICS_TOKEN without METRICS_PORT: /metrics on the public port, refused without the token. */
@Controller('metrics')
class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get()
  async scrape(@Req() req: Request, @Res() res: Response): Promise<void> {
    const metrics = this.config.metrics;
    // Answer as if there were no such page: a scan of the public port learns nothing.
    if (!metrics.enabled || !scrapeAllowed(req.headers.authorization, metrics.token)) throw new NotFoundException();
    const { contentType, body } = await this.metrics.scrape();
    res.setHeader('content-type', contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(body);
  }
}

/** METRICS_PORT: /metrics on its own listener (API and workers alike), kept off the public port. */
@Injectable()
class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: ProbeServer | null = null;
  port: number | null = null;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const m = this.config.metrics;
    if (!m.enabled || m.port === null) return;
    this.server = new ProbeServer({
      '/metrics': async (req) => {
        if (!scrapeAllowed(req.headers.authorization, m.token)) return { status: 401, body: 'token required\n', contentType: 'text/plain' };
        const { contentType, body } = await this.metrics.scrape();
        return { status: 200, body, contentType };
      },
    });
    this.port = await this.server.listen(m.port, this.config.host);
    this.logger.log(`metrics on port ${this.port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.server?.close();
  }
}

/** Which pattern served a request: the route, never the raw URL (ids would explode the series). */
function routeOf(req: IncomingMessage & { route?: { path?: string }; originalUrl?: string; baseUrl?: string }): string {
  if (req.route?.path) return `${req.baseUrl ?? ''}${req.route.path}`.replace('{/*splat}', '') || '/';
  const url = req.originalUrl ?? req.url ?? '';
  if (url.startsWith('/graphql')) return '/graphql';
  return url.startsWith('/api/') ? 'unmatched' : 'static';
}

@Global()
@Module({})
export class MetricsModule implements NestModule {
  constructor(@Optional() private readonly metrics?: MetricsService) {}

  static forRoot(config: AppConfig): DynamicModule {
    if (!config.metrics.enabled) return { module: MetricsModule, providers: [], exports: [] };
    return {
      module: MetricsModule,
      controllers: config.metrics.port === null ? [MetricsController] : [],
      providers: [MetricsService, { provide: MetricsRecorder, useExisting: MetricsService }, MetricsPortServer, GraphqlMetricsPlugin],
      exports: [MetricsService, MetricsRecorder],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    const metrics = this.metrics;
    if (!metrics) return;
    consumer
      .apply((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const started = process.hrtime.bigint();
        res.once('finish', () => {
          const route = routeOf(req);
          if (route === '/metrics') return;
          metrics.httpDuration.observe({ method: req.method ?? 'GET', route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - started) / 1e9);
        });
        next();
      })
      .forRoutes('{/*splat}');
  }
}
