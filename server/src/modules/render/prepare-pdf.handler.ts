import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@zipin/shared';
import { HandlesJob, type JobHandler } from '../../jobs/job-handler.js';
import { PublicationPdfService } from './publication-pdf.service.js';

@Injectable()
@HandlesJob('package.prepare-pdf')
export class PreparePdfHandler implements JobHandler<'package.prepare-pdf'> {
  constructor(private readonly pdfs: PublicationPdfService) {}

  async handle(payload: JobPayloads['package.prepare-pdf']): Promise<void> {
    await this.pdfs.prepare(payload.packageId);
  }
}
