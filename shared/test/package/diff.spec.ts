import { SEED_2024_LUKOU_GSL, canonicalJson, diffDocuments } from '../../src/package/index.js';
import { seedWith } from './helpers.js';

describe('canonicalJson', () => {
  it('ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('writes no whitespace and escapes like JSON', () => {
    expect(canonicalJson({ 名称: '“两个健康”\n', n: [1.5, true, null] })).toBe('{"n":[1.5,true,null],"名称":"“两个健康”\\n"}');
  });

  it('drops undefined properties as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('refuses values JSON cannot represent faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });

  it('is stable for the seed whatever the key order of a copy', () => {
    const reversed = JSON.parse(JSON.stringify(SEED_2024_LUKOU_GSL), (_k, v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    expect(Object.keys(reversed)[0]).toBe('explanations');
    expect(canonicalJson(reversed)).toBe(canonicalJson(SEED_2024_LUKOU_GSL));
  });
});

describe('diffDocuments', () => {
  it('finds nothing between a document and a reordered-key copy of it', () => {
    expect(diffDocuments(SEED_2024_LUKOU_GSL, structuredClone(SEED_2024_LUKOU_GSL))).toEqual([]);
  });

  it('shows a change in one indicator’s actual as exactly that path', () => {
    const after = seedWith((d) => (d.selfEvaluation.indicators[6]!.actual.value = '86'));
    expect(diffDocuments(SEED_2024_LUKOU_GSL, after)).toEqual([
      { path: 'selfEvaluation.indicators[ind-7].actual.value', before: '85', after: '86', kind: 'changed' },
    ]);
  });

  it('matches list items by id, so an inserted row is one addition', () => {
    const after = seedWith((d) => {
      d.selfEvaluation.indicators.splice(0, 0, { ...structuredClone(d.selfEvaluation.indicators[0]!), id: 'ind-new' });
    });
    const changes = diffDocuments(SEED_2024_LUKOU_GSL, after);
    expect(changes.map((c) => [c.path, c.kind])).toEqual([['selfEvaluation.indicators[ind-new]', 'added']]);
  });

  it('reports a removed row and a reorder', () => {
    const after = seedWith((d) => {
      d.selfEvaluation.indicators = d.selfEvaluation.indicators.filter((r) => r.id !== 'ind-2').reverse();
    });
    const changes = diffDocuments(SEED_2024_LUKOU_GSL, after);
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['selfEvaluation.indicators[ind-2]', 'removed'],
      ['selfEvaluation.indicators', 'reordered'],
    ]);
  });

  it('tells empty, —— and 0 apart', () => {
    const after = seedWith((d) => {
      d.basicData.procurement.previousFinal = '0';
      (d.basicData as unknown as Record<string, unknown>).note = undefined;
    });
    expect(diffDocuments(SEED_2024_LUKOU_GSL, after)).toEqual([
      { path: 'basicData.procurement.previousFinal', before: 'NA', after: '0', kind: 'changed' },
    ]);
  });

  it('keys explanations by the rest of the path', () => {
    const after = seedWith((d) => (d.explanations['STAFFING_OVER_QUOTA@basicData.staffing.actual'] = '调入2人'));
    expect(diffDocuments(SEED_2024_LUKOU_GSL, after)).toEqual([
      { path: 'explanations.STAFFING_OVER_QUOTA@basicData.staffing.actual', before: undefined, after: '调入2人', kind: 'added' },
    ]);
  });
});
