/**
 * One stylesheet for print (A4 portrait, the official grid) and screen (the portal page).
 * Rows of a merged group may split across pages; single cells never do (a `tr` rule would
 * push a whole 15-row group to the next page).
 */
export const DOCUMENT_CSS = `
@page {
  size: A4 portrait;
  margin: 15mm 14mm 16mm 14mm;
  /* 第 X 页 共 Y 页 in a page margin box: Chromium prints it with the page, where a
     displayHeaderFooter template is a separate document laid out for every page (~20 ms a package).
     At the bottom of the margin, 5.25 mm up, where that template printed it. */
  @bottom-center { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-family: "Noto Sans SC Print", "Noto Sans SC", sans-serif; font-size: 8pt; color: #000; vertical-align: bottom; padding-bottom: 5.25mm; }
}
* { box-sizing: border-box; }
html { font-family: "Noto Sans SC Print", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 9.5pt; color: #000; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
.doc { position: relative; }
.doc + .doc { break-before: page; }
.doc-title { text-align: center; font-size: 14pt; font-weight: 700; margin: 4mm 0 5mm; letter-spacing: 0.02em; }
.draft-mark { position: absolute; top: -2mm; right: 0; color: #c0392b; border: 1px solid #c0392b; padding: 0 2mm; font-size: 8.5pt; }
/* Collapsed borders: half of the outer border lies outside the table's box, so the box leaves that half
   (0.35pt a side) inside the printable area, where the page does not clip it. */
table.form { width: calc(100% - 0.7pt); margin-left: 0.35pt; margin-right: 0.35pt; border-collapse: collapse; table-layout: fixed; }
table.form th, table.form td { border: 0.7pt solid #000; padding: 1.4mm 1.6mm; vertical-align: middle; line-height: 1.38; overflow-wrap: anywhere; word-break: break-word; }
table.form th { font-weight: 700; text-align: center; }
table.form td.num { text-align: center; }
table.form td.text { text-align: left; white-space: pre-line; }
table.form td.small { font-size: 8.5pt; }
table.form td:not([rowspan]), table.form th:not([rowspan]) { break-inside: avoid; }
table.basic-data td.label { text-align: left; white-space: nowrap; }
table.form td.label { padding-left: 1.2mm; }
table.form td.indent-1 { padding-left: 4mm; }
table.form td.indent-2 { padding-left: 7.5mm; }
table.form td.indent-3 { padding-left: 15.5mm; }
table.basic-data tr.building td { height: 7mm; }
table.self-evaluation th, table.self-evaluation td, table.project-self-evaluation th, table.project-self-evaluation td { padding: 0.9mm 1.1mm; line-height: 1.3; }
table.self-evaluation th.vertical, table.project-self-evaluation th.vertical { padding: 0.8mm 0.6mm; }
table.self-evaluation td.level1, table.self-evaluation td.level2, table.project-self-evaluation td.level1, table.project-self-evaluation td.level2 { text-align: center; }
table.self-evaluation td.small, table.project-self-evaluation td.small { font-size: 8pt; line-height: 1.25; }
table.self-evaluation tr.goal td, table.project-self-evaluation tr.goal td { height: 11mm; vertical-align: top; }
table.self-evaluation tr.total th, table.self-evaluation tr.total td, table.project-self-evaluation tr.total th, table.project-self-evaluation tr.total td { font-weight: 700; }
/* Its own formatting context: the title's top margin stays inside, so the 预览稿 stamp sits at the top of the page, not on the title. */
.doc-cover { display: flow-root; }
.doc-cover .draft-mark { top: 0; }
.doc-cover .doc-title { font-size: 20pt; margin: 38mm 6mm 22mm; line-height: 1.5; }
table.cover th, table.cover td { padding: 3mm 3mm; height: 14mm; }
table.cover th { letter-spacing: 0.1em; }
table.cover tr.opinion td, table.cover tr.opinion th { height: 42mm; }
.doc-cover:has(tr.opinion ~ tr.opinion ~ tr.opinion) .doc-title { margin: 26mm 6mm 16mm; }
table.cover:has(tr.opinion ~ tr.opinion ~ tr.opinion) tr.opinion td, table.cover:has(tr.opinion ~ tr.opinion ~ tr.opinion) tr.opinion th { height: 31mm; }
table.cover tr.opinion td.text { vertical-align: top; }
table.cover tr.opinion td:nth-last-child(-n+2) { vertical-align: bottom; font-size: 10.5pt; }
.form-note { font-size: 8.5pt; margin: 1.5mm 0 0; line-height: 1.45; }
.form-footer { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1mm 3mm; margin-top: 3.5mm; font-size: 9pt; }
.form-footer .sign { display: inline-block; min-width: 28mm; border-bottom: 0.7pt solid #000; padding: 0 1mm; }
.form-footer .sign small { font-size: 7pt; }
.doc-report { font-size: 11pt; line-height: 1.8; }
.report-title { text-align: center; font-size: 15pt; font-weight: 700; margin: 4mm 8mm 6mm; line-height: 1.5; text-wrap: balance; }
.doc-report .heading { margin: 2.5mm 0 1mm; line-height: 1.6; break-after: avoid; }
.doc-report h2.heading { font-size: 12pt; font-weight: 700; }
.doc-report h3.heading { font-size: 11pt; font-weight: 700; text-indent: 2em; }
.doc-report h4.heading { font-size: 11pt; font-weight: 400; text-indent: 2em; }
.doc-report .para { margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
.attachments { margin-top: 6mm; }
.attachments .attachment-2 { text-indent: 5em; }
.report-sign { margin-top: 10mm; text-align: right; break-inside: avoid; }
.report-sign p { margin: 0; }
.portal-banner { font-size: 10pt; }
@media screen {
  body { background: #eef0f3; padding: 16px 8px; }
  .doc { width: 100%; max-width: 210mm; margin: 0 auto 16px; background: #fff; padding: 12mm 14mm; box-shadow: 0 1px 4px rgba(0,0,0,.15); overflow-x: auto; }
  .portal-banner p { margin: 2px 0; }
  .portal-banner { max-width: 210mm; margin: 0 auto 12px; background: #fff; padding: 10px 14px; border-left: 4px solid #2f6fb3; line-height: 1.7; }
  .portal-banner.retracted { border-left-color: #c0392b; }
  .portal-banner a { color: #2f6fb3; }
}
`;
