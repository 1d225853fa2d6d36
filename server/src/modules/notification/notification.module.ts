import { Global, Module } from '@nestjs/common';
import { NotificationResolver } from './notification.resolver.js';
import { NotificationService } from './notification.service.js';
import { RemindDeadlineHandler } from './remind-deadline.handler.js';

@Global()
@Module({ providers: [NotificationService, NotificationResolver, RemindDeadlineHandler], exports: [NotificationService] })
export class NotificationModule {}
