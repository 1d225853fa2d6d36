import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/**
 * Single sign-on: the identity an admin links an account to (the provider's subject or staff
 * number), how a session was opened, and when its holder last proved presence at the provider
 * (what a unit head's signature made through SSO rests on).
 */
export class SingleSignOn1766500000001 implements MigrationInterface {
  name = 'SingleSignOn1766500000001';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    await q.addColumn('user_account', new TableColumn(t.varchar('externalId', 255, { isNullable: true })));
    await q.createIndex('user_account', new TableIndex({ name: 'ux_user_external_id', columnNames: ['externalId'], isUnique: true }));
    await q.addColumn('session', new TableColumn(t.varchar('method', 16, { default: "'PASSWORD'" })));
    await q.addColumn('session', new TableColumn(t.time('freshAuthAt', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('session', 'freshAuthAt');
    await q.dropColumn('session', 'method');
    await q.dropIndex('user_account', 'ux_user_external_id');
    await q.dropColumn('user_account', 'externalId');
  }
}
