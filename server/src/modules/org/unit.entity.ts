import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn } from '../../database/columns.js';

/** A budget unit (预算单位) under a bureau. */
@Entity('unit')
@Index('uq_unit_bureau_code', ['bureauId', 'code'], { unique: true })
@Index('ix_unit_supervisor', ['supervisorUnitId'])
export class UnitEntity {
  @IdColumn() id: string;
  @RefColumn() bureauId: string;
  /** The budget code (预算单位编码). */
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** 行政单位 / 事业单位 / 群团组织 … */
  @Column({ type: 'varchar', length: 50, default: '' }) category: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** The 主管部门 (department in charge, itself a unit of the bureau) its packages pass through, if any. */
  @RefColumn({ nullable: true }) supervisorUnitId: string | null;
  /** The bureau reviewer its packages are assigned to in advance, if any. */
  @RefColumn({ nullable: true }) reviewerId: string | null;
  /** The 主管部门's reviewer (a SUPERVISOR account of its 主管部门) its packages are assigned to in advance, if any. */
  @RefColumn({ nullable: true }) supervisorReviewerId: string | null;
  @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
}
