import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestUser } from '../../common/request-context.js';
import { TransactionService } from '../../database/transaction.service.js';
import { NotificationModel } from './models/notification.model.js';
import { NotificationService } from './notification.service.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { NotificationDeliveryPageModel } from './models/notification-delivery.model.js';
import type { DeliveryStatus } from './notification-delivery.entity.js';

@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(
    private readonly notifications: NotificationService,
    private readonly transactions: TransactionService,
    private readonly deliveries: NotificationDeliveryService,
  ) {}

  @Allow('ADMIN')
  @Query(() => NotificationDeliveryPageModel, { description: "The bureau's outbox of mails and robot posts, newest first." })
  async notificationDeliveries(
    @CurrentUser() user: RequestUser,
    @Args('status', { type: () => String, nullable: true, description: 'PENDING | SENT | FAILED' }) status?: string | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('offset', { type: () => Int, nullable: true }) offset?: number | null,
  ): Promise<NotificationDeliveryPageModel> {
    const wanted = status === 'PENDING' || status === 'SENT' || status === 'FAILED' ? (status as DeliveryStatus) : null;
    const [nodes, totalCount] = await this.deliveries.list(user.bureauId, { status: wanted, first, offset });
    return { nodes, totalCount };
  }

  @Allow()
  @Query(() => [NotificationModel], { description: "The signed-in user's notifications, newest first." })
  inbox(
    @CurrentUser() user: RequestUser,
    @Args('unreadOnly', { nullable: true }) unreadOnly?: boolean,
    @Args('first', { type: () => Int, nullable: true }) first?: number,
  ): Promise<NotificationModel[]> {
    return this.notifications.inbox(user, { unreadOnly, first });
  }

  @Allow()
  @Query(() => Int)
  unreadCount(@CurrentUser() user: RequestUser): Promise<number> {
    return this.notifications.unreadCount(user);
  }

  @Allow()
  @Mutation(() => Int, { description: 'Marks notifications read (all when ids is null); returns how many changed.' })
  markNotificationsRead(@CurrentUser() user: RequestUser, @Args('ids', { type: () => [ID], nullable: true }) ids?: string[] | null): Promise<number> {
    return this.transactions.run((tx) => this.notifications.markRead(tx, user, ids ?? null));
  }
}
