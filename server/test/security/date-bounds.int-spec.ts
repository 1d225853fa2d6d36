/**
 * Every date input is bounded on the server: the DateTime scalar refuses years outside
 * 2000–2100 (year 10000 once became 0000 and published at once); publication times and
 * campaign deadlines must fall between the start of the fiscal year and a few years ahead.
 */
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { getNamedType, isInputObjectType, type GraphQLSchema } from 'graphql';
import { MAX_YEARS_AHEAD, fiscalDateProblem } from '@zipin/shared';
import { TestApp } from '../support/test-app.js';
import { errorCode, packageRow } from '../support/factories.js';
import { approvePackages, buildPublicationWorld, type PubWorld } from '../support/factories-publication.js';

const SCHEDULE = 'mutation($id: ID!, $v: Int!, $at: DateTime) { schedulePublication(packageId: $id, expectedVersion: $v, publishAt: $at) { state publishAt } }';
const yearsAhead = (n: number) => new Date(Date.now() + n * 366 * 86_400_000).toISOString();

describe('date inputs', () => {
  let app: TestApp;
  let w: PubWorld;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
    w = await buildPublicationWorld(app, { units: 1 });
    await approvePackages(app, w, w.packageIds);
  }, 60_000);
  afterAll(() => app?.close());

  it('bounds dates to the fiscal year and a few years ahead (shared rule)', () => {
    const now = new Date('2025-05-01T00:00:00Z');
    expect(fiscalDateProblem(new Date('2025-06-30T01:00:00Z'), 2024, now)).toBeNull();
    expect(fiscalDateProblem(new Date('2023-12-31T00:00:00Z'), 2024, now)?.zh).toContain('不能早于 2024 年度开始');
    expect(fiscalDateProblem(new Date('2028-05-02T00:00:00Z'), 2024, now)?.zh).toContain(`最多 ${MAX_YEARS_AHEAD} 年后`);
    expect(fiscalDateProblem(new Date(Date.UTC(10000, 0, 1)), 2024, now)?.zh).toContain('年份须在 2000–2100 之间');
    expect(fiscalDateProblem(new Date(Number.NaN), 2024, now)?.zh).toBe('日期时间无效');
  });

  it('refuses a year-10000 publication time at the API edge, storing nothing', async () => {
    const id = w.packageIds[0]!;
    const before = await packageRow(app, id);
    for (const at of ['+010000-01-01T00:00:00Z', '10000-01-01T00:00:00Z', '0000-01-01T00:00:00Z', 'not a date']) {
      const res = await app.gql(SCHEDULE, { id, v: before.version, at }, w.admin.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    }
    const literal = await app.gql(`mutation($id: ID!, $v: Int!) { schedulePublication(packageId: $id, expectedVersion: $v, publishAt: "9999-12-31T00:00:00Z") { state } }`, { id, v: before.version }, w.admin.token);
    // A literal is refused during validation, with the same reason.
    expect(errorCode(literal)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.errors![0]!.message).toContain('年份须在 2000–2100 之间');
    const after = await packageRow(app, id);
    expect(after).toMatchObject({ state: 'APPROVED', publishAt: null, version: before.version });
  });

  it('refuses a publication time more than a few years ahead, and accepts one next week', async () => {
    const id = w.packageIds[0]!;
    const row = await packageRow(app, id);
    const far = await app.gql(SCHEDULE, { id, v: row.version, at: yearsAhead(MAX_YEARS_AHEAD + 1) }, w.admin.token);
    expect(errorCode(far)).toBe('PUBLISH_TIME_INVALID');
    expect(far.errors![0]!.message).toContain('不能晚于');
    const ok = await app.gql(SCHEDULE, { id, v: row.version, at: new Date(Date.now() + 7 * 86_400_000).toISOString() }, w.admin.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.schedulePublication.state).toBe('SCHEDULED');
  });

  it('refuses campaign deadlines before the fiscal year or too far ahead, on create and update', async () => {
    const base = { fiscalYear: 2026, title: '通知', documentNumber: '测财通1号', template: 'lukou-2024' };
    const create = (submissionDeadline: string, publicationDeadline: string) =>
      app.gql('mutation($i: CreateCampaignInput!) { createCampaign(input: $i) { id } }', { i: { ...base, submissionDeadline, publicationDeadline } }, w.admin.token);
    const early = await create('2025-06-01T00:00:00Z', yearsAhead(1));
    expect(errorCode(early)).toBe('VALIDATION_FAILED');
    expect(early.errors![0]!.message).toContain('报送截止时间不能早于 2026 年度开始');
    const late = await create(yearsAhead(1), yearsAhead(MAX_YEARS_AHEAD + 2));
    expect(late.errors![0]!.message).toContain('公开截止时间不能晚于');
    const update = await app.gql('mutation($id: ID!, $at: DateTime!) { updateCampaign(id: $id, input: { publicationDeadline: $at }) { id } }', { id: w.campaignId, at: yearsAhead(MAX_YEARS_AHEAD + 2) }, w.admin.token);
    expect(errorCode(update)).toBe('VALIDATION_FAILED');
  });

  it('uses the one bounded DateTime scalar for every date argument and input field', () => {
    const schema: GraphQLSchema = app.get(GraphQLSchemaHost).schema;
    const inputs: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (isInputObjectType(type)) for (const f of Object.values(type.getFields())) if (getNamedType(f.type).name === 'DateTime') inputs.push(`${type.name}.${f.name}`);
    }
    for (const root of [schema.getQueryType(), schema.getMutationType()]) {
      for (const field of Object.values(root!.getFields())) for (const arg of field.args) if (getNamedType(arg.type).name === 'DateTime') inputs.push(`${field.name}(${arg.name})`);
    }
    expect(inputs).toEqual(expect.arrayContaining(['reschedulePublication(publishAt)', 'CreateCampaignInput.submissionDeadline', 'UpdateCampaignInput.publicationDeadline']));
    const scalar = schema.getType('DateTime') as { parseValue(v: unknown): unknown };
    expect(() => scalar.parseValue('+010000-01-01T00:00:00Z')).toThrow(/年份|ISO/);
    expect(scalar.parseValue('2025-06-30T09:00:00+08:00')).toEqual(new Date('2025-06-30T01:00:00Z'));
  });
});
