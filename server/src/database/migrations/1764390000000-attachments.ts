import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/** Evidence files (佐证材料) of packages; the bytes are in the artifact storage. */
export class Attachments1764390000000 implements MigrationInterface {
  name = 'Attachments1764390000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    await q.createTable(
      new Table({
        name: 'attachment',
        columns: [
          t.id(), t.ref('packageId'), t.ref('bureauId'), t.ref('unitId'), t.varchar('indicatorId', 40, { isNullable: true }),
          t.varchar('title', 200), t.varchar('fileName', 200), t.varchar('contentType', 100), t.int('size'), t.varchar('sha256', 64),
          t.varchar('storageKey', 300), t.bool('isPublic', false), t.ref('uploadedById'), t.time('createdAt'),
        ],
        indices: [new TableIndex({ name: 'ix_attachment_package', columnNames: ['packageId', 'createdAt'] })],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('attachment', true);
  }
}
