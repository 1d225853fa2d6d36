/**
 * Test data for rendering and publication: a bureau with N units, an opened campaign, and
 * helpers that put packages where publication starts (APPROVED with a signed revision of the
 * seed document), written directly as set-up, never through the API under test.
 */
import { createHash } from 'node:crypto';
import { LUKOU_2024_TEMPLATE, SEED_2024_LUKOU_GSL, canonicalJson, type PackageDocument, type Role } from '@zipin/shared';
import { newId } from '../../src/database/columns.js';
import { TransactionService } from '../../src/database/transaction.service.js';
import { CampaignService } from '../../src/modules/campaign/campaign.service.js';
import { OrgService } from '../../src/modules/org/org.service.js';
import { PackageRevisionEntity } from '../../src/modules/package/package-revision.entity.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import { AuditEventEntity } from '../../src/modules/workflow/audit-event.entity.js';
import { SignatureEntity } from '../../src/modules/workflow/signature.entity.js';
import type { TestApp } from './test-app.js';

export const PUB_PASSWORD = 'Passw0rd-pub';
const DAY = 86_400_000;
let seq = 0;

export interface PubUser {
  id: string;
  username: string;
  role: Role;
  token: string;
}

export interface PubWorld {
  bureauId: string;
  campaignId: string;
  unitIds: string[];
  packageIds: string[];
  admin: PubUser;
  reviewer: PubUser;
  /** Filler and unit head of the first unit; outsider is a filler of another bureau. */
  filler: PubUser;
  head: PubUser;
  outsider: PubUser;
}

/** A 区 bureau (so forms say 区级) with `units` units, each with a package in an opened 2024 campaign. */
export async function buildPublicationWorld(app: TestApp, options: { units?: number; login?: boolean; publicationDeadline?: Date } = {}): Promise<PubWorld> {
  const org = app.get(OrgService);
  const campaigns = app.get(CampaignService);
  const tag = `p${process.pid.toString(36)}${(seq++).toString(36)}${Date.now().toString(36).slice(-4)}`;
  const plan = await app.get(TransactionService).run(async (tx) => {
    const bureau = await org.createBureau(tx, { code: `PB${tag}`, name: '测试区财政局', region: '测试区', portalName: '测试区人民政府门户网' });
    const other = await org.createBureau(tx, { code: `PO${tag}`, name: '他县财政局', region: '他县' });
    const unitIds: string[] = [];
    for (let i = 0; i < (options.units ?? 1); i++) {
      const unit = await org.createUnit(tx, { bureauId: bureau.id, code: `U${String(i).padStart(4, '0')}`, name: i === 0 ? '测试区工商业联合会' : `测试区第${i + 1}预算单位`, category: '群团组织' });
      unitIds.push(unit.id);
    }
    const otherUnit = await org.createUnit(tx, { bureauId: other.id, code: 'X0001', name: '他县教育局', category: '行政单位' });
    const mk = async (key: string, role: Role, bureauId: string, unitId: string | null, displayName: string) => {
      const username = `${key}.${tag}`;
      const u = await org.createUser(tx, { username, displayName, password: PUB_PASSWORD, role, bureauId, unitId });
      return { id: u.id, username, role, token: '' };
    };
    const users = {
      admin: await mk('admin', 'ADMIN', bureau.id, null, '管理员（测试）'),
      reviewer: await mk('reviewer', 'REVIEWER', bureau.id, null, '审核人（测试）'),
      filler: await mk('filler', 'FILLER', bureau.id, unitIds[0]!, '填表人（测试）'),
      head: await mk('head', 'UNIT_HEAD', bureau.id, unitIds[0]!, '负责人（测试）'),
      outsider: await mk('outsider', 'FILLER', other.id, otherUnit.id, '他县填表人'),
    };
    const campaign = await campaigns.create(tx, bureau.id, {
      fiscalYear: 2024,
      title: '关于开展2024年度绩效自评工作的通知',
      documentNumber: '测财通（2025）4号',
      template: LUKOU_2024_TEMPLATE,
      submissionDeadline: new Date(Date.now() + 10 * DAY),
      publicationDeadline: options.publicationDeadline ?? new Date(Date.now() + 30 * DAY),
      timezone: 'Asia/Shanghai',
    });
    await campaigns.open(tx, bureau.id, campaign.id);
    const pkgs = await tx.manager.getRepository(PackageEntity).findBy({ campaignId: campaign.id });
    const byUnit = new Map(pkgs.map((p) => [p.unitId, p.id]));
    return { bureauId: bureau.id, campaignId: campaign.id, unitIds, packageIds: unitIds.map((u) => byUnit.get(u)!), users };
  });
  const login = async (u: PubUser) => ({ ...u, token: options.login === false ? '' : await app.login(u.username, PUB_PASSWORD) });
  return {
    bureauId: plan.bureauId,
    campaignId: plan.campaignId,
    unitIds: plan.unitIds,
    packageIds: plan.packageIds,
    admin: await login(plan.users.admin),
    reviewer: await login(plan.users.reviewer),
    filler: await login(plan.users.filler),
    head: await login(plan.users.head),
    outsider: await login(plan.users.outsider),
  };
}

/**
 * The seed as a unit would have corrected it before sign-off: the errors the checks find in the
 * published original (a range as an actual value, full marks on overrun cost rows with no
 * reason, an empty chapter) fixed; its warnings stay.
 */
export function publishableSeed(): PackageDocument {
  const doc = structuredClone(SEED_2024_LUKOU_GSL);
  const row = (id: string) => doc.selfEvaluation.indicators.find((r) => r.id === id)!;
  delete row('ind-7').actual.raw;
  row('ind-9').deviationReason = '原因：人员调入，人员经费增加。措施：严格控制编制。';
  row('ind-10').deviationReason = '原因：公用经费口径填列。措施：按办公经费口径核实。';
  doc.report.chapters.other.text = '无。';
  return doc;
}

export function hashOf(doc: PackageDocument): string {
  return createHash('sha256').update(canonicalJson(doc), 'utf8').digest('hex');
}

/**
 * Puts packages where publication starts: the seed document submitted by the filler, signed by
 * the unit head (a SIGN revision and a signature over it) and APPROVED by the bureau's reviewer.
 * No PDF exists yet: scheduling asks for the copy to be published, as approval would.
 */
export async function approvePackages(
  app: TestApp,
  world: PubWorld,
  packageIds: string[],
  options: { document?: PackageDocument; signed?: boolean } = {},
): Promise<void> {
  const document = options.document ?? publishableSeed();
  const documentHash = hashOf(document);
  await app.get(TransactionService).run(async (tx) => {
    const now = Date.now();
    for (const packageId of packageIds) {
      const revisionId = newId();
      await tx.manager.getRepository(AuditEventEntity).insert({
        packageId,
        actorId: world.filler.id,
        actorRole: 'FILLER',
        action: 'SUBMIT',
        fromState: 'DRAFT',
        toState: 'AWAITING_SIGNOFF',
        reason: null,
        details: null,
        at: new Date(now - 3 * DAY),
      });
      await tx.manager.getRepository(PackageRevisionEntity).insert({
        id: revisionId,
        packageId,
        seq: 1,
        packageVersion: 2,
        kind: 'SIGN',
        document,
        documentHash,
        createdById: world.head.id,
        createdAt: new Date(now - 2 * DAY),
      });
      let signatureId: string | null = null;
      if (options.signed !== false) {
        signatureId = newId();
        await tx.manager.getRepository(SignatureEntity).insert({
          id: signatureId,
          packageId,
          revisionId,
          signerId: world.head.id,
          signerName: '负责人（测试）',
          signedAt: new Date(now - 2 * DAY),
          documentHash,
          pdfHash: null,
          pdfKey: null,
          voidedAt: null,
          voidReason: null,
        });
      }
      // The bureau's approval, as the reviewer gave it: the 封面's 财政部门 box prints it.
      await tx.manager.getRepository(AuditEventEntity).insert({
        packageId,
        actorId: world.reviewer.id,
        actorRole: 'REVIEWER',
        action: 'APPROVE',
        fromState: 'IN_REVIEW',
        toState: 'APPROVED',
        reason: null,
        details: null,
        at: new Date(now - DAY),
      });
      await tx.manager.getRepository(PackageEntity).update(
        { id: packageId },
        { document, state: 'APPROVED', version: 5, signatureId, submittedAt: new Date(now - 2 * DAY), approvedAt: new Date(now - DAY), declaredTotal: '97.00', grade: '优' },
      );
    }
  });
}

export async function pkgRow(app: TestApp, id: string): Promise<PackageEntity> {
  return app.dataSource.getRepository(PackageEntity).findOneByOrFail({ id });
}
