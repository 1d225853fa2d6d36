import { Module } from '@nestjs/common';
import { PackageRevisionService } from './package-revision.service.js';
import { PackageResolver, RevisionResolver } from './package.resolver.js';
import { PackageService } from './package.service.js';
import { PackageViewResolver } from './package-view.resolver.js';
import { PackageViewService } from './package-view.service.js';

@Module({
  providers: [PackageService, PackageRevisionService, PackageResolver, RevisionResolver, PackageViewService, PackageViewResolver],
  exports: [PackageService, PackageRevisionService],
})
export class PackageModule {}
