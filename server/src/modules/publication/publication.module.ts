import { Module } from '@nestjs/common';
import { StorageModule } from '../../storage/storage.module.js';
import { WorkflowModule } from '../workflow/workflow.module.js';
import { PublicationResolver } from './publication.resolver.js';
import { PublicationService } from './publication.service.js';
import { PublicationSweep } from './publication.sweep.js';
import { PublicPortalController } from './public-portal.controller.js';
import { PublicPortalService } from './public-portal.service.js';
import { PublishHandler } from './publish.handler.js';
import { PackagePublicationResolver } from './package-publication.resolver.js';

@Module({
  imports: [StorageModule, WorkflowModule],
  controllers: [PublicPortalController],
  providers: [PublicationService, PublicPortalService, PublishHandler, PublicationSweep, PublicationResolver, PackagePublicationResolver],
  exports: [PublicationService, PublicPortalService],
})
export class PublicationModule {}
