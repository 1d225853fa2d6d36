import { waitingStates, availableActions, PACKAGE_STATES, FORWARD_ACTIONS, type Role, type WorkflowActor } from '../../src/workflow/index.js';

const roles: Role[] = ['FILLER', 'UNIT_HEAD', 'REVIEWER', 'ADMIN'];
const actor = (role: Role): WorkflowActor => ({ userId: 'me', role, unitId: role === 'FILLER' || role === 'UNIT_HEAD' ? 'u1' : null, bureauId: 'b1' });

describe('work waiting for a person', () => {
  it('waits for the filler in drafts and returns, the head to sign, the reviewer to claim and to finish what they claimed, the admin to schedule', () => {
    expect(waitingStates('FILLER')).toEqual({ any: ['DRAFT', 'RETURNED'], claimedByMe: [] });
    expect(waitingStates('UNIT_HEAD')).toEqual({ any: ['AWAITING_SIGNOFF'], claimedByMe: [] });
    expect(waitingStates('REVIEWER')).toEqual({ any: ['SUBMITTED', 'APPROVED'], claimedByMe: ['IN_REVIEW'] });
    expect(waitingStates('ADMIN')).toEqual({ any: ['APPROVED'], claimedByMe: [] });
  });

  it.each(roles)('agrees with the actions the table offers a %s on packages of every state', (role) => {
    const w = waitingStates(role);
    for (const state of PACKAGE_STATES) {
      for (const claimedById of [null, 'me', 'someone-else']) {
        const open = availableActions(actor(role), { state, unitId: 'u1', bureauId: 'b1', claimedById }).some((a) => FORWARD_ACTIONS.includes(a));
        const counted = w.any.includes(state) || (w.claimedByMe.includes(state) && claimedById === 'me');
        // A claimant-only action is also offered on an unclaimed package; nobody's work waits there.
        if (w.claimedByMe.includes(state) && claimedById === null) continue;
        expect([state, claimedById, counted]).toEqual([state, claimedById, open]);
      }
    }
  });
});
