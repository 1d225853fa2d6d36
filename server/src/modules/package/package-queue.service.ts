import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { BUREAU_ROLES, GRADES, PACKAGE_STATES, STAGE_OF_STATE, WITH_UNIT_STATES, stageOf, waitingStates, type Grade, type PackageState } from '@zipin/shared';
import { Clock } from '../../common/clock.js';
import type { RequestUser } from '../../common/request-context.js';
import { CampaignEntity } from '../campaign/campaign.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { gradeColumn, gradeFromColumn } from './package-evaluation.js';
import { PackageEntity } from './package.entity.js';

export interface PackageFilter {
  campaignId?: string | null;
  states?: PackageState[] | null;
  unitId?: string | null;
  /** The 主管部门 whose subordinate units' packages to show. */
  supervisorUnitId?: string | null;
  /** Who holds the package: its claimant (领取人), else the reviewer its stage is assigned to. */
  assigneeId?: string | null;
  overdue?: boolean | null;
  grade?: Grade | null;
  hasWarnings?: boolean | null;
  search?: string | null;
}

export const PACKAGE_SORT_FIELDS = ['UNIT_CODE', 'STATE', 'SUBMITTED_AT', 'DEADLINE', 'SCORE', 'GRADE', 'WARNINGS', 'UPDATED_AT'] as const;
export type PackageSortField = (typeof PACKAGE_SORT_FIELDS)[number];
export interface PackageSort {
  field: PackageSortField;
  direction: 'ASC' | 'DESC';
}

/** How many packages each choice of a filter would show, the other filters as they are. */
export interface PackageCounts {
  states: { state: PackageState; count: number }[];
  grades: { grade: Grade | null; count: number }[];
  assignees: { assigneeId: string | null; count: number }[];
  supervisors: { supervisorUnitId: string | null; count: number }[];
  overdue: number;
  withWarnings: number;
}

export interface PackagePage {
  nodes: PackageEntity[];
  totalCount: number;
  counts: PackageCounts;
}

/** One row of the grouped count: the facets of a set of packages that agree on all of them. */
interface Group {
  state: PackageState;
  grade: string | null;
  overdue: boolean;
  warned: boolean;
  assigneeId: string | null;
  supervisorUnitId: string | null;
  count: number;
}

type Facet = 'states' | 'grade' | 'overdue' | 'hasWarnings' | 'assigneeId' | 'supervisorUnitId';

/** States of the 主管部门 stage: their assignee is the supervisor's, everywhere else the bureau reviewer's. */
const SUPERVISOR_STAGE_STATES = PACKAGE_STATES.filter((s) => STAGE_OF_STATE[s] === 'SUPERVISOR');
/** Who holds a package, as SQL (parameter :supStates). */
const HOLDER = 'COALESCE(p.claimedById, CASE WHEN p.state IN (:...supStates) THEN p.supervisorAssigneeId ELSE p.assigneeId END)';

const MAX_PAGE = 200;

/**
 * The review queue and the lists built on it: the scope a person may read, the filters, the
 * sort and the page, with the count for every filter choice from one grouped query.
 */
@Injectable()
export class PackageQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Unit roles see their unit's packages, bureau roles their bureau's; filters narrow that. */
  async list(user: RequestUser, filter: PackageFilter, sort: PackageSort | null, first: number, offset: number): Promise<PackagePage> {
    // "Overdue" is against the app's clock, as the deadline reminders are.
    const now = this.clock.now();
    const groups = await this.groups(user, filter, now);
    const totalCount = groups.filter((g) => matches(g, filter)).reduce((n, g) => n + g.count, 0);
    const counts = facetCounts(groups, filter);

    const qb = this.scoped(user, filter);
    applyFacetFilters(qb, filter, now);
    const take = Math.min(Math.max(first, 0), MAX_PAGE);
    if (!take) return { nodes: [], totalCount, counts };
    qb.select('p.id', 'id');
    orderBy(qb, sort);
    // The page is chosen from the narrow columns, then its rows are read whole: sorting
    // thousands of rows with their documents attached is what made the queue slow.
    const page = await qb.offset(Math.max(offset, 0)).limit(take).getRawMany<{ id: string }>();
    const rows = page.length ? await this.dataSource.getRepository(PackageEntity).findBy({ id: In(page.map((r) => r.id)) }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { nodes: page.map((r) => byId.get(r.id)!).filter(Boolean), totalCount, counts };
  }

  /** Packages waiting for this person to act (我的待办): to fill, to sign, to claim, to finish, to schedule. */
  async waitingCount(user: RequestUser): Promise<number> {
    const { any, assignedToMeOrNobody, claimedByMe } = waitingStates(user.role);
    if (!any.length && !assignedToMeOrNobody.length && !claimedByMe.length) return 0;
    const qb = this.scoped(user, {});
    qb.andWhere(
      new Brackets((w) => {
        w.where('1 = 0');
        if (any.length) w.orWhere('p.state IN (:...waitAny)', { waitAny: any });
        assignedToMeOrNobody.forEach((state, i) => {
          const column = stageOf(state) === 'SUPERVISOR' ? 'p.supervisorAssigneeId' : 'p.assigneeId';
          w.orWhere(`(p.state = :waitAssigned${i} AND (${column} IS NULL OR ${column} = :me))`, { [`waitAssigned${i}`]: state, me: user.id });
        });
        if (claimedByMe.length) w.orWhere('(p.state IN (:...waitMine) AND p.claimedById = :me)', { waitMine: claimedByMe, me: user.id });
      }),
    );
    return qb.getCount();
  }

  /** What the person may read, narrowed by the filters that do not take part in the counts. */
  private scoped(user: RequestUser, filter: PackageFilter): SelectQueryBuilder<PackageEntity> {
    const qb = this.dataSource
      .getRepository(PackageEntity)
      .createQueryBuilder('p')
      .innerJoin(UnitEntity, 'u', 'u.id = p.unitId')
      .innerJoin(CampaignEntity, 'c', 'c.id = p.campaignId')
      .where('p.bureauId = :bureauId', { bureauId: user.bureauId });
    // A 主管部门's reviewers see its subordinate units' packages (shared inScope says the same).
    if (user.role === 'SUPERVISOR') qb.andWhere('p.supervisorUnitId = :ownUnit', { ownUnit: user.unitId ?? '' });
    else if (!BUREAU_ROLES.includes(user.role)) qb.andWhere('p.unitId = :ownUnit', { ownUnit: user.unitId ?? '' });
    if (filter.campaignId) qb.andWhere('p.campaignId = :campaignId', { campaignId: filter.campaignId });
    if (filter.unitId) qb.andWhere('p.unitId = :unitId', { unitId: filter.unitId });
    const search = filter.search?.trim();
    if (search) {
      // "!" escapes LIKE wildcards the same way on SQLite and MySQL (a backslash does not).
      const like = `%${search.replace(/[!%_]/g, (ch) => `!${ch}`)}%`;
      qb.andWhere(new Brackets((w) => w.where("u.name LIKE :like ESCAPE '!'", { like }).orWhere("u.code LIKE :like ESCAPE '!'", { like })));
    }
    return qb;
  }

  private async groups(user: RequestUser, filter: PackageFilter, now: Date): Promise<Group[]> {
    const overdue = `CASE WHEN p.state IN (:...open) AND c.submissionDeadline < :now THEN 1 ELSE 0 END`;
    const warned = 'CASE WHEN p.warningCount > 0 THEN 1 ELSE 0 END';
    const raw = await this.scoped(user, filter)
      .select('p.state', 'state')
      .addSelect('p.grade', 'grade')
      .addSelect(overdue, 'overdue')
      .addSelect(warned, 'warned')
      .addSelect(HOLDER, 'assigneeId')
      .addSelect('p.supervisorUnitId', 'supervisorUnitId')
      .addSelect('COUNT(*)', 'n')
      .setParameters({ open: WITH_UNIT_STATES, now, supStates: SUPERVISOR_STAGE_STATES })
      .groupBy('p.state')
      .addGroupBy('p.grade')
      .addGroupBy(overdue)
      .addGroupBy(warned)
      .addGroupBy(HOLDER)
      .addGroupBy('p.supervisorUnitId')
      .getRawMany<{ state: PackageState; grade: string | null; overdue: number | string; warned: number | string; assigneeId: string | null; supervisorUnitId: string | null; n: number | string }>();
    return raw.map((r) => ({
      state: r.state,
      grade: r.grade,
      overdue: Number(r.overdue) === 1,
      warned: Number(r.warned) === 1,
      assigneeId: r.assigneeId ?? null,
      supervisorUnitId: r.supervisorUnitId ?? null,
      count: Number(r.n),
    }));
  }
}

/** The same filters as applyFacetFilters, on a group of the count (they must agree). */
function matches(g: Group, f: PackageFilter, except?: Facet): boolean {
  if (except !== 'states' && f.states?.length && !f.states.includes(g.state)) return false;
  if (except !== 'grade' && f.grade && g.grade !== gradeColumn(f.grade)) return false;
  if (except !== 'overdue' && f.overdue != null && g.overdue !== f.overdue) return false;
  if (except !== 'hasWarnings' && f.hasWarnings != null && g.warned !== f.hasWarnings) return false;
  if (except !== 'assigneeId' && f.assigneeId && g.assigneeId !== f.assigneeId) return false;
  if (except !== 'supervisorUnitId' && f.supervisorUnitId && g.supervisorUnitId !== f.supervisorUnitId) return false;
  return true;
}

function facetCounts(groups: Group[], f: PackageFilter): PackageCounts {
  const sum = (facet: Facet, pick: (g: Group) => boolean) => groups.filter((g) => matches(g, f, facet) && pick(g)).reduce((n, g) => n + g.count, 0);
  const tally = (facet: Facet, key: (g: Group) => string | null) => {
    const out = new Map<string | null, number>();
    for (const g of groups) if (matches(g, f, facet)) out.set(key(g), (out.get(key(g)) ?? 0) + g.count);
    return [...out];
  };
  return {
    states: PACKAGE_STATES.map((state) => ({ state, count: sum('states', (g) => g.state === state) })),
    grades: [...GRADES, null].map((grade) => ({ grade, count: sum('grade', (g) => gradeFromColumn(g.grade) === grade) })),
    assignees: tally('assigneeId', (g) => g.assigneeId).map(([assigneeId, count]) => ({ assigneeId, count })),
    supervisors: tally('supervisorUnitId', (g) => g.supervisorUnitId).map(([supervisorUnitId, count]) => ({ supervisorUnitId, count })),
    overdue: sum('overdue', (g) => g.overdue),
    withWarnings: sum('hasWarnings', (g) => g.warned),
  };
}

function applyFacetFilters(qb: SelectQueryBuilder<PackageEntity>, f: PackageFilter, now: Date): void {
  if (f.states?.length) qb.andWhere('p.state IN (:...states)', { states: f.states });
  if (f.grade) qb.andWhere('p.grade = :grade', { grade: gradeColumn(f.grade) });
  if (f.hasWarnings === true) qb.andWhere('p.warningCount > 0');
  if (f.hasWarnings === false) qb.andWhere('p.warningCount = 0');
  if (f.assigneeId) qb.andWhere(`${HOLDER} = :assigneeId`, { assigneeId: f.assigneeId, supStates: SUPERVISOR_STAGE_STATES });
  if (f.supervisorUnitId) qb.andWhere('p.supervisorUnitId = :supervisorUnitId', { supervisorUnitId: f.supervisorUnitId });
  if (f.overdue != null) {
    const overdue = '(p.state IN (:...openStates) AND c.submissionDeadline < :overdueNow)';
    qb.andWhere(f.overdue ? overdue : `NOT ${overdue}`, { openStates: WITH_UNIT_STATES, overdueNow: now });
  }
}

/** Workflow order for the state column, best first for the grade; ties by unit code, then id. */
function orderBy(qb: SelectQueryBuilder<PackageEntity>, sort: PackageSort | null): void {
  if (!sort) {
    qb.orderBy('c.fiscalYear', 'DESC').addOrderBy('u.code', 'ASC').addOrderBy('p.id', 'ASC');
    return;
  }
  const stateRank = `CASE p.state ${PACKAGE_STATES.map((s, i) => `WHEN :st${i} THEN ${i}`).join(' ')} END`;
  const gradeRank = `CASE p.grade ${GRADES.map((g, i) => `WHEN :gr${i} THEN ${GRADES.length - i}`).join(' ')} ELSE NULL END`;
  qb.setParameters(Object.fromEntries([...PACKAGE_STATES.map((s, i) => [`st${i}`, s]), ...GRADES.map((g, i) => [`gr${i}`, gradeColumn(g)])]));
  const expr: Record<PackageSortField, string> = {
    UNIT_CODE: 'u.code',
    STATE: stateRank,
    SUBMITTED_AT: 'p.submittedAt',
    DEADLINE: 'c.submissionDeadline',
    SCORE: 'p.declaredTotal',
    GRADE: gradeRank,
    WARNINGS: 'p.warningCount',
    UPDATED_AT: 'p.updatedAt',
  };
  const key = expr[sort.field];
  // Empty values (no score yet, never submitted) go last whichever way the column is sorted.
  qb.addSelect(`CASE WHEN ${key} IS NULL THEN 1 ELSE 0 END`, 'sort_empty')
    .addSelect(key, 'sort_key')
    .orderBy('sort_empty', 'ASC')
    .addOrderBy('sort_key', sort.direction)
    .addOrderBy('u.code', 'ASC')
    .addOrderBy('p.id', 'ASC');
}
