import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

export type DeliveryChannel = 'MAIL' | 'WEBHOOK';
export type DeliveryStatus = 'PENDING' | 'SENT' | 'FAILED';

/**
 * The outbox of a notification sent outside the app: one row per mail (per recipient) or per
 * group-robot post, written in the transaction that caused the notification and delivered by
 * the `notification.deliver` job, which marks it SENT (so a retry never sends it twice).
 */
@Entity('notification_delivery')
@Index('ix_delivery_bureau', ['bureauId', 'createdAt'])
@Index('ix_delivery_status', ['status', 'createdAt'])
export class NotificationDeliveryEntity {
  @IdColumn() id: string;
  @RefColumn() bureauId: string;
  @RefColumn({ nullable: true }) notificationId: string | null;
  @RefColumn({ nullable: true }) userId: string | null;
  @RefColumn({ nullable: true }) packageId: string | null;
  @Column({ type: 'varchar', length: 16 }) channel: DeliveryChannel;
  /** A mail address, or the robot's URL with its token cut off. */
  @Column({ type: 'varchar', length: 300 }) recipient: string;
  @Column({ type: 'varchar', length: 200 }) subject: string;
  @Column({ type: 'text' }) body: string;
  @Column({ type: 'varchar', length: 16 }) status: DeliveryStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ type: 'text', nullable: true }) lastError: string | null;
  @TimeColumn({ nullable: true }) sentAt: Date | null;
  @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
}
