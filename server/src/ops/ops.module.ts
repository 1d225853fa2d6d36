import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { LoggingModule } from '../logging/logging.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { PROCESS_ROLE } from './process-role.js';

/** Running the process: its role, logs, and (with their own modules) metrics and shutdown. */
@Global()
@Module({})
export class OpsModule {
  static forRoot(config: AppConfig, role: string): DynamicModule {
    return {
      module: OpsModule,
      imports: [LoggingModule.forRoot(config, role), MetricsModule.forRoot(config)],
      providers: [{ provide: PROCESS_ROLE, useValue: role }],
      exports: [PROCESS_ROLE],
    };
  }
}
