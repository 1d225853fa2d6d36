import { Column, CreateDateColumn, Entity } from 'typeorm';
import { IdColumn, JsonColumn } from '../../database/columns.js';

/** A finance bureau (财政局); one deployment may host several. */
@Entity('bureau')
export class BureauEntity {
  @IdColumn() id: string;
  @Column({ type: 'varchar', length: 32, unique: true }) code: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  /** The region it serves, used in labels (渌口区). */
  @Column({ type: 'varchar', length: 100 }) region: string;
  /** The public portal's name for where packages are published (株洲市渌口区人民政府门户网). */
  @Column({ type: 'varchar', length: 200, default: '' }) portalName: string;
  /** The common phrases offered for opinions (常用意见); null: the shared defaults. */
  @JsonColumn({ nullable: true }) opinionPhrases: string[] | null;
  @CreateDateColumn({ type: 'datetime', precision: 3 }) createdAt: Date;
}
