import { Module } from '@nestjs/common';
import { PublicationModule } from '../publication/publication.module.js';
import { PortalPagesController } from './portal-pages.controller.js';

/** The public portal's server-rendered pages (list, package, verification, sitemap). */
@Module({
  imports: [PublicationModule],
  controllers: [PortalPagesController],
})
export class PortalPagesModule {}
