import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/** Saves remembered by their client-chosen id, so autosave retries are idempotent. */
export class PackageSave1764200000000 implements MigrationInterface {
  name = 'PackageSave1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    await q.createTable(
      new Table({
        name: 'package_save',
        columns: [t.varchar('id', 64, { isPrimary: true }), t.ref('packageId'), t.ref('userId'), t.int('version'), t.time('createdAt')],
        indices: [new TableIndex({ name: 'ix_package_save_package', columnNames: ['packageId'] })],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('package_save', true);
  }
}
