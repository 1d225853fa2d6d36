import { Global, Module } from '@nestjs/common';
import { AttachmentController } from './attachment.controller.js';
import { AttachmentResolver, PackageAttachmentsResolver } from './attachment.resolver.js';
import { AttachmentService } from './attachment.service.js';

/**
 * Evidence attachments (佐证材料). Global so the render module can list a package's attachments
 * (AttachmentService.listForPackage) for the PDF's index without importing this module.
 */
@Global()
@Module({
  controllers: [AttachmentController],
  providers: [AttachmentService, AttachmentResolver, PackageAttachmentsResolver],
  exports: [AttachmentService],
})
export class AttachmentModule {}
