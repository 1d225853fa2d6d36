import {
  WORKFLOW,
  PACKAGE_STATES,
  WORKFLOW_ACTIONS,
  checkTransition,
  availableActions,
  type PackageState,
  type WorkflowActor,
  type WorkflowSubject,
} from '../../src/workflow/index.js';
import { ErrorCode } from '../../src/errors/index.js';

const unit = 'u1';
const bureau = 'b1';
const actor = (role: WorkflowActor['role'], userId = role.toLowerCase()): WorkflowActor => ({
  userId,
  role,
  unitId: role === 'FILLER' || role === 'UNIT_HEAD' ? unit : null,
  bureauId: bureau,
});
const pkg = (state: PackageState, claimedById: string | null = null): WorkflowSubject => ({
  state,
  unitId: unit,
  bureauId: bureau,
  claimedById,
});

describe('workflow table', () => {
  it('reaches every state from DRAFT', () => {
    const seen = new Set<PackageState>(['DRAFT']);
    const queue: PackageState[] = ['DRAFT'];
    while (queue.length) {
      const from = queue.shift()!;
      for (const rule of Object.values(WORKFLOW[from])) {
        if (rule && !seen.has(rule.to)) {
          seen.add(rule.to);
          queue.push(rule.to);
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

  it('allows exactly the table: every state × action × role', () => {
    const roles = ['FILLER', 'UNIT_HEAD', 'REVIEWER', 'ADMIN', 'SYSTEM'] as const;
    for (const state of PACKAGE_STATES) {
      for (const action of WORKFLOW_ACTIONS) {
        for (const role of roles) {
          const outcome = checkTransition({
            action,
            actor: actor(role),
            pkg: pkg(state, role === 'REVIEWER' ? 'reviewer' : null),
            reason: 'because',
            canSubmit: true,
            publishAt: new Date(Date.now() + 60_000),
          });
          const rule = WORKFLOW[state][action];
          const allowed = !!rule && rule.by.includes(role);
          expect({ state, action, role, ok: outcome.ok }).toEqual({ state, action, role, ok: allowed });
          if (outcome.ok) expect(outcome.to).toBe(rule!.to);
        }
      }
    }
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
    expect(availableActions(actor('REVIEWER'), pkg('IN_REVIEW', 'reviewer')).sort()).toEqual(['APPROVE', 'RELEASE', 'RETURN']);
  });

  it('refuses a publication time in the past', () => {
    const outcome = checkTransition({ action: 'SCHEDULE', actor: actor('ADMIN'), pkg: pkg('APPROVED'), publishAt: new Date(Date.now() - 1000) });
    expect(outcome).toMatchObject({ code: 'PUBLISH_TIME_INVALID' });
  });
});
