import {
  BAND_LABELS,
  LEVEL1,
  LEVEL1_LABELS,
  LEVEL2_BY_LEVEL1,
  LEVEL2_LABELS,
  OPERATOR_SYMBOLS,
  deadlineText,
  formatMoney,
  formatPercent,
  formLabels,
  levelWeight,
  toBig,
  trimDecimal,
} from '@zipin/shared';
import type { ComputedFigures, IndicatorActual, IndicatorRow, IndicatorTarget, Level1, MoneyCell } from '@zipin/shared';
import { html, type SafeHtml } from './html.js';
import type { RenderModel } from './render-model.js';
import { formFooter } from './form-footer.js';
import { draftMark } from './basic-data-table.js';

const num = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '' : trimDecimal(v));
const norm = (s: string) => s.replace(/\s+/g, '').replace(/≧/g, '≥').replace(/≦/g, '≤').replace(/％/g, '%');

/**
 * 年度指标值 as printed: the structured fields are the truth. An imported form's wording is
 * kept only while it still says the same thing ("30次" for ≥ 30 次), so an edit can never
 * leave a stale text on the official copy.
 */
export function formatTarget(t: IndicatorTarget): string {
  if (t.operator === 'QUALITATIVE') return t.text ?? t.raw ?? '';
  if (t.operator === 'BY') return deadlineText({ target: t }) || t.raw || t.text || '';
  if (t.value === null) return '';
  const plain = `${trimDecimal(t.value)}${t.unit}`;
  const withOp = `${OPERATOR_SYMBOLS[t.operator]}${plain}`;
  if (t.raw) {
    const raw = norm(t.raw);
    if (raw === norm(withOp) || (t.operator !== 'LE' && raw === norm(plain))) return raw;
  }
  return withOp;
}

/** 实际完成值: a point value (a qualitative row prints its description and band). */
export function formatActual(a: IndicatorActual, operator: IndicatorTarget['operator']): string {
  if (operator === 'QUALITATIVE') {
    const band = a.band ? BAND_LABELS[a.band].zh : '';
    return [a.text ?? a.raw ?? '', band ? `（${band}）` : ''].join('');
  }
  if (a.value === null) return a.raw ?? (operator === 'BY' ? (a.text ?? '') : '');
  return `${trimDecimal(a.value)}${a.unit}`;
}

function incomeLine(label: string, cell: MoneyCell): string {
  const v = formatMoney(cell);
  return `${label}${v}`;
}

/** 附件2 绩效自评表: nine grid columns; merged label cells exactly like the official form. */
export function selfEvaluationTable(model: RenderModel, figures: ComputedFigures): SafeHtml {
  const se = model.document.selfEvaluation;
  const b = se.budget;
  const labels = formLabels(model.context);

  const groups = LEVEL1.map((l1) => {
    const rows = se.indicators.filter((r) => r.level1 === l1);
    const level2s = LEVEL2_BY_LEVEL1[l1].map((l2) => ({ l2, rows: rows.filter((r) => r.level2 === l2) }));
    const span = level2s.reduce((n, g) => n + Math.max(1, g.rows.length), 0);
    return { l1, level2s, span, weight: levelWeight(model.template, l1), count: rows.length };
  }).filter((g) => g.count > 0 || !toBig(g.weight).eq(0));
  const indicatorRowCount = groups.reduce((n, g) => n + g.span, 0);

  const level1Label = (l1: Level1, weight: string) => html`${LEVEL1_LABELS[l1].zh}<br />（${trimDecimal(weight)}分）`;
  const indicatorCells = (r: IndicatorRow) => html`<td class="text">${r.name}</td>
      <td class="num">${formatTarget(r.target)}</td>
      <td class="num">${formatActual(r.actual, r.target.operator)}</td>
      <td class="num">${num(r.weight)}</td>
      <td class="num">${num(r.score)}</td>
      <td class="text small">${r.deviationReason}</td>`;

  const body: SafeHtml[] = [];
  groups.forEach((g) => {
    let first = true;
    for (const { l2, rows } of g.level2s) {
      const l1Cell = first ? html`<td rowspan="${g.span}" class="level1">${level1Label(g.l1, g.weight)}</td>` : '';
      first = false;
      const l2Cell = html`<td rowspan="${Math.max(1, rows.length)}" class="level2">${LEVEL2_LABELS[l2].zh}</td>`;
      if (rows.length === 0) {
        body.push(html`<tr>${l1Cell}${l2Cell}<td class="text">无</td><td></td><td></td><td></td><td></td><td></td></tr>`);
        continue;
      }
      rows.forEach((r, i) => body.push(html`<tr>${l1Cell && i === 0 ? l1Cell : ''}${i === 0 ? l2Cell : ''}${indicatorCells(r)}</tr>`));
    }
  });

  return html`<section class="doc doc-self-evaluation">
    ${draftMark(model)}
    <h1 class="doc-title">${labels.selfEvaluationTitle}</h1>
    <table class="form self-evaluation">
      <colgroup>
        <col class="c-a" /><col class="c-b" /><col class="c-c" /><col class="c-d" /><col class="c-e" />
        <col class="c-f" /><col class="c-g" /><col class="c-h" /><col class="c-i" />
      </colgroup>
      <tr>
        <th colspan="3">${labels.unitNameHeader}</th>
        <td colspan="6" class="text unit-name">${model.context.unitName}</td>
      </tr>
      <tr>
        <th rowspan="7" class="vertical">年度预算申请（万元）</th>
        <td colspan="2"></td>
        <th>年初预算数</th><th>全年预算数</th><th>全年执行数</th><th>分值</th><th>执行率</th><th>得分</th>
      </tr>
      <tr>
        <td colspan="2" class="num">年度资金总额</td>
        <td class="num">${formatMoney(b.initialBudget)}</td>
        <td class="num">${formatMoney(b.annualBudget)}</td>
        <td class="num">${formatMoney(b.execution)}</td>
        <td class="num">${num(figures.budget.executionWeight)}</td>
        <td class="num">${formatPercent(figures.budget.executionRate)}</td>
        <td class="num">${num(figures.budget.executionPoints)}</td>
      </tr>
      <tr><td colspan="4" class="text">按收入性质分：</td><td colspan="4" class="text">按支出性质分：</td></tr>
      <tr>
        <td colspan="4" class="text">其中：一般公共预算：${formatMoney(b.byIncome.generalPublic)}</td>
        <td colspan="4" class="text">其中：基本支出：${formatMoney(b.byExpenditure.basic)}</td>
      </tr>
      <tr>
        <td colspan="4" class="text">${incomeLine('政府性基金拨款：', b.byIncome.governmentFund)}</td>
        <td colspan="4" class="text">${incomeLine('项目支出：', b.byExpenditure.project)}</td>
      </tr>
      <tr>
        <td colspan="4" class="text">${incomeLine('纳入专户管理的非税收入拨款：', b.byIncome.specialAccountNonTax)}</td>
        <td colspan="4"></td>
      </tr>
      <tr>
        <td colspan="4" class="text">${incomeLine('其他资金：', b.byIncome.other)}</td>
        <td colspan="4"></td>
      </tr>
      <tr>
        <th rowspan="2" class="vertical">年度总体目标</th>
        <th colspan="4">预期目标</th><th colspan="4">实际完成情况</th>
      </tr>
      <tr class="goal">
        <td colspan="4" class="text">${se.goal.expected}</td>
        <td colspan="4" class="text">${se.goal.actual}</td>
      </tr>
      <tr>
        <th rowspan="${indicatorRowCount + 1}" class="vertical">绩效指标</th>
        <th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th><th>偏差原因分析及改进措施</th>
      </tr>
      ${body}
      <tr class="total">
        <th colspan="6">总分</th>
        <td class="num">${num(figures.scores.weightTotal)}</td>
        <td class="num">${num(figures.scores.effectiveTotal)}</td>
        <td></td>
      </tr>
    </table>
    ${formFooter(model)}
  </section>`;
}
