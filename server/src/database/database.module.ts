import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SchemaVersionError, checkSchemaVersion } from './schema-version.js';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source.js';
import { TransactionService } from './transaction.service.js';
import { RowCacheBus } from './row-cache-bus.js';
import { ENTITIES } from './entities.js';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, runMigrations = true): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(config, false), toRetry: (err: unknown) => !(err instanceof SchemaVersionError) }),
          // The schema version is compared before any migration runs (see schema-version.ts).
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options!).initialize();
            try {
              await checkSchemaVersion(ds, runMigrations);
              if (runMigrations) await ds.runMigrations({ transaction: 'each' });
            } catch (err) {
              await ds.destroy();
              throw err;
            }
            return ds;
          },
        }),
        TypeOrmModule.forFeature(ENTITIES),
      ],
      providers: [TransactionService, RowCacheBus],
      exports: [TypeOrmModule, TransactionService],
    };
  }
}
