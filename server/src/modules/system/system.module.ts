import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { SystemResolver } from './system.resolver.js';

@Module({ providers: [SystemResolver], controllers: [HealthController] })
export class SystemModule {}
