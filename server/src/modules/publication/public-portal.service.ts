import { Inject, Injectable } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { ErrorCode, GRADE_LABELS } from '@zipin/shared';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.js';
import { ArtifactStorage } from '../../storage/artifact-storage.js';
import { BureauEntity } from '../org/bureau.entity.js';
import { UnitEntity } from '../org/unit.entity.js';
import { gradeFromColumn } from '../package/package-evaluation.js';
import { PackageEntity } from '../package/package.entity.js';
import { RenderInputService } from '../render/render-input.service.js';
import { escapeHtml, html, unsafeHtml, type SafeHtml } from '../render/templates/html.js';
import { packageHtml, packageSections } from '../render/templates/package-document.js';
import { DOCUMENT_CSS } from '../render/templates/styles.js';
import { SignatureEntity } from '../workflow/signature.entity.js';
import { PublicationEntity } from './publication.entity.js';
import type { PublicPackageModel, PublicPackagePageModel, PublicVerificationModel } from './models/publication.models.js';

const HASH = /^[0-9a-f]{64}$/;
const MAX_PAGE = 100;

/** "2025年6月30日 10:00" in a time zone. */
export function displayTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}年${Number(get('month'))}月${Number(get('day'))}日 ${get('hour').replace(/^24$/, '00')}:${get('minute')}`;
}

/** The public portal's reads: published packages only, from every bureau, no login. */
@Injectable()
export class PublicPortalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly inputs: RenderInputService,
    private readonly storage: ArtifactStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  pdfUrl(id: string): string {
    return `/api/public/publications/${id}.pdf`;
  }

  htmlUrl(id: string): string {
    return `/api/public/publications/${id}.html`;
  }

  async years(): Promise<number[]> {
    const rows = await this.dataSource
      .getRepository(PublicationEntity)
      .createQueryBuilder('p')
      .select('DISTINCT p.fiscalYear', 'fiscalYear')
      .where('p.retractedAt IS NULL')
      .orderBy('p.fiscalYear', 'DESC')
      .getRawMany<{ fiscalYear: number | string }>();
    return rows.map((r) => Number(r.fiscalYear));
  }

  async list(input: { fiscalYear?: number | null; search?: string | null; first?: number | null; offset?: number | null }): Promise<PublicPackagePageModel> {
    const take = Math.min(Math.max(input.first ?? 20, 1), MAX_PAGE);
    const skip = Math.max(input.offset ?? 0, 0);
    const qb = this.dataSource.getRepository(PublicationEntity).createQueryBuilder('p').where('p.retractedAt IS NULL');
    if (input.fiscalYear) qb.andWhere('p.fiscalYear = :year', { year: input.fiscalYear });
    const search = input.search?.trim();
    // '!' as the LIKE escape: a backslash means different things to SQLite and MySQL.
    if (search) qb.andWhere("p.unitName LIKE :q ESCAPE '!'", { q: `%${search.replace(/[!%_]/g, (c) => `!${c}`)}%` });
    const [rows, totalCount] = await qb.orderBy('p.publishedAt', 'DESC').addOrderBy('p.id', 'DESC').take(take).skip(skip).getManyAndCount();
    return { nodes: await this.toModels(rows), totalCount };
  }

  async get(publicationId: string): Promise<PublicPackageModel | null> {
    const row = await this.dataSource.getRepository(PublicationEntity).findOneBy({ id: publicationId });
    if (!row) return null;
    return (await this.toModels([row]))[0]!;
  }

  private async toModels(rows: PublicationEntity[]): Promise<PublicPackageModel[]> {
    if (!rows.length) return [];
    const bureaus = await this.dataSource.getRepository(BureauEntity).findBy({ id: In([...new Set(rows.map((r) => r.bureauId))]) });
    const packages = await this.dataSource.getRepository(PackageEntity).find({
      where: { id: In([...new Set(rows.map((r) => r.packageId))]) },
      select: { id: true, declaredTotal: true, grade: true },
    });
    const signatureIds = rows.map((r) => r.signatureId).filter((id): id is string => !!id);
    const signatures = signatureIds.length ? await this.dataSource.getRepository(SignatureEntity).findBy({ id: In(signatureIds) }) : [];
    return rows.map((r) => {
      const pkg = packages.find((p) => p.id === r.packageId);
      const grade = gradeFromColumn(pkg?.grade ?? null);
      return {
        publicationId: r.id,
        packageId: r.packageId,
        unitName: r.unitName,
        fiscalYear: r.fiscalYear,
        bureauName: bureaus.find((b) => b.id === r.bureauId)?.name ?? '',
        publishedAt: r.publishedAt,
        retractedAt: r.retractedAt,
        retractReason: r.retractReason,
        pdfUrl: r.retractedAt ? null : this.pdfUrl(r.id),
        htmlUrl: this.htmlUrl(r.id),
        pdfSha256: r.pdfSha256,
        totalScore: pkg?.declaredTotal ? pkg.declaredTotal.replace(/\.?0+$/, '') : null,
        grade,
        gradeLabel: grade ? GRADE_LABELS[grade].zh : null,
        signerName: signatures.find((s) => s.id === r.signatureId)?.signerName ?? null,
      };
    });
  }

  /** The published PDF; a retracted one is gone from the portal. */
  async pdf(publicationId: string): Promise<{ publication: PublicationEntity; pdf: Buffer }> {
    const publication = await this.dataSource.getRepository(PublicationEntity).findOneBy({ id: publicationId });
    if (!publication) throw new DomainError(ErrorCode.NOT_FOUND, '找不到该公开材料');
    if (publication.retractedAt) throw new DomainError(ErrorCode.NOT_FOUND, '该材料已撤回公开');
    const pdf = await this.storage.get(publication.pdfKey);
    if (!pdf) throw new DomainError(ErrorCode.NOT_FOUND, 'PDF 文件已不存在');
    return { publication, pdf };
  }

  pdfFileName(p: PublicationEntity): string {
    return `${p.fiscalYear}年度${p.unitName}整体支出绩效自评材料.pdf`;
  }

  /** The same HTML as the PDF, with a banner of the publication's facts; a retracted one says when and why instead. */
  async html(publicationId: string): Promise<string> {
    const publication = await this.dataSource.getRepository(PublicationEntity).findOneBy({ id: publicationId });
    if (!publication) throw new DomainError(ErrorCode.NOT_FOUND, '找不到该公开材料');
    const bureau = await this.dataSource.getRepository(BureauEntity).findOneBy({ id: publication.bureauId });
    const tz = this.config.timezone;
    const title = `${publication.fiscalYear}年度${publication.unitName}整体支出绩效自评材料`;
    if (publication.retractedAt) {
      return html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title}（已撤回）</title><style>${unsafeHtml(DOCUMENT_CSS)}</style></head>
<body><div class="portal-banner retracted">
<p><strong>${title}</strong></p>
<p>已于${displayTime(publication.retractedAt, tz)}撤回：${publication.retractReason ?? ''}</p>
<p>原公开时间：${displayTime(publication.publishedAt, tz)}${bureau ? `，发布单位：${bureau.name}` : ''}</p>
</div></body></html>`.value;
    }
    const { model, campaign } = await this.inputs.load({ packageId: publication.packageId, revisionId: publication.revisionId, draft: false });
    const banner = html`<div class="portal-banner">
<p><strong>${title}</strong></p>
<p>公开时间：${displayTime(publication.publishedAt, campaign.timezone || tz)}${bureau ? `　发布单位：${bureau.name}` : ''}</p>
<p><a href="${this.pdfUrl(publication.id)}">下载 PDF</a>　SHA-256：<code>${publication.pdfSha256}</code></p>
</div>`;
    return packageHtml(model, { title, banner });
  }

  /**
   * A publication's documents as HTML sections for the portal's own page, with the zone its
   * times are shown in (the campaign's, else the bureau default); null sections once retracted.
   */
  async publishedSections(publicationId: string): Promise<{ sections: SafeHtml | null; timeZone: string } | null> {
    const publication = await this.dataSource.getRepository(PublicationEntity).findOneBy({ id: publicationId });
    if (!publication) return null;
    if (publication.retractedAt) return { sections: null, timeZone: this.config.timezone };
    const { model, campaign } = await this.inputs.load({ packageId: publication.packageId, revisionId: publication.revisionId, draft: false });
    return { sections: packageSections(model), timeZone: campaign.timezone || this.config.timezone };
  }

  /** Every publication still on the portal, newest first, for the sitemap. */
  async sitemapEntries(limit = 50_000): Promise<{ id: string; updatedAt: Date }[]> {
    const rows = await this.dataSource.getRepository(PublicationEntity).find({
      select: { id: true, publishedAt: true },
      where: { retractedAt: IsNull() },
      order: { publishedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
    return rows.map((r) => ({ id: r.id, updatedAt: r.publishedAt }));
  }

  /** Atom feed of the newest publications (absolute links, for feed readers). */
  async feed(): Promise<string> {
    const rows = await this.dataSource.getRepository(PublicationEntity).find({ order: { publishedAt: 'DESC', id: 'DESC' }, take: 50 });
    const base = this.config.publicUrl;
    const x = escapeHtml;
    const updated = rows.reduce((max, r) => Math.max(max, (r.retractedAt ?? r.publishedAt).getTime()), 0);
    const entries = rows.map((r) => {
      const title = `${r.fiscalYear}年度${r.unitName}整体支出绩效自评材料`;
      const summary = r.retractedAt ? `已于${displayTime(r.retractedAt, this.config.timezone)}撤回：${r.retractReason ?? ''}` : `${title}已公开。`;
      return `  <entry>
    <id>urn:uuid:${x(r.id)}</id>
    <title>${x(r.retractedAt ? `【已撤回】${title}` : title)}</title>
    <link rel="alternate" type="text/html" href="${x(base + this.htmlUrl(r.id))}"/>
    ${r.retractedAt ? '' : `<link rel="enclosure" type="application/pdf" href="${x(base + this.pdfUrl(r.id))}"/>`}
    <published>${r.publishedAt.toISOString()}</published>
    <updated>${(r.retractedAt ?? r.publishedAt).toISOString()}</updated>
    <summary>${x(summary)}</summary>
  </entry>`;
    });
    return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${x(base)}/api/public/feed.atom</id>
  <title>部门整体支出绩效自评公开</title>
  <link rel="self" href="${x(base)}/api/public/feed.atom"/>
  <updated>${new Date(updated || Date.now()).toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
  }

  /** Is this PDF (by its SHA-256) the one a unit head signed and the portal published? */
  async verify(sha256: string): Promise<PublicVerificationModel> {
    const hash = sha256.trim().toLowerCase();
    const none = (messageZh: string): PublicVerificationModel => ({
      valid: false,
      sha256: hash,
      kind: null,
      publicationId: null,
      unitName: null,
      fiscalYear: null,
      bureauName: null,
      signerName: null,
      signedAt: null,
      publishedAt: null,
      retractedAt: null,
      retractReason: null,
      messageZh,
    });
    if (!HASH.test(hash)) return none('不是有效的 SHA-256 值');
    const publication = await this.dataSource.getRepository(PublicationEntity).findOne({ where: { pdfSha256: hash }, order: { publishedAt: 'DESC', id: 'DESC' } });
    const signatures = this.dataSource.getRepository(SignatureEntity);
    if (publication) {
      const sig = publication.signatureId ? await signatures.findOneBy({ id: publication.signatureId }) : null;
      const bureau = await this.dataSource.getRepository(BureauEntity).findOneBy({ id: publication.bureauId });
      const tz = this.config.timezone;
      return {
        valid: publication.retractedAt === null,
        sha256: hash,
        kind: 'PUBLISHED',
        publicationId: publication.id,
        unitName: publication.unitName,
        fiscalYear: publication.fiscalYear,
        bureauName: bureau?.name ?? null,
        signerName: sig?.signerName ?? null,
        signedAt: sig?.signedAt ?? null,
        publishedAt: publication.publishedAt,
        retractedAt: publication.retractedAt,
        retractReason: publication.retractReason,
        messageZh: publication.retractedAt
          ? `该文件曾于${displayTime(publication.publishedAt, tz)}公开，已于${displayTime(publication.retractedAt, tz)}撤回：${publication.retractReason ?? ''}`
          : `该文件与${displayTime(publication.publishedAt, tz)}公开的${publication.unitName}${publication.fiscalYear}年度自评材料一致${sig ? `，由${sig.signerName}签章确认` : ''}。`,
      };
    }
    const sig = await signatures.findOne({ where: { pdfHash: hash, voidedAt: IsNull() }, order: { signedAt: 'DESC', id: 'DESC' } });
    if (sig) {
      const pkg = await this.dataSource.getRepository(PackageEntity).findOneBy({ id: sig.packageId });
      const unitName = pkg ? ((await this.dataSource.getRepository(UnitEntity).findOneBy({ id: pkg.unitId }))?.name ?? null) : null;
      return {
        ...none(''),
        valid: true,
        kind: 'SIGNED',
        unitName,
        fiscalYear: pkg?.fiscalYear ?? null,
        signerName: sig.signerName,
        signedAt: sig.signedAt,
        messageZh: `该文件是${unitName ?? ''}经${sig.signerName}签章确认的版本，尚未公开。`,
      };
    }
    return none('未找到与该文件一致的已签章或已公开材料：文件可能被修改过，或并非本系统生成。');
  }
}
