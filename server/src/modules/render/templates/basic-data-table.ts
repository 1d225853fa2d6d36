import { formatMoney, formatPercent, formLabels, trimDecimal } from '@zipin/shared';
import type { ColumnTotals, ComputedFigures, MoneyCell, MoneyRow } from '@zipin/shared';
import { html, type SafeHtml } from './html.js';
import type { RenderModel } from './render-model.js';
import { formFooter } from './form-footer.js';

type Figures = ComputedFigures;

/** Three money columns (上年决算, 本年预算, 本年决算), each over two grid columns. */
function money(row: MoneyRow | ColumnTotals | null): SafeHtml {
  const cell = (v: MoneyCell | undefined) => html`<td colspan="2" class="num">${row ? formatMoney(v) : ''}</td>`;
  return html`${cell(row?.previousFinal)}${cell(row?.currentBudget)}${cell(row?.currentFinal)}`;
}

function moneyRow(label: string, indent: 0 | 1 | 2 | 3, row: MoneyRow | ColumnTotals | null): SafeHtml {
  return html`<tr><td class="label indent-${indent}">${label}</td>${money(row)}</tr>`;
}

const count = (v: number | null) => (v === null || v === undefined ? '' : String(v));
const decimal = (v: string | null) => (v === null || v === undefined ? '' : trimDecimal(v));

/** 附件1 基础数据表: the official grid, label column plus six value columns. */
export function basicDataTable(model: RenderModel, figures: Figures): SafeHtml {
  const bd = model.document.basicData;
  const labels = formLabels(model.context);
  const buildingRows = bd.buildings.length
    ? bd.buildings.map((b, i) => {
        const f = figures.buildings[i];
        return html`<tr class="building">
          <td class="num">${decimal(b.approvedArea)}</td><td class="num">${decimal(b.actualArea)}</td>
          <td class="num">${formatPercent(f?.areaControlRate)}</td><td class="num">${formatMoney(b.budgetInvestment)}</td>
          <td class="num">${formatMoney(b.actualInvestment)}</td><td class="num">${formatPercent(f?.investmentControlRate)}</td>
        </tr>`;
      })
    : [html`<tr class="building"><td></td><td></td><td></td><td></td><td></td><td></td></tr>`];
  const buildingNames = bd.buildings.filter((b) => b.name.trim() !== '').map((b) => b.name);

  return html`<section class="doc doc-basic-data">
    ${draftMark(model)}
    <h1 class="doc-title">${labels.basicDataTitle}</h1>
    <table class="form basic-data">
      <colgroup><col class="c-label" /><col /><col /><col /><col /><col /><col /></colgroup>
      <tr>
        <th rowspan="2" class="block">财政供养人员情况（人）</th>
        <th colspan="2">编制数</th><th colspan="2">${labels.staffingActualHeader}</th><th colspan="2">控制率</th>
      </tr>
      <tr>
        <td colspan="2" class="num">${count(bd.staffing.authorized)}</td>
        <td colspan="2" class="num">${count(bd.staffing.actual)}</td>
        <td colspan="2" class="num">${formatPercent(figures.staffing.controlRate)}</td>
      </tr>
      <tr>
        <th class="block">经费控制情况（万元）</th>
        <th colspan="2">${labels.previousFinalHeader}</th><th colspan="2">${labels.currentBudgetHeader}</th><th colspan="2">${labels.currentFinalHeader}</th>
      </tr>
      ${moneyRow('三公经费', 0, figures.threePublic.total)}
      ${moneyRow('1、公务用车购置和维护经费', 1, figures.threePublic.vehicle)}
      ${moneyRow('其中：公车购置', 2, bd.threePublic.vehiclePurchase)}
      ${moneyRow('公车运行维护', 3, bd.threePublic.vehicleOperation)}
      ${moneyRow('2、出国经费', 1, bd.threePublic.overseas)}
      ${moneyRow('3、公务接待', 1, bd.threePublic.reception)}
      ${moneyRow('项目支出：', 0, figures.projects.total)}
      ${moneyRow('1、业务工作经费', 1, bd.projects.businessWork)}
      ${moneyRow('2、运行维护经费', 1, bd.projects.operationMaintenance)}
      ${moneyRow('……', 1, null)}
      ${moneyRow('3、本级专项资金（一个专项一行）', 1, bd.projects.specialFunds.length ? figures.projects.specialFundsTotal : null)}
      ${bd.projects.specialFunds.length ? bd.projects.specialFunds.map((f) => moneyRow(f.name, 2, f)) : moneyRow('……', 1, null)}
      ${moneyRow('公用经费', 0, bd.publicFunds.total)}
      ${moneyRow('其中：办公经费', 1, bd.publicFunds.office)}
      ${moneyRow('水费、电费、差旅费', 2, bd.publicFunds.utilitiesTravel)}
      ${moneyRow('会议费、培训费', 2, bd.publicFunds.meetingsTraining)}
      ${moneyRow('政府采购金额', 0, bd.procurement)}
      ${moneyRow('部门基本支出预算调整', 0, bd.budgetAdjustment)}
      <tr class="building-head">
        <th rowspan="${1 + Math.max(1, bd.buildings.length)}" class="block">楼堂馆所控制情况<br />（${model.context.fiscalYear}年完工项目）${
          buildingNames.length ? html`<div class="building-names">${buildingNames.join('、')}</div>` : ''
        }</th>
        <th>批复规模<br />（㎡）</th><th>实际规模<br />（㎡）</th><th>规模控制率</th>
        <th>预算投资<br />（万元）</th><th>实际投资<br />（万元）</th><th>投资概算控制率</th>
      </tr>
      ${buildingRows}
      <tr>
        <th class="block">厉行节约保障措施</th>
        <td colspan="6" class="text">${bd.austerityMeasures}</td>
      </tr>
    </table>
    <p class="form-note">说明：“项目支出”需要填报基本支出以外的所有项目支出情况，项目支出数与决算数据保持一致。“公用经费”填报基本支出中的一般商品和服务支出。</p>
    ${formFooter(model)}
  </section>`;
}

export function draftMark(model: RenderModel): SafeHtml | '' {
  return model.draftMark ? html`<div class="draft-mark">${model.draftMark}</div>` : '';
}
