import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import { createRootLogger } from './log-options.js';

/** The process's pino logger, for the HTTP set-up to mount request logging on (request-logging.ts). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

/**
 * pino for the whole process (Nest's own messages included), one line per request. nestjs-pino
 * gives Nest its logger and the jobs their logging context; a request's fields and closing
 * line come from our own middleware (request-logging.ts), so nestjs-pino mounts none.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, role: string): DynamicModule {
    const root: Pino = createRootLogger(config, role);
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { logger: root }, useExisting: true, forRoutes: [] })],
      providers: [{ provide: ROOT_LOGGER, useValue: root }],
    };
  }
}
