import fc from 'fast-check';
import {
  CHECK_CATALOGUE,
  MONEY_COLUMNS,
  addDecimal,
  canonicalJson,
  compareDecimal,
  computeFigures,
  describePath,
  diffDocuments,
  parsePackageDocument,
  runChecks,
  sumCells,
  sumDecimals,
  toBig,
} from '../../src/package/index.js';
import type { MoneyCell } from '../../src/package/index.js';
import { moneyArb, packageArb, templateArb } from './arbitraries.js';

const runs = { numRuns: 300 };
const sameCell = (a: MoneyCell, b: MoneyCell) => (a === null || a === 'NA' || b === null || b === 'NA' ? a === b : compareDecimal(a, b) === 0);

describe('properties over generated packages', () => {
  it('generated packages are valid documents', () => {
    fc.assert(
      fc.property(packageArb, (doc) => {
        const r = parsePackageDocument(doc);
        if (!r.ok) throw new Error(JSON.stringify(r.issues.slice(0, 3)));
      }),
      runs,
    );
  });

  it('computeFigures and runChecks never throw, and every result is well formed', () => {
    fc.assert(
      fc.property(packageArb, templateArb, fc.option(fc.integer({ min: 2000, max: 2100 }), { nil: undefined }), (doc, t, fiscalYear) => {
        const f = computeFigures(doc, t);
        const results = runChecks(doc, t, fiscalYear ? { fiscalYear } : undefined, f);
        const keys = new Set<string>();
        for (const r of results) {
          expect(CHECK_CATALOGUE[r.code][0]).toBe(r.severity);
          expect(r.paths.length).toBeGreaterThan(0);
          expect(r.key.startsWith(`${r.code}@${r.paths[0]}`)).toBe(true);
          expect(keys.has(r.key)).toBe(false);
          keys.add(r.key);
          expect(describePath(r.paths[0]!, doc).zh.length).toBeGreaterThan(0);
          if (r.severity === 'warning') expect(typeof r.explained).toBe('boolean');
        }
      }),
      runs,
    );
  });

  it('keeps every suggested score within [0, 分值], with 2 decimals', () => {
    fc.assert(
      fc.property(packageArb, templateArb, (doc, t) => {
        for (const s of computeFigures(doc, t).indicators) {
          if (s.suggested === null) continue;
          expect(s.suggested).toMatch(/^\d+\.\d{2}$/);
          expect(compareDecimal(s.suggested, '0')).toBeGreaterThanOrEqual(0);
          expect(compareDecimal(s.suggested, s.weight!)).toBeLessThanOrEqual(0);
        }
      }),
      runs,
    );
  });

  it('makes every total exactly the sum of its parts', () => {
    fc.assert(
      fc.property(packageArb, templateArb, (doc, t) => {
        const f = computeFigures(doc, t);
        const tp = doc.basicData.threePublic;
        for (const c of MONEY_COLUMNS) {
          const vehicle = sumCells([tp.vehiclePurchase[c], tp.vehicleOperation[c]]);
          expect(sameCell(f.threePublic.vehicle[c], vehicle)).toBe(true);
          expect(sameCell(f.threePublic.total[c], sumCells([f.threePublic.vehicle[c], tp.overseas[c], tp.reception[c]]))).toBe(true);
          const p = doc.basicData.projects;
          expect(sameCell(f.projects.total[c], sumCells([p.businessWork[c], p.operationMaintenance[c], ...p.specialFunds.map((r) => r[c])]))).toBe(true);
          const items = doc.basicData.publicFunds;
          expect(sameCell(f.publicFunds.itemsSum[c], sumCells([items.office[c], items.utilitiesTravel[c], items.meetingsTraining[c]]))).toBe(true);
        }
        const points = f.budget.executionPoints ?? '0';
        const declared = f.indicators.flatMap((i) => (i.declared ? [i.declared] : []));
        const suggested = f.indicators.flatMap((i) => (i.suggested ? [i.suggested] : []));
        expect(compareDecimal(f.scores.declaredTotal, addDecimal(points, sumDecimals(declared)))).toBe(0);
        expect(compareDecimal(f.scores.suggestedTotal, addDecimal(points, sumDecimals(suggested)))).toBe(0);
        const levelSum = sumDecimals(Object.values(f.levels).map((l) => l.suggestedSum));
        expect(compareDecimal(levelSum, sumDecimals(suggested))).toBe(0);
      }),
      runs,
    );
  });

  it('diffs a document against a copy of itself as empty, and canonical JSON survives a JSON round trip', () => {
    fc.assert(
      fc.property(packageArb, (doc) => {
        const copy = JSON.parse(JSON.stringify(doc));
        expect(diffDocuments(doc, copy)).toEqual([]);
        expect(canonicalJson(copy)).toBe(canonicalJson(doc));
      }),
      { numRuns: 100 },
    );
  });

  it('parsePackageDocument never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = parsePackageDocument(x);
        expect(r.ok).toBe(false);
      }),
      runs,
    );
  });

  it('money sums agree with integer arithmetic in 元 (0.0001 万元)', () => {
    const toYuan = (m: string) => {
      const [i, f = ''] = m.split('.');
      return BigInt(i!) * 10000n + BigInt((f + '0000').slice(0, 4));
    };
    fc.assert(
      fc.property(fc.array(moneyArb, { maxLength: 20 }), (xs) => {
        const exact = xs.reduce((a, x) => a + toYuan(x), 0n);
        expect(toYuan(toBig(sumDecimals(xs)).toFixed(4))).toBe(exact);
      }),
      runs,
    );
  });
});
