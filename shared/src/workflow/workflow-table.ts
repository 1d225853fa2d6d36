import { fiscalDateProblem } from './date-bounds.js';
import { ErrorCode } from '../errors/error-codes.js';

/** Where a package is in its life (材料状态). */
export const PackageState = {
  DRAFT: 'DRAFT',
  AWAITING_SIGNOFF: 'AWAITING_SIGNOFF',
  /** Signed, waiting for the unit's 主管部门 (only when the campaign has the stage and the unit a 主管部门). */
  SUBMITTED_TO_SUPERVISOR: 'SUBMITTED_TO_SUPERVISOR',
  SUPERVISOR_REVIEW: 'SUPERVISOR_REVIEW',
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
  SUPERVISOR: 'SUPERVISOR', // 主管部门审核人: an account of the 主管部门 unit, acting for its subordinate units
  REVIEWER: 'REVIEWER', // 财政局审核人
  ADMIN: 'ADMIN', // 财政局管理员
  SYSTEM: 'SYSTEM',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const UNIT_ROLES: readonly Role[] = [Role.FILLER, Role.UNIT_HEAD];
export const BUREAU_ROLES: readonly Role[] = [Role.REVIEWER, Role.ADMIN];
/** Roles whose account belongs to a unit (the supervisor's unit is the 主管部门 itself). */
export const ROLES_WITH_UNIT: readonly Role[] = [Role.FILLER, Role.UNIT_HEAD, Role.SUPERVISOR];
/** Roles that review in a stage: the 主管部门's, then the bureau's. */
export const REVIEWING_ROLES: readonly Role[] = [Role.SUPERVISOR, Role.REVIEWER];

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
  /** 转交: the assignee or claimant hands the package to a colleague of the same stage, with a reason. */
  TRANSFER: 'TRANSFER',
  /** 改派: the admin gives the package to another reviewer (someone is away). */
  REASSIGN: 'REASSIGN',
  /** 会签: a second reviewer concurs before the claimant may approve (when the campaign asks for it). */
  CONCUR: 'CONCUR',
} as const;
export type WorkflowAction = (typeof WorkflowAction)[keyof typeof WorkflowAction];
export const WORKFLOW_ACTIONS = Object.values(WorkflowAction) as WorkflowAction[];

/** Whose opinion an action puts on the record (and in which 封面 box). */
export const OpinionKind = {
  UNIT_HEAD: 'UNIT_HEAD', // 单位负责人意见, given when signing
  SUPERVISOR: 'SUPERVISOR', // 主管部门审核意见
  FINANCE_BUREAU: 'FINANCE_BUREAU', // 财政部门审核意见
  CONCURRENCE: 'CONCURRENCE', // 会签意见 of the second bureau reviewer (the history only)
} as const;
export type OpinionKind = (typeof OpinionKind)[keyof typeof OpinionKind];
export const OPINION_KINDS = Object.values(OpinionKind) as OpinionKind[];

export const OPINION_KIND_LABELS: Record<OpinionKind, { zh: string; en: string }> = {
  UNIT_HEAD: { zh: '单位负责人意见', en: 'Opinion of the unit head' },
  SUPERVISOR: { zh: '主管部门审核意见', en: 'Opinion of the department in charge' },
  FINANCE_BUREAU: { zh: '财政部门审核意见', en: 'Opinion of the finance bureau' },
  CONCURRENCE: { zh: '会签意见', en: 'Concurring opinion' },
};

/** The phrases offered for an opinion until a bureau sets its own (常用意见). */
export const DEFAULT_OPINION_PHRASES: readonly string[] = ['同意', '已审核', '同意报送'];
export const OPINION_MAX = 500;
export const OPINION_PHRASES_MAX = 20;
export const OPINION_PHRASE_MAX = 100;

/** The review stage a state belongs to, if any (the stage's assignee and claimant act in it). */
export type ReviewStage = 'SUPERVISOR' | 'BUREAU';

export interface TransitionRule {
  to: PackageState;
  /** Where the action goes instead when the package passes through its 主管部门 (SIGN). */
  toWhenSupervised?: PackageState;
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
  /** When the stage's package is assigned to someone, only they may fire it (a claim that sticks). */
  assigneeOnly?: boolean;
  /** Anyone of the role but the claimant (a second reviewer's 会签). */
  notClaimant?: boolean;
  /** A colleague to hand the package to must be named. */
  needsTarget?: boolean;
  /** When the campaign asks for 会签, a second reviewer must have concurred. */
  needsConcurrence?: boolean;
  /** Offered only when the campaign asks for 会签 (the concurrence itself). */
  onlyWithConcurrence?: boolean;
  /** The opinion this action records (text optional, signer and date always). */
  opinion?: OpinionKind;
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
    SIGN: {
      to: 'SUBMITTED',
      toWhenSupervised: 'SUBMITTED_TO_SUPERVISOR',
      by: ['UNIT_HEAD'],
      needsPassingChecks: true,
      needsPassword: true,
      opinion: 'UNIT_HEAD',
    },
    WITHDRAW: { to: 'DRAFT', by: ['FILLER'] },
    RETURN: { to: 'DRAFT', by: ['UNIT_HEAD'], needsReason: true },
  },
  SUBMITTED_TO_SUPERVISOR: {
    // Until the 主管部门 claims it; withdrawing voids the signature.
    WITHDRAW: { to: 'DRAFT', by: ['FILLER', 'UNIT_HEAD'] },
    CLAIM: { to: 'SUPERVISOR_REVIEW', by: ['SUPERVISOR'], assigneeOnly: true },
    TRANSFER: { to: 'SUBMITTED_TO_SUPERVISOR', by: ['SUPERVISOR'], needsReason: true, needsTarget: true, assigneeOnly: true },
    REASSIGN: { to: 'SUBMITTED_TO_SUPERVISOR', by: ['ADMIN'], needsTarget: true },
  },
  SUPERVISOR_REVIEW: {
    RELEASE: { to: 'SUBMITTED_TO_SUPERVISOR', by: ['SUPERVISOR'], claimantOnly: true },
    RETURN: { to: 'RETURNED', by: ['SUPERVISOR'], needsReason: true, claimantOnly: true },
    APPROVE: { to: 'SUBMITTED', by: ['SUPERVISOR'], claimantOnly: true, opinion: 'SUPERVISOR' },
    TRANSFER: { to: 'SUPERVISOR_REVIEW', by: ['SUPERVISOR'], needsReason: true, needsTarget: true, claimantOnly: true },
    REASSIGN: { to: 'SUPERVISOR_REVIEW', by: ['ADMIN'], needsTarget: true },
  },
  SUBMITTED: {
    // Until a reviewer claims it; withdrawing voids the signature.
    WITHDRAW: { to: 'DRAFT', by: ['FILLER', 'UNIT_HEAD'] },
    CLAIM: { to: 'IN_REVIEW', by: ['REVIEWER'], assigneeOnly: true },
    TRANSFER: { to: 'SUBMITTED', by: ['REVIEWER'], needsReason: true, needsTarget: true, assigneeOnly: true },
    REASSIGN: { to: 'SUBMITTED', by: ['ADMIN'], needsTarget: true },
  },
  IN_REVIEW: {
    RELEASE: { to: 'SUBMITTED', by: ['REVIEWER'], claimantOnly: true },
    RETURN: { to: 'RETURNED', by: ['REVIEWER'], needsReason: true, claimantOnly: true },
    APPROVE: { to: 'APPROVED', by: ['REVIEWER'], claimantOnly: true, needsConcurrence: true, opinion: 'FINANCE_BUREAU' },
    TRANSFER: { to: 'IN_REVIEW', by: ['REVIEWER'], needsReason: true, needsTarget: true, claimantOnly: true },
    REASSIGN: { to: 'IN_REVIEW', by: ['ADMIN'], needsTarget: true },
    CONCUR: { to: 'IN_REVIEW', by: ['REVIEWER'], notClaimant: true, onlyWithConcurrence: true, opinion: 'CONCURRENCE' },
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

/** The stage each reviewing state belongs to. */
export const STAGE_OF_STATE: Partial<Record<PackageState, ReviewStage>> = {
  SUBMITTED_TO_SUPERVISOR: 'SUPERVISOR',
  SUPERVISOR_REVIEW: 'SUPERVISOR',
  SUBMITTED: 'BUREAU',
  IN_REVIEW: 'BUREAU',
};
export const stageOf = (state: PackageState): ReviewStage | null => STAGE_OF_STATE[state] ?? null;
/** Who reviews in a stage. */
export const STAGE_ROLE: Record<ReviewStage, Role> = { SUPERVISOR: 'SUPERVISOR', BUREAU: 'REVIEWER' };
/** The stage a role reviews in, or null for a role that reviews in none. */
export const stageOfRole = (role: Role | null | undefined): ReviewStage | null =>
  (Object.keys(STAGE_ROLE) as ReviewStage[]).find((stage) => STAGE_ROLE[stage] === role) ?? null;
/** Where a package waits to be claimed in each stage, and where it is once claimed. */
export const STAGE_STATES: Record<ReviewStage, { waiting: PackageState; claimed: PackageState }> = {
  SUPERVISOR: { waiting: 'SUBMITTED_TO_SUPERVISOR', claimed: 'SUPERVISOR_REVIEW' },
  BUREAU: { waiting: 'SUBMITTED', claimed: 'IN_REVIEW' },
};
export const STAGE_LABELS: Record<ReviewStage, { zh: string; en: string }> = {
  SUPERVISOR: { zh: '主管部门审核', en: 'Department in charge' },
  BUREAU: { zh: '财政局审核', en: 'Finance bureau' },
};

/** States in which the filler may edit the documents. */
export const EDITABLE_STATES: readonly PackageState[] = ['DRAFT', 'RETURNED'];
export const isEditable = (state: PackageState): boolean => EDITABLE_STATES.includes(state);

/** States in which the unit still owes the bureau its package (统称“未报送”); past the deadline they are overdue. */
export const WITH_UNIT_STATES: readonly PackageState[] = ['DRAFT', 'RETURNED', 'AWAITING_SIGNOFF'];

/** States in which a claimed package has a claimant (a reviewer of its stage holds it). */
export const CLAIMED_STATES: readonly PackageState[] = ['SUPERVISOR_REVIEW', 'IN_REVIEW'];

/**
 * States in which the package has been signed and handed in (已报送及以后): its score and grade
 * are the unit's declared ones, so only these count in the bureau's grade and score figures.
 */
export const HANDED_IN_STATES: readonly PackageState[] = [
  'SUBMITTED_TO_SUPERVISOR',
  'SUPERVISOR_REVIEW',
  'SUBMITTED',
  'IN_REVIEW',
  'APPROVED',
  'SCHEDULED',
  'PUBLISHED',
];

/** States past the bureau's approval. */
export const APPROVED_STATES: readonly PackageState[] = ['APPROVED', 'SCHEDULED', 'PUBLISHED'];

/** States the public may see. */
export const PUBLIC_STATES: readonly PackageState[] = ['PUBLISHED'];

export const STATE_LABELS: Record<PackageState, { zh: string; en: string }> = {
  DRAFT: { zh: '草稿', en: 'Draft' },
  AWAITING_SIGNOFF: { zh: '待单位负责人签章', en: 'Awaiting sign-off' },
  SUBMITTED_TO_SUPERVISOR: { zh: '待主管部门审核', en: 'With the department in charge' },
  SUPERVISOR_REVIEW: { zh: '主管部门审核中', en: 'In review by the department in charge' },
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
  TRANSFER: { zh: '转交', en: 'Transfer' },
  REASSIGN: { zh: '改派', en: 'Reassign' },
  CONCUR: { zh: '会签', en: 'Concur' },
};

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  FILLER: { zh: '填表人', en: 'Filler' },
  UNIT_HEAD: { zh: '单位负责人', en: 'Unit head' },
  SUPERVISOR: { zh: '主管部门审核人', en: 'Reviewer of the department in charge' },
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
  /** The unit's 主管部门 (a unit of the same bureau), if it has one: its SUPERVISOR accounts act on the package. */
  supervisorUnitId?: string | null;
  /** The campaign has the 主管部门 stage on and the unit has a 主管部门: SIGN goes there first. */
  supervised?: boolean;
  /** Who the current stage's package is assigned to (in advance, or by a claim that sticks). */
  assigneeId?: string | null;
  /** The campaign asks for a second reviewer's 会签 before approval. */
  concurrenceRequired?: boolean;
  /** A second reviewer has concurred since the package was last claimed after a return. */
  concurredById?: string | null;
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
  /** The colleague a TRANSFER or REASSIGN hands the package to. */
  targetUserId?: string | null;
  now?: Date;
}

export type TransitionOutcome =
  | { ok: true; from: PackageState; to: PackageState; rule: TransitionRule }
  | { ok: false; code: ErrorCode; from: PackageState; action: WorkflowAction; reason: { zh: string; en: string } };

/** Whether the actor's unit or bureau is the package's own (the system acts everywhere). */
export function inScope(actor: WorkflowActor, pkg: Pick<WorkflowSubject, 'unitId' | 'bureauId' | 'supervisorUnitId'>): boolean {
  if (actor.role === 'SYSTEM') return true;
  if (UNIT_ROLES.includes(actor.role)) return !!actor.unitId && actor.unitId === pkg.unitId;
  // A 主管部门's reviewer sees its subordinate units' packages, not its own unit's nor any other.
  if (actor.role === 'SUPERVISOR') return !!actor.unitId && actor.unitId === pkg.supervisorUnitId && (!actor.bureauId || actor.bureauId === pkg.bureauId);
  return !!actor.bureauId && actor.bureauId === pkg.bureauId;
}

/** Where an allowed action leads for this package (SIGN goes to the 主管部门 when there is one). */
export function targetState(rule: TransitionRule, pkg: Pick<WorkflowSubject, 'supervised'>): PackageState {
  return pkg.supervised && rule.toWhenSupervised ? rule.toWhenSupervised : rule.to;
}

/** A rule's own conditions on the actor beyond the role: claimant, assignee, 会签 by someone else. */
function personRefusal(rule: TransitionRule, actor: WorkflowActor, pkg: WorkflowSubject): 'NOT_CLAIMANT' | 'NOT_ASSIGNEE' | 'OWN_CONCURRENCE' | null {
  if (rule.claimantOnly && pkg.claimedById && pkg.claimedById !== actor.userId) return 'NOT_CLAIMANT';
  if (rule.assigneeOnly && pkg.assigneeId && pkg.assigneeId !== actor.userId) return 'NOT_ASSIGNEE';
  if (rule.notClaimant && (!pkg.claimedById || pkg.claimedById === actor.userId)) return 'OWN_CONCURRENCE';
  return null;
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
  if (rule.onlyWithConcurrence && !pkg.concurrenceRequired) {
    return refuse(ErrorCode.TRANSITION_NOT_ALLOWED, '本次通知不要求会签', 'This campaign does not ask for a concurrence');
  }
  const person = personRefusal(rule, actor, pkg);
  if (person === 'NOT_CLAIMANT') return refuse(ErrorCode.NOT_CLAIMANT, '该材料已由其他审核人领取', 'Another reviewer has claimed this package');
  if (person === 'NOT_ASSIGNEE') {
    return refuse(ErrorCode.NOT_ASSIGNEE, '该材料已分配给其他审核人，须由其转交或由管理员改派', 'This package is assigned to another reviewer; they may transfer it, or the admin reassign it');
  }
  if (person === 'OWN_CONCURRENCE') {
    return refuse(ErrorCode.ROLE_NOT_ALLOWED, '会签须由领取人以外的审核人进行', 'A concurrence is given by a reviewer other than the claimant');
  }
  if (rule.needsTarget) {
    if (!req.targetUserId) return refuse(ErrorCode.VALIDATION_FAILED, `「${actionZh}」须指定接收人`, `Name who receives the package to ${ACTION_LABELS[action].en.toLowerCase()} it`);
    if (req.targetUserId === actor.userId || req.targetUserId === (pkg.claimedById ?? pkg.assigneeId)) {
      return refuse(ErrorCode.VALIDATION_FAILED, `「${actionZh}」的接收人须是另一位审核人`, 'The package goes to another reviewer');
    }
  }
  if (rule.needsConcurrence && pkg.concurrenceRequired && !pkg.concurredById) {
    return refuse(ErrorCode.CONCURRENCE_REQUIRED, '本次通知要求会签：须另一位审核人会签后才能审核通过', 'This campaign requires a second reviewer to concur before approval');
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
  return { ok: true, from, to: targetState(rule, pkg), rule };
}

/** The actions this actor could fire from the package's state (reason/checks not considered). */
export function availableActions(actor: WorkflowActor, pkg: WorkflowSubject): WorkflowAction[] {
  if (!inScope(actor, pkg)) return [];
  const rules = WORKFLOW[pkg.state] ?? {};
  return (Object.keys(rules) as WorkflowAction[]).filter((action) => {
    const rule = rules[action]!;
    if (!rule.by.includes(actor.role)) return false;
    if (rule.onlyWithConcurrence && !pkg.concurrenceRequired) return false;
    return personRefusal(rule, actor, pkg) === null;
  });
}
