import {
  GRADE_LABELS,
  GRADES,
  bureauFlags,
  computeFigures,
  roundDecimal,
  runChecks,
  summarizeChecks,
  type CampaignContext,
  type CheckResult,
  type CheckReuse,
  type CheckSummary,
  type ComputedFigures,
  type EvaluationTemplate,
  type Grade,
  type PackageDocument,
} from '@zipin/shared';
import { RowCache } from '../../database/row-cache.js';
import type { PackageEntity } from './package.entity.js';

export interface PackageEvaluation {
  figures: ComputedFigures;
  checks: CheckResult[];
  summary: CheckSummary;
}

/** The summary columns kept on the package row for lists, filters and the dashboard. */
export type SummaryColumns = Pick<
  PackageEntity,
  'errorCount' | 'warningCount' | 'unexplainedWarningCount' | 'executionRate' | 'declaredTotal' | 'suggestedTotal' | 'grade' | 'flags'
>;

// Field resolvers of one package (figures, checks, summary) share one evaluation of a document.
const cache = new WeakMap<object, { template: EvaluationTemplate; fiscalYear: number; result: PackageEvaluation }>();

/**
 * The parts of a document computeFigures reads, and nothing else: the figures of a document are
 * reused while each of these is the same object as when they were computed. A save shares the
 * parts it did not change with the version before (shareUnchanged), so an edit of the report
 * or of a goal's text computes no figures. test/package/figure-inputs.spec.ts changes every
 * field of the fixtures in turn, to keep this list whole.
 */
export const figureInputs = (doc: PackageDocument): readonly unknown[] => [doc.basicData, doc.selfEvaluation.budget, doc.selfEvaluation.indicators, doc.projectEvaluations];

const figuresByBasicData = new WeakMap<object, { inputs: readonly unknown[]; template: EvaluationTemplate; figures: ComputedFigures }>();

function figuresOf(doc: PackageDocument, template: EvaluationTemplate): ComputedFigures {
  const inputs = figureInputs(doc);
  const hit = figuresByBasicData.get(doc.basicData);
  if (hit && hit.template === template && hit.inputs.every((part, i) => part === inputs[i])) return hit.figures;
  const figures = computeFigures(doc, template);
  figuresByBasicData.set(doc.basicData, { inputs, template, figures });
  return figures;
}

/**
 * Figures and checks of a document, computed only by @zipin/shared (the client runs the same).
 * `reuse` is the package's own (see checkReuseOf): what runChecks may replay from its last run.
 */
export function evaluatePackage(doc: PackageDocument, template: EvaluationTemplate, context: Partial<CampaignContext>, reuse?: CheckReuse): PackageEvaluation {
  const hit = cache.get(doc);
  if (hit && hit.template === template && hit.fiscalYear === context.fiscalYear) return hit.result;
  const figures = figuresOf(doc, template);
  const checks = runChecks(doc, template, context, figures, reuse);
  const result = { figures, checks, summary: summarizeChecks(checks) };
  cache.set(doc, { template, fiscalYear: context.fiscalYear ?? 0, result });
  return result;
}

/** A number per template object, so a cache key can name "this template" without hashing it. */
const templateIds = new WeakMap<object, number>();
let nextTemplateId = 1;
function templateId(template: EvaluationTemplate): number {
  let id = templateIds.get(template);
  if (!id) {
    id = nextTemplateId++;
    templateIds.set(template, id);
  }
  return id;
}

const byVersion = new RowCache<PackageEvaluation>(10 * 60_000, 5_000);

/** Per package: the checks runChecks may replay on its next version (a filler's autosaves follow one another). */
const checkReuse = new RowCache<CheckReuse>(10 * 60_000, 5_000);

function checkReuseOf(packageId: string): CheckReuse {
  let reuse = checkReuse.get(packageId);
  if (!reuse) {
    reuse = {};
    checkReuse.set(packageId, reuse);
  }
  return reuse;
}

/**
 * The evaluation of a package at a version: a version's document never changes (every write
 * bumps it), so the figures and checks are computed once per (package, version, template,
 * context) and every field, request and save that asks again gets the same result. The
 * template is named by its loaded object (a reloaded campaign is a new key), not compared.
 */
export function evaluateAtVersion(
  pkg: Pick<PackageEntity, 'id' | 'version' | 'document'>,
  template: EvaluationTemplate,
  context: Partial<CampaignContext>,
): PackageEvaluation {
  const key = `${pkg.id}:${pkg.version}:${templateId(template)}:${context.fiscalYear ?? ''}:${context.unitName ?? ''}`;
  const hit = byVersion.get(key);
  if (hit) return hit;
  const result = evaluatePackage(pkg.document, template, context, checkReuseOf(pkg.id));
  byVersion.set(key, result);
  return result;
}

const FLAGS_MAX = 255;

/** As DECIMAL(7,2) gives it back, so a fresh save and a later read agree ("97.00"). */
const fixed2 = (v: string | null): string | null => (v == null ? null : roundDecimal(v, 2));

/** The summary columns are DECIMAL(7,2): at most ±99999.99. */
const COLUMN_MAX = 99_999.99;

/**
 * 执行率 for the list column: a rate the column cannot hold (a budget of 0.0001 万元 against
 * real spending gives 1e14 %) is stored as null, "not comparable", never clipped to a false
 * figure; the document keeps its numbers and the checks name the implausible ones.
 */
export function rateColumn(v: string | null): string | null {
  const fixed = fixed2(v);
  return fixed !== null && Math.abs(Number(fixed)) <= COLUMN_MAX ? fixed : null;
}

export function summaryColumns(doc: PackageDocument, e: PackageEvaluation): SummaryColumns {
  const anyScore = doc.selfEvaluation.indicators.some((r) => r.score !== null);
  // Flags are the warning codes the bureau filters on, watched ones first, whole codes only, within the column's width.
  const flags: string[] = [];
  let length = 0;
  for (const code of bureauFlags(e.checks)) {
    if (length + code.length + (flags.length ? 1 : 0) > FLAGS_MAX) break;
    length += code.length + (flags.length ? 1 : 0);
    flags.push(code);
  }
  return {
    errorCount: e.summary.errors,
    warningCount: e.summary.warnings,
    unexplainedWarningCount: e.summary.unexplainedWarnings,
    executionRate: rateColumn(e.figures.budget.executionRate),
    declaredTotal: anyScore ? fixed2(e.figures.scores.effectiveTotal) : null,
    suggestedTotal: anyScore ? fixed2(e.figures.scores.suggestedTotal) : null,
    // A blank form would otherwise be graded 差; no score given means no grade yet.
    grade: anyScore ? gradeColumn(e.figures.scores.grade) : null,
    flags: flags.join(','),
  };
}

/** The column holds the Chinese grade (优/良/中/差, VARCHAR(4)); the API speaks the shared Grade code. */
export function gradeColumn(grade: Grade): string {
  return GRADE_LABELS[grade].zh;
}

export function gradeFromColumn(value: string | null): Grade | null {
  if (!value) return null;
  return GRADES.find((g) => GRADE_LABELS[g].zh === value || g === value) ?? null;
}
