import { Column, Entity, Index } from 'typeorm';
import { IdColumn, RefColumn, TimeColumn } from '../../database/columns.js';

/** A signed-in browser or API client. The id is the HMAC-SHA256 of the token under SESSION_SECRET; the token itself is never stored. */
@Entity('session')
@Index('ix_session_user', ['userId'])
export class SessionEntity {
  @Column({ type: 'varchar', length: 64, primary: true }) id: string;
  @RefColumn() userId: string;
  @TimeColumn() createdAt: Date;
  @TimeColumn() expiresAt: Date;
}
