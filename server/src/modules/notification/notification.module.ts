import { Global, Module } from '@nestjs/common';
import { NotificationResolver } from './notification.resolver.js';
import { NotificationService } from './notification.service.js';
import { RemindDeadlineHandler } from './remind-deadline.handler.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { NotificationDeliverHandler } from './notification-deliver.handler.js';

@Global()
@Module({
  providers: [NotificationService, NotificationDeliveryService, NotificationResolver, RemindDeadlineHandler, NotificationDeliverHandler],
  exports: [NotificationService],
})
export class NotificationModule {}
