import type { ExpandedForm, GridCell, GridRow } from '@zipin/shared';
import { html, type SafeHtml } from './html.js';
import type { RenderModel } from './render-model.js';
import { formFooter } from './form-footer.js';

/** Fixed text with its line breaks ("楼堂馆所控制情况\n（2024年完工项目）"). */
function lines(text: string): SafeHtml {
  const parts = text.split('\n');
  return html`${parts.map((p, i) => (i === 0 ? p : html`<br />${p}`))}`;
}

const VALUE_IS_TEXT = new Set(['text', 'longText']);

function classes(cell: GridCell): string {
  const out: string[] = [];
  if (cell.role === 'header') {
    if (cell.vertical) out.push('vertical');
    return out.join(' ');
  }
  if (cell.level) out.push(cell.level);
  else if (cell.role === 'notApplicable') out.push('num'); // "——" sits where the figure would
  else if (cell.role === 'label') out.push(cell.align === 'left' ? 'label text' : 'num');
  else if (cell.role === 'input' || cell.role === 'computed' || cell.role === 'filled') out.push(cell.prefix || (cell.format && VALUE_IS_TEXT.has(cell.format)) || cell.align === 'left' ? 'text' : 'num');
  if (cell.indent) out.push(`indent-${cell.indent}`);
  if (cell.small) out.push('small');
  return out.join(' ');
}

function cellHtml(cell: GridCell): SafeHtml {
  const span = html`${cell.colSpan > 1 ? html` colspan="${cell.colSpan}"` : ''}${cell.rowSpan > 1 ? html` rowspan="${cell.rowSpan}"` : ''}`;
  const cls = classes(cell);
  const attrs = html`${span}${cls ? html` class="${cls}"` : ''}`;
  if (cell.role === 'header') return html`<th${attrs}>${lines(cell.text)}</th>`;
  if (cell.role === 'label') return html`<td${attrs}>${lines(cell.text)}</td>`;
  const text = cell.prefix ? `${cell.prefix}：${cell.text}` : cell.text;
  return html`<td${attrs}>${text}</td>`;
}

function rowHtml(row: GridRow): SafeHtml {
  return html`<tr${row.className ? html` class="${row.className}"` : ''}>${row.cells.map(cellHtml)}</tr>`;
}

export function draftMark(model: RenderModel): SafeHtml | '' {
  return model.draftMark ? html`<div class="draft-mark">${model.draftMark}</div>` : '';
}

/**
 * One official form as an HTML table, drawn from its expanded layout: the walker knows cells,
 * spans and roles, never a row of any particular form.
 */
export function formTable(form: ExpandedForm, model: RenderModel): SafeHtml {
  const { layout } = form;
  return html`<section class="doc doc-${layout.className}">
    ${draftMark(model)}
    <h1 class="doc-title">${form.title}</h1>
    <table class="form ${layout.className}" style="font-size: ${layout.fontSize}pt">
      <colgroup>${layout.columns.map((c) => html`<col style="width: ${c.width}%" />`)}</colgroup>
      ${form.rows.map(rowHtml)}
    </table>
    ${form.notes.map((n) => html`<p class="form-note">${n}</p>`)}
    ${formFooter(form, model)}
  </section>`;
}
