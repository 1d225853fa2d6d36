import { Field, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { Public } from '../../common/access.decorators.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';

@ObjectType('SystemInfo', { description: 'How this deployment runs (for the about page and health checks).' })
export class SystemInfoModel {
  @Field({ description: 'embedded (SQLite, in-process jobs) or scaled (MySQL, BullMQ)' }) mode: string;
  @Field() database: string;
  @Field() jobs: string;
  @Field() timezone: string;
  @Field() now: Date;
}

@Resolver(() => SystemInfoModel)
export class SystemResolver {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Query(() => SystemInfoModel)
  systemInfo(): SystemInfoModel {
    const embedded = this.config.database.kind === 'sqlite' && !this.config.redis;
    return {
      mode: embedded ? 'embedded' : 'scaled',
      database: this.config.database.kind,
      jobs: this.config.redis ? 'bullmq' : 'in-process',
      timezone: this.config.timezone,
      now: new Date(),
    };
  }
}
