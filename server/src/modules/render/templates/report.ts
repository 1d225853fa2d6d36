import { REPORT_OUTLINE, formLabels, formOf, formSetOf, formWords, projectEvaluationsOf, renderReportSection, resolveLabel, sectionHeading } from '@zipin/shared';
import type { ComputedFigures } from '@zipin/shared';
import { html, paragraphs, type SafeHtml } from './html.js';
import type { RenderModel } from './render-model.js';
import { draftMark } from './form-table.js';

/**
 * 自评报告: headings numbered by the system from the fixed outline (一 … 十, （一）, 1.), so a
 * chapter can never lose its number; bound figures are rendered from the tables.
 */
export function selfEvaluationReport(model: RenderModel, figures: ComputedFigures): SafeHtml {
  const labels = formLabels(model.context);
  const sections = REPORT_OUTLINE.map((entry) => {
    const text = renderReportSection(model.document, entry.key, figures).trim();
    const body = text ? paragraphs(text) : entry.leaf ? html`<p class="para">无。</p>` : '';
    return html`<div class="chapter level-${entry.level}">
      <h${entry.level + 1} class="heading">${sectionHeading(entry.key)}</h${entry.level + 1}>
      ${body}
    </div>`;
  });
  // 附件3: the 项目支出绩效自评表, when the package has any (one per project).
  const set = model.formSet ?? formSetOf(null);
  const projectForm = formOf(set, 'projectSelfEvaluation');
  const projects = projectEvaluationsOf(model.document).length;
  const projectTitle = projectForm && projects ? resolveLabel(projectForm.title, formWords(model.context, set.words)).zh : null;
  return html`<section class="doc doc-report">
    ${draftMark(model)}
    <h1 class="report-title">${labels.reportTitle}</h1>
    ${sections}
    <div class="attachments">
      <p class="para">附件：1.${labels.basicDataTitle}</p>
      <p class="para attachment-2">2.${labels.selfEvaluationTitle}</p>
      ${projectTitle ? html`<p class="para attachment-2">3.${projectTitle}（${projects}份）</p>` : ''}
    </div>
    <div class="report-sign">
      <p>${model.context.unitName}</p>
      <p>${model.reportDate ?? ''}</p>
    </div>
  </section>`;
}
