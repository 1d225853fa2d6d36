import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn } from '../../database/columns.js';

/** A budget unit (预算单位) under a bureau. */
@Entity('unit')
@Index('uq_unit_bureau_code', ['bureauId', 'code'], { unique: true })
export class UnitEntity {
  @IdColumn() id: string;
  @RefColumn() bureauId: string;
  /** The budget code (预算单位编码). */
  @Column({ type: 'varchar', length: 32 }) code: string;
  @Column({ type: 'varchar', length: 200 }) name: string;
  /** 行政单位 / 事业单位 / 群团组织 … */
  @Column({ type: 'varchar', length: 50, default: '' }) category: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
}
