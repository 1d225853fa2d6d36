import { Global, Module } from '@nestjs/common';
import { StorageModule } from '../../storage/storage.module.js';
import { RenderController } from './render.controller.js';
import { RenderInputService } from './render-input.service.js';
import { RenderPdfHandler } from './render-pdf.handler.js';
import { RenderResolver } from './render.resolver.js';
import { RenderService } from './render.service.js';
import { RenderSweep } from './render.sweep.js';
import { Renderer } from './renderer.js';
import { JobLiveness } from './job-liveness.js';
import { PreparePdfHandler } from './prepare-pdf.handler.js';
import { PublicationPdfService } from './publication-pdf.service.js';

@Global()
@Module({
  imports: [StorageModule],
  controllers: [RenderController],
  providers: [RenderService, RenderInputService, Renderer, RenderPdfHandler, RenderResolver, RenderSweep, JobLiveness, PublicationPdfService, PreparePdfHandler],
  exports: [RenderService, RenderInputService, Renderer, JobLiveness, PublicationPdfService],
})
export class RenderModule {}
