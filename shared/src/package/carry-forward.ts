/**
 * Carry-forward (上年结转): a unit's new package starts from its own package of the year before.
 *
 * - 上年决算数 of every 经费控制 row is last year's 本年决算数, locked while it stays carried;
 * - the indicator rows and their targets are copied as a starting point (actuals, scores and
 *   reasons cleared), each keeping last year's actual as `lastYearActual`;
 * - chapter 一 部门基本情况 of the report is copied for editing.
 * `carriedFrom` records where they came from; the filler can reset each part.
 */
import { DECIMAL_PATTERN, NA, compareDecimal } from './money.js';
import type { Decimal } from './money.js';
import type {
  BasicDataTable,
  CampaignContext,
  CarriedFrom,
  CarriedPart,
  IndicatorRow,
  LastYearActual,
  Level1,
  Level2,
  MoneyRow,
  Operator,
  PackageDocument,
} from './model.js';
import { canonicalJson } from './canonical-json.js';
import { emptyPackageDocument } from './empty.js';
import { normalizeUnit } from './scoring.js';
import type { EvaluationTemplate } from './template.js';

/** The 经费控制 rows whose 上年决算数 comes from last year's 本年决算数 (paths under basicData). */
export const CARRIED_MONEY_ROWS = [
  'threePublic.vehiclePurchase',
  'threePublic.vehicleOperation',
  'threePublic.overseas',
  'threePublic.reception',
  'projects.businessWork',
  'projects.operationMaintenance',
  'publicFunds.total',
  'publicFunds.office',
  'publicFunds.utilitiesTravel',
  'publicFunds.meetingsTraining',
] as const;

/** Rows whose 上年 is "——" on the form (政府采购金额, 部门基本支出预算调整): never carried. */
const NOT_APPLICABLE_PRIOR_ROWS = ['procurement', 'budgetAdjustment'] as const;

function moneyRowAt(bd: BasicDataTable, path: string): MoneyRow {
  const [group, key] = path.split('.') as [keyof BasicDataTable, string];
  return (bd[group] as unknown as Record<string, MoneyRow>)[key]!;
}

/** Every carried 上年决算数 cell, as field paths (the client shows them read-only). */
export function carriedPriorYearPaths(doc: PackageDocument): string[] {
  const paths = CARRIED_MONEY_ROWS.map((r) => `basicData.${r}.previousFinal`);
  for (const f of doc.basicData.projects.specialFunds) paths.push(`basicData.projects.specialFunds[${f.id}].previousFinal`);
  return paths;
}

export interface CarryForwardSource {
  packageId: string;
  fiscalYear: number;
  /** The source package's workflow state, recorded for the label ("已公开" / "草稿"). */
  state?: string;
  document: PackageDocument;
}

function lastYearOf(row: IndicatorRow): LastYearActual {
  const a = row.actual;
  const out: LastYearActual = { value: a.value, unit: a.unit || row.target.unit };
  if (a.text) out.text = a.text;
  return out;
}

/** An indicator row as a starting point: the same target, nothing of last year's result but the record of it. */
function carriedIndicator(row: IndicatorRow): IndicatorRow {
  const { raw: _raw, ...target } = row.target;
  return {
    id: row.id,
    level1: row.level1,
    level2: row.level2,
    name: row.name,
    target,
    actual: { value: null, unit: target.unit, ...(target.operator === 'QUALITATIVE' ? { band: null } : {}) },
    weight: row.weight,
    score: null,
    deviationReason: '',
    lastYearActual: lastYearOf(row),
  };
}

/**
 * The new year's document: the campaign template's blank package with last year's parts
 * carried in. Pure; `source` null gives emptyPackageDocument(template, context).
 */
export function carryForwardDocument(source: CarryForwardSource | null, template: EvaluationTemplate, context?: CampaignContext): PackageDocument {
  const doc = emptyPackageDocument(template, context);
  if (!source) return doc;
  const prev = source.document;
  const bd = doc.basicData;
  for (const path of CARRIED_MONEY_ROWS) moneyRowAt(bd, path).previousFinal = moneyRowAt(prev.basicData, path).currentFinal;
  for (const key of NOT_APPLICABLE_PRIOR_ROWS) bd[key].previousFinal = NA;
  // Each 专项 of last year comes back as a row, its 决算 as this year's 上年; this year's own figures are blank.
  bd.projects.specialFunds = prev.basicData.projects.specialFunds.map((f) => ({
    id: f.id,
    name: f.name,
    previousFinal: f.currentFinal,
    currentBudget: null,
    currentFinal: null,
  }));
  const parts: CarriedPart[] = ['PRIOR_YEAR_COLUMN'];
  if (prev.selfEvaluation.indicators.length > 0) {
    doc.selfEvaluation.indicators = prev.selfEvaluation.indicators.map(carriedIndicator);
    parts.push('INDICATORS');
  }
  const basicInfo = prev.report.chapters.basicInfo?.text ?? '';
  if (basicInfo.trim() !== '') {
    doc.report.chapters.basicInfo = { text: basicInfo };
    parts.push('BASIC_INFO_CHAPTER');
  }
  const carriedFrom: CarriedFrom = {
    packageId: source.packageId,
    fiscalYear: source.fiscalYear,
    ...(source.state ? { sourceState: source.state } : {}),
    parts,
    columns: ['previousFinal'],
  };
  doc.carriedFrom = carriedFrom;
  return doc;
}

/**
 * The document with one carried part reset: the 上年决算数 column becomes editable and empty;
 * the indicators go back to the template's defaults; chapter 一 becomes empty. Pure; a part
 * that is not carried (any more) leaves the document as it is.
 */
export function resetCarriedPart(doc: PackageDocument, part: CarriedPart, template: EvaluationTemplate, context?: CampaignContext): PackageDocument {
  const next = structuredClone(doc);
  const from = next.carriedFrom;
  if (!from || !from.parts.includes(part)) return next;
  if (part === 'PRIOR_YEAR_COLUMN') {
    for (const path of CARRIED_MONEY_ROWS) moneyRowAt(next.basicData, path).previousFinal = null;
    for (const f of next.basicData.projects.specialFunds) f.previousFinal = null;
    from.columns = from.columns.filter((c) => c !== 'previousFinal');
  } else if (part === 'INDICATORS') {
    next.selfEvaluation.indicators = emptyPackageDocument(template, context).selfEvaluation.indicators;
    // Explanations written for the carried rows would otherwise attach to the new rows that reuse their ids.
    for (const key of Object.keys(next.explanations)) if (key.includes('@selfEvaluation.indicators')) delete next.explanations[key];
  } else {
    next.report.chapters.basicInfo = { text: '' };
  }
  from.parts = from.parts.filter((p) => p !== part);
  if (from.parts.length === 0) delete next.carriedFrom;
  return next;
}

/**
 * Cells the filler changed although they are locked as carried (the 上年决算数 column while it
 * is carried), and a `carriedFrom` the filler made up or altered. Empty when the save is fine.
 * The server compares the stored document (`before`) with the one being saved (`after`); what
 * is carried is decided by the stored `carriedFrom` alone, so leaving it out of the saved
 * document unlocks nothing (the server keeps its own, see keepCarriedFrom).
 */
export function carriedLockViolations(before: PackageDocument, after: PackageDocument): string[] {
  const out: string[] = [];
  const a = before.carriedFrom;
  const b = after.carriedFrom;
  if (b && (!a || JSON.stringify(sortedCarried(a)) !== JSON.stringify(sortedCarried(b)))) {
    // Only a reset (server side) may change it; leaving it out is allowed (an older client), it is kept anyway.
    out.push('carriedFrom');
  }
  if (a && a.columns.includes('previousFinal')) {
    for (const path of CARRIED_MONEY_ROWS) {
      if (moneyRowAt(before.basicData, path).previousFinal !== moneyRowAt(after.basicData, path).previousFinal) {
        out.push(`basicData.${path}.previousFinal`);
      }
    }
    const old = new Map(before.basicData.projects.specialFunds.map((f) => [f.id, f.previousFinal]));
    for (const f of after.basicData.projects.specialFunds) {
      // A row added while the column is carried had no spending last year: its 上年决算数 stays empty.
      const carried = old.has(f.id) ? old.get(f.id)! : null;
      if (carried !== f.previousFinal) out.push(`basicData.projects.specialFunds[${f.id}].previousFinal`);
    }
  }
  return out;
}

/** The document as saved, with the stored record of what is carried (never the client's). */
export function keepCarriedFrom(before: PackageDocument, after: PackageDocument): PackageDocument {
  if (!before.carriedFrom) {
    if (!after.carriedFrom) return after;
    const { carriedFrom: _dropped, ...rest } = after;
    return rest as PackageDocument;
  }
  return { ...after, carriedFrom: structuredClone(before.carriedFrom) };
}

/**
 * Whether keepCarriedFrom(before, after) stores `after` exactly as sent. It only ever sets
 * carriedFrom back to the record's, so comparing that part answers without serialising the
 * whole document.
 */
export function keepsCarriedAsSent(before: PackageDocument, after: PackageDocument): boolean {
  return canonicalJson(before.carriedFrom ?? null) === canonicalJson(after.carriedFrom ?? null);
}

function sortedCarried(c: CarriedFrom): CarriedFrom {
  return { ...c, parts: [...c.parts].sort(), columns: [...c.columns].sort() };
}

/** True when a target is set below last year's actual (GE), or above it (LE): a target set too low. */
export function targetBelowLastYear(row: Pick<IndicatorRow, 'target'>, last: LastYearActual | null | undefined): boolean {
  const t = row.target;
  if (!last || (t.operator !== 'GE' && t.operator !== 'LE')) return false;
  if (t.value === null || last.value === null || !DECIMAL_PATTERN.test(t.value) || !DECIMAL_PATTERN.test(last.value)) return false;
  const tu = normalizeUnit(t.unit);
  const lu = normalizeUnit(last.unit);
  if (tu !== '' && lu !== '' && tu !== lu) return false;
  const cmp = compareDecimal(t.value, last.value);
  return t.operator === 'GE' ? cmp < 0 : cmp > 0;
}

/** One indicator of this year's document next to last year's result of the same indicator. */
export interface TargetComparisonRow {
  indicatorId: string;
  name: string;
  level1: Level1;
  level2: Level2;
  operator: Operator;
  target: Decimal | null;
  unit: string;
  /** Last year's actual of the indicator with the same name and 二级指标; null when there was none. */
  lastYearActual: Decimal | null;
  lastYearUnit: string | null;
  /** A GE target below last year's actual, or an LE target above it. */
  flagged: boolean;
}

const matchKey = (level2: string, name: string) => `${level2}|${name.replace(/\s+/g, '')}`;

/**
 * This year's targets against last year's actuals, matched by name and 二级指标. Without last
 * year's document, the actuals recorded on carried rows (`lastYearActual`) are used.
 */
export function compareTargets(current: PackageDocument, previous: PackageDocument | null): TargetComparisonRow[] {
  const last = new Map<string, LastYearActual>();
  for (const r of previous?.selfEvaluation.indicators ?? []) {
    const k = matchKey(r.level2, r.name);
    if (!last.has(k)) last.set(k, lastYearOf(r));
  }
  return current.selfEvaluation.indicators.map((r) => {
    const l = previous ? last.get(matchKey(r.level2, r.name)) ?? null : r.lastYearActual ?? null;
    return {
      indicatorId: r.id,
      name: r.name,
      level1: r.level1,
      level2: r.level2,
      operator: r.target.operator,
      target: r.target.value,
      unit: r.target.unit,
      lastYearActual: l?.value ?? null,
      lastYearUnit: l ? l.unit : null,
      flagged: targetBelowLastYear(r, l),
    };
  });
}
