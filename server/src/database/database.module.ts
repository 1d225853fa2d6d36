import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source.js';
import { TransactionService } from './transaction.service.js';
import { ENTITIES } from './entities.js';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, runMigrations = true): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(config, runMigrations)), TypeOrmModule.forFeature(ENTITIES)],
      providers: [TransactionService],
      exports: [TypeOrmModule, TransactionService],
    };
  }
}
