import { waitingStates, availableActions, PACKAGE_STATES, FORWARD_ACTIONS, type Role, type WorkflowActor } from '../../src/workflow/index.js';

const roles: Role[] = ['FILLER', 'UNIT_HEAD', 'SUPERVISOR', 'REVIEWER', 'ADMIN'];
const actor = (role: Role): WorkflowActor => ({ userId: 'me', role, unitId: role === 'FILLER' || role === 'UNIT_HEAD' ? 'u1' : role === 'SUPERVISOR' ? 'sup' : null, bureauId: 'b1' });

describe('work waiting for a person', () => {
  it('waits for the filler in drafts and returns, the head to sign, reviewers to claim what is theirs or nobody’s and to finish what they claimed, the admin to schedule', () => {
    expect(waitingStates('FILLER')).toEqual({ any: ['DRAFT', 'RETURNED'], assignedToMeOrNobody: [], claimedByMe: [] });
    expect(waitingStates('UNIT_HEAD')).toEqual({ any: ['AWAITING_SIGNOFF'], assignedToMeOrNobody: [], claimedByMe: [] });
    expect(waitingStates('SUPERVISOR')).toEqual({ any: [], assignedToMeOrNobody: ['SUBMITTED_TO_SUPERVISOR'], claimedByMe: ['SUPERVISOR_REVIEW'] });
    expect(waitingStates('REVIEWER')).toEqual({ any: ['APPROVED'], assignedToMeOrNobody: ['SUBMITTED'], claimedByMe: ['IN_REVIEW'] });
    expect(waitingStates('ADMIN')).toEqual({ any: ['APPROVED'], assignedToMeOrNobody: [], claimedByMe: [] });
  });

  it.each(roles)('agrees with the actions the table offers a %s on packages of every state, claim and assignment', (role) => {
    const w = waitingStates(role);
    for (const state of PACKAGE_STATES) {
      for (const claimedById of [null, 'me', 'someone-else']) {
        for (const assigneeId of [null, 'me', 'someone-else']) {
          // A claimant-only action is also offered on an unclaimed package; nobody's work waits there.
          if (w.claimedByMe.includes(state) && claimedById === null) continue;
          const pkg = { state, unitId: 'u1', bureauId: 'b1', supervisorUnitId: 'sup', claimedById, assigneeId };
          const open = availableActions(actor(role), pkg).some((a) => FORWARD_ACTIONS.includes(a));
          const counted =
            w.any.includes(state) || (w.assignedToMeOrNobody.includes(state) && assigneeId !== 'someone-else') || (w.claimedByMe.includes(state) && claimedById === 'me');
          expect([state, claimedById, assigneeId, counted]).toEqual([state, claimedById, assigneeId, open]);
        }
      }
    }
  });
});
