/**
 * A save reuses the figures of the version before while the parts computeFigures reads are the
 * same objects (figureInputs, shared by shareUnchanged), and replays the checks of those parts
 * (CheckReuse). This changes every field of the real packages in turn and checks that the
 * evaluation of the shared document is exactly the one computed from scratch: a part read by
 * computeFigures or by the replayed checks but missing from their inputs would give the old
 * figures or checks for a changed field, and fail here.
 */
import {
  JINZHAI_2023_CONTEXT,
  JINZHAI_2023_PACKAGE,
  JINZHAI_2023_TEMPLATE,
  LUKOU_2024_TEMPLATE,
  SEED_2024_LUKOU_GSL,
  SEED_CONTEXT,
  TANGHU_2020_CONTEXT,
  TANGHU_2020_PACKAGE,
  TANGHU_2020_TEMPLATE,
  addDecimal,
  addTwoProjects,
  computeFigures,
  isDecimal,
  parsePackageDocument,
  runChecks,
  type CampaignContext,
  type CheckReuse,
  type EvaluationTemplate,
  type PackageDocument,
} from '@zipin/shared';
import { shareUnchanged } from '../../src/common/share-unchanged.js';
import { evaluatePackage, figureInputs } from '../../src/modules/package/package-evaluation.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Every leaf of a JSON value with its path (keys and indexes). */
function leaves(value: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  if (value === null || typeof value !== 'object') return [{ path, value }];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => leaves(v, [...path, k]));
}

function withLeaf(doc: Json, path: (string | number)[], value: Json): Json {
  const copy = clone(doc);
  let cur = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, Json>;
  cur[path[path.length - 1]!] = value;
  return copy;
}

/** Other values a field could hold, most telling first: a number moved, a text extended. */
function changesOf(value: Json): Json[] {
  if (typeof value === 'string') return [...(isDecimal(value) ? [addDecimal(value, '1'), '0'] : []), `${value}改`, '', null];
  if (typeof value === 'number') return [value + 1, 0];
  if (typeof value === 'boolean') return [!value];
  return ['1', '改', 0];
}

const cases: [string, PackageDocument, EvaluationTemplate, CampaignContext][] = [
  ['渌口区工商联 2024', SEED_2024_LUKOU_GSL, LUKOU_2024_TEMPLATE, SEED_CONTEXT],
  ['渌口区工商联 2024 with two project tables', addTwoProjects(clone(SEED_2024_LUKOU_GSL)), LUKOU_2024_TEMPLATE, SEED_CONTEXT],
  ['金寨县 2023', JINZHAI_2023_PACKAGE, JINZHAI_2023_TEMPLATE, JINZHAI_2023_CONTEXT],
  ['塘湖镇 2020', TANGHU_2020_PACKAGE, TANGHU_2020_TEMPLATE, TANGHU_2020_CONTEXT],
];

describe('figures reused across a save', () => {
  it.each(cases)('%s: every field changed in turn evaluates as from scratch', (_name, fixture, template, context) => {
    const base = clone(fixture);
    const reuse: CheckReuse = {};
    let changed = 0;
    let reused = 0;
    let replayed = 0;
    for (const leaf of leaves(base as unknown as Json)) {
      for (const value of changesOf(leaf.value)) {
        const parsed = parsePackageDocument(withLeaf(base as unknown as Json, leaf.path, value));
        if (!parsed.ok) continue;
        // The version before, evaluated last (a shallow copy: a new document with the same parts).
        const before = evaluatePackage({ ...base }, template, context, reuse).figures;
        const recorded = reuse.figureParts;
        const sent = shareUnchanged(base, parsed.value);
        const evaluation = evaluatePackage(sent, template, context, reuse);
        const fresh = clone(parsed.value);
        const figures = computeFigures(fresh, template);
        expect({ path: leaf.path.join('.'), figures: evaluation.figures }).toEqual({ path: leaf.path.join('.'), figures });
        expect(evaluation.checks).toEqual(runChecks(fresh, template, context, figures));
        changed++;
        if (evaluation.figures === before) reused++;
        if (reuse.figureParts === recorded) replayed++;
        break;
      }
    }
    // Most fields can be changed into a valid document; those outside figureInputs (the report,
    // the goal, the explanations) reuse the figures.
    expect(changed).toBeGreaterThan(100);
    expect(reused).toBeGreaterThanOrEqual(15);
    expect(replayed).toBeGreaterThanOrEqual(15);
  });

  it('a text edit shares every other part and reuses the figures', () => {
    const base = clone(SEED_2024_LUKOU_GSL);
    const before = evaluatePackage(base, LUKOU_2024_TEMPLATE, SEED_CONTEXT);
    const sent = clone(base);
    sent.selfEvaluation.goal.actual = `${sent.selfEvaluation.goal.actual}（补充）`;
    const shared = shareUnchanged(base, sent);
    expect(shared).not.toBe(base);
    expect(shared.selfEvaluation.goal).not.toBe(base.selfEvaluation.goal);
    expect(figureInputs(shared).every((part, i) => part === figureInputs(base)[i])).toBe(true);
    expect(shared.report).toBe(base.report);
    expect(evaluatePackage(shared, LUKOU_2024_TEMPLATE, SEED_CONTEXT).figures).toBe(before.figures);
  });
});

describe('shareUnchanged', () => {
  it('gives the earlier value when nothing changed, and new objects only along a change', () => {
    const prev = { a: { b: [1, { c: 'x' }], d: null }, e: 'y' };
    expect(shareUnchanged(prev, clone(prev))).toBe(prev);
    const next = shareUnchanged(prev, { a: { b: [1, { c: 'z' }], d: null }, e: 'y' });
    expect(next).toEqual({ a: { b: [1, { c: 'z' }], d: null }, e: 'y' });
    expect(next).not.toBe(prev);
    expect(next.a.b).not.toBe(prev.a.b);
    expect(shareUnchanged(prev, { a: prev.a, e: 'y', f: 1 } as typeof prev)).not.toBe(prev);
  });

  it('treats a removed key, a longer list and a changed type as changes', () => {
    const prev = { a: [1, 2], b: { c: 1 } as Record<string, number> };
    expect(shareUnchanged(prev, { a: [1, 2], b: {} })).toEqual({ a: [1, 2], b: {} });
    expect(shareUnchanged(prev, { a: [1, 2], b: {} }).a).toBe(prev.a);
    expect(shareUnchanged(prev, { a: [1, 2, 3], b: { c: 1 } }).a).toEqual([1, 2, 3]);
    expect(shareUnchanged(prev, { a: [1, 2, 3], b: { c: 1 } }).b).toBe(prev.b);
    expect(shareUnchanged({ a: [1] }, { a: { 0: 1 } })).toEqual({ a: { 0: 1 } });
    expect(shareUnchanged({ a: { 0: 1 } }, { a: [1] })).toEqual({ a: [1] });
  });
});
