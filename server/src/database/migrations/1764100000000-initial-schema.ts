import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

/**
 * The first schema, written once for both drivers: MySQL/MariaDB get LONGTEXT documents and
 * millisecond DATETIMEs, SQLite its own spellings of the same.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const t = columnKinds(q);
    const table = async (name: string, columns: TableColumnOptions[], indices: TableIndex[] = []) => {
      await q.createTable(new Table({ name, columns, indices }), true);
    };

    await table('bureau', [
      t.id(), t.varchar('code', 32, { isUnique: true }), t.varchar('name', 100), t.varchar('region', 100),
      t.varchar('portalName', 200, { default: "''" }), t.createdAt(),
    ]);
    await table('unit', [
      t.id(), t.ref('bureauId'), t.varchar('code', 32), t.varchar('name', 200), t.varchar('category', 50, { default: "''" }),
      t.bool('active', true), t.createdAt(),
    ], [new TableIndex({ name: 'uq_unit_bureau_code', columnNames: ['bureauId', 'code'], isUnique: true })]);
    await table('user_account', [
      t.id(), t.varchar('username', 64, { isUnique: true }), t.varchar('displayName', 100), t.varchar('passwordHash', 255),
      t.varchar('role', 16), t.ref('bureauId'), t.ref('unitId', true), t.varchar('phone', 32, { default: "''" }),
      t.bool('active', true), t.int('failedLogins', 0), t.time('lockedUntil', true), t.createdAt(),
    ], [new TableIndex({ name: 'ix_user_unit', columnNames: ['unitId'] })]);
    await table('session', [
      t.varchar('id', 64, { isPrimary: true }), t.ref('userId'), t.time('createdAt'), t.time('expiresAt'),
    ], [new TableIndex({ name: 'ix_session_user', columnNames: ['userId'] })]);
    await table('campaign', [
      t.id(), t.ref('bureauId'), t.int('fiscalYear'), t.varchar('title', 200), t.varchar('documentNumber', 100),
      t.longText('template'), t.time('submissionDeadline'), t.time('publicationDeadline'), t.varchar('timezone', 64),
      t.time('openedAt', true), t.createdAt(),
    ], [new TableIndex({ name: 'uq_campaign_bureau_year', columnNames: ['bureauId', 'fiscalYear'], isUnique: true })]);
    await table('package', [
      t.id(), t.ref('campaignId'), t.ref('unitId'), t.ref('bureauId'), t.int('fiscalYear'), t.varchar('state', 20),
      t.int('version', 1), t.longText('document'),
      t.int('errorCount', 0), t.int('warningCount', 0), t.int('unexplainedWarningCount', 0),
      t.decimal('executionRate', 7, 2), t.decimal('declaredTotal', 7, 2), t.decimal('suggestedTotal', 7, 2),
      t.varchar('grade', 4, { isNullable: true }), t.varchar('flags', 255, { default: "''" }),
      t.ref('claimedById', true), t.ref('lastEditedById', true), t.time('lastEditedAt', true), t.time('submittedAt', true),
      t.ref('signatureId', true), t.time('approvedAt', true), t.time('publishAt', true), t.time('publishedAt', true),
      t.ref('publicationId', true), t.ref('returnedRevisionId', true), t.createdAt(), t.updatedAt(),
    ], [
      new TableIndex({ name: 'uq_package_campaign_unit', columnNames: ['campaignId', 'unitId'], isUnique: true }),
      new TableIndex({ name: 'ix_package_bureau_state', columnNames: ['bureauId', 'state'] }),
      new TableIndex({ name: 'ix_package_campaign_state', columnNames: ['campaignId', 'state'] }),
      new TableIndex({ name: 'ix_package_state_publish_at', columnNames: ['state', 'publishAt'] }),
    ]);
    await table('package_revision', [
      t.id(), t.ref('packageId'), t.int('seq'), t.int('packageVersion'), t.varchar('kind', 16), t.longText('document'),
      t.varchar('documentHash', 64), t.ref('createdById', true), t.time('createdAt'),
    ], [new TableIndex({ name: 'uq_revision_package_seq', columnNames: ['packageId', 'seq'], isUnique: true })]);
    await table('audit_event', [
      t.serial('id'),
      t.ref('packageId'), t.ref('actorId', true), t.varchar('actorRole', 16), t.varchar('action', 32),
      t.varchar('fromState', 20, { isNullable: true }), t.varchar('toState', 20, { isNullable: true }),
      t.text('reason', true), t.longText('details', true), t.time('at'),
    ], [new TableIndex({ name: 'ix_audit_package', columnNames: ['packageId', 'id'] })]);
    await table('package_comment', [
      t.id(), t.ref('packageId'), t.ref('parentId', true), t.varchar('path', 300), t.text('body'), t.ref('authorId'),
      t.varchar('authorRole', 16), { name: 'auditEventId', type: 'int', isNullable: true }, t.time('createdAt'),
      t.time('resolvedAt', true), t.ref('resolvedById', true),
    ], [new TableIndex({ name: 'ix_comment_package', columnNames: ['packageId'] })]);
    await table('signature', [
      t.id(), t.ref('packageId'), t.ref('revisionId'), t.ref('signerId'), t.varchar('signerName', 100), t.time('signedAt'),
      t.varchar('documentHash', 64), t.varchar('pdfHash', 64, { isNullable: true }), t.varchar('pdfKey', 300, { isNullable: true }),
      t.time('voidedAt', true), t.varchar('voidReason', 200, { isNullable: true }),
    ], [
      new TableIndex({ name: 'ix_signature_package', columnNames: ['packageId'] }),
      new TableIndex({ name: 'ix_signature_document_hash', columnNames: ['documentHash'] }),
      new TableIndex({ name: 'ix_signature_pdf_hash', columnNames: ['pdfHash'] }),
    ]);
    await table('notification', [
      t.id(), t.ref('userId'), t.ref('packageId', true), t.varchar('kind', 32), t.varchar('title', 200), t.text('body'),
      t.time('createdAt'), t.time('readAt', true),
    ], [new TableIndex({ name: 'ix_notification_user', columnNames: ['userId', 'readAt'] })]);
    await table('render', [
      t.id(), t.ref('packageId'), t.ref('revisionId', true), t.varchar('purpose', 16), t.varchar('status', 16),
      t.int('progress', 0), t.text('error', true), t.varchar('artifactKey', 300, { isNullable: true }),
      t.varchar('sha256', 64, { isNullable: true }), { name: 'byteSize', type: 'int', isNullable: true },
      { name: 'pageCount', type: 'int', isNullable: true }, t.ref('requestedById', true), t.time('createdAt'), t.time('finishedAt', true),
    ], [new TableIndex({ name: 'ix_render_package', columnNames: ['packageId'] })]);
    await table('publication', [
      t.id(), t.ref('packageId'), t.ref('bureauId'), t.ref('unitId'), t.int('fiscalYear'), t.varchar('unitName', 200),
      t.ref('revisionId'), t.ref('signatureId', true), t.ref('renderId'), t.varchar('pdfKey', 300), t.varchar('pdfSha256', 64),
      t.time('publishedAt'), t.time('retractedAt', true), t.text('retractReason', true),
    ], [
      new TableIndex({ name: 'ix_publication_package', columnNames: ['packageId'] }),
      new TableIndex({ name: 'ix_publication_published_at', columnNames: ['publishedAt'] }),
      new TableIndex({ name: 'ix_publication_pdf_hash', columnNames: ['pdfSha256'] }),
    ]);
    await table('job', [
      t.id(), t.varchar('name', 64), t.longText('payload'), t.varchar('jobKey', 200, { isNullable: true, isUnique: true }),
      t.varchar('status', 16), t.time('runAt'), t.int('attempts', 0), t.int('maxAttempts'), t.int('backoffMs'),
      t.text('lastError', true), t.time('lockedUntil', true), t.time('createdAt'), t.time('finishedAt', true),
    ], [new TableIndex({ name: 'ix_job_status_run_at', columnNames: ['status', 'runAt'] })]);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of ['job', 'publication', 'render', 'notification', 'signature', 'package_comment', 'audit_event',
      'package_revision', 'package', 'campaign', 'session', 'user_account', 'unit', 'bureau']) {
      await q.dropTable(name, true);
    }
  }
}

/** Physical column spellings per driver, so each migration is written once. */
export function columnKinds(q: QueryRunner) {
  const mysql = q.connection.driver.options.type === 'mysql';
  const now = mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f', 'now'))";
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true }),
    /** SQLite only auto-increments an INTEGER PRIMARY KEY. */
    serial: (name: string): TableColumnOptions => ({ name, type: mysql ? 'int' : 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
    ref: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable }),
    varchar: (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'varchar', length: String(length), ...extra }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    longText: (name: string, nullable = false): TableColumnOptions => ({ name, type: mysql ? 'longtext' : 'text', isNullable: nullable }),
    int: (name: string, dflt?: number): TableColumnOptions => ({ name, type: 'int', ...(dflt === undefined ? {} : { default: dflt }) }),
    bool: (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: dflt ? 1 : 0 }),
    decimal: (name: string, precision: number, scale: number): TableColumnOptions => ({ name, type: 'decimal', precision, scale, isNullable: true }),
    time: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: mysql ? 3 : undefined, isNullable: nullable }),
    createdAt: (): TableColumnOptions => ({ name: 'createdAt', type: 'datetime', precision: mysql ? 3 : undefined, default: now }),
    updatedAt: (): TableColumnOptions => ({
      name: 'updatedAt', type: 'datetime', precision: mysql ? 3 : undefined, default: now,
      ...(mysql ? { onUpdate: 'CURRENT_TIMESTAMP(3)' } : {}),
    }),
  };
}
