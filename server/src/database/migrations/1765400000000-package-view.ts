import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/** The last time each person opened each package for review (修改对比 since their last look). */
export class PackageView1765400000000 implements MigrationInterface {
  name = 'PackageView1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    await q.createTable(
      new Table({
        name: 'package_view',
        columns: [t.id(), t.ref('userId'), t.ref('packageId'), t.ref('revisionId', true), t.int('packageVersion'), t.time('viewedAt')],
        indices: [new TableIndex({ name: 'uq_package_view_user_package', columnNames: ['userId', 'packageId'], isUnique: true })],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('package_view', true);
  }
}
