import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/**
 * The PDF that goes public is rendered ahead of its time: the package points at it, the render
 * records a hash of what it shows (so a change asks for a new one), and a due package that still
 * has no PDF counts its tries and is held back, once, after the last.
 */
export class PublicationPdf1766300000001 implements MigrationInterface {
  name = 'PublicationPdf1766300000001';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    await q.addColumn('package', new TableColumn(t.ref('publishRenderId', true)));
    await q.addColumn('package', new TableColumn(t.int('publishTries', 0)));
    await q.addColumn('package', new TableColumn(t.time('publishBlockedAt', true)));
    await q.addColumn('render', new TableColumn(t.varchar('modelHash', 64, { isNullable: true })));
    await q.createIndex('render', new TableIndex({ name: 'ix_render_package_purpose', columnNames: ['packageId', 'purpose'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('render', 'ix_render_package_purpose');
    await q.dropColumn('render', 'modelHash');
    await q.dropColumn('package', 'publishBlockedAt');
    await q.dropColumn('package', 'publishTries');
    await q.dropColumn('package', 'publishRenderId');
  }
}
