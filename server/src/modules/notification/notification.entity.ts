import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** An in-app message (站内通知) for the next person who has to act. */
@Entity('notification')
@Index('ix_notification_user', ['userId', 'readAt'])
export class NotificationEntity {
  @IdColumn() id: string;
  @RefColumn() userId: string;
  @RefColumn({ nullable: true }) packageId: string | null;
  @Column({ type: 'varchar', length: 32 }) kind: string;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'text' }) body: string;
  @TimeColumn() createdAt: Date;
  @TimeColumn({ nullable: true }) readAt: Date | null;
}
