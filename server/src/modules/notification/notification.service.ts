import { Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { ACTION_LABELS, STATE_LABELS, type PackageState, type Role, type WorkflowAction, type WorkflowActor } from '@zipin/shared';
import type { RequestUser } from '../../common/request-context.js';
import { newId } from '../../database/columns.js';
import type { Tx } from '../../database/transaction.service.js';
import { UnitEntity } from '../org/unit.entity.js';
import { UserEntity } from '../org/user.entity.js';
import type { PackageEntity } from '../package/package.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { NotificationDeliveryService } from './notification-delivery.service.js';
import { LiveBus } from '../live/live-bus.js';

type Audience = {
  unitRoles?: Role[];
  bureauRoles?: Role[];
  /** The 主管部门's reviewers (accounts of the package's supervisor unit). */
  supervisors?: boolean;
  /** Named people: an assignee, the colleague a package is transferred to, the claimant. */
  userIds?: (string | null | undefined)[];
};

type AudiencePackage = Pick<PackageEntity, 'assigneeId' | 'supervisorAssigneeId' | 'claimedById'>;

/** Who acts next after each transition (the inbox of the next actor). */
export function audienceFor(
  action: WorkflowAction | string,
  from: PackageState | null,
  to?: PackageState | null,
  pkg?: AudiencePackage,
  previousHolderId?: string | null,
): Audience {
  // A stage's package goes to its assignee when it has one, else to all the stage's reviewers.
  const toSupervisor = (): Audience => (pkg?.supervisorAssigneeId ? { userIds: [pkg.supervisorAssigneeId] } : { supervisors: true });
  const toBureau = (): Audience => (pkg?.assigneeId ? { userIds: [pkg.assigneeId] } : { bureauRoles: ['REVIEWER'] });
  switch (action) {
    case 'SUBMIT':
      return { unitRoles: ['UNIT_HEAD'] };
    case 'SIGN':
      return to === 'SUBMITTED_TO_SUPERVISOR' ? toSupervisor() : toBureau();
    case 'WITHDRAW':
      return from === 'SUBMITTED' || from === 'SUBMITTED_TO_SUPERVISOR' ? { unitRoles: ['FILLER', 'UNIT_HEAD'] } : { unitRoles: ['UNIT_HEAD'] };
    case 'RETURN':
      return { unitRoles: ['FILLER'] };
    case 'TRANSFER':
    case 'REASSIGN':
      return { userIds: [pkg?.claimedById ?? (from === 'SUBMITTED_TO_SUPERVISOR' ? pkg?.supervisorAssigneeId : pkg?.assigneeId), ...(action === 'REASSIGN' ? [previousHolderId] : [])] };
    case 'CONCUR':
      return { userIds: [pkg?.claimedById] };
    case 'APPROVE':
      // The 主管部门 passed it on: the bureau's reviewer acts next, and the unit learns of it.
      if (to === 'SUBMITTED') return { ...toBureau(), unitRoles: ['FILLER', 'UNIT_HEAD'] };
      return { unitRoles: ['FILLER', 'UNIT_HEAD'] };
    case 'SCHEDULE':
    case 'RESCHEDULE':
    case 'UNSCHEDULE':
    case 'PUBLISH':
    case 'RETRACT':
      return { unitRoles: ['FILLER', 'UNIT_HEAD'] };
    default:
      return {};
  }
}

const TITLES: Partial<Record<WorkflowAction, string>> = {
  SUBMIT: '待您签章确认',
  SIGN: '新报送的自评材料待审核',
  TRANSFER: '自评材料转交给您审核',
  REASSIGN: '自评材料已改派',
  CONCUR: '自评材料已会签',
  WITHDRAW: '自评材料已撤回',
  RETURN: '自评材料被退回，请修改',
  APPROVE: '自评材料审核通过',
  SCHEDULE: '自评材料已安排公开',
  RESCHEDULE: '自评材料公开时间已调整',
  UNSCHEDULE: '自评材料已取消公开安排',
  PUBLISH: '自评材料已公开',
  RETRACT: '自评材料已撤回公开',
};

export interface InboxInput {
  unreadOnly?: boolean | null;
  first?: number | null;
}

/** The in-app inbox (站内通知). Rows are written in the transaction that caused them. */
@Injectable()
export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly deliveries: NotificationDeliveryService,
    private readonly live: LiveBus,
  ) {}

  async recipients(
    tx: Tx,
    pkg: Pick<PackageEntity, 'unitId' | 'bureauId'> & Partial<Pick<PackageEntity, 'supervisorUnitId'>>,
    audience: Audience,
    exceptUserId?: string | null,
  ): Promise<UserEntity[]> {
    const repo = tx.manager.getRepository(UserEntity);
    const out: UserEntity[] = [];
    if (audience.unitRoles?.length) out.push(...(await repo.findBy({ unitId: pkg.unitId, role: In(audience.unitRoles), active: true })));
    if (audience.bureauRoles?.length) {
      out.push(...(await repo.findBy({ bureauId: pkg.bureauId, role: In(audience.bureauRoles), unitId: IsNull(), active: true })));
    }
    if (audience.supervisors && pkg.supervisorUnitId) {
      out.push(...(await repo.findBy({ bureauId: pkg.bureauId, unitId: pkg.supervisorUnitId, role: 'SUPERVISOR', active: true })));
    }
    const named = (audience.userIds ?? []).filter((id): id is string => !!id);
    if (named.length) out.push(...(await repo.findBy({ id: In(named), bureauId: pkg.bureauId, active: true })));
    const seen = new Set<string>();
    return out.filter((u) => u.id !== exceptUserId && !seen.has(u.id) && !!seen.add(u.id));
  }

  async notify(tx: Tx, userIds: readonly string[], n: { kind: string; title: string; body: string; packageId: string | null }): Promise<number> {
    if (!userIds.length) return 0;
    const now = new Date();
    const rows = userIds.map((userId) => ({ id: newId(), userId, packageId: n.packageId, kind: n.kind, title: n.title.slice(0, 200), body: n.body, createdAt: now, readAt: null }));
    await tx.manager.getRepository(NotificationEntity).insert(rows);
    // By mail and to the group robot too, when configured: outbox rows in this same transaction.
    await this.deliveries.queue(tx, userIds, new Map(rows.map((r) => [r.userId, r.id])), n);
    this.live.afterCommit(tx, { kind: 'INBOX', userIds: [...new Set(userIds)], at: now.toISOString() });
    return rows.length;
  }

  /**
   * Many notices at once (a batch of packages published together): one INSERT for all of them,
   * one live event for everyone concerned.
   */
  async notifyMany(tx: Tx, items: readonly { userIds: readonly string[]; kind: string; title: string; body: string; packageId: string | null }[], now = new Date()): Promise<number> {
    const rows: NotificationEntity[] = [];
    for (const n of items) {
      const mine = n.userIds.map((userId) => ({ id: newId(), userId, packageId: n.packageId, kind: n.kind, title: n.title.slice(0, 200), body: n.body, createdAt: now, readAt: null }));
      rows.push(...mine);
      if (mine.length) await this.deliveries.queue(tx, n.userIds, new Map(mine.map((r) => [r.userId, r.id])), n);
    }
    if (!rows.length) return 0;
    await tx.manager.createQueryBuilder().insert().into(NotificationEntity).values(rows).execute();
    this.live.afterCommit(tx, { kind: 'INBOX', userIds: [...new Set(rows.map((r) => r.userId))], at: now.toISOString() });
    return rows.length;
  }

  /** Tells the next actor about a transition (never the actor themself). */
  async forTransition(
    tx: Tx,
    pkg: PackageEntity,
    t: { action: WorkflowAction; from: PackageState; to: PackageState; actor: WorkflowActor; reason?: string | null; previousHolderId?: string | null },
  ): Promise<number> {
    const audience = audienceFor(t.action, t.from, t.to, pkg, t.previousHolderId);
    if (!audience.unitRoles && !audience.bureauRoles && !audience.supervisors && !audience.userIds) return 0;
    const users = await this.recipients(tx, pkg, audience, t.actor.userId);
    if (!users.length) return 0;
    const unit = await tx.manager.getRepository(UnitEntity).findOneBy({ id: pkg.unitId });
    const what = `${unit?.name ?? ''}${pkg.fiscalYear}年度整体支出绩效自评材料`;
    const body = [
      `${what}：${ACTION_LABELS[t.action].zh}（${STATE_LABELS[t.from].zh} → ${STATE_LABELS[t.to].zh}）。`,
      t.reason?.trim() ? `理由：${t.reason.trim()}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    return this.notify(tx, users.map((u) => u.id), { kind: t.action, title: TITLES[t.action] ?? ACTION_LABELS[t.action].zh, body, packageId: pkg.id });
  }

  inbox(user: RequestUser, input: InboxInput): Promise<NotificationEntity[]> {
    const take = Math.min(Math.max(input.first ?? 50, 1), 200);
    return this.dataSource.getRepository(NotificationEntity).find({
      where: { userId: user.id, ...(input.unreadOnly ? { readAt: IsNull() } : {}) },
      order: { createdAt: 'DESC', id: 'DESC' },
      take,
    });
  }

  unreadCount(user: RequestUser): Promise<number> {
    return this.dataSource.getRepository(NotificationEntity).count({ where: { userId: user.id, readAt: IsNull() } });
  }

  /** Marks the user's own notifications read (all of them when ids is null); others' ids are ignored. */
  async markRead(tx: Tx, user: RequestUser, ids: readonly string[] | null | undefined): Promise<number> {
    const qb = tx.manager
      .createQueryBuilder()
      .update(NotificationEntity)
      .set({ readAt: new Date() })
      .where('userId = :userId AND readAt IS NULL', { userId: user.id });
    if (ids) {
      if (!ids.length) return 0;
      qb.andWhere('id IN (:...ids)', { ids: [...ids] });
    }
    return (await qb.execute()).affected ?? 0;
  }
}
