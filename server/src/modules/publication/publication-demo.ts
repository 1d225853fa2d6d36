import type { Tx } from '../../database/transaction.service.js';
import type { PackageEntity } from '../package/package.entity.js';
import type { PublicationService } from './publication.service.js';

export interface PublicationDemoInput {
  bureauId: string;
  /** An ADMIN (or REVIEWER) of the bureau: the schedule is recorded as theirs. */
  actorUserId: string;
  actorRole?: 'ADMIN' | 'REVIEWER';
  /** APPROVED; published a few seconds after start-up by the ordinary publish job (PDF included). */
  publishNowPackageId: string;
  /** APPROVED; stays SCHEDULED until `laterInMs` from now (default 10 minutes), then publishes. */
  scheduleLaterPackageId: string;
  laterInMs?: number;
}

/**
 * Demo data for publication: one package that goes public right after start-up and one
 * scheduled for the near future, both through the real path (SCHEDULE transition, delayed
 * job, the PDF rendered ahead, the due-time flip), so the portal, the feed and verification have
 * something to show. Call inside the demo seed's transaction with two APPROVED packages
 * (their copies to be published are rendered by the schedule's own PDF job).
 */
export async function seedPublicationDemo(
  publications: PublicationService,
  tx: Tx,
  input: PublicationDemoInput,
): Promise<{ publishing: PackageEntity; scheduled: PackageEntity }> {
  const now = publications.clockNow().getTime();
  const actor = { userId: input.actorUserId, role: input.actorRole ?? 'ADMIN', unitId: null, bureauId: input.bureauId } as const;
  const publishing = await publications.scheduleIn(tx, actor, 'SCHEDULE', input.publishNowPackageId, new Date(now + 3_000));
  const scheduled = await publications.scheduleIn(tx, actor, 'SCHEDULE', input.scheduleLaterPackageId, new Date(now + (input.laterInMs ?? 10 * 60_000)));
  return { publishing, scheduled };
}
