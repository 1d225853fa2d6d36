import { Clock } from '../../common/clock.js';
import { PublicationPdfService } from '../render/publication-pdf.service.js';
import { fiscalDateProblem, reminderPlan } from '@zipin/shared';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_FORM_SET_ID, ErrorCode, FORM_SETS, SCORING_RULE_DEFAULTS, TEMPLATE_PRESETS, validateTemplate, type EvaluationTemplate } from '@zipin/shared';

const SCORING_WEIGHT_DEFAULTS = { executionRate: 0, output: 0, effect: 0, satisfaction: 0, cost: 0 };
import { DomainError } from '../../common/domain-error.js';
import { newId } from '../../database/columns.js';
import type { Tx } from '../../database/transaction.service.js';
import { JobQueue } from '../../jobs/job-queue.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { PackageService } from '../package/package.service.js';
import { CampaignEntity } from './campaign.entity.js';
import { carryForwardIntoDraft } from './carry-forward.service.js';

export interface CampaignFields {
  fiscalYear: number;
  title: string;
  documentNumber: string;
  template: unknown;
  submissionDeadline: Date;
  publicationDeadline: Date;
  timezone: string;
  formSetId?: string | null;
  supervisorStage?: boolean | null;
  requiresConcurrence?: boolean | null;
}


/** One fixed job id per campaign, reminder and deadline: scheduling again (or a repair) never doubles a reminder. */
export const reminderJobKey = (campaignId: string, reminder: string, deadline: Date) => `campaign.remind.${campaignId}.${reminder}.${deadline.getTime()}`;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The notice: its template and deadlines, and opening it (one package per active unit). */
@Injectable()
export class CampaignService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly packages: PackageService,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
    private readonly publicationPdfs: PublicationPdfService,
  ) {}

  list(bureauId: string): Promise<CampaignEntity[]> {
    return this.dataSource.getRepository(CampaignEntity).find({ where: { bureauId }, order: { fiscalYear: 'DESC', id: 'ASC' } });
  }

  /** Another bureau's campaign is reported as absent. */
  async get(bureauId: string, id: string, tx?: Tx): Promise<CampaignEntity> {
    const repo = (tx?.manager ?? this.dataSource.manager).getRepository(CampaignEntity);
    const c = await repo.findOneBy({ id });
    if (!c || c.bureauId !== bureauId) throw new DomainError(ErrorCode.NOT_FOUND, '通知不存在');
    return c;
  }

  /** A preset id ("lukou-2024") or a whole template; refused unless shared's validateTemplate accepts it. */
  resolveTemplate(input: unknown): EvaluationTemplate {
    const template = typeof input === 'string' ? TEMPLATE_PRESETS[input] : (input as EvaluationTemplate);
    if (typeof input === 'string' && !template) throw new DomainError(ErrorCode.VALIDATION_FAILED, `没有名为「${input}」的评分模板预设`, { presetId: input });
    if (!template || typeof template !== 'object') throw new DomainError(ErrorCode.VALIDATION_FAILED, '评价模板无效');
    const issues = validateTemplate(template);
    if (issues.length) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, `评价模板有误：${issues[0]!.messageZh}`, { issues });
    }
    return template;
  }

  /** A known form set id; absent: the default set. */
  private resolveFormSet(id: string | null | undefined): string {
    if (id === undefined || id === null || id === '') return DEFAULT_FORM_SET_ID;
    if (!FORM_SETS[id]) throw new DomainError(ErrorCode.VALIDATION_FAILED, `表样「${id}」不存在（可选：${Object.keys(FORM_SETS).join('、')}）`, { formSetId: id });
    return id;
  }

  private validate(f: Omit<CampaignFields, 'template'>): void {
    const problems: string[] = [];
    if (!Number.isInteger(f.fiscalYear) || f.fiscalYear < 2000 || f.fiscalYear > 2100) problems.push('评价年度无效');
    if (!f.title.trim()) problems.push('通知标题不能为空');
    if (f.title.length > 200) problems.push('通知标题过长');
    if (!f.documentNumber.trim()) problems.push('文号不能为空');
    if (f.documentNumber.length > 100) problems.push('文号过长');
    if (Number.isNaN(f.submissionDeadline.getTime()) || Number.isNaN(f.publicationDeadline.getTime())) problems.push('截止时间无效');
    else if (f.publicationDeadline <= f.submissionDeadline) problems.push('公开截止时间必须晚于报送截止时间');
    else if (Number.isInteger(f.fiscalYear)) {
      for (const [label, at] of [['报送截止时间', f.submissionDeadline], ['公开截止时间', f.publicationDeadline]] as const) {
        const problem = fiscalDateProblem(at, f.fiscalYear);
        if (problem) problems.push(`${label}${problem.zh}`);
      }
    }
    if (!isTimeZone(f.timezone)) problems.push('时区无效');
    if (problems.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, problems.join('；'), { problems });
  }

  async create(tx: Tx, bureauId: string, input: CampaignFields): Promise<CampaignEntity> {
    const template = this.resolveTemplate(input.template);
    const fields = {
      ...input,
      title: input.title.trim(),
      documentNumber: input.documentNumber.trim(),
      timezone: input.timezone || 'Asia/Shanghai',
      formSetId: this.resolveFormSet(input.formSetId),
      supervisorStage: input.supervisorStage ?? false,
      requiresConcurrence: input.requiresConcurrence ?? false,
    };
    this.validate(fields);
    const repo = tx.manager.getRepository(CampaignEntity);
    if (await repo.exists({ where: { bureauId, fiscalYear: input.fiscalYear } })) {
      throw new DomainError(ErrorCode.DUPLICATE, `${input.fiscalYear}年度的通知已存在`);
    }
    const campaign = repo.create({ id: newId(), bureauId, ...fields, template, openedAt: null });
    await repo.insert(campaign);
    return campaign;
  }

  /**
   * Weights and scoring rules change only while the notice is a draft: once opened, the units'
   * packages are drafted and scored against them, and a change would move scores under their feet.
   */
  private assertTemplateEditable(c: CampaignEntity): void {
    if (!c.openedAt) return;
    const day = c.openedAt.toISOString().slice(0, 10);
    throw new DomainError(
      ErrorCode.NOT_EDITABLE,
      `通知已于${day}启动，各单位材料已按当前权重和评分规则生成，评分模板不能再修改（Scoring rules are fixed once the campaign was opened on ${day}）`,
      { openedAt: c.openedAt.toISOString() },
    );
  }

  /**
   * Edits a draft notice's template: start from a preset (or the current template), then apply
   * the given weights and rule parameters over it; refused unless the whole template is valid.
   */
  async updateRules(
    tx: Tx,
    bureauId: string,
    id: string,
    input: { presetId?: string | null; weights?: unknown; rules?: unknown },
  ): Promise<CampaignEntity> {
    const current = await this.get(bureauId, id, tx);
    this.assertTemplateEditable(current);
    let base: EvaluationTemplate = current.template;
    if (input.presetId) {
      const preset = TEMPLATE_PRESETS[input.presetId];
      if (!preset) throw new DomainError(ErrorCode.VALIDATION_FAILED, `没有名为「${input.presetId}」的评分模板预设`, { presetId: input.presetId });
      base = preset;
    }
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    for (const [k, v] of [['weights', input.weights], ['rules', input.rules]] as const) {
      if (v !== undefined && v !== null && !isObject(v)) throw new DomainError(ErrorCode.VALIDATION_FAILED, `评分模板的${k === 'weights' ? '权重' : '规则'}必须是对象`);
    }
    // A misspelt key would otherwise be stored and silently ignored by the scoring.
    const known = { weights: Object.keys(SCORING_WEIGHT_DEFAULTS), rules: [...Object.keys(SCORING_RULE_DEFAULTS), 'highScoreLowExecutionPercent', 'unspentSharePercent'] };
    for (const [k, v] of [['weights', input.weights], ['rules', input.rules]] as const) {
      const unknown = isObject(v) ? Object.keys(v).filter((key) => !known[k].includes(key)) : [];
      if (unknown.length) throw new DomainError(ErrorCode.VALIDATION_FAILED, `评分模板${k === 'weights' ? '权重' : '规则'}中没有「${unknown.join('、')}」这一项`, { unknown });
    }
    const next = {
      ...base,
      weights: { ...base.weights, ...(isObject(input.weights) ? input.weights : {}) },
      rules: { ...base.rules, ...(isObject(input.rules) ? input.rules : {}) },
    } as EvaluationTemplate;
    const template = this.resolveTemplate(next);
    await tx.manager.getRepository(CampaignEntity).update({ id }, { template });
    // Approved packages' copies to be published print the template's labels and scores.
    await this.publicationPdfs.refreshCampaign(tx, id);
    return { ...current, template };
  }

  async update(tx: Tx, bureauId: string, id: string, input: Partial<Omit<CampaignFields, 'fiscalYear'>>): Promise<CampaignEntity> {
    const current = await this.get(bureauId, id, tx);
    const next: CampaignEntity = { ...current };
    if (input.template !== undefined && input.template !== null) {
      this.assertTemplateEditable(current);
      next.template = this.resolveTemplate(input.template);
    }
    if (input.formSetId != null) {
      // The forms a unit fills and signs must stay the forms of its notice.
      if (current.openedAt && input.formSetId !== current.formSetId) throw new DomainError(ErrorCode.VALIDATION_FAILED, '通知已发布，表样不能再修改');
      next.formSetId = this.resolveFormSet(input.formSetId);
    }
    if (input.title != null) next.title = input.title.trim();
    if (input.documentNumber != null) next.documentNumber = input.documentNumber.trim();
    if (input.submissionDeadline != null) next.submissionDeadline = input.submissionDeadline;
    if (input.publicationDeadline != null) next.publicationDeadline = input.publicationDeadline;
    if (input.timezone != null) next.timezone = input.timezone;
    // Packages already signed keep the way they took; the next signature takes the new one.
    if (input.supervisorStage != null) next.supervisorStage = input.supervisorStage;
    if (input.requiresConcurrence != null) next.requiresConcurrence = input.requiresConcurrence;
    this.validate(next);
    const { id: _id, createdAt: _c, ...changes } = next;
    await tx.manager.getRepository(CampaignEntity).update({ id }, changes);
    if (current.openedAt) await this.scheduleReminders(tx, next);
    // What a copy to be published prints may have changed (title, template): each is checked again.
    await this.publicationPdfs.refreshCampaign(tx, id);
    return next;
  }

  /** Creates one DRAFT per active unit that has none yet; opening again only fills gaps. */
  async open(tx: Tx, bureauId: string, id: string): Promise<{ campaign: CampaignEntity; created: number }> {
    const campaign = await this.get(bureauId, id, tx);
    const units = await tx.manager.getRepository(UnitEntity).find({ where: { bureauId, active: true }, order: { code: 'ASC', id: 'ASC' } });
    let created = 0;
    for (const unit of units) {
      const draft = await this.packages.createDraft(tx, campaign, unit);
      if (!draft) continue;
      created += 1;
      // A unit's new package starts from its own package of the year before, when it has one.
      await carryForwardIntoDraft(tx, campaign, unit, draft);
    }
    if (!campaign.openedAt) {
      campaign.openedAt = this.clock.now();
      await tx.manager.getRepository(CampaignEntity).update({ id }, { openedAt: campaign.openedAt });
    }
    await this.scheduleReminders(tx, campaign);
    return { campaign, created };
  }

  /** One delayed job per reminder and deadline; the fixed id makes rescheduling idempotent. */
  private async scheduleReminders(tx: Tx, campaign: CampaignEntity): Promise<void> {
    const now = this.clock.now();
    for (const r of reminderPlan(campaign.submissionDeadline, now)) {
      if (r.status === 'SKIPPED') continue;
      await this.jobs.enqueue(
        tx,
        'campaign.remind-deadline',
        { campaignId: campaign.id, reminder: r.reminder },
        { jobId: reminderJobKey(campaign.id, r.reminder, campaign.submissionDeadline), delayMs: Math.max(0, r.at.getTime() - now.getTime()) },
      );
    }
  }
}
