import { Injectable } from '@nestjs/common';
import type { JobPayloads } from '@zipin/shared';
import { HandlesJob, type JobHandler, type JobRunContext } from '../../jobs/job-handler.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';

@Injectable()
@HandlesJob('notification.deliver')
export class NotificationDeliverHandler implements JobHandler<'notification.deliver'> {
  constructor(private readonly deliveries: NotificationDeliveryService) {}

  async handle(payload: JobPayloads['notification.deliver'], context: JobRunContext): Promise<void> {
    await this.deliveries.deliver(payload.deliveryId, context);
  }
}
