import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull, LessThanOrEqual, type EntityManager } from 'typeorm';
import { EVALUATION_METHOD_SELF, ErrorCode, coverFilled, coverOpinions, formSetOf, type CoverData, type GivenOpinions, type PackageState } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { BureauEntity } from '../org/bureau.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { UserEntity } from '../org/user.entity.js';
import { PackageRevisionEntity } from '../package/package-revision.entity.js';
import { PackageEntity } from '../package/package.entity.js';
import { AuditEventEntity } from '../workflow/audit-event.entity.js';
import { OpinionEntity } from '../workflow/opinion.entity.js';
import { SignatureEntity } from '../workflow/signature.entity.js';
import { chineseDate, formDate, governmentLevelOf, type RenderModel } from './templates/render-model.js';

export interface RenderSubject {
  packageId: string;
  /** A frozen revision (signed, published copies), or null for the live document (previews). */
  revisionId: string | null;
  draft: boolean;
}

export interface LoadedRenderModel {
  model: RenderModel;
  pkg: PackageEntity;
  campaign: CampaignEntity;
  unit: UnitEntity;
  bureau: BureauEntity;
  signature: SignatureEntity | null;
}

/**
 * Gathers what the templates print. Labels come from the campaign and the bureau; the footer
 * (填表人, 填报日期, 单位负责人签字) from the workflow; nothing is typed twice.
 */
@Injectable()
export class RenderInputService {
  constructor(private readonly dataSource: DataSource) {}

  async load(subject: RenderSubject, manager: EntityManager = this.dataSource.manager): Promise<LoadedRenderModel> {
    const pkg = await manager.getRepository(PackageEntity).findOneBy({ id: subject.packageId });
    if (!pkg) throw new DomainError(ErrorCode.NOT_FOUND, '材料不存在');
    const [campaign, unit, bureau] = await Promise.all([
      manager.getRepository(CampaignEntity).findOneBy({ id: pkg.campaignId }),
      manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId }),
      manager.getRepository(BureauEntity).findOneBy({ id: pkg.bureauId }),
    ]);
    if (!campaign || !unit || !bureau) throw new DomainError(ErrorCode.NOT_FOUND, '材料所属的通知、单位或财政局不存在');

    let document = pkg.document;
    let revision: PackageRevisionEntity | null = null;
    if (subject.revisionId) {
      revision = await manager.getRepository(PackageRevisionEntity).findOneBy({ id: subject.revisionId, packageId: pkg.id });
      if (!revision) throw new DomainError(ErrorCode.NOT_FOUND, '要生成的版本不存在');
      document = revision.document;
    }

    // The sign-off printed is the one over exactly this revision (or, for a preview, the
    // package's current valid one).
    const signatures = manager.getRepository(SignatureEntity);
    const signature = revision
      ? await signatures.findOne({ where: { packageId: pkg.id, revisionId: revision.id }, order: { signedAt: 'DESC', id: 'DESC' } })
      : pkg.signatureId
        ? await signatures.findOneBy({ id: pkg.signatureId })
        : null;
    const validSignature = signature && (!signature.voidedAt || revision) ? signature : null;

    // 填报日期: the filler's last submission up to this copy.
    const upTo = revision?.createdAt ?? new Date();
    const submit = await manager.getRepository(AuditEventEntity).findOne({
      where: { packageId: pkg.id, action: 'SUBMIT', at: LessThanOrEqual(upTo) },
      order: { id: 'DESC' },
    });
    const filler = submit?.actorId ? await manager.getRepository(UserEntity).findOneBy({ id: submit.actorId }) : null;
    const contact = document.basicData.contact;
    const tz = campaign.timezone || 'Asia/Shanghai';

    const reportDate = chineseDate(validSignature?.signedAt ?? submit?.at ?? null, tz);
    // The opinions of the round this copy belongs to: given at or after its signature, never voided
    // since (an earlier round's were voided by the return that ended it).
    const opinions = validSignature
      ? await manager.getRepository(OpinionEntity).find({
          where: { packageId: pkg.id, voidedAt: IsNull() },
          order: { signedAt: 'ASC', id: 'ASC' },
        })
      : [];
    const ofRound = opinions.filter((o) => o.signedAt.getTime() >= validSignature!.signedAt.getTime());
    const given: GivenOpinions = {};
    if (validSignature) {
      const own = ofRound.find((o) => o.kind === 'UNIT_HEAD' && o.signerId === validSignature.signerId && o.signedAt.getTime() === validSignature.signedAt.getTime());
      given.UNIT_HEAD = { signerName: validSignature.signerName, date: chineseDate(validSignature.signedAt, tz), opinion: own?.opinion ?? null };
    }
    const supervisor = ofRound.filter((o) => o.kind === 'SUPERVISOR').at(-1);
    if (supervisor) given.SUPERVISOR = { signerName: supervisor.signerName, date: chineseDate(supervisor.signedAt, tz), opinion: supervisor.opinion };
    const approval = await this.approvalOf(manager, pkg, revision, validSignature);
    if (approval) {
      const recorded = ofRound.find((o) => o.kind === 'FINANCE_BUREAU' && o.auditEventId === approval.id);
      const reviewer = recorded ? null : approval.actorId ? await manager.getRepository(UserEntity).findOneBy({ id: approval.actorId }) : null;
      given.FINANCE_BUREAU = {
        signerName: recorded?.signerName ?? reviewer?.displayName ?? null,
        date: chineseDate(approval.at, tz),
        opinion: recorded ? recorded.opinion : approval.reason,
      };
    }

    const cover: CoverData = {
      unitName: unit.name,
      budgetCode: unit.code,
      fiscalYear: campaign.fiscalYear,
      evaluationMethod: EVALUATION_METHOD_SELF,
      reportDate,
      // A package under a 主管部门 carries its box (empty until it approves) once the campaign has the stage.
      opinions: coverOpinions(given, { supervised: !!pkg.supervisorUnitId && campaign.supervisorStage }),
    };
    const model: RenderModel = {
      document,
      template: campaign.template,
      formSet: formSetOf(campaign.formSetId),
      context: { fiscalYear: campaign.fiscalYear, unitName: unit.name, governmentLevel: governmentLevelOf(bureau.region) },
      footer: {
        fillerName: contact.fillerName?.trim() || filler?.displayName || null,
        fillDate: formDate(submit?.at, tz),
        phone: contact.phone?.trim() || filler?.phone || null,
        signerName: validSignature?.signerName ?? null,
        signedDate: formDate(validSignature?.signedAt, tz),
      },
      draftMark: subject.draft ? '预览稿 · 非正式文本' : null,
      reportDate,
      cover,
      filled: coverFilled(cover),
    };
    return { model, pkg, campaign, unit, bureau, signature: validSignature };
  }

  /**
   * The bureau's approval of what is printed: only while the package stands approved (approved,
   * scheduled or published), and for a frozen copy only if it is the signed revision that was
   * approved. Anything earlier in the workflow prints an empty box.
   */
  private async approvalOf(
    manager: EntityManager,
    pkg: PackageEntity,
    revision: PackageRevisionEntity | null,
    signature: SignatureEntity | null,
  ): Promise<AuditEventEntity | null> {
    if (!APPROVED_STATES.includes(pkg.state)) return null;
    if (revision && (!signature || signature.revisionId !== revision.id || signature.id !== pkg.signatureId)) return null;
    const last = await manager.getRepository(AuditEventEntity).findOne({
      where: { packageId: pkg.id, action: In(['APPROVE', ...UNDO_APPROVAL]) },
      order: { id: 'DESC' },
    });
    return last?.action === 'APPROVE' ? last : null;
  }
}

const APPROVED_STATES: readonly PackageState[] = ['APPROVED', 'SCHEDULED', 'PUBLISHED'];
/** Transitions that would take a package back before approval (none exist from APPROVED today; kept for safety). */
const UNDO_APPROVAL = ['RETURN', 'WITHDRAW'];
