/**
 * Field paths: ONE syntax for checks, review comments, diffs and validation issues.
 *
 *   basicData.staffing.actual
 *   basicData.publicFunds.total.currentFinal
 *   selfEvaluation.indicators[ind-3].actual.value      list items by their id
 *   basicData.projects.specialFunds[sf-1].currentBudget
 *   projectEvaluations[pe-1].indicators[ind-2].actual.value   (a 项目支出绩效自评表's indicator)
 *   report.chapters.problems.text
 *   explanations.STAFFING_OVER_QUOTA@basicData.staffing.actual   (the rest of the path is the key)
 *
 * Segments are separated by "."; a list item is `list[id]`. Ids are [A-Za-z0-9_-]+, so they never
 * contain "." or brackets. Only a validation issue on an item without a usable id falls back to
 * its position: `list[#2]` (0-based).
 */
import type { CampaignContext, PackageDocument } from './model.js';
import { fieldLabel } from '../forms/field-labels.js';
import { LEVEL1_LABELS, LEVEL2_LABELS } from './model.js';
import { outlineEntry, sectionHeading } from './outline.js';
import { CHECK_CATALOGUE, type CheckCode } from './checks.js';

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export interface PathSegment {
  key: string;
  /** The item id (or "#n") when the segment addresses a list item. */
  item?: string;
}

/** Splits a path into segments; never throws. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  let rest = path;
  while (rest.length > 0) {
    // explanations are keyed by check keys, invalidInputs by field paths: the rest is one key.
    if (out.length === 1 && (out[0]!.key === 'explanations' || out[0]!.key === 'invalidInputs') && !out[0]!.item) {
      out.push({ key: rest });
      break;
    }
    const dot = rest.indexOf('.');
    const bracket = rest.indexOf('[');
    if (bracket !== -1 && (dot === -1 || bracket < dot)) {
      const close = rest.indexOf(']', bracket);
      if (close === -1) {
        out.push({ key: rest });
        break;
      }
      out.push({ key: rest.slice(0, bracket), item: rest.slice(bracket + 1, close) });
      rest = rest.slice(close + 1);
      if (rest.startsWith('.')) rest = rest.slice(1);
    } else if (dot === -1) {
      out.push({ key: rest });
      break;
    } else {
      out.push({ key: rest.slice(0, dot) });
      rest = rest.slice(dot + 1);
    }
  }
  return out;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return segments.map((s) => (s.item !== undefined ? `${s.key}[${s.item}]` : s.key)).join('.');
}

/** Path of an indicator field: indicatorPath('ind-3', 'actual.value'). */
export function indicatorPath(id: string, field?: string): string {
  return `selfEvaluation.indicators[${id}]${field ? `.${field}` : ''}`;
}

/** Path of a 项目支出绩效自评表 field: projectPath('pe-1', 'funds.fiscal.execution'). */
export function projectPath(projectId: string, field?: string): string {
  return `projectEvaluations[${projectId}]${field ? `.${field}` : ''}`;
}

/** Path of an indicator field of a project table: projectIndicatorPath('pe-1', 'ind-2', 'actual.value'). */
export function projectIndicatorPath(projectId: string, indicatorId: string, field?: string): string {
  return `${projectPath(projectId)}.indicators[${indicatorId}]${field ? `.${field}` : ''}`;
}

export function reportPath(key: string): string {
  return `report.chapters.${key}.text`;
}

export function explanationPath(checkKey: string): string {
  return `explanations.${checkKey}`;
}

type Label = { zh: string; en: string };
const L = (zh: string, en: string): Label => ({ zh, en });

/** Labels by "parent>key" first, then by key. `null` means the segment adds no label. */
const CONTEXT_LABELS: Record<string, Label | null> = {
  'staffing>actual': L('实际在职人数', 'staff in post'),
  'goal>actual': L('实际完成情况', 'actual result'),
  'indicators>actual': L('实际完成值', 'actual value'),
  'byIncome>other': L('其他资金', 'other funds'),
  'publicFunds>total': L('合计', 'total'),
  'target>value': null,
  'actual>value': null,
  'chapters>text': null,
  // 项目支出绩效自评表
  'projectEvaluations>name': L('项目名称', 'project name'),
  'projectEvaluations>carriedOver': L('结转项目', 'carried-over project'),
  'funds>other': L('其他资金', 'other funds'),
};

const LABELS: Record<string, Label | null> = {
  version: L('版本', 'version'),
  basicData: L('基础数据表', 'Basic data table'),
  selfEvaluation: L('绩效自评表', 'Self-evaluation table'),
  report: L('自评报告', 'Self-evaluation report'),
  explanations: L('情况说明', 'Explanations'),
  staffing: L('财政供养人员情况', 'staffing'),
  authorized: L('编制数', 'authorized posts'),
  threePublic: L('三公经费', '"three public" expenses'),
  vehiclePurchase: L('公车购置', 'vehicle purchase'),
  vehicleOperation: L('公车运行维护', 'vehicle operation'),
  overseas: L('出国经费', 'travel abroad'),
  reception: L('公务接待', 'official reception'),
  previousFinal: L('上年决算数', 'previous-year final'),
  currentBudget: L('本年预算数', 'budget'),
  currentFinal: L('本年决算数', 'final accounts'),
  projects: L('项目支出', 'project spending'),
  businessWork: L('业务工作经费', 'business work funds'),
  operationMaintenance: L('运行维护经费', 'operation and maintenance funds'),
  specialFunds: L('本级专项资金', 'special funds'),
  publicFunds: L('公用经费', 'public funds'),
  office: L('办公经费', 'office expenses'),
  utilitiesTravel: L('水费、电费、差旅费', 'water, power, travel'),
  meetingsTraining: L('会议费、培训费', 'meetings, training'),
  procurement: L('政府采购金额', 'government procurement'),
  budgetAdjustment: L('部门基本支出预算调整', 'basic budget adjustment'),
  buildings: L('楼堂馆所控制情况', 'buildings'),
  approvedArea: L('批复规模（㎡）', 'approved area (m²)'),
  actualArea: L('实际规模（㎡）', 'actual area (m²)'),
  budgetInvestment: L('预算投资', 'budgeted investment'),
  actualInvestment: L('实际投资', 'actual investment'),
  austerityMeasures: L('厉行节约保障措施', 'austerity measures'),
  contact: L('联系人', 'contact'),
  fillerName: L('填表人', 'filled in by'),
  phone: L('联系电话', 'phone'),
  budget: L('年度预算申请', 'annual budget'),
  initialBudget: L('年初预算数', 'initial budget'),
  annualBudget: L('全年预算数', 'full-year budget'),
  execution: L('全年执行数', 'full-year execution'),
  byIncome: L('按收入性质分', 'by source'),
  generalPublic: L('一般公共预算', 'general public budget'),
  governmentFund: L('政府性基金拨款', 'government funds'),
  specialAccountNonTax: L('纳入专户管理的非税收入拨款', 'non-tax revenue in special accounts'),
  byExpenditure: L('按支出性质分', 'by kind of spending'),
  basic: L('基本支出', 'basic spending'),
  project: L('项目支出', 'project spending'),
  initialByFunction: L('年初预算（按功能分类）', 'initial budget by function'),
  amount: L('金额', 'amount'),
  executionByEconomicClass: L('支出（按经济分类）', 'spending by economic class'),
  wages: L('工资福利支出', 'wages and benefits'),
  goodsAndServices: L('商品和服务支出', 'goods and services'),
  householdSubsidies: L('对个人和家庭的补助', 'subsidies to households'),
  capital: L('资本性支出', 'capital spending'),
  goal: L('年度总体目标', 'annual goal'),
  expected: L('预期目标', 'expected goal'),
  indicators: L('绩效指标', 'indicators'),
  id: L('编号', 'id'),
  level1: L('一级指标', 'level 1'),
  level2: L('二级指标', 'level 2'),
  name: L('名称', 'name'),
  target: L('年度指标值', 'target'),
  operator: L('比较方式', 'operator'),
  value: L('数值', 'value'),
  unit: L('单位', 'unit'),
  text: L('文字说明', 'text'),
  raw: L('原始填写', 'as typed'),
  band: L('完成档次', 'band'),
  weight: L('分值', 'weight'),
  score: L('得分', 'score'),
  deviationReason: L('偏差原因分析及改进措施', 'deviation reason and remedy'),
  lastYearActual: L('上年实际完成值', 'last year’s actual'),
  carriedFrom: L('上年结转', 'carried from last year'),
  invalidInputs: null,
  projectEvaluations: L('项目支出绩效自评表', 'Project self-evaluation tables'),
  specialFundId: L('对应专项', 'linked special fund'),
  carriedOver: L('上年结转资金', 'carried over from last year'),
  department: L('主管部门', 'department in charge'),
  implementer: L('实施单位', 'implementing unit'),
  funds: L('项目资金', 'project funds'),
  fiscal: L('当年财政拨款', 'this year’s appropriation'),
  chapters: null,
};

const ITEM_LABELS: Record<string, Label> = {
  indicators: L('指标', 'indicator'),
  specialFunds: L('专项', 'special fund'),
  buildings: L('项目', 'project'),
  initialByFunction: L('科目', 'function'),
  projectEvaluations: L('项目', 'project'),
};

function findItem(doc: PackageDocument | undefined, list: string, id: string, scope?: { indicators?: unknown }): { name?: unknown; index?: number; indicators?: unknown } | undefined {
  if (!doc) return undefined;
  try {
    const arrays: Record<string, unknown> = {
      // Inside a project table, "indicators" are that table's rows.
      indicators: scope ? scope.indicators : doc.selfEvaluation?.indicators,
      projectEvaluations: doc.projectEvaluations,
      specialFunds: doc.basicData?.projects?.specialFunds,
      buildings: doc.basicData?.buildings,
      initialByFunction: doc.selfEvaluation?.budget?.initialByFunction,
    };
    const arr = arrays[list];
    if (!Array.isArray(arr)) return undefined;
    const index = id.startsWith('#') ? Number(id.slice(1)) : arr.findIndex((x: unknown) => (x as { id?: unknown })?.id === id);
    const item = arr[index] as { name?: unknown; indicators?: unknown } | undefined;
    return item === undefined ? undefined : { name: item.name, index, indicators: item.indicators };
  } catch {
    return undefined;
  }
}

/**
 * A human label for a path: "绩效自评表 › 指标「人员保障」 › 实际完成值". A field a form shows
 * gets the form's label (layouts in forms/); pass the campaign context for its words
 * (2024年决算数; without it 本年决算数). Pass the document to name list items by their name
 * instead of their id. Never throws; unknown keys are shown as is.
 */
export function describePath(path: string, doc?: PackageDocument, options: { context?: CampaignContext; formSetId?: string | null } = {}): { zh: string; en: string } {
  // A field some form shows is called what the form calls it (one label everywhere).
  const shown = fieldLabel(path, { ...(doc ? { document: doc } : {}), ...options });
  if (shown) {
    const zh = [shown.label.zh];
    const en = [shown.label.en];
    let parent = parsePath(path.slice(0, path.length - shown.rest.length).replace(/\.$/, '')).pop()?.key ?? '';
    for (const seg of shown.rest ? parsePath(shown.rest) : []) {
      const ctx = `${parent}>${seg.key}`;
      const label = ctx in CONTEXT_LABELS ? CONTEXT_LABELS[ctx] : (LABELS[seg.key] ?? L(seg.key, seg.key));
      if (label) {
        zh.push(label.zh);
        en.push(label.en);
      }
      parent = seg.key;
    }
    return { zh: zh.join(' › '), en: en.join(' › ') };
  }
  const zh: string[] = [];
  const en: string[] = [];
  const segments = parsePath(path);
  let parent = '';
  let scope: { indicators?: unknown } | undefined;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (parent === 'explanations') {
      // "CODE@path": what the warning is about and where, never the key itself.
      const at = seg.key.indexOf('@');
      const code = at === -1 ? seg.key : seg.key.slice(0, at);
      const meaning = CHECK_CATALOGUE[code as CheckCode];
      if (meaning) {
        zh.push(meaning[1]);
        en.push(meaning[2]);
      }
      if (at !== -1) {
        const inner = describePath(seg.key.slice(at + 1).replace(/#\d+$/, ''), doc);
        zh.push(inner.zh);
        en.push(inner.en);
      }
      break;
    }
    if (parent === 'invalidInputs') {
      const inner = describePath(seg.key, doc);
      zh.push(inner.zh, '未识别的填写内容');
      en.push(inner.en, 'unparsed input');
      break;
    }
    if (parent === 'chapters') {
      const entry = outlineEntry(seg.key);
      if (entry) {
        zh.push(sectionHeading(entry.key));
        en.push(entry.titleEn);
      } else {
        zh.push(seg.key);
        en.push(seg.key);
      }
      parent = seg.key === 'text' ? parent : 'chapters-section';
      continue;
    }
    if (parent === 'chapters-section' && seg.key === 'text') continue;
    const ctx = `${parent}>${seg.key}`;
    let label: Label | null | undefined = ctx in CONTEXT_LABELS ? CONTEXT_LABELS[ctx] : LABELS[seg.key];
    if (seg.key === 'level1' || seg.key === 'level2') label = LABELS[seg.key];
    if (seg.item !== undefined) {
      const itemLabel = ITEM_LABELS[seg.key] ?? L(seg.key, seg.key);
      const item = findItem(doc, seg.key, seg.item, scope);
      if (seg.key === 'projectEvaluations') scope = (item as { indicators?: unknown } | undefined) ?? {};
      const name = typeof item?.name === 'string' && item.name.trim() !== '' ? item.name.trim() : null;
      const listLabel = LABELS[seg.key];
      if (listLabel && seg.key !== 'indicators') {
        zh.push(listLabel.zh);
        en.push(listLabel.en);
      }
      // An unnamed row is named by its place, never by its internal id.
      const index = item?.index ?? (seg.item.startsWith('#') ? Number(seg.item.slice(1)) : -1);
      const position = index >= 0 ? `第${index + 1}行` : doc ? '（已删除的行）' : '';
      const positionEn = index >= 0 ? `row ${index + 1}` : doc ? '(a removed row)' : '';
      zh.push(name ? `${itemLabel.zh}「${name}」` : `${itemLabel.zh}${position ? ` ${position}` : ''}`);
      en.push(name ? `${itemLabel.en} "${name}"` : `${itemLabel.en}${positionEn ? ` ${positionEn}` : ''}`);
      if (seg.key === 'indicators' && seg.item) parent = 'indicators';
      else parent = seg.key;
      continue;
    }
    if (seg.key === 'name' && (parent === 'indicators')) label = L('三级指标', 'level 3 name');
    if (label === undefined) label = L(seg.key, seg.key);
    if (label !== null) {
      zh.push(label.zh);
      en.push(label.en);
    }
    parent = seg.key;
  }
  return { zh: zh.join(' › '), en: en.join(' › ') };
}

/** Labels of level codes for messages. */
export function levelLabel(level1: string, level2?: string): string {
  const l1 = LEVEL1_LABELS[level1 as keyof typeof LEVEL1_LABELS]?.zh ?? level1;
  if (!level2) return l1;
  return `${l1} › ${LEVEL2_LABELS[level2 as keyof typeof LEVEL2_LABELS]?.zh ?? level2}`;
}
