import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A notice names the official forms it prints (a FormSet of @zipin/shared). Existing notices
 * keep today's forms: the default set, "hunan".
 */
export class CampaignFormSet1765100000000 implements MigrationInterface {
  name = 'CampaignFormSet1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('campaign', new TableColumn({ name: 'formSetId', type: 'varchar', length: '40', isNullable: false, default: "'hunan'" }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('campaign', 'formSetId');
  }
}
