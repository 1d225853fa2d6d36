import {
  WORKFLOW,
  PACKAGE_STATES,
  WORKFLOW_ACTIONS,
  checkTransition,
  availableActions,
  stageOf,
  STAGE_ROLE,
  stageOfRole,
  type PackageState,
  type WorkflowActor,
  type WorkflowSubject,
} from '../../src/workflow/index.js';
import { ErrorCode } from '../../src/errors/index.js';

const unit = 'u1';
const supervisorUnit = 'sup1'; // the 主管部门 of u1
const bureau = 'b1';
const actor = (role: WorkflowActor['role'], userId = role.toLowerCase()): WorkflowActor => ({
  userId,
  role,
  unitId: role === 'FILLER' || role === 'UNIT_HEAD' ? unit : role === 'SUPERVISOR' ? supervisorUnit : null,
  bureauId: bureau,
});
const pkg = (state: PackageState, claimedById: string | null = null, extra: Partial<WorkflowSubject> = {}): WorkflowSubject => ({
  state,
  unitId: unit,
  bureauId: bureau,
  supervisorUnitId: supervisorUnit,
  claimedById,
  ...extra,
});

describe('workflow table', () => {
  it('reaches every state from DRAFT', () => {
    const seen = new Set<PackageState>(['DRAFT']);
    const queue: PackageState[] = ['DRAFT'];
    while (queue.length) {
      const from = queue.shift()!;
      for (const rule of Object.values(WORKFLOW[from])) {
        for (const to of rule ? [rule.to, rule.toWhenSupervised] : []) {
          if (to && !seen.has(to)) {
            seen.add(to);
            queue.push(to);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual([...PACKAGE_STATES].sort());
  });

  it('uses every action somewhere, and every state has a way out', () => {
    const used = new Set(PACKAGE_STATES.flatMap((s) => Object.keys(WORKFLOW[s])));
    expect([...used].sort()).toEqual([...WORKFLOW_ACTIONS].sort());
    for (const s of PACKAGE_STATES) expect(Object.keys(WORKFLOW[s]).length).toBeGreaterThan(0);
  });

  it('reaches the 主管部门 stage only through a supervised sign-off, and leaves it only towards the bureau or back to the unit', () => {
    const into = PACKAGE_STATES.flatMap((s) =>
      Object.entries(WORKFLOW[s]).flatMap(([a, r]) => [r!.to, r!.toWhenSupervised].filter((to) => to && stageOf(to) === 'SUPERVISOR' && stageOf(s) !== 'SUPERVISOR').map(() => a)),
    );
    expect(into).toEqual(['SIGN']);
    const out = new Set(
      (['SUBMITTED_TO_SUPERVISOR', 'SUPERVISOR_REVIEW'] as const).flatMap((s) => Object.values(WORKFLOW[s]).map((r) => r!.to)).filter((to) => stageOf(to) !== 'SUPERVISOR'),
    );
    expect([...out].sort()).toEqual(['DRAFT', 'RETURNED', 'SUBMITTED']);
  });

  it('allows exactly the table: every state × action × role, with and without the 主管部门 stage', () => {
    const roles = ['FILLER', 'UNIT_HEAD', 'SUPERVISOR', 'REVIEWER', 'ADMIN', 'SYSTEM'] as const;
    for (const supervised of [false, true]) {
      for (const state of PACKAGE_STATES) {
        for (const action of WORKFLOW_ACTIONS) {
          for (const role of roles) {
            const stageRole = stageOf(state) ? STAGE_ROLE[stageOf(state)!] : null;
            // The stage's reviewer holds the package, except for a 会签, given by someone else.
            const claimant = role === stageRole ? (action === 'CONCUR' ? 'someone-else' : role.toLowerCase()) : null;
            const outcome = checkTransition({
              action,
              actor: actor(role),
              // The campaign asks for 会签 and it was given, so that CONCUR and APPROVE are both possible.
              pkg: pkg(state, claimant, { supervised, assigneeId: claimant, concurrenceRequired: true, concurredById: 'someone-else' }),
              reason: 'because',
              canSubmit: true,
              publishAt: new Date(Date.now() + 60_000),
              targetUserId: 'colleague',
            });
            const rule = WORKFLOW[state][action];
            const allowed = !!rule && rule.by.includes(role);
            expect({ supervised, state, action, role, ok: outcome.ok }).toEqual({ supervised, state, action, role, ok: allowed });
            if (outcome.ok) expect(outcome.to).toBe(supervised && rule!.toWhenSupervised ? rule!.toWhenSupervised : rule!.to);
          }
        }
      }
    }
  });

  it('sends a signed package to its 主管部门 when supervised, else straight to the bureau', () => {
    const head = actor('UNIT_HEAD');
    expect(checkTransition({ action: 'SIGN', actor: head, pkg: pkg('AWAITING_SIGNOFF', null, { supervised: true }), canSubmit: true })).toMatchObject({ ok: true, to: 'SUBMITTED_TO_SUPERVISOR' });
    expect(checkTransition({ action: 'SIGN', actor: head, pkg: pkg('AWAITING_SIGNOFF', null, { supervised: false }), canSubmit: true })).toMatchObject({ ok: true, to: 'SUBMITTED' });
    // The 主管部门's approval passes the package on to the bureau's queue.
    expect(checkTransition({ action: 'APPROVE', actor: actor('SUPERVISOR'), pkg: pkg('SUPERVISOR_REVIEW', 'supervisor') })).toMatchObject({ ok: true, to: 'SUBMITTED' });
  });

  it("lets a 主管部门's reviewer act only on its own subordinate units' packages", () => {
    const sup = actor('SUPERVISOR');
    expect(checkTransition({ action: 'CLAIM', actor: sup, pkg: pkg('SUBMITTED_TO_SUPERVISOR') })).toMatchObject({ ok: true, to: 'SUPERVISOR_REVIEW' });
    expect(checkTransition({ action: 'CLAIM', actor: { ...sup, unitId: 'sup2' }, pkg: pkg('SUBMITTED_TO_SUPERVISOR') })).toMatchObject({ code: 'NOT_IN_SCOPE' });
    expect(checkTransition({ action: 'CLAIM', actor: { ...sup, bureauId: 'b2' }, pkg: pkg('SUBMITTED_TO_SUPERVISOR') })).toMatchObject({ code: 'NOT_IN_SCOPE' });
    // Not its own unit's package, and not a unit without a 主管部门.
    expect(checkTransition({ action: 'CLAIM', actor: sup, pkg: { ...pkg('SUBMITTED_TO_SUPERVISOR'), unitId: supervisorUnit, supervisorUnitId: null } })).toMatchObject({ code: 'NOT_IN_SCOPE' });
    // The bureau's stage is not the supervisor's, nor the supervisor's the bureau reviewer's.
    expect(checkTransition({ action: 'CLAIM', actor: sup, pkg: pkg('SUBMITTED') })).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect(checkTransition({ action: 'CLAIM', actor: actor('REVIEWER'), pkg: pkg('SUBMITTED_TO_SUPERVISOR') })).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('withdraws before the 主管部门 claims, and returns from its review with a reason', () => {
    expect(checkTransition({ action: 'WITHDRAW', actor: actor('UNIT_HEAD'), pkg: pkg('SUBMITTED_TO_SUPERVISOR') })).toMatchObject({ ok: true, to: 'DRAFT' });
    expect(checkTransition({ action: 'WITHDRAW', actor: actor('FILLER'), pkg: pkg('SUPERVISOR_REVIEW', 'supervisor') })).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    expect(checkTransition({ action: 'RETURN', actor: actor('SUPERVISOR'), pkg: pkg('SUPERVISOR_REVIEW', 'supervisor'), reason: ' ' })).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(checkTransition({ action: 'RETURN', actor: actor('SUPERVISOR'), pkg: pkg('SUPERVISOR_REVIEW', 'supervisor'), reason: '请补充' })).toMatchObject({ ok: true, to: 'RETURNED' });
  });

  it('keeps an assigned package for its assignee until transferred or reassigned', () => {
    const mine = pkg('SUBMITTED', null, { assigneeId: 'reviewer' });
    const other = actor('REVIEWER', 'reviewer-2');
    expect(checkTransition({ action: 'CLAIM', actor: other, pkg: mine })).toMatchObject({ code: 'NOT_ASSIGNEE' });
    expect(availableActions(other, mine)).toEqual([]);
    expect(checkTransition({ action: 'CLAIM', actor: actor('REVIEWER'), pkg: mine })).toMatchObject({ ok: true, to: 'IN_REVIEW' });
    expect(checkTransition({ action: 'TRANSFER', actor: actor('REVIEWER'), pkg: mine, reason: '出差', targetUserId: 'reviewer-2' })).toMatchObject({ ok: true, to: 'SUBMITTED' });
    expect(checkTransition({ action: 'TRANSFER', actor: actor('REVIEWER'), pkg: mine, targetUserId: 'reviewer-2' })).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(checkTransition({ action: 'TRANSFER', actor: actor('REVIEWER'), pkg: mine, reason: '出差' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(checkTransition({ action: 'TRANSFER', actor: actor('REVIEWER'), pkg: mine, reason: '出差', targetUserId: 'reviewer' })).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(checkTransition({ action: 'REASSIGN', actor: actor('ADMIN'), pkg: mine, targetUserId: 'reviewer-2' })).toMatchObject({ ok: true, to: 'SUBMITTED' });
    expect(checkTransition({ action: 'REASSIGN', actor: actor('REVIEWER'), pkg: mine, targetUserId: 'reviewer-2' })).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    // Unassigned, any reviewer of the bureau may claim.
    expect(checkTransition({ action: 'CLAIM', actor: other, pkg: pkg('SUBMITTED') })).toMatchObject({ ok: true });
  });

  it('asks for a second reviewer\'s 会签 before approval when the campaign requires it', () => {
    const held = pkg('IN_REVIEW', 'reviewer', { concurrenceRequired: true });
    expect(checkTransition({ action: 'APPROVE', actor: actor('REVIEWER'), pkg: held })).toMatchObject({ code: 'CONCURRENCE_REQUIRED' });
    expect(checkTransition({ action: 'CONCUR', actor: actor('REVIEWER'), pkg: held })).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
    expect(checkTransition({ action: 'CONCUR', actor: actor('REVIEWER', 'reviewer-2'), pkg: held })).toMatchObject({ ok: true, to: 'IN_REVIEW' });
    expect(checkTransition({ action: 'APPROVE', actor: actor('REVIEWER'), pkg: { ...held, concurredById: 'reviewer-2' } })).toMatchObject({ ok: true, to: 'APPROVED' });
    expect(checkTransition({ action: 'APPROVE', actor: actor('REVIEWER'), pkg: { ...held, concurrenceRequired: false } })).toMatchObject({ ok: true });
    // Without 会签 in the campaign there is nothing to concur with.
    expect(checkTransition({ action: 'CONCUR', actor: actor('REVIEWER', 'reviewer-2'), pkg: { ...held, concurrenceRequired: false } })).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
  });

  it('puts an opinion on the record at each level: unit head, 主管部门, bureau, and the 会签', () => {
    const opinions = PACKAGE_STATES.flatMap((s) => Object.entries(WORKFLOW[s]).filter(([, r]) => r!.opinion).map(([a, r]) => `${s}.${a}:${r!.opinion}`));
    expect(opinions.sort()).toEqual(['AWAITING_SIGNOFF.SIGN:UNIT_HEAD', 'IN_REVIEW.APPROVE:FINANCE_BUREAU', 'IN_REVIEW.CONCUR:CONCURRENCE', 'SUPERVISOR_REVIEW.APPROVE:SUPERVISOR']);
  });

  it('says why when the state does not allow the action', () => {
    const outcome = checkTransition({ action: 'APPROVE', actor: actor('REVIEWER'), pkg: pkg('DRAFT') });
    expect(outcome).toMatchObject({ ok: false, code: ErrorCode.TRANSITION_NOT_ALLOWED, from: 'DRAFT', action: 'APPROVE' });
    if (!outcome.ok) expect(outcome.reason.zh).toContain('草稿');
  });

  it('refuses another unit, another bureau, and the wrong role', () => {
    const other = { ...actor('FILLER'), unitId: 'u2' };
    expect(checkTransition({ action: 'SUBMIT', actor: other, pkg: pkg('DRAFT'), canSubmit: true })).toMatchObject({ code: 'NOT_IN_SCOPE' });
    const otherBureau = { ...actor('REVIEWER'), bureauId: 'b2' };
    expect(checkTransition({ action: 'CLAIM', actor: otherBureau, pkg: pkg('SUBMITTED') })).toMatchObject({ code: 'NOT_IN_SCOPE' });
    expect(checkTransition({ action: 'SIGN', actor: actor('FILLER'), pkg: pkg('AWAITING_SIGNOFF'), canSubmit: true })).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('requires a reason to return and passing checks to submit', () => {
    expect(checkTransition({ action: 'RETURN', actor: actor('UNIT_HEAD'), pkg: pkg('AWAITING_SIGNOFF'), reason: '  ' })).toMatchObject({ code: 'REASON_REQUIRED' });
    expect(checkTransition({ action: 'SUBMIT', actor: actor('FILLER'), pkg: pkg('DRAFT'), canSubmit: false })).toMatchObject({ code: 'CHECKS_BLOCK_SUBMISSION' });
  });

  it('lets only the claimant decide a claimed package', () => {
    const other = actor('REVIEWER', 'reviewer-2');
    expect(checkTransition({ action: 'APPROVE', actor: other, pkg: pkg('IN_REVIEW', 'reviewer') })).toMatchObject({ code: 'NOT_CLAIMANT' });
    expect(availableActions(other, pkg('IN_REVIEW', 'reviewer'))).toEqual([]);
    expect(availableActions(other, pkg('IN_REVIEW', 'reviewer', { concurrenceRequired: true }))).toEqual(['CONCUR']);
    expect(availableActions(actor('REVIEWER'), pkg('IN_REVIEW', 'reviewer')).sort()).toEqual(['APPROVE', 'RELEASE', 'RETURN', 'TRANSFER']);
  });

  it('refuses a publication time in the past', () => {
    const outcome = checkTransition({ action: 'SCHEDULE', actor: actor('ADMIN'), pkg: pkg('APPROVED'), publishAt: new Date(Date.now() - 1000) });
    expect(outcome).toMatchObject({ code: 'PUBLISH_TIME_INVALID' });
  });
});

describe('stageOfRole', () => {
  it('reads the stage a role reviews in from STAGE_ROLE, and none for the other roles', () => {
    expect(stageOfRole('REVIEWER')).toBe('BUREAU');
    expect(stageOfRole('SUPERVISOR')).toBe('SUPERVISOR');
    for (const role of ['FILLER', 'UNIT_HEAD', 'ADMIN', null, undefined] as const) expect(stageOfRole(role)).toBeNull();
  });
});
