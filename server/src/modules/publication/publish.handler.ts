import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JobPayloads } from '@zipin/shared';
import { HandlesJob, type JobHandler, type JobRunContext } from '../../jobs/job-handler.js';
import { JobEntity } from '../../jobs/job.entity.js';
import { PublicationService } from './publication.service.js';
import { parsePublishJobKey } from './publication-jobs.js';

@Injectable()
@HandlesJob('package.publish')
export class PublishHandler implements JobHandler<'package.publish'> {
  constructor(
    private readonly publications: PublicationService,
    private readonly dataSource: DataSource,
  ) {}

  async handle(payload: JobPayloads['package.publish'], context: JobRunContext): Promise<void> {
    // The schedule this job was queued for is in its fixed id (package.publish.<id>.<ms>).
    const row = await this.dataSource.getRepository(JobEntity).findOne({ where: { id: context.jobId }, select: { id: true, jobKey: true } });
    const parsed = parsePublishJobKey(row?.jobKey);
    const intended = parsed && parsed.packageId === payload.packageId ? parsed.publishAtMs : null;
    await this.publications.publish(payload.packageId, intended, context);
  }
}
