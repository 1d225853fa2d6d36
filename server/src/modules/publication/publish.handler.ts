import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@zipin/shared';
import { HandlesJob, type JobHandler } from '../../jobs/job-handler.js';
import { PublicationService } from './publication.service.js';

@Injectable()
@HandlesJob('package.publish')
export class PublishHandler implements JobHandler<'package.publish'> {
  constructor(private readonly publications: PublicationService) {}

  async handle(payload: JobPayloads['package.publish']): Promise<void> {
    // A row queued before the batched step carries a package id and no time: it means "now".
    await this.publications.publishDue(typeof payload.dueAtMs === 'number' ? payload.dueAtMs : null, { countTries: payload.countTries !== false });
  }
}
