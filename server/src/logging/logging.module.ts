import { Module, type DynamicModule } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { logOptions } from './log-options.js';
import { RequestLogContextInterceptor } from './request-log-context.interceptor.js';

/** pino for the whole process (Nest's own messages included), one line per request. */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, role: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [LoggerModule.forRoot({ pinoHttp: logOptions(config, role), assignResponse: true })],
      providers: [{ provide: APP_INTERCEPTOR, useClass: RequestLogContextInterceptor }],
    };
  }
}
