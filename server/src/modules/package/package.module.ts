import { Module } from '@nestjs/common';
import { PackageRevisionService } from './package-revision.service.js';
import { PackageResolver, RevisionResolver } from './package.resolver.js';
import { PackageService } from './package.service.js';

@Module({
  providers: [PackageService, PackageRevisionService, PackageResolver, RevisionResolver],
  exports: [PackageService, PackageRevisionService],
})
export class PackageModule {}
