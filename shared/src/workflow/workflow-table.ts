import { fiscalDateProblem } from './date-bounds.js';
import { ErrorCode } from '../errors/error-codes.js';

/** Where a package is in its life (材料状态). */
export const PackageState = {
  DRAFT: 'DRAFT',
  AWAITING_SIGNOFF: 'AWAITING_SIGNOFF',
  SUBMITTED: 'SUBMITTED',
  IN_REVIEW: 'IN_REVIEW',
  RETURNED: 'RETURNED',
  APPROVED: 'APPROVED',
  SCHEDULED: 'SCHEDULED',
  PUBLISHED: 'PUBLISHED',
} as const;
export type PackageState = (typeof PackageState)[keyof typeof PackageState];
export const PACKAGE_STATES = Object.values(PackageState) as PackageState[];

/** Who acts. SYSTEM is the scheduler (publication when its time comes). */
export const Role = {
  FILLER: 'FILLER', // 填表人
  UNIT_HEAD: 'UNIT_HEAD', // 单位负责人
  REVIEWER: 'REVIEWER', // 财政局审核人
  ADMIN: 'ADMIN', // 财政局管理员
  SYSTEM: 'SYSTEM',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const UNIT_ROLES: readonly Role[] = [Role.FILLER, Role.UNIT_HEAD];
export const BUREAU_ROLES: readonly Role[] = [Role.REVIEWER, Role.ADMIN];

export const WorkflowAction = {
  SUBMIT: 'SUBMIT',
  WITHDRAW: 'WITHDRAW',
  SIGN: 'SIGN',
  RETURN: 'RETURN',
  CLAIM: 'CLAIM',
  RELEASE: 'RELEASE',
  APPROVE: 'APPROVE',
  SCHEDULE: 'SCHEDULE',
  RESCHEDULE: 'RESCHEDULE',
  UNSCHEDULE: 'UNSCHEDULE',
  PUBLISH: 'PUBLISH',
  RETRACT: 'RETRACT',
} as const;
export type WorkflowAction = (typeof WorkflowAction)[keyof typeof WorkflowAction];
export const WORKFLOW_ACTIONS = Object.values(WorkflowAction) as WorkflowAction[];

export interface TransitionRule {
  to: PackageState;
  by: readonly Role[];
  /** The actor must write why (退回理由, 撤回公开理由). */
  needsReason?: boolean;
  /** Only the reviewer who claimed the package may fire it. */
  claimantOnly?: boolean;
  /** The package's checks must allow submission (no errors, every warning explained). */
  needsPassingChecks?: boolean;
  /** A publication time in the future must be given. */
  needsPublishAt?: boolean;
  /** The signer re-enters the password (checked by the server, which holds the hash). */
  needsPassword?: boolean;
}

/**
 * The approval workflow (审批流程): from-state → action → rule. This is the only place the
 * transitions are written down; server mutations and client buttons both read it.
 */
export const WORKFLOW: Readonly<Record<PackageState, Partial<Record<WorkflowAction, TransitionRule>>>> = {
  DRAFT: {
    SUBMIT: { to: 'AWAITING_SIGNOFF', by: ['FILLER'], needsPassingChecks: true },
  },
  AWAITING_SIGNOFF: {
    SIGN: { to: 'SUBMITTED', by: ['UNIT_HEAD'], needsPassingChecks: true, needsPassword: true },
    WITHDRAW: { to: 'DRAFT', by: ['FILLER'] },
    RETURN: { to: 'DRAFT', by: ['UNIT_HEAD'], needsReason: true },
  },
  SUBMITTED: {
    // Until a reviewer claims it; withdrawing voids the signature.
    WITHDRAW: { to: 'DRAFT', by: ['FILLER', 'UNIT_HEAD'] },
    CLAIM: { to: 'IN_REVIEW', by: ['REVIEWER'] },
  },
  IN_REVIEW: {
    RELEASE: { to: 'SUBMITTED', by: ['REVIEWER'], claimantOnly: true },
    RETURN: { to: 'RETURNED', by: ['REVIEWER'], needsReason: true, claimantOnly: true },
    APPROVE: { to: 'APPROVED', by: ['REVIEWER'], claimantOnly: true },
  },
  RETURNED: {
    SUBMIT: { to: 'AWAITING_SIGNOFF', by: ['FILLER'], needsPassingChecks: true },
  },
  APPROVED: {
    SCHEDULE: { to: 'SCHEDULED', by: ['ADMIN', 'REVIEWER'], needsPublishAt: true },
  },
  SCHEDULED: {
    RESCHEDULE: { to: 'SCHEDULED', by: ['ADMIN', 'REVIEWER'], needsPublishAt: true },
    UNSCHEDULE: { to: 'APPROVED', by: ['ADMIN', 'REVIEWER'] },
    PUBLISH: { to: 'PUBLISHED', by: ['SYSTEM'] },
  },
  PUBLISHED: {
    RETRACT: { to: 'APPROVED', by: ['ADMIN'], needsReason: true },
  },
};

/** States in which the filler may edit the documents. */
export const EDITABLE_STATES: readonly PackageState[] = ['DRAFT', 'RETURNED'];
export const isEditable = (state: PackageState): boolean => EDITABLE_STATES.includes(state);

/** States in which the unit still owes the bureau its package (统称“未报送”); past the deadline they are overdue. */
export const WITH_UNIT_STATES: readonly PackageState[] = ['DRAFT', 'RETURNED', 'AWAITING_SIGNOFF'];

/**
 * States in which the package has been signed and handed in (已报送及以后): its score and grade
 * are the unit's declared ones, so only these count in the bureau's grade and score figures.
 */
export const HANDED_IN_STATES: readonly PackageState[] = ['SUBMITTED', 'IN_REVIEW', 'APPROVED', 'SCHEDULED', 'PUBLISHED'];

/** States past the bureau's approval. */
export const APPROVED_STATES: readonly PackageState[] = ['APPROVED', 'SCHEDULED', 'PUBLISHED'];

/** States the public may see. */
export const PUBLIC_STATES: readonly PackageState[] = ['PUBLISHED'];

export const STATE_LABELS: Record<PackageState, { zh: string; en: string }> = {
  DRAFT: { zh: '草稿', en: 'Draft' },
  AWAITING_SIGNOFF: { zh: '待单位负责人签章', en: 'Awaiting sign-off' },
  SUBMITTED: { zh: '已报送', en: 'Submitted' },
  IN_REVIEW: { zh: '审核中', en: 'In review' },
  RETURNED: { zh: '已退回', en: 'Returned' },
  APPROVED: { zh: '审核通过', en: 'Approved' },
  SCHEDULED: { zh: '待公开', en: 'Scheduled' },
  PUBLISHED: { zh: '已公开', en: 'Published' },
};

export const ACTION_LABELS: Record<WorkflowAction, { zh: string; en: string }> = {
  SUBMIT: { zh: '提交', en: 'Submit' },
  WITHDRAW: { zh: '撤回', en: 'Withdraw' },
  SIGN: { zh: '签章确认', en: 'Sign off' },
  RETURN: { zh: '退回', en: 'Return' },
  CLAIM: { zh: '领取审核', en: 'Claim' },
  RELEASE: { zh: '放弃领取', en: 'Release' },
  APPROVE: { zh: '审核通过', en: 'Approve' },
  SCHEDULE: { zh: '安排公开', en: 'Schedule publication' },
  RESCHEDULE: { zh: '调整公开时间', en: 'Reschedule' },
  UNSCHEDULE: { zh: '取消公开安排', en: 'Unschedule' },
  PUBLISH: { zh: '公开', en: 'Publish' },
  RETRACT: { zh: '撤回公开', en: 'Retract' },
};

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  FILLER: { zh: '填表人', en: 'Filler' },
  UNIT_HEAD: { zh: '单位负责人', en: 'Unit head' },
  REVIEWER: { zh: '财政局审核人', en: 'Bureau reviewer' },
  ADMIN: { zh: '财政局管理员', en: 'Bureau admin' },
  SYSTEM: { zh: '系统', en: 'System' },
};

export interface WorkflowActor {
  userId: string;
  role: Role;
  unitId?: string | null;
  bureauId?: string | null;
}

export interface WorkflowSubject {
  state: PackageState;
  unitId: string;
  bureauId: string;
  claimedById?: string | null;
  /** The package's fiscal year, for date bounds (publication not before it). */
  fiscalYear?: number;
}

export interface TransitionRequest {
  action: WorkflowAction;
  actor: WorkflowActor;
  pkg: WorkflowSubject;
  reason?: string | null;
  /** From summarizeChecks(runChecks(...)); required for actions that need passing checks. */
  canSubmit?: boolean;
  publishAt?: Date | null;
  now?: Date;
}

export type TransitionOutcome =
  | { ok: true; from: PackageState; to: PackageState; rule: TransitionRule }
  | { ok: false; code: ErrorCode; from: PackageState; action: WorkflowAction; reason: { zh: string; en: string } };

/** Whether the actor's unit or bureau is the package's own (the system acts everywhere). */
export function inScope(actor: WorkflowActor, pkg: Pick<WorkflowSubject, 'unitId' | 'bureauId'>): boolean {
  if (actor.role === 'SYSTEM') return true;
  if (UNIT_ROLES.includes(actor.role)) return !!actor.unitId && actor.unitId === pkg.unitId;
  return !!actor.bureauId && actor.bureauId === pkg.bureauId;
}

/** The guard: may this actor fire this action now? Refusals say why. */
export function checkTransition(req: TransitionRequest): TransitionOutcome {
  const { action, actor, pkg } = req;
  const from = pkg.state;
  const refuse = (code: ErrorCode, zh: string, en: string): TransitionOutcome => ({
    ok: false,
    code,
    from,
    action,
    reason: { zh, en },
  });
  if (!inScope(actor, pkg)) {
    return refuse(ErrorCode.NOT_IN_SCOPE, '该材料不属于您的单位或财政局', 'This package is outside your unit or bureau');
  }
  const rule = WORKFLOW[from]?.[action];
  const stateZh = STATE_LABELS[from].zh;
  const actionZh = ACTION_LABELS[action].zh;
  if (!rule) {
    return refuse(
      ErrorCode.TRANSITION_NOT_ALLOWED,
      `材料处于「${stateZh}」状态，不能「${actionZh}」`,
      `A package that is ${STATE_LABELS[from].en.toLowerCase()} cannot be: ${ACTION_LABELS[action].en.toLowerCase()}`,
    );
  }
  if (!rule.by.includes(actor.role)) {
    const who = rule.by.map((r) => ROLE_LABELS[r].zh).join('或');
    return refuse(
      ErrorCode.ROLE_NOT_ALLOWED,
      `「${actionZh}」只能由${who}操作`,
      `Only ${rule.by.map((r) => ROLE_LABELS[r].en).join(' or ')} may ${ACTION_LABELS[action].en.toLowerCase()}`,
    );
  }
  if (rule.claimantOnly && pkg.claimedById && pkg.claimedById !== actor.userId) {
    return refuse(ErrorCode.NOT_CLAIMANT, '该材料已由其他审核人领取', 'Another reviewer has claimed this package');
  }
  if (rule.needsReason && !req.reason?.trim()) {
    return refuse(ErrorCode.REASON_REQUIRED, `「${actionZh}」须填写理由`, `A reason is required to ${ACTION_LABELS[action].en.toLowerCase()}`);
  }
  if (rule.needsPassingChecks && req.canSubmit !== true) {
    return refuse(
      ErrorCode.CHECKS_BLOCK_SUBMISSION,
      '仍有错误或未说明的警告，请先处理校验结果',
      'Errors or unexplained warnings remain; resolve the checks first',
    );
  }
  if (rule.needsPublishAt) {
    const now = req.now ?? new Date();
    if (!req.publishAt || Number.isNaN(req.publishAt.getTime()) || req.publishAt.getTime() <= now.getTime()) {
      return refuse(ErrorCode.PUBLISH_TIME_INVALID, '公开时间必须晚于当前时间', 'The publication time must be in the future');
    }
    const bounds = fiscalDateProblem(req.publishAt, req.pkg.fiscalYear ?? req.publishAt.getUTCFullYear(), now);
    if (bounds) return refuse(ErrorCode.PUBLISH_TIME_INVALID, `公开时间${bounds.zh}`, `The publication time ${bounds.en}`);
  }
  return { ok: true, from, to: rule.to, rule };
}

/** The actions this actor could fire from the package's state (reason/checks not considered). */
export function availableActions(actor: WorkflowActor, pkg: WorkflowSubject): WorkflowAction[] {
  if (!inScope(actor, pkg)) return [];
  const rules = WORKFLOW[pkg.state] ?? {};
  return (Object.keys(rules) as WorkflowAction[]).filter((action) => {
    const rule = rules[action]!;
    if (!rule.by.includes(actor.role)) return false;
    if (rule.claimantOnly && pkg.claimedById && pkg.claimedById !== actor.userId) return false;
    return true;
  });
}
