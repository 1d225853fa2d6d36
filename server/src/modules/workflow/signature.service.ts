import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { PackageEntity } from '../package/package.entity.js';
import { PublicationEntity } from '../publication/publication.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { SignatureEntity } from './signature.entity.js';
import type { SignatureVerificationModel } from './models/workflow.models.js';

const HASH = /^[0-9a-f]{64}$/;
const NOTHING: SignatureVerificationModel = {
  valid: false,
  kind: null,
  unitName: null,
  fiscalYear: null,
  signerName: null,
  signedAt: null,
  publishedAt: null,
  retractedAt: null,
};

/** Anyone may check whether a document or PDF hash is one a unit head signed. */
@Injectable()
export class SignatureService {
  constructor(private readonly dataSource: DataSource) {}

  async verify(raw: string): Promise<SignatureVerificationModel> {
    const hash = raw.trim().toLowerCase();
    if (!HASH.test(hash)) return NOTHING;
    const signatures = this.dataSource.getRepository(SignatureEntity);
    const publication = await this.dataSource.getRepository(PublicationEntity).findOne({ where: { pdfSha256: hash }, order: { publishedAt: 'DESC', id: 'DESC' } });
    if (publication) {
      const sig = publication.signatureId ? await signatures.findOneBy({ id: publication.signatureId }) : null;
      return {
        valid: true,
        kind: 'PDF',
        unitName: publication.unitName,
        fiscalYear: publication.fiscalYear,
        signerName: sig?.signerName ?? null,
        signedAt: sig?.signedAt ?? null,
        publishedAt: publication.publishedAt,
        retractedAt: publication.retractedAt,
      };
    }
    // A valid (not voided) signature wins over voided ones with the same hash.
    let kind: 'PDF' | 'DOCUMENT' = 'PDF';
    let sig =
      (await signatures.findOne({ where: { pdfHash: hash, voidedAt: IsNull() }, order: { signedAt: 'DESC', id: 'DESC' } })) ??
      (await signatures.findOne({ where: { pdfHash: hash }, order: { signedAt: 'DESC', id: 'DESC' } }));
    if (!sig) {
      kind = 'DOCUMENT';
      sig =
        (await signatures.findOne({ where: { documentHash: hash, voidedAt: IsNull() }, order: { signedAt: 'DESC', id: 'DESC' } })) ??
        (await signatures.findOne({ where: { documentHash: hash }, order: { signedAt: 'DESC', id: 'DESC' } }));
    }
    if (!sig) return NOTHING;
    const pkg = await this.dataSource.getRepository(PackageEntity).findOneBy({ id: sig.packageId });
    const unit = pkg ? await this.dataSource.getRepository(UnitEntity).findOneBy({ id: pkg.unitId }) : null;
    const pub = await this.dataSource
      .getRepository(PublicationEntity)
      .findOne({ where: { signatureId: sig.id }, order: { publishedAt: 'DESC', id: 'DESC' } });
    return {
      valid: sig.voidedAt === null,
      kind,
      unitName: unit?.name ?? null,
      fiscalYear: pkg?.fiscalYear ?? null,
      signerName: sig.signerName,
      signedAt: sig.signedAt,
      publishedAt: pub?.publishedAt ?? null,
      retractedAt: pub?.retractedAt ?? null,
    };
  }
}
