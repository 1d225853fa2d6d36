import { Module } from '@nestjs/common';
import { PackageRevisionService } from './package-revision.service.js';
import { AssigneeCountResolver, PackageResolver, RevisionResolver, SupervisorCountResolver } from './package.resolver.js';
import { PackageQueueService } from './package-queue.service.js';
import { PackageService } from './package.service.js';
import { PackageViewResolver } from './package-view.resolver.js';
import { PackageViewService } from './package-view.service.js';

@Module({
  providers: [PackageService, PackageQueueService, PackageRevisionService, PackageResolver, AssigneeCountResolver, SupervisorCountResolver, RevisionResolver, PackageViewService, PackageViewResolver],
  exports: [PackageService, PackageQueueService, PackageRevisionService],
})
export class PackageModule {}
