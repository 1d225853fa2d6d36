import { Module } from '@nestjs/common';
import { HealthController } from './health.controller.js';
import { ReadinessService } from './readiness.service.js';
import { SystemResolver } from './system.resolver.js';
import { WorkerProbes } from './worker-probes.js';
import { GracefulShutdown } from './graceful-shutdown.js';

@Module({ providers: [SystemResolver, ReadinessService, WorkerProbes, GracefulShutdown], controllers: [HealthController], exports: [ReadinessService] })
export class SystemModule {}
