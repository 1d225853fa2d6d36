import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import type { PackageDocument, PackageState } from '@zipin/shared';
import { DecimalColumn, IdColumn, JsonColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/**
 * One unit's package for one campaign: the three documents as one JSON document, its
 * workflow state, and a summary of its figures and checks kept for lists and dashboards.
 */
@Entity('package')
@Index('uq_package_campaign_unit', ['campaignId', 'unitId'], { unique: true })
@Index('ix_package_bureau_state', ['bureauId', 'state'])
@Index('ix_package_campaign_state', ['campaignId', 'state'])
@Index('ix_package_state_publish_at', ['state', 'publishAt'])
@Index('ix_package_supervisor_state', ['supervisorUnitId', 'state'])
@Index('ix_package_assignee_state', ['assigneeId', 'state'])
export class PackageEntity {
  @IdColumn() id: string;
  @RefColumn() campaignId: string;
  @RefColumn() unitId: string;
  @RefColumn() bureauId: string;
  @Column({ type: 'int' }) fiscalYear: number;
  @Column({ type: 'varchar', length: 32 }) state: PackageState;
  /** Optimistic lock: every save and transition bumps it; a stale save is refused. */
  @Column({ type: 'int', default: 1 }) version: number;
  @JsonColumn() document: PackageDocument;

  // Summary of the current document, recomputed on every save (never sent by the client).
  @Column({ type: 'int', default: 0 }) errorCount: number;
  @Column({ type: 'int', default: 0 }) warningCount: number;
  @Column({ type: 'int', default: 0 }) unexplainedWarningCount: number;
  /** 执行率 in percent, 2 decimals. */
  @DecimalColumn(7, 2) executionRate: string | null;
  @DecimalColumn(7, 2) declaredTotal: string | null;
  @DecimalColumn(7, 2) suggestedTotal: string | null;
  /** 优 / 良 / 中 / 差 */
  @Column({ type: 'varchar', length: 4, nullable: true }) grade: string | null;
  /** Comma-separated warning flags for the bureau's filters (HIGH_SCORE_LOW_EXECUTION, …). */
  @Column({ type: 'varchar', length: 255, default: '' }) flags: string;

  /** The claimant of the current stage (主管部门 or bureau); cleared when the stage lets go of it. */
  @RefColumn({ nullable: true }) claimedById: string | null;
  /** The unit's 主管部门, kept with the package so that its reviewers' access is decided from the row. */
  @RefColumn({ nullable: true }) supervisorUnitId: string | null;
  /** The bureau reviewer it is assigned to: set in advance or by the first claim, kept across returns. */
  @RefColumn({ nullable: true }) assigneeId: string | null;
  /** The same for the 主管部门 stage. */
  @RefColumn({ nullable: true }) supervisorAssigneeId: string | null;
  /** The second reviewer who concurred (会签) in this round of review. */
  @RefColumn({ nullable: true }) concurredById: string | null;
  @RefColumn({ nullable: true }) lastEditedById: string | null;
  @TimeColumn({ nullable: true }) lastEditedAt: Date | null;
  @TimeColumn({ nullable: true }) submittedAt: Date | null;
  @RefColumn({ nullable: true }) signatureId: string | null;
  @TimeColumn({ nullable: true }) approvedAt: Date | null;
  /** The schedule is the truth: a SCHEDULED package has publishAt; the queued job is a cache of it. */
  @TimeColumn({ nullable: true }) publishAt: Date | null;
  @TimeColumn({ nullable: true }) publishedAt: Date | null;
  @RefColumn({ nullable: true }) publicationId: string | null;
  /** The PUBLISHED-purpose render made ahead of publication: the PDF the due-time step puts on the portal. */
  @RefColumn({ nullable: true }) publishRenderId: string | null;
  /** Due-time runs that found no finished PDF for this schedule; reset by every (re)schedule. */
  @Column({ type: 'int', default: 0 }) publishTries: number;
  /** Set when this schedule was given up (no PDF after the last try, a failed PDF): the bureau was told. */
  @TimeColumn({ nullable: true }) publishBlockedAt: Date | null;
  /** The revision the reviewer or unit head last returned, for the diff on resubmission. */
  @RefColumn({ nullable: true }) returnedRevisionId: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
  @UpdateDateColumn({ type: 'datetime', precision: 3 }) updatedAt: Date;
}
