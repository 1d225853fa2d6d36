/** Package and workflow calls used by the stores (one place to mock in tests). */
import type { PackageDocument, WorkflowAction } from '@zipin/shared';
import { mutate, query } from './client.js';
import * as op from './operations.js';
import type * as G from './generated/graphql.js';
import type { Comment, DiffEntry, PackageDetail, PackageFilter, PackagePage, PackageSort, Render, SaveAnswer } from './types.js';
import type { PackageDetailFieldsFragment, RecordPackageViewMutation } from './generated/graphql.js';

/**
 * The schema types `document` as JSON and check severities as strings; the server builds both
 * with @zipin/shared (PackageDocument, runChecks), so this is where they take the domain types.
 */
function asDetail(p: PackageDetailFieldsFragment): PackageDetail {
  return p as unknown as PackageDetail;
}

/**
 * The package; given the one the client holds (`known`), the server leaves the document out
 * when it is still at that version, and the held document is kept.
 */
export async function fetchPackage(id: string, known?: PackageDetail | null): Promise<PackageDetail> {
  const held = known?.id === id ? known : null;
  const data = await query(op.PACKAGE, { id, knownVersion: held?.version ?? null });
  if (!data.package) {
    const { ApiError } = await import('./errors.js');
    throw new ApiError('NOT_FOUND', '找不到该材料', null, 'The package was not found');
  }
  const p = asDetail(data.package);
  return p.unchanged && held ? { ...p, document: held.document } : p;
}

export async function fetchPackages(filter: PackageFilter, first = 50, offset = 0, sort: PackageSort | null = null): Promise<PackagePage> {
  return (await query(op.PACKAGES, { filter, first, offset, sort })).packages;
}

/** The bureau's common opinion phrases (常用意见). */
export async function fetchOpinionPhrases(): Promise<string[]> {
  return (await query(op.OPINION_PHRASES, {})).opinionPhrases;
}

/** The colleagues a package of this stage may be handed to (转交). */
export async function fetchStageReviewers(stage: 'SUPERVISOR' | 'BUREAU', supervisorUnitId: string | null) {
  return (await query(op.STAGE_REVIEWERS, { stage, supervisorUnitId })).stageReviewers;
}

/** How many packages wait for the signed-in person to act (我的待办). */
export async function fetchWaitingForMe(): Promise<number> {
  return (await query(op.WAITING_FOR_ME, {})).waitingForMeCount;
}

export type PublicationState = G.PublicationStatesQuery['packages']['nodes'][number];

export async function fetchPublicationStates(filter: PackageFilter, first = 50, offset = 0): Promise<PublicationState[]> {
  return (await query(op.PUBLICATION_STATES, { filter, first, offset })).packages.nodes;
}

export async function savePackage(input: { packageId: string; baseVersion: number; document: PackageDocument; saveId: string }): Promise<SaveAnswer> {
  return (await mutate(op.SAVE_PACKAGE, { input })).savePackage as unknown as SaveAnswer;
}

export interface TransitionExtras {
  password?: string;
  reason?: string;
  comments?: op.ReturnCommentInput[];
  publishAt?: string | null;
  /** The opinion put on the record by SIGN, APPROVE and CONCUR. */
  opinion?: string | null;
  /** Who a TRANSFER or REASSIGN hands the package to. */
  toUserId?: string;
}

/** What every transition returns: the package's new state and version (callers reload the rest). */
export type TransitionResult = Pick<PackageDetail, 'id' | 'state' | 'version' | 'availableActions'>;

/** Fires a workflow action; returns the package's new state and version. */
export async function transition(action: WorkflowAction, packageId: string, expectedVersion: number, extras: TransitionExtras = {}): Promise<TransitionResult> {
  const v = { packageId, expectedVersion };
  switch (action) {
    case 'SUBMIT':
      return (await mutate(op.SUBMIT, v)).submitPackage;
    case 'WITHDRAW':
      return (await mutate(op.WITHDRAW, v)).withdrawPackage;
    case 'SIGN':
      return (await mutate(op.SIGN, { ...v, password: extras.password ?? '', opinion: extras.opinion ?? null })).signPackage;
    case 'RETURN':
      return (await mutate(op.RETURN, { ...v, reason: extras.reason ?? '', comments: extras.comments ?? [] })).returnPackage;
    case 'CLAIM':
      return (await mutate(op.CLAIM, v)).claimPackage;
    case 'RELEASE':
      return (await mutate(op.RELEASE, v)).releasePackage;
    case 'APPROVE':
      return (await mutate(op.APPROVE, { ...v, opinion: extras.opinion ?? null })).approvePackage;
    case 'CONCUR':
      return (await mutate(op.CONCUR, { ...v, opinion: extras.opinion ?? null })).concurPackage;
    case 'TRANSFER':
      return (await mutate(op.TRANSFER, { ...v, toUserId: extras.toUserId ?? '', reason: extras.reason ?? '' })).transferPackage;
    case 'REASSIGN':
      return (await mutate(op.REASSIGN, { ...v, toUserId: extras.toUserId ?? '', reason: extras.reason ?? null })).reassignPackage;
    case 'SCHEDULE':
      return (await mutate(op.SCHEDULE, { ...v, publishAt: extras.publishAt ?? null })).schedulePublication;
    case 'RESCHEDULE':
      return (await mutate(op.RESCHEDULE, { ...v, publishAt: extras.publishAt ?? '' })).reschedulePublication;
    case 'UNSCHEDULE':
      return (await mutate(op.UNSCHEDULE, v)).unschedulePublication;
    case 'RETRACT':
      return (await mutate(op.RETRACT, { ...v, reason: extras.reason ?? '' })).retractPublication;
    case 'PUBLISH': {
      const { ApiError } = await import('./errors.js');
      throw new ApiError('ROLE_NOT_ALLOWED', '公开由系统按时执行', null, 'Publishing is done by the system at the scheduled time');
    }
    default: {
      const never: never = action;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

export async function batchApprove(packageIds: string[]) {
  return (await mutate(op.BATCH_APPROVE, { packageIds })).batchApprove;
}

export async function schedulePublications(items: { packageId: string; expectedVersion: number }[], publishAt: string | null) {
  return (await mutate(op.SCHEDULE_MANY, { items, publishAt })).schedulePublications;
}

export async function publishNow(packageId: string, expectedVersion: number) {
  return (await mutate(op.PUBLISH_NOW, { packageId, expectedVersion })).publishNow;
}

export async function revisionDiff(packageId: string, fromRevisionId: string, toRevisionId: string | null = null): Promise<DiffEntry[]> {
  return (await query(op.REVISION_DIFF, { packageId, fromRevisionId, toRevisionId })).revisionDiff;
}

export async function addComment(packageId: string, path: string, body: string): Promise<Comment> {
  return (await mutate(op.ADD_COMMENT, { packageId, path, body })).addComment;
}

export async function replyComment(commentId: string, body: string): Promise<Comment> {
  return (await mutate(op.REPLY_COMMENT, { commentId, body })).replyComment;
}

export async function resolveComment(commentId: string): Promise<Comment> {
  return (await mutate(op.RESOLVE_COMMENT, { commentId })).resolveComment;
}

/** Records that the signed-in reader opened the package now; returns the view before (null the first time). */
export async function recordPackageView(packageId: string): Promise<RecordPackageViewMutation['recordPackageView']> {
  return (await mutate(op.RECORD_PACKAGE_VIEW, { packageId })).recordPackageView;
}

export async function requestPreview(packageId: string): Promise<Render> {
  return (await mutate(op.REQUEST_PREVIEW, { packageId })).requestPreview;
}

export async function fetchRender(id: string): Promise<Render | null> {
  return (await query(op.RENDER, { id })).render;
}
