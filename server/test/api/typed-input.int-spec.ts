import { LUKOU_2024_TEMPLATE, type PackageDocument } from '@zipin/shared';
import { explainWarnings, repairSeed } from '../../src/demo/demo-documents.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, errorCode, packageRow, type World } from '../support/factories.js';

const PASSING = explainWarnings(repairSeed(), LUKOU_2024_TEMPLATE, { fiscalYear: 2024 });
const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version document summary { canSubmit errorCount } checks { code severity paths messageZh } } } }';
const SUBMIT = 'mutation($id: ID!, $v: Int!) { submitPackage(packageId: $id, expectedVersion: $v) { version } }';
const P = 'basicData.publicFunds.total.currentFinal';

describe('what a filler typed is stored as typed, never as another number', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  const clone = (): PackageDocument => structuredClone(PASSING);
  const save = async (document: unknown) => {
    const v = (await packageRow(app, w.packages.a1)).version;
    return app.gql<{ savePackage: { package: any } }>(SAVE, { i: { packageId: w.packages.a1, baseVersion: v, document } }, as('a1.filler'));
  };

  it('keeps a typo as text beside an empty field, reports it, and refuses submission', async () => {
    const doc = clone();
    doc.basicData.publicFunds.total.currentFinal = null;
    doc.invalidInputs = { [P]: '1O5.2' };
    const res = await save(doc);
    expect(res.errors).toBeUndefined();
    const pkg = res.data!.savePackage.package;
    expect(pkg.summary.canSubmit).toBe(false);
    const hit = pkg.checks.find((c: any) => c.code === 'INPUT_NOT_A_NUMBER');
    expect(hit).toMatchObject({ severity: 'error', paths: [P] });
    expect(hit.messageZh).toContain('「1O5.2」');
    // The database row holds the text and no number for the field.
    const row = await packageRow(app, w.packages.a1);
    expect(row.document.invalidInputs).toEqual({ [P]: '1O5.2' });
    expect(row.document.basicData.publicFunds.total.currentFinal).toBeNull();
    expect(errorCode(await app.gql(SUBMIT, { id: w.packages.a1, v: row.version }, as('a1.filler')))).toBe('CHECKS_BLOCK_SUBMISSION');
  });

  it.each([
    ['the typo in the money cell itself', (d: any) => (d.basicData.publicFunds.total.currentFinal = '1O5.2')],
    ['a JSON number where a decimal string belongs', (d: any) => (d.basicData.publicFunds.total.currentFinal = 105.2)],
    ['a prefix of the typo next to the kept text', (d: any) => ((d.basicData.publicFunds.total.currentFinal = '1'), (d.invalidInputs = { [P]: '1O5.2' }))],
    ['kept text on a text field', (d: any) => (d.invalidInputs = { 'basicData.austerityMeasures': 'x' })],
  ])('refuses a save with %s, and stores nothing', async (_what, edit) => {
    const before = await packageRow(app, w.packages.a1);
    const doc = clone() as any;
    edit(doc);
    const res = await save(doc);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.message).toMatch(/公用经费|厉行节约/);
    const after = await packageRow(app, w.packages.a1);
    expect(after.version).toBe(before.version);
  });

  it('submits once the typo is corrected', async () => {
    const res = await save(clone());
    const pkg = res.data!.savePackage.package;
    expect(pkg.document.invalidInputs).toBeUndefined();
    expect(pkg.summary.canSubmit).toBe(true);
    expect(errorCode(await app.gql(SUBMIT, { id: w.packages.a1, v: pkg.version }, as('a1.filler')))).toBeUndefined();
  });
});
