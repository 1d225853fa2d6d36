import { Column, Entity, Index } from 'typeorm';
import { RefColumn, TimeColumn } from '../../database/columns.js';

export type SessionMethod = 'PASSWORD' | 'OIDC';

/** A signed-in browser or API client. The id is the HMAC-SHA256 of the token under SESSION_SECRET; the token itself is never stored. */
@Entity('session')
@Index('ix_session_user', ['userId'])
export class SessionEntity {
  @Column({ type: 'varchar', length: 64, primary: true }) id: string;
  @RefColumn() userId: string;
  @TimeColumn() createdAt: Date;
  @TimeColumn() expiresAt: Date;
  /** PASSWORD or OIDC: how the holder signed in, and so how they re-authenticate to sign. */
  @Column({ type: 'varchar', length: 16, default: 'PASSWORD' }) method: SessionMethod;
  /** When the holder last signed in again at the provider for a signature; one signature uses it up. */
  @TimeColumn({ nullable: true }) freshAuthAt: Date | null;
}
