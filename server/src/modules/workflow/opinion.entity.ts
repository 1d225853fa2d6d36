import { Column, Entity, Index } from 'typeorm';
import type { OpinionKind } from '@zipin/shared';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/**
 * An opinion on the record (审核意见): what a level said when it signed or approved, who and when.
 * A return or a withdrawal voids the round's opinions (the next round gives them again); the
 * history keeps them all.
 */
@Entity('package_opinion')
@Index('ix_opinion_package', ['packageId', 'signedAt'])
export class OpinionEntity {
  @IdColumn() id: string;
  @RefColumn() packageId: string;
  @Column({ type: 'varchar', length: 20 }) kind: OpinionKind;
  /** As typed or picked from the common phrases; null when the signer wrote none. */
  @Column({ type: 'text', nullable: true }) opinion: string | null;
  @RefColumn() signerId: string;
  @Column({ type: 'varchar', length: 100 }) signerName: string;
  /** The signer's unit (the 主管部门's name for its box), or '' for the bureau. */
  @Column({ type: 'varchar', length: 200, default: '' }) signerUnitName: string;
  @TimeColumn() signedAt: Date;
  @Column({ type: 'int', nullable: true }) auditEventId: number | null;
  @TimeColumn({ nullable: true }) voidedAt: Date | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) voidReason: string | null;
}
