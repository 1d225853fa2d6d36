import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow, CurrentUser } from '../../common/access.decorators.js';
import type { RequestUser } from '../../common/request-context.js';
import { TransactionService } from '../../database/transaction.service.js';
import { NotificationModel } from './models/notification.model.js';
import { NotificationService } from './notification.service.js';

@Resolver(() => NotificationModel)
export class NotificationResolver {
  constructor(
    private readonly notifications: NotificationService,
    private readonly transactions: TransactionService,
  ) {}

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
