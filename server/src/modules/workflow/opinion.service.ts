import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import type { OpinionKind, WorkflowActor } from '@zipin/shared';
import { newId } from '../../database/columns.js';
import type { Tx } from '../../database/transaction.service.js';
import { BureauEntity } from '../org/bureau.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { UserEntity } from '../org/user.entity.js';
import type { PackageEntity } from '../package/package.entity.js';
import { OpinionEntity } from './opinion.entity.js';

/** The opinions each level puts on the record, written in the transaction of the transition that gives them. */
@Injectable()
export class OpinionService {
  async record(
    tx: Tx,
    pkg: Pick<PackageEntity, 'id' | 'unitId' | 'bureauId' | 'supervisorUnitId'>,
    kind: OpinionKind,
    actor: WorkflowActor,
    opinion: string | null,
    auditEventId: number,
    at: Date,
  ): Promise<OpinionEntity> {
    const signer = await tx.manager.getRepository(UserEntity).findOneByOrFail({ id: actor.userId });
    const row: OpinionEntity = {
      id: newId(),
      packageId: pkg.id,
      kind,
      opinion,
      signerId: signer.id,
      signerName: signer.displayName,
      signerUnitName: await this.signerUnitName(tx, pkg, kind),
      signedAt: at,
      auditEventId,
      voidedAt: null,
      voidReason: null,
    };
    await tx.manager.getRepository(OpinionEntity).insert(row);
    return row;
  }

  /** A return or withdrawal: what the round's opinions approved is about to change. */
  async voidOpen(tx: Tx, packageId: string, reason: string, at: Date): Promise<void> {
    await tx.manager.getRepository(OpinionEntity).update({ packageId, voidedAt: IsNull() }, { voidedAt: at, voidReason: reason });
  }

  private async signerUnitName(tx: Tx, pkg: Pick<PackageEntity, 'unitId' | 'bureauId' | 'supervisorUnitId'>, kind: OpinionKind): Promise<string> {
    const units = tx.manager.getRepository(UnitEntity);
    if (kind === 'UNIT_HEAD') return (await units.findOneBy({ id: pkg.unitId }))?.name ?? '';
    if (kind === 'SUPERVISOR') return pkg.supervisorUnitId ? ((await units.findOneBy({ id: pkg.supervisorUnitId }))?.name ?? '') : '';
    return (await tx.manager.getRepository(BureauEntity).findOneBy({ id: pkg.bureauId }))?.name ?? '';
  }
}
