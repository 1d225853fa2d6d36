import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnKinds } from './1764100000000-initial-schema.js';

/**
 * Review as bureaus run it: a unit's 主管部门 and the reviewer its packages go to, a campaign's
 * 主管部门 stage and 会签, a package's assignees (a claim that sticks) and concurrence, the
 * opinions each level puts on the record, and a bureau's common opinion phrases.
 */
export class ReviewStages1766100000001 implements MigrationInterface {
  name = 'ReviewStages1766100000001';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    // SUBMITTED_TO_SUPERVISOR is longer than the 20 characters states had. SQLite does not hold a
    // VARCHAR to its length, so only MySQL/MariaDB need the wider columns.
    if (q.connection.driver.options.type === 'mysql') {
      await q.query('ALTER TABLE `package` MODIFY `state` varchar(32) NOT NULL');
      await q.query('ALTER TABLE `audit_event` MODIFY `fromState` varchar(32) NULL, MODIFY `toState` varchar(32) NULL');
    }
    await q.addColumns('unit', [new TableColumn(t.ref('supervisorUnitId', true)), new TableColumn(t.ref('reviewerId', true))]);
    await q.createIndex('unit', new TableIndex({ name: 'ix_unit_supervisor', columnNames: ['supervisorUnitId'] }));
    await q.addColumns('campaign', [new TableColumn(t.bool('supervisorStage', false)), new TableColumn(t.bool('requiresConcurrence', false))]);
    await q.addColumns('package', [
      new TableColumn(t.ref('supervisorUnitId', true)),
      new TableColumn(t.ref('assigneeId', true)),
      new TableColumn(t.ref('supervisorAssigneeId', true)),
      new TableColumn(t.ref('concurredById', true)),
    ]);
    await q.createIndex('package', new TableIndex({ name: 'ix_package_supervisor_state', columnNames: ['supervisorUnitId', 'state'] }));
    await q.createIndex('package', new TableIndex({ name: 'ix_package_assignee_state', columnNames: ['assigneeId', 'state'] }));
    await q.addColumn('bureau', new TableColumn(t.text('opinionPhrases', true)));
    await q.createTable(
      new Table({
        name: 'package_opinion',
        columns: [
          t.id(), t.ref('packageId'), t.varchar('kind', 20), t.text('opinion', true), t.ref('signerId'), t.varchar('signerName', 100),
          t.varchar('signerUnitName', 200, { default: "''" }), t.time('signedAt'), { name: 'auditEventId', type: 'int', isNullable: true },
          t.time('voidedAt', true), t.varchar('voidReason', 200, { isNullable: true }),
        ],
        indices: [new TableIndex({ name: 'ix_opinion_package', columnNames: ['packageId', 'signedAt'] })],
      }),
      true,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('package_opinion', true);
    await q.dropColumn('bureau', 'opinionPhrases');
    await q.dropIndex('package', 'ix_package_assignee_state');
    await q.dropIndex('package', 'ix_package_supervisor_state');
    for (const c of ['concurredById', 'supervisorAssigneeId', 'assigneeId', 'supervisorUnitId']) await q.dropColumn('package', c);
    for (const c of ['requiresConcurrence', 'supervisorStage']) await q.dropColumn('campaign', c);
    await q.dropIndex('unit', 'ix_unit_supervisor');
    for (const c of ['reviewerId', 'supervisorUnitId']) await q.dropColumn('unit', c);
    if (q.connection.driver.options.type === 'mysql') {
      await q.query('ALTER TABLE `audit_event` MODIFY `fromState` varchar(20) NULL, MODIFY `toState` varchar(20) NULL');
      await q.query('ALTER TABLE `package` MODIFY `state` varchar(20) NOT NULL');
    }
  }
}
