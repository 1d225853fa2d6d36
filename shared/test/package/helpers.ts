import { SEED_2024_LUKOU_GSL } from '../../src/package/index.js';
import type { IndicatorRow, PackageDocument } from '../../src/package/index.js';

/** A fresh copy of the seed, changed by `edit`: each test makes its own data. */
export function seedWith(edit: (doc: PackageDocument) => void = () => {}): PackageDocument {
  const doc = structuredClone(SEED_2024_LUKOU_GSL);
  edit(doc);
  return doc;
}

export function indicator(doc: PackageDocument, id: string): IndicatorRow {
  const row = doc.selfEvaluation.indicators.find((r) => r.id === id);
  if (!row) throw new Error(`no indicator ${id}`);
  return row;
}

/** A seed that passes every check: the seed's problems fixed the way a careful filler would. */
export function cleanSeed(): PackageDocument {
  return seedWith((d) => {
    indicator(d, 'ind-7').actual.raw = '85%';
    indicator(d, 'ind-9').score = '9.45';
    indicator(d, 'ind-9').deviationReason = '原因：人员调入增加工资支出。措施：严格控制编外用工。';
    indicator(d, 'ind-10').name = '公用经费';
    indicator(d, 'ind-10').score = '7.09';
    indicator(d, 'ind-10').deviationReason = '原因：招商活动增加。措施：压减一般性支出。';
    d.selfEvaluation.goal.actual = '召开招商会议、走访企业和基层商会30次，服务会员企业58家，提交建言献策2件。';
    d.report.chapters.other.text = '无。';
    d.explanations['STAFFING_OVER_QUOTA@basicData.staffing.actual'] = '2024年按组织部门安排调入2名工作人员，编制调整在办理中。';
    d.explanations['PUBLIC_FUNDS_OVER_BUDGET@basicData.publicFunds.total.currentFinal'] = '年中追加招商引资工作经费。';
    d.explanations['BUDGET_ADJUSTED_MIDYEAR@selfEvaluation.budget.annualBudget'] = '年中追加人员经费和招商引资工作经费18.5万元。';
  });
}
