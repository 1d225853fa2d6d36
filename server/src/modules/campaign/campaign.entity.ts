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
  /** Units with a 主管部门 go to it before the bureau (主管部门审核). */
  @Column({ type: 'boolean', default: false }) supervisorStage: boolean;
  /** A second bureau reviewer must concur (会签) before the claimant approves. */
  @Column({ type: 'boolean', default: false }) requiresConcurrence: boolean;
  @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
}
