import { TableColumn, Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/** Mail addresses of accounts, and the outbox of notifications sent by mail or to a group robot. */
export class NotificationDelivery1765800000000 implements MigrationInterface {
  name = 'NotificationDelivery1765800000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    await q.addColumn('user_account', new TableColumn(t.varchar('email', 254, { isNullable: true })));
    await q.createTable(
      new Table({
        name: 'notification_delivery',
        columns: [
          t.id(), t.ref('bureauId'), t.ref('notificationId', true), t.ref('userId', true), t.ref('packageId', true),
          t.varchar('channel', 16), t.varchar('recipient', 300), t.varchar('subject', 200), t.text('body'),
          t.varchar('status', 16), t.int('attempts', 0), t.text('lastError', true), t.time('sentAt', true), t.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'ix_delivery_bureau', columnNames: ['bureauId', 'createdAt'] }),
          new TableIndex({ name: 'ix_delivery_status', columnNames: ['status', 'createdAt'] }),
        ],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('notification_delivery', true);
    await q.dropColumn('user_account', 'email');
  }
}
