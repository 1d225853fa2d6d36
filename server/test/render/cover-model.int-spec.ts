import { SEED_2024_LUKOU_GSL, type PackageDocument } from '@zipin/shared';
import { repairSeed } from '../../src/demo/demo-documents.js';
import { RenderInputService } from '../../src/modules/render/render-input.service.js';
import { TestApp } from '../support/test-app.js';
import { PACKAGE_FIELDS, TEST_PASSWORD, buildWorld, type World } from '../support/factories.js';

const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { ${PACKAGE_FIELDS} } } }`;
const act = (name: string, extra = '') => `mutation($id: ID!, $v: Int!${extra ? ', $pw: String!' : ''}) { ${name}(packageId: $id, expectedVersion: $v${extra}) { id state version signature { id } } }`;

describe('the cover (封面) the renderer prints', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  const cover = async (revisionId: string | null = null) =>
    (await app.get(RenderInputService).load({ packageId: w.packages.a1, revisionId, draft: revisionId === null })).model.cover;
  const boxes = async (revisionId: string | null = null) => (await cover(revisionId)).opinions.map((o) => [o.titleZh, o.opinion, o.signerName, o.date === null ? null : 'dated']);

  it('fills each opinion box only once its level has given it, never while the package is in progress', async () => {
    const id = w.packages.a1;
    let pkg = (await app.ok<{ savePackage: { package: any } }>(SAVE, { input: { packageId: id, baseVersion: 1, document: repairSeed(SEED_2024_LUKOU_GSL) } }, as('a1.filler'))).savePackage.package;
    const explanations = { ...(pkg.document as PackageDocument).explanations };
    for (const c of pkg.checks) if (c.severity === 'warning' && !c.explained) explanations[c.key] = '已核实。';
    pkg = (await app.ok<{ savePackage: { package: any } }>(SAVE, { input: { packageId: id, baseVersion: pkg.version, document: { ...pkg.document, explanations } } }, as('a1.filler'))).savePackage.package;

    const draft = await cover();
    expect(draft).toMatchObject({ unitName: '甲区工商业联合会', budgetCode: '001', fiscalYear: 2024, evaluationMethod: '单位自评', reportDate: null });
    const empty = [['单位负责人意见', null, null, null], ['财政部门审核意见', null, null, null]];
    expect(await boxes()).toEqual(empty);

    pkg = (await app.ok<any>(act('submitPackage'), { id, v: pkg.version }, as('a1.filler'))).submitPackage;
    expect(await boxes()).toEqual(empty);

    pkg = (await app.ok<any>(act('signPackage', ', password: $pw'), { id, v: pkg.version, pw: TEST_PASSWORD }, as('a1.head'))).signPackage;
    const signedBoxes = [['单位负责人意见', '同意报送', 'a1.head（测试）', 'dated'], ['财政部门审核意见', null, null, null]];
    expect(await boxes()).toEqual(signedBoxes);
    expect((await cover()).reportDate).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);

    pkg = (await app.ok<any>(act('claimPackage'), { id, v: pkg.version }, as('a.reviewer'))).claimPackage;
    expect(await boxes()).toEqual(signedBoxes);

    pkg = (await app.ok<any>(act('approvePackage'), { id, v: pkg.version }, as('a.reviewer'))).approvePackage;
    const approved = [['单位负责人意见', '同意报送', 'a1.head（测试）', 'dated'], ['财政部门审核意见', '审核通过', 'a.reviewer（测试）', 'dated']];
    expect(await boxes()).toEqual(approved);
    // The signed revision (what is published) prints the same boxes once approved.
    const revisions = (await app.ok<{ package: { revisions: { id: string; kind: string }[] } }>('query($id: ID!) { package(id: $id) { revisions { id kind } } }', { id }, as('a.reviewer'))).package.revisions;
    const signedRevision = revisions.find((r) => r.kind === 'SIGN')!.id;
    expect(await boxes(signedRevision)).toEqual(approved);
  });
});
