/**
 * The prepared statements of the hot requests read and write the rows TypeORM's repository
 * reads and writes: same entity class, same Dates, decimals, JSON and nulls, on SQLite and on
 * MariaDB. Each case builds its own world.
 */
import { EDITABLE_STATES } from '@zipin/shared';
import { ByIdReader, GuardedUpdate, RowInsert } from '../../src/database/prepared-statements.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { PackageSaveEntity } from '../../src/modules/package/package-save.entity.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld } from '../support/factories.js';

describe('prepared statements', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('read a package exactly as the repository does, nulls, decimals, dates and JSON included', async () => {
    const w = await buildWorld(app, { login: false });
    const repo = app.dataSource.getRepository(PackageEntity);
    // Give the row a value of every kind: a date, a decimal, a null, a flag list.
    await repo.update({ id: w.packages.a1 }, { lastEditedAt: new Date('2025-03-04T05:06:07.890Z'), executionRate: '87.50', declaredTotal: null, flags: 'LOW_EXECUTION' });
    const reader = new ByIdReader(app.dataSource, PackageEntity);
    const viaRepo = await repo.findOneByOrFail({ id: w.packages.a1 });
    const viaReader = await reader.find(w.packages.a1);
    expect(viaReader).toBeInstanceOf(PackageEntity);
    expect(viaReader).toEqual(viaRepo);
    expect(viaReader!.lastEditedAt).toEqual(new Date('2025-03-04T05:06:07.890Z'));
    expect(viaReader!.executionRate).toBe('87.50');
    expect(viaReader!.declaredTotal).toBeNull();
    expect(await reader.find('no-such-package')).toBeNull();
  });

  it('parse a reused JSON column once per text, and again as soon as the text changes', async () => {
    const w = await buildWorld(app, { login: false });
    const repo = app.dataSource.getRepository(PackageEntity);
    const reader = new ByIdReader(app.dataSource, PackageEntity, { reuseParsed: ['document'] });
    const first = await reader.find(w.packages.a1);
    const again = await reader.find(w.packages.a1);
    // The same text: the same parsed value, and the row otherwise read afresh.
    expect(again!.document).toBe(first!.document);
    expect(again).not.toBe(first);
    expect(again).toEqual(await repo.findOneByOrFail({ id: w.packages.a1 }));
    // Another package's document is its own.
    expect((await reader.find(w.packages.a2))!.document).not.toBe(first!.document);
    const edited = { ...first!.document, selfEvaluation: { ...first!.document.selfEvaluation, goal: { ...first!.document.selfEvaluation.goal, actual: '改过的完成情况' } } };
    await repo.update({ id: w.packages.a1 }, { document: edited, version: first!.version + 1 });
    const changed = await reader.find(w.packages.a1);
    expect(changed!.document).not.toBe(first!.document);
    expect(changed!.document.selfEvaluation.goal.actual).toBe('改过的完成情况');
    expect(changed).toEqual(await repo.findOneByOrFail({ id: w.packages.a1 }));
  });

  it('write a guarded update as the repository would, and nothing when the guard does not hold', async () => {
    const w = await buildWorld(app, { login: false });
    const repo = app.dataSource.getRepository(PackageEntity);
    const update = new GuardedUpdate(app.dataSource, PackageEntity, { column: 'version', inColumn: 'state' });
    const before = await repo.findOneByOrFail({ id: w.packages.a1 });
    const at = new Date('2025-06-01T08:00:00.123Z');
    const document = { ...before.document, selfEvaluation: { ...before.document.selfEvaluation, goal: { ...before.document.selfEvaluation.goal, actual: '完成情况好' } } };
    const changes: Partial<PackageEntity> = { document, executionRate: '66.60', grade: null, lastEditedAt: at, updatedAt: at, version: before.version + 1 };
    const tx = app.get(TransactionService);

    // A stale version, and a state outside the list, change nothing.
    expect(await tx.run((t) => update.run(t.manager, before.id, before.version + 7, changes, EDITABLE_STATES))).toBe(0);
    expect(await tx.run((t) => update.run(t.manager, before.id, before.version, changes, ['APPROVED']))).toBe(0);
    expect(await repo.findOneByOrFail({ id: before.id })).toEqual(before);

    expect(await tx.run((t) => update.run(t.manager, before.id, before.version, changes, EDITABLE_STATES))).toBe(1);
    const after = await repo.findOneByOrFail({ id: before.id });
    expect(after).toEqual({ ...before, ...changes });

    // The same change through the repository on a second package lands the same way.
    const other = await repo.findOneByOrFail({ id: w.packages.a2 });
    await repo.update({ id: other.id }, { ...changes, version: other.version + 1 });
    const viaRepo = await repo.findOneByOrFail({ id: other.id });
    const strip = ({ id: _i, unitId: _u, createdAt: _c, ...rest }: PackageEntity) => rest;
    expect(strip(after)).toEqual({ ...strip(viaRepo), version: after.version });
  });

  it('insert a whole row, and refuse one with a column left out', async () => {
    const w = await buildWorld(app, { login: false });
    const insert = new RowInsert(app.dataSource, PackageSaveEntity);
    const tx = app.get(TransactionService);
    const row = Object.assign(new PackageSaveEntity(), { id: `save-${w.packages.a1}`, packageId: w.packages.a1, userId: w.users['a1.filler']!.id, version: 2, createdAt: new Date('2025-06-01T08:00:00.456Z') });
    await tx.run((t) => insert.run(t.manager, row));
    expect(await app.dataSource.getRepository(PackageSaveEntity).findOneByOrFail({ id: row.id })).toEqual(row);
    const partial = Object.assign(new PackageSaveEntity(), { id: `save2-${w.packages.a1}`, packageId: w.packages.a1, version: 3, createdAt: new Date() });
    await expect(tx.run((t) => insert.run(t.manager, partial))).rejects.toThrow(/userId/);
  });
});
