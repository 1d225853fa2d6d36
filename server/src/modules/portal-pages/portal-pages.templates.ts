/**
 * The public portal as server-rendered pages: readable with JavaScript off, indexable, and
 * usable on a phone. The published document itself is the same HTML the PDF prints
 * (packageHtml); these templates only add the site's frame around it.
 */
import { html, unsafeHtml, type SafeHtml } from '../render/templates/html.js';
import type { PublicPackageModel, PublicVerificationModel } from '../publication/models/publication.models.js';

export const SITE_TITLE = '部门整体支出绩效自评公开';
const SITE_DESCRIPTION = '各预算部门（单位）整体支出绩效自评材料（基础数据表、绩效自评表、自评报告），经财政局审核后按期公开，可下载 PDF 并验证真伪。';

/** The frame's own styles: system fonts, fluid from 360 px, no horizontal scrolling. */
export const PORTAL_CSS = `
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body.portal { margin: 0; padding: 0; font-family: "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 16px; line-height: 1.6; color: #1f2329; background: #f4f5f7; overflow-wrap: anywhere; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: -9999px; top: 0; background: #fff; color: #0b4f8a; padding: 8px 12px; z-index: 10; }
.skip-link:focus { left: 8px; top: 8px; }
.site-header { background: #b71c1c; color: #fff; border-bottom: 4px solid #e0b000; }
.site-header .inner { max-width: 1100px; margin: 0 auto; padding: 10px 16px; display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 6px 16px; }
.site-header a { color: #fff; text-decoration: none; }
.site-brand { font-size: 18px; font-weight: 700; letter-spacing: 1px; }
.site-brand::before { content: "★ "; color: #ffd54f; }
.site-nav { display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 15px; }
.site-nav a { padding: 6px 0; border-bottom: 2px solid transparent; }
.site-nav a[aria-current="page"] { border-bottom-color: #fff; }
.site-main { max-width: 1100px; margin: 0 auto; padding: 16px; }
.site-footer { max-width: 1100px; margin: 0 auto; padding: 16px; font-size: 14px; color: #4e5969; }
h1.page-title { font-size: 22px; margin: 4px 0 12px; line-height: 1.4; color: #7f1d1d; border-bottom: 2px solid #b71c1c; padding-bottom: 6px; }
.search-form { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-bottom: 16px; background: #fff; padding: 12px; border-radius: 6px; }
.search-form label { display: flex; flex-direction: column; font-size: 14px; color: #4e5969; gap: 4px; flex: 1 1 160px; }
.search-form input, .search-form select { font: inherit; padding: 8px 10px; border: 1px solid #86909c; border-radius: 4px; background: #fff; color: #1f2329; min-height: 44px; width: 100%; }
.button { display: inline-block; font: inherit; padding: 8px 16px; min-height: 44px; border: 1px solid #0b4f8a; border-radius: 4px; background: #0b4f8a; color: #fff; text-decoration: none; cursor: pointer; }
.button.secondary { background: #fff; color: #0b4f8a; }
.results { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
.result { background: #fff; border-radius: 6px; padding: 12px 14px; display: flex; flex-wrap: wrap; justify-content: space-between; gap: 8px 16px; align-items: center; }
.result h2 { font-size: 17px; margin: 0; line-height: 1.4; }
.result h2 a { color: #0b4f8a; }
.result .meta { font-size: 14px; color: #4e5969; margin: 2px 0 0; }
.result .actions { display: flex; gap: 8px; flex-wrap: wrap; }
.tag { display: inline-block; font-size: 13px; padding: 0 6px; border-radius: 3px; background: #e5e6eb; color: #1f2329; margin-left: 6px; }
.tag.retracted { background: #fde2e2; color: #8a1414; }
.pager { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-top: 16px; font-size: 15px; }
.pager a { color: #0b4f8a; }
.empty { background: #fff; padding: 24px; border-radius: 6px; text-align: center; color: #4e5969; }
.facts { background: #fff; border-left: 4px solid #0b4f8a; border-radius: 4px; padding: 10px 14px; margin-bottom: 16px; }
.facts.retracted { border-left-color: #b42318; }
.facts p { margin: 2px 0; }
.facts code { font-size: 12px; word-break: break-all; }
.facts .actions { margin-top: 8px; display: flex; flex-wrap: wrap; gap: 8px; }
.card { background: #fff; border-radius: 6px; padding: 14px; margin-bottom: 16px; }
.card label { display: block; font-weight: 700; margin: 8px 0 4px; }
.card input[type="file"], .card input[type="text"] { font: inherit; width: 100%; padding: 8px; border: 1px solid #86909c; border-radius: 4px; min-height: 44px; background: #fff; }
.hint { font-size: 14px; color: #4e5969; margin: 4px 0; }
.verdict { border-radius: 6px; padding: 12px 14px; margin-bottom: 16px; border: 1px solid; }
.verdict.valid { background: #e8f7ee; border-color: #1b7a43; color: #0f4d29; }
.verdict.invalid { background: #fdecec; border-color: #b42318; color: #7a1a12; }
.verdict.warning { background: #fff4e0; border-color: #a15c00; color: #5c3500; }
.verdict strong { display: block; font-size: 17px; }
dl.details { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
dl.details dt { color: #4e5969; }
dl.details dd { margin: 0; }
/* The official document below the frame: at phone widths the tables shrink and wrap instead of
   scrolling sideways (each column keeps its share of the width, as on paper). */
.package-doc .doc { margin: 0 auto 16px; }
@media screen and (max-width: 640px) {
  body.portal .package-doc { margin: 0 -8px; }
  body.portal .package-doc .doc { padding: 10px 6px; box-shadow: none; overflow-x: visible; }
  body.portal .package-doc table.form { font-size: 10px; }
  body.portal .package-doc table.form th, body.portal .package-doc table.form td { padding: 2px; word-break: break-all; }
  body.portal .package-doc table.basic-data td.label { white-space: normal; }
  body.portal .package-doc table.basic-data td[class*="indent-"] { padding-left: 2px; }
  body.portal .package-doc .doc-report { font-size: 15px; }
  body.portal .package-doc .doc-title { font-size: 16px; }
  body.portal .package-doc .form-footer { font-size: 12px; }
}
`;

export interface PageFrame {
  title: string;
  description?: string;
  /** Absolute URL of this page (canonical). */
  canonical: string;
  /** Which nav entry is the current page. */
  nav: 'list' | 'verify' | null;
  body: SafeHtml;
  /** Extra <head> content (the document's own stylesheet on the package page). */
  head?: SafeHtml;
  noindex?: boolean;
}

export function navLink(href: string, label: string, current: boolean): SafeHtml {
  return current ? html`<a href="${href}" aria-current="page">${label}</a>` : html`<a href="${href}">${label}</a>`;
}

function siteHeader(nav: PageFrame['nav']): SafeHtml {
  return html`<a class="skip-link" href="#main">跳到正文</a>
<header class="site-header"><div class="inner">
  <a class="site-brand" href="/portal">${SITE_TITLE}</a>
  <nav class="site-nav" aria-label="网站导航">
    ${navLink('/portal', '公开目录', nav === 'list')}
    ${navLink('/portal/verify', '真伪验证', nav === 'verify')}
    <a href="/login">工作人员登录</a>
  </nav>
</div></header>`;
}

/** Head and frame around a page body; every page is complete HTML with no script. */
export function portalPage(frame: PageFrame): string {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${frame.title}</title>
<meta name="description" content="${frame.description ?? SITE_DESCRIPTION}" />
<link rel="canonical" href="${frame.canonical}" />
${frame.noindex ? html`<meta name="robots" content="noindex" />` : ''}
<link rel="alternate" type="application/atom+xml" title="${SITE_TITLE}" href="/api/public/feed.atom" />
${frame.head ?? ''}
<style>${unsafeHtml(PORTAL_CSS)}</style>
</head>
<body class="portal">
${siteHeader(frame.nav)}
<main id="main" class="site-main" tabindex="-1">
${frame.body}
</main>
<footer class="site-footer">各预算部门（单位）整体支出绩效自评材料，经财政局审核后按期公开。<a href="/api/public/feed.atom">订阅更新（Atom）</a></footer>
</body>
</html>`.value;
}

export interface ListPageInput {
  years: number[];
  year: number | null;
  search: string;
  page: number;
  pageCount: number;
  totalCount: number;
  nodes: readonly PublicPackageModel[];
  /** "2025年6月30日 10:00" in the bureau's zone. */
  time: (at: Date) => string;
  /** The list URL for another page with the same filters. */
  pageUrl: (page: number) => string;
}

export function documentTitle(p: { fiscalYear: number; unitName: string }): string {
  return `${p.fiscalYear}年度${p.unitName}整体支出绩效自评材料`;
}

export function listBody(input: ListPageInput): SafeHtml {
  const filters = html`<form class="search-form" method="get" action="/portal" role="search">
  <label>年度
    <select name="year">
      <option value="">全部年度</option>
      ${input.years.map((y) => (y === input.year ? html`<option value="${y}" selected>${y}年度</option>` : html`<option value="${y}">${y}年度</option>`))}
    </select>
  </label>
  <label>单位名称
    <input type="search" name="q" value="${input.search}" placeholder="输入单位名称查询" />
  </label>
  <button class="button" type="submit">查询</button>
</form>`;
  const results = input.nodes.length
    ? html`<p class="hint" aria-live="polite">共 ${input.totalCount} 份材料</p>
<ul class="results">
${input.nodes.map(
  (n) => html`<li class="result">
  <div>
    <h2><a href="/portal/p/${n.publicationId}" data-testid="portal-open-${n.publicationId}">${documentTitle(n)}</a>${n.retractedAt ? html`<span class="tag retracted">已撤回</span>` : ''}</h2>
    <p class="meta">${n.bureauName}　公开于 ${input.time(n.publishedAt)}${n.totalScore ? html`　自评得分 ${n.totalScore}${n.gradeLabel ? `（${n.gradeLabel}）` : ''}` : ''}</p>
  </div>
  <div class="actions">
    <a class="button secondary" href="/portal/p/${n.publicationId}">查看<span class="visually-hidden">${n.unitName}</span></a>
    ${n.pdfUrl ? html`<a class="button" href="${n.pdfUrl}" download>下载 PDF<span class="visually-hidden">：${n.unitName}</span></a>` : ''}
  </div>
</li>`,
)}
</ul>
${pager(input)}`
    : html`<p class="empty">${input.search || input.year ? '没有符合条件的公开材料' : '暂无已公开的材料'}</p>`;
  return html`<h1 class="page-title">${input.year ? `${input.year}年度` : ''}部门整体支出绩效自评公开目录</h1>
${filters}
${results}`;
}

function pager(input: ListPageInput): SafeHtml | '' {
  if (input.pageCount <= 1) return '';
  return html`<nav class="pager" aria-label="分页">
  ${input.page > 1 ? html`<a href="${input.pageUrl(input.page - 1)}" rel="prev">上一页</a>` : ''}
  <span>第 ${input.page} 页，共 ${input.pageCount} 页</span>
  ${input.page < input.pageCount ? html`<a href="${input.pageUrl(input.page + 1)}" rel="next">下一页</a>` : ''}
</nav>`;
}

/** The facts above a published document: when, by whom, the PDF and its fingerprint. */
export function packageFacts(p: PublicPackageModel, time: (at: Date) => string): SafeHtml {
  if (p.retractedAt) {
    return html`<section class="facts retracted" aria-label="公开信息">
  <p><strong>该材料已撤回公开</strong></p>
  <p>撤回时间：${time(p.retractedAt)}</p>
  <p>撤回理由：${p.retractReason ?? ''}</p>
  <p>原公开时间：${time(p.publishedAt)}　发布单位：${p.bureauName}</p>
</section>`;
  }
  return html`<section class="facts" aria-label="公开信息">
  <p>发布单位：${p.bureauName}　公开时间：${time(p.publishedAt)}</p>
  ${p.signerName ? html`<p>单位负责人签章：${p.signerName}</p>` : ''}
  <p>SHA-256：<code>${p.pdfSha256}</code></p>
  <div class="actions">
    ${p.pdfUrl ? html`<a class="button" href="${p.pdfUrl}" download data-testid="portal-pdf">下载 PDF</a>` : ''}
    <a class="button secondary" href="/portal/verify?hash=${p.pdfSha256}">验证真伪</a>
  </div>
</section>`;
}

const KIND_LABELS: Record<string, string> = {
  PUBLISHED: '公开的 PDF 文件',
  SIGNED: '经签章确认、尚未公开的 PDF 文件',
};

export function verifyBody(input: { hash: string; result: PublicVerificationModel | null; error: string | null; time: (at: Date) => string }): SafeHtml {
  const r = input.result;
  const verdict = input.error
    ? html`<div class="verdict invalid" role="alert" data-testid="verify-error"><strong>无法验证</strong>${input.error}</div>`
    : r
      ? html`<div class="verdict ${r.retractedAt ? 'warning' : r.valid ? 'valid' : 'invalid'}" role="status" data-testid="verify-result" data-valid="${String(r.valid)}">
  <strong>${r.retractedAt ? '文件真实，但已撤回公开' : r.valid ? '文件真实有效' : '未能确认文件真实性'}</strong>${r.messageZh}
</div>
${
  r.valid || r.retractedAt
    ? html`<div class="card"><dl class="details">
  <dt>单位</dt><dd>${r.unitName ?? ''}</dd>
  <dt>年度</dt><dd>${r.fiscalYear ?? ''}</dd>
  <dt>类型</dt><dd>${KIND_LABELS[r.kind ?? ''] ?? ''}</dd>
  <dt>签章人</dt><dd>${r.signerName ?? ''}</dd>
  <dt>签章时间</dt><dd>${r.signedAt ? input.time(r.signedAt) : ''}</dd>
  <dt>公开时间</dt><dd>${r.publishedAt ? input.time(r.publishedAt) : '尚未公开'}</dd>
  ${r.publicationId ? html`<dt>公开页面</dt><dd><a href="/portal/p/${r.publicationId}">查看公开材料</a></dd>` : ''}
</dl></div>`
    : ''
}`
      : '';
  return html`<h1 class="page-title">真伪验证</h1>
${verdict}
<form class="card" method="post" action="/portal/verify" enctype="multipart/form-data">
  <p class="hint">上传从本网站下载的 PDF 文件，或填写其 SHA-256 值，核对它是否与单位负责人签章、财政局公开的版本一致。文件只用于计算指纹，不会保存。</p>
  <label for="verify-file">选择 PDF 文件</label>
  <input id="verify-file" type="file" name="file" accept="application/pdf,.pdf" data-testid="verify-file" />
  <label for="verify-hash">或填写 SHA-256 值</label>
  <input id="verify-hash" type="text" name="hash" value="${input.hash}" inputmode="latin" autocomplete="off" spellcheck="false" placeholder="64 位十六进制字符" />
  <p><button class="button" type="submit" data-testid="verify-button">验证</button></p>
</form>`;
}

export function notFoundBody(message: string): SafeHtml {
  return html`<h1 class="page-title">找不到该页面</h1><p class="empty">${message}</p><p><a href="/portal">返回公开目录</a></p>`;
}
