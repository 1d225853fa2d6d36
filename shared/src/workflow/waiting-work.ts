import { WORKFLOW, PACKAGE_STATES, type PackageState, type Role, type WorkflowAction } from './workflow-table.js';

/**
 * The actions that move a package on (报送、签章、领取、审核通过、安排公开): a package on which one
 * of them is open to a person is waiting for that person (我的待办). Returning, withdrawing,
 * releasing and handing over are open too, but nobody's work is waiting for them.
 */
export const FORWARD_ACTIONS: readonly WorkflowAction[] = ['SUBMIT', 'SIGN', 'CLAIM', 'APPROVE', 'SCHEDULE'];

/** Where a role's work waits, by who in the role it waits for. */
export interface WaitingStates {
  /** Any package of the person's scope in these states. */
  any: PackageState[];
  /** Packages whose stage is assigned to the person, or to nobody (领取 of an assigned package is the assignee's). */
  assignedToMeOrNobody: PackageState[];
  /** Only packages the person has claimed (领取). */
  claimedByMe: PackageState[];
}

/** Read from the workflow table, so a new stage or role counts without another list to keep. */
export function waitingStates(role: Role): WaitingStates {
  const out: WaitingStates = { any: [], assignedToMeOrNobody: [], claimedByMe: [] };
  for (const state of PACKAGE_STATES) {
    const rules = WORKFLOW[state] ?? {};
    const open = FORWARD_ACTIONS.map((a) => rules[a]).filter((r) => r && r.by.includes(role));
    if (!open.length) continue;
    if (open.some((r) => !r!.claimantOnly && !r!.assigneeOnly)) out.any.push(state);
    else if (open.some((r) => !r!.claimantOnly)) out.assignedToMeOrNobody.push(state);
    else out.claimedByMe.push(state);
  }
  return out;
}
