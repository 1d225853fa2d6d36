import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { AppConfig } from './config/app-config.js';
import type { Clock } from './common/clock.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { AccessGuard } from './common/access.guard.js';
import { CsrfGuard } from './common/csrf.guard.js';
import { AccessDeclarationCheck } from './common/startup-checks.js';
import { FieldAccess } from './common/field-access.js';
import { ErrorFilter } from './common/error.filter.js';
import { graphqlOptions } from './common/graphql.config.js';
import { FEATURE_MODULES } from './modules/feature-modules.js';
import { OpsModule } from './ops/ops.module.js';

export type ProcessRole = 'api' | 'worker';

/**
 * The same modules serve the API and the worker; the worker leaves out HTTP (GraphQL and
 * static files) and runs job handlers instead.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, role: ProcessRole, options: { clock?: Clock } = {}): DynamicModule {
    const http: (DynamicModule | Type)[] =
      role === 'api'
        ? [
            GraphQLModule.forRoot<ApolloDriverConfig>({ driver: ApolloDriver, ...graphqlOptions(config) }),
            ...(config.clientDist
              ? [
                  ServeStaticModule.forRoot({
                    rootPath: config.clientDist,
                    // The portal's pages are rendered by the API (PortalPagesModule), not by the staff app.
                    exclude: ['/graphql{*path}', '/api/{*path}', '/portal', '/portal/{*path}', '/sitemap.xml', '/robots.txt'],
                  }),
                ]
              : []),
          ]
        : [];
    return {
      module: AppModule,
      imports: [DiscoveryModule, ConfigModule.forRoot(config, options.clock), OpsModule.forRoot(config, role), DatabaseModule.forRoot(config, role === 'api'), JobsModule.forRoot(config), ...http, ...FEATURE_MODULES],
      providers: [
        // CSRF first: a forged request is refused before anything resolves its session.
        { provide: APP_GUARD, useClass: CsrfGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ErrorFilter },
        AccessDeclarationCheck,
        // Only where GraphQL is served: the worker has no schema.
        ...(role === 'api' ? [FieldAccess] : []),
      ],
    };
  }
}
