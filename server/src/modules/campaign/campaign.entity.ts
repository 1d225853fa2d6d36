import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { DEFAULT_FORM_SET_ID, type EvaluationTemplate } from '@zipin/shared';
import { IdColumn, JsonColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** The year's notice (通知), e.g. 渌财通（2025）4号《关于开展2024年度绩效自评工作的通知》. */
@Entity('campaign')
@Index('uq_campaign_bureau_year', ['bureauId', 'fiscalYear'], { unique: true })
export class CampaignEntity {
  @IdColumn() id: string;
  @RefColumn() bureauId: string;
  @Column({ type: 'int' }) fiscalYear: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 100 }) documentNumber: string;
  @JsonColumn() template: EvaluationTemplate;
  /** The official forms the notice prints (a FormSet id of @zipin/shared: which forms, in which province's variant). */
  @Column({ type: 'varchar', length: 40, default: DEFAULT_FORM_SET_ID }) formSetId: string;
  @TimeColumn() submissionDeadline: Date;
  @TimeColumn() publicationDeadline: Date;
  /** IANA zone the deadlines were set in (times are stored in UTC). */
  @Column({ type: 'varchar', length: 64 }) timezone: string;
  @TimeColumn({ nullable: true }) openedAt: Date | null;
  @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
}
