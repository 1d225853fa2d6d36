import { WITH_UNIT_STATES, type PackageState } from '@zipin/shared';

/** States in which a unit still owes the bureau its package (统称“未报送”). */
export const OVERDUE_STATES: readonly PackageState[] = WITH_UNIT_STATES;

/** Overdue (逾期): the campaign's submission deadline has passed and the package is not yet with the bureau. */
export function isOverdue(state: PackageState, submissionDeadline: Date, now: Date = new Date()): boolean {
  return submissionDeadline.getTime() < now.getTime() && OVERDUE_STATES.includes(state);
}
