import { SEED_2024_LUKOU_GSL } from '@zipin/shared';
import { CampaignEntity } from '../../src/modules/campaign/campaign.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, packageRow, type World } from '../support/factories.js';
import { cellWithText, download, readWorkbook, upload } from './excel-helpers.js';

const SAVE = 'mutation($i: SavePackageInput!) { savePackage(input: $i) { package { version } } }';
const CREATE = 'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id formSetId } }';
const fields = (fiscalYear: number) => ({
  fiscalYear,
  title: '关于开展绩效自评工作的通知',
  documentNumber: '1号',
  template: 'lukou-2024',
  submissionDeadline: '2027-05-31T10:00:00Z',
  publicationDeadline: '2027-06-30T01:00:00Z',
});

/** A notice chooses the official forms it prints (a form set); the workbook follows it. */
describe('the campaign’s form set', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  it('defaults to today’s Hunan forms and accepts only a known form set', async () => {
    const existing = await app.ok<{ campaign: { formSetId: string } }>('query($id: ID!) { campaign(id: $id) { formSetId } }', { id: w.campaigns.a }, as('a.admin'));
    expect(existing.campaign.formSetId).toBe('hunan');
    const created = await app.ok<{ createCampaign: { formSetId: string } }>(CREATE, { i: { ...fields(2030), formSetId: 'hunan-provincial' } }, as('a.admin'));
    expect(created.createCampaign.formSetId).toBe('hunan-provincial');
    const unknown = await app.gql(CREATE, { i: { ...fields(2031), formSetId: 'no-such-forms' } }, as('a.admin'));
    expect(unknown.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
    expect(unknown.errors?.[0]?.message).toContain('表样「no-such-forms」不存在');
  });

  it('refuses to change the forms of a notice already opened', async () => {
    const res = await app.gql('mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }', { id: w.campaigns.a, i: { formSetId: 'hunan-provincial' } }, as('a.admin'));
    expect(res.errors?.[0]?.message).toContain('表样不能再修改');
  });

  it('exports and reads back the workbook in the campaign’s variant (省级专项资金, 部门（单位）名称)', async () => {
    await app.dataSource.getRepository(CampaignEntity).update({ id: w.campaigns.a }, { formSetId: 'hunan-provincial' });
    const doc = structuredClone(SEED_2024_LUKOU_GSL);
    doc.basicData.projects.specialFunds = [{ id: 'sf-1', name: '招商引资专项', previousFinal: null, currentBudget: '12.5', currentFinal: '12.4999' }];
    const v = (await packageRow(app, w.packages.a1)).version;
    await app.ok(SAVE, { i: { packageId: w.packages.a1, baseVersion: v, document: doc } }, as('a1.filler'));
    const file = (await download(app, `/api/packages/${w.packages.a1}/export.xlsx`, as('a1.filler'))).body;
    const wb = await readWorkbook(file);
    expect(cellWithText(wb.getWorksheet('基础数据表')!, '3、省级专项资金（一个专项一行）')).toBeDefined();
    expect(wb.getWorksheet('绩效自评表')!.getCell('A2').value).toBe('部门（单位）名称');
    const res = await upload(app, `/api/packages/${w.packages.a1}/import.xlsx?dryRun=true`, as('a1.filler'), file);
    expect(res.status).toBe(200);
    expect(res.body.changedFields).toEqual([]);
    expect(res.body.imported).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'basicData.projects.specialFunds[sf-1].currentFinal', value: '12.4999' })]));
  });
});
