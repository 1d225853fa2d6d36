import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/**
 * Sign-in throttling counted atomically per (username, client address) and per address, the
 * flag that makes an account choose its own password after an admin reset, and the audit trail
 * of what admins do to accounts.
 */
export class AccountSecurity1765500000000 implements MigrationInterface {
  name = 'AccountSecurity1765500000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    await q.createTable(
      new Table({
        name: 'login_throttle',
        columns: [
          t.varchar('id', 64, { isPrimary: true }), t.varchar('subject', 64, { isNullable: true }),
          t.int('failures', 0), t.int('inFlight', 0), t.time('attemptAt', true), t.time('lockedUntil', true),
        ],
        indices: [new TableIndex({ name: 'ix_login_throttle_subject', columnNames: ['subject'] })],
      }),
      true,
    );
    await q.addColumn('user_account', new TableColumn(t.bool('mustChangePassword', false)));
    await q.createTable(
      new Table({
        name: 'user_audit_event',
        columns: [
          t.serial('id'), t.ref('bureauId'), t.ref('actorId'), t.ref('subjectUserId', true), t.ref('subjectUnitId', true),
          t.varchar('action', 32), t.text('details', true), t.time('at'),
        ],
        indices: [new TableIndex({ name: 'ix_user_audit_bureau', columnNames: ['bureauId', 'id'] })],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('user_audit_event', true);
    await q.dropColumn('user_account', 'mustChangePassword');
    await q.dropTable('login_throttle', true);
  }
}
