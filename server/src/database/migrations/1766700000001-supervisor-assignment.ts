import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/** A unit's packages may be assigned in advance to one of its 主管部门's reviewers, as they are to a bureau reviewer. */
export class SupervisorAssignment1766700000001 implements MigrationInterface {
  name = 'SupervisorAssignment1766700000001';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    await q.addColumn('unit', new TableColumn(t.ref('supervisorReviewerId', true)));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('unit', 'supervisorReviewerId');
  }
}
