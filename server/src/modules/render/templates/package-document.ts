import { computeFigures, expandFormSet, formSetOf } from '@zipin/shared';
import { html, unsafeHtml, type SafeHtml } from './html.js';
import type { RenderModel } from './render-model.js';
import { formTable } from './form-table.js';
import { selfEvaluationReport } from './report.js';
import { DOCUMENT_CSS } from './styles.js';

export interface PackageHtmlOptions {
  /** Shown in the browser tab of the portal page. */
  title?: string;
  /** Extra markup above the documents on the portal page (publication facts, the PDF link). */
  banner?: SafeHtml;
}

/** The documents of a package in print order (the 封面, the campaign's printed forms with a 项目支出绩效自评表 per project, then the report), without a page around them. */
export function packageSections(model: RenderModel): SafeHtml {
  const figures = computeFigures(model.document, model.template);
  const forms = expandFormSet(model.formSet ?? formSetOf(null), { document: model.document, figures, template: model.template, context: model.context, medium: 'print', ...(model.filled ? { filled: model.filled } : {}) });
  return html`${forms.filter((f) => f.layout.printed).map((f) => formTable(f, model))}
${selfEvaluationReport(model, figures)}`;
}

/** The package as one HTML page: the PDF prints it, the portal serves it. */
export function packageHtml(model: RenderModel, options: PackageHtmlOptions = {}): string {
  const page = html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${options.title ?? `${model.context.fiscalYear}年度${model.context.unitName}整体支出绩效自评`}</title>
<style>${unsafeHtml(DOCUMENT_CSS)}</style>
</head>
<body>
${options.banner ?? ''}
<main class="package">
${packageSections(model)}
</main>
</body>
</html>`;
  return page.value;
}
