/**
 * A 主管部门 in bureau A of the test world: 甲区教育局 (a2) with a school under it (甲区第一中学),
 * the school's filler and head, and two 主管部门 reviewers; and, in bureau B, a second 主管部门 with
 * its own reviewer. Built through the services, signed in through the API.
 */
import { SEED_2024_LUKOU_GSL, type PackageDocument, type Role } from '@zipin/shared';
import { repairSeed } from '../../src/demo/demo-documents.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { CampaignService } from '../../src/modules/campaign/campaign.service.js';
import { OrgService } from '../../src/modules/org/org.service.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import type { TestApp } from '../support/test-app.js';
import { PACKAGE_FIELDS, TEST_PASSWORD, buildWorld, type World, type WorldUser } from '../support/factories.js';

export interface SupervisedWorld extends World {
  school: { unitId: string; packageId: string };
  /** A unit of bureau B under bureau B's 主管部门 (b1), for scope checks. */
  otherSchool: { unitId: string; packageId: string };
}

let seq = 0;

export async function buildSupervisedWorld(app: TestApp): Promise<SupervisedWorld> {
  const w = await buildWorld(app);
  const org = app.get(OrgService);
  const campaigns = app.get(CampaignService);
  const tag = `${process.pid.toString(36)}s${(seq++).toString(36)}`;
  const made = await app.get(TransactionService).run(async (tx) => {
    const school = await org.createUnit(tx, { bureauId: w.bureaus.a, code: '101', name: '甲区第一中学', category: '事业单位' });
    const otherSchool = await org.createUnit(tx, { bureauId: w.bureaus.b, code: '101', name: '乙县第一中学', category: '事业单位' });
    const users: Omit<WorldUser, 'token'>[] = [];
    const make = async (key: string, role: Role, bureauId: string, unitId: string) => {
      const username = `${key}.${tag}`;
      const u = await org.createUser(tx, { username, displayName: `${key}（测试）`, password: TEST_PASSWORD, role, bureauId, unitId });
      users.push({ key, id: u.id, username, role, unitId, bureauId });
    };
    await make('s1.filler', 'FILLER', w.bureaus.a, school.id);
    await make('s1.head', 'UNIT_HEAD', w.bureaus.a, school.id);
    await make('a2.supervisor', 'SUPERVISOR', w.bureaus.a, w.units.a2);
    await make('a2.supervisor2', 'SUPERVISOR', w.bureaus.a, w.units.a2);
    await make('b1.supervisor', 'SUPERVISOR', w.bureaus.b, w.units.b1);
    await make('bs.filler', 'FILLER', w.bureaus.b, otherSchool.id);
    await make('bs.head', 'UNIT_HEAD', w.bureaus.b, otherSchool.id);
    await campaigns.open(tx, w.bureaus.a, w.campaigns.a);
    await campaigns.open(tx, w.bureaus.b, w.campaigns.b);
    const pkgs = tx.manager.getRepository(PackageEntity);
    return {
      users,
      school: { unitId: school.id, packageId: (await pkgs.findOneByOrFail({ unitId: school.id })).id },
      otherSchool: { unitId: otherSchool.id, packageId: (await pkgs.findOneByOrFail({ unitId: otherSchool.id })).id },
    };
  });
  for (const u of made.users) w.users[u.key] = { ...u, token: await app.login(u.username, TEST_PASSWORD) };
  // The admins place the schools under their 主管部门 and turn the stage on, through the API.
  const place = 'mutation($u: ID!, $s: ID) { setUnitSupervisor(unitId: $u, supervisorUnitId: $s) { id supervisorUnitId } }';
  await app.ok(place, { u: made.school.unitId, s: w.units.a2 }, w.users['a.admin']!.token);
  await app.ok(place, { u: made.otherSchool.unitId, s: w.units.b1 }, w.users['b.admin']!.token);
  const stageOn = 'mutation($id: ID!) { updateCampaign(id: $id, input: { supervisorStage: true }) { id supervisorStage } }';
  await app.ok(stageOn, { id: w.campaigns.a }, w.users['a.admin']!.token);
  await app.ok(stageOn, { id: w.campaigns.b }, w.users['b.admin']!.token);
  return { ...w, school: made.school, otherSchool: made.otherSchool };
}

const SAVE = `mutation($input: SavePackageInput!) { savePackage(input: $input) { package { ${PACKAGE_FIELDS} } } }`;

/** The filler saves the repaired seed with every warning explained: the package can be submitted. */
export async function fillSubmittable(app: TestApp, packageId: string, fillerToken: string, baseVersion: number): Promise<{ version: number; document: PackageDocument }> {
  let pkg = (await app.ok<{ savePackage: { package: any } }>(SAVE, { input: { packageId, baseVersion, document: repairSeed(SEED_2024_LUKOU_GSL) } }, fillerToken)).savePackage.package;
  const explanations = { ...(pkg.document as PackageDocument).explanations };
  for (const c of pkg.checks) if (c.severity === 'warning' && !c.explained) explanations[c.key] = '已核实：原因见自评报告第七部分。';
  pkg = (await app.ok<{ savePackage: { package: any } }>(SAVE, { input: { packageId, baseVersion: pkg.version, document: { ...pkg.document, explanations } } }, fillerToken)).savePackage.package;
  if (!pkg.summary.canSubmit) throw new Error('the test document should be submittable');
  return { version: pkg.version, document: pkg.document };
}

export async function saveDocument(app: TestApp, packageId: string, fillerToken: string, baseVersion: number, document: PackageDocument): Promise<number> {
  return (await app.ok<{ savePackage: { package: any } }>(SAVE, { input: { packageId, baseVersion, document } }, fillerToken)).savePackage.package.version;
}
