import { SEED_2024_LUKOU_GSL, TEMPLATE_PRESETS } from '@zipin/shared';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, errorCode, packageRow, type World } from '../support/factories.js';

const CREATE = 'mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id template openedAt } }';
const RULES = 'mutation($id: ID!, $i: CampaignRulesInput!) { updateCampaignRules(id: $id, input: $i) { id template } }';
const OPEN = 'mutation($id: ID!) { openCampaign(id: $id) { id openedAt } }';

describe('campaign weights and scoring rules', () => {
  let app: TestApp;
  let w: World;
  const as = (key: string) => w.users[key]!.token;
  // Past fiscal years of their own (one notice per year and bureau), so deadlines ahead of today
  // fall after the year began, as real ones do; two apart, so no notice carries the one before.
  let year = 2000;
  const campaignInput = (template: unknown) => ({
    fiscalYear: (year += 2),
    title: '关于开展绩效自评工作的通知',
    documentNumber: '测财通（2031）9号',
    template,
    submissionDeadline: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    publicationDeadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });

  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildWorld(app);
  });
  afterAll(() => app?.close());

  it('lists the presets, each named after its source', async () => {
    const { templatePresets } = await app.ok<{ templatePresets: { id: string; sourceZh: string; template: { weights: unknown } }[] }>(
      '{ templatePresets { id nameZh sourceZh template } }',
      {},
      as('a.admin'),
    );
    expect(templatePresets.map((p) => p.id).sort()).toEqual(Object.keys(TEMPLATE_PRESETS).sort());
    expect(templatePresets.find((p) => p.id === 'lukou-2024')!.sourceZh).toContain('渌财通（2025）4号');
    expect(templatePresets.find((p) => p.id === 'national-default')!.template.weights).toEqual({ executionRate: '10', output: '50', effect: '30', satisfaction: '10', cost: '0' });
  });

  it('keeps presets and rule edits to the admin', async () => {
    expect(errorCode(await app.gql('{ templatePresets { id } }', {}, as('a1.filler')))).toBe('FORBIDDEN');
    const res = await app.gql(RULES, { id: w.campaigns.a, i: { weights: { output: '40' } } }, as('a.reviewer'));
    expect(errorCode(res)).toBe('FORBIDDEN');
  });

  it.each(Object.keys(TEMPLATE_PRESETS))('creates a campaign from the preset %s, edits its weights while draft, and is refused once opened', async (presetId) => {
    const preset = TEMPLATE_PRESETS[presetId]!;
    const created = (await app.ok<{ createCampaign: { id: string; template: typeof preset } }>(CREATE, { i: campaignInput(presetId) }, as('a.admin'))).createCampaign;
    expect(created.template).toEqual(preset);
    const id = created.id;

    // Weights that do not sum to 100 are refused with the sum named.
    const bad = await app.gql(RULES, { id, i: { weights: { executionRate: '15' } } }, as('a.admin'));
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    const sum = 100 + 15 - Number(preset.weights.executionRate);
    expect(bad.errors![0]!.message).toContain(`各项权重之和为${sum}，必须为100`);

    // A rule parameter outside its range is refused with its name.
    const badRule = await app.gql(RULES, { id, i: { rules: { qualitativeBands: { achievedMin: 50, partialMin: 80 } } } }, as('a.admin'));
    expect(errorCode(badRule)).toBe('VALIDATION_FAILED');
    expect(badRule.errors![0]!.message).toContain('定性指标档次界限');

    const w2 = { ...preset.weights, executionRate: String(Number(preset.weights.executionRate) + 5), output: String(Number(preset.weights.output) - 5) };
    const edited = (await app.ok<{ updateCampaignRules: { template: typeof preset } }>(RULES, { id, i: { weights: w2, rules: { reverseRule: 'LINEAR_DEDUCTION', overshootFlagPercent: 30, overshootDeductionPoints: 2 } } }, as('a.admin')))
      .updateCampaignRules.template;
    expect(edited.weights).toEqual(w2);
    expect(edited.rules).toMatchObject({ reverseRule: 'LINEAR_DEDUCTION', overshootFlagPercent: 30, overshootDeductionPoints: 2, capTotalByExecutionRate: preset.rules.capTotalByExecutionRate });
    const stored = (await app.ok<{ campaign: { template: typeof preset } }>('query($id: ID!) { campaign(id: $id) { template } }', { id }, as('a.admin'))).campaign.template;
    expect(stored).toEqual(edited);

    await app.ok(OPEN, { id }, as('a.admin'));
    const refused = await app.gql(RULES, { id, i: { weights: preset.weights } }, as('a.admin'));
    expect(errorCode(refused)).toBe('NOT_EDITABLE');
    expect(refused.errors![0]!.message).toMatch(/^通知已于\d{4}-\d{2}-\d{2}启动，各单位材料已按当前权重和评分规则生成，评分模板不能再修改/);
    const viaUpdate = await app.gql('mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }', { id, i: { template: presetId } }, as('a.admin'));
    expect(errorCode(viaUpdate)).toBe('NOT_EDITABLE');
    // Other fields of an opened notice stay editable.
    await app.ok('mutation($id: ID!, $i: UpdateCampaignInput!) { updateCampaign(id: $id, input: $i) { id } }', { id, i: { title: '关于开展绩效自评工作的通知（补充）' } }, as('a.admin'));
  });

  it('refuses a rule or weight it does not know, naming it', async () => {
    const id = (await app.ok<{ createCampaign: { id: string } }>(CREATE, { i: campaignInput('national-default') }, as('a.admin'))).createCampaign.id;
    const res = await app.gql(RULES, { id, i: { rules: { reverseRul: 'LINEAR_DEDUCTION' } } }, as('a.admin'));
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.message).toBe('评分模板规则中没有「reverseRul」这一项');
    const w = await app.gql(RULES, { id, i: { weights: { outputs: '50' } } }, as('a.admin'));
    expect(w.errors![0]!.message).toBe('评分模板权重中没有「outputs」这一项');
  });

  it('refuses an unknown preset by name', async () => {
    const res = await app.gql(CREATE, { i: campaignInput('anhui-2099') }, as('a.admin'));
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
    expect(res.errors![0]!.message).toBe('没有名为「anhui-2099」的评分模板预设');
  });

  it('scores a package by its own campaign’s rules: 95.14 by ratio, 93.92 by linear deduction', async () => {
    const totals: Record<string, string> = {};
    for (const reverseRule of ['RATIO', 'LINEAR_DEDUCTION']) {
      const id = (await app.ok<{ createCampaign: { id: string } }>(CREATE, { i: campaignInput('lukou-2024') }, as('a.admin'))).createCampaign.id;
      await app.ok(RULES, { id, i: { rules: { reverseRule } } }, as('a.admin'));
      await app.ok(OPEN, { id }, as('a.admin'));
      const pkg = await app.dataSource.getRepository(PackageEntity).findOneByOrFail({ campaignId: id, unitId: w.units.a1 });
      const v = (await packageRow(app, pkg.id)).version;
      await app.ok('mutation($i: SavePackageInput!) { savePackage(input: $i) { package { id } } }', { i: { packageId: pkg.id, baseVersion: v, document: SEED_2024_LUKOU_GSL } }, as('a1.filler'));
      const { package: p } = await app.ok<{ package: { figures: any; checks: { code: string; messageZh: string }[] } }>(
        'query($id: ID!) { package(id: $id) { figures checks { code messageZh } } }',
        { id: pkg.id },
        as('a1.filler'),
      );
      totals[reverseRule] = p.figures.scores.suggestedTotal;
      const row9 = p.figures.indicators.find((x: { id: string }) => x.id === 'ind-9');
      expect(row9.rule.code).toBe(reverseRule === 'RATIO' ? 'REVERSE_RATIO' : 'REVERSE_LINEAR');
      expect(p.checks.find((c) => c.code === 'TOTAL_DIFFERS_FROM_SUGGESTION')!.messageZh).toBe(`自评总分97分，按评分规则计算为${totals[reverseRule]}分`);
    }
    expect(totals).toEqual({ RATIO: '95.14', LINEAR_DEDUCTION: '93.92' });
  });
});
