import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@zipin/shared';
import { HandlesJob, type JobHandler, type JobRunContext } from '../../jobs/job-handler.js';
import { RenderService } from './render.service.js';

@Injectable()
@HandlesJob('package.render-pdf')
export class RenderPdfHandler implements JobHandler<'package.render-pdf'> {
  constructor(private readonly renders: RenderService) {}

  async handle(payload: JobPayloads['package.render-pdf'], context: JobRunContext): Promise<void> {
    await this.renders.execute(payload.renderId, context);
  }
}
