/**
 * Field-level diff between two versions of a package (the reviewer sees what changed since the
 * return). Paths use the one path syntax; list items are matched by id, so reordering or inserting
 * a row does not show every later row as changed.
 */
export type DiffKind = 'changed' | 'added' | 'removed' | 'reordered';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
  /** changed: a leaf value; added/removed: a whole list item or key; reordered: a list's id order. */
  kind: DiffKind;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const hasIds = (a: unknown[]): a is { id: string }[] =>
  a.every((x) => isObject(x) && typeof x.id === 'string') && new Set(a.map((x) => (x as { id: string }).id)).size === a.length;

const isEmptyList = (v: unknown) => Array.isArray(v) && v.length === 0;

function join(base: string, key: string): string {
  return base === '' ? key : `${base}.${key}`;
}

function walk(a: unknown, b: unknown, path: string, out: FieldChange[]): void {
  if (Object.is(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (hasIds(a) && hasIds(b)) {
      const byId = new Map(b.map((x) => [x.id, x]));
      const aIds = new Set(a.map((x) => x.id));
      for (const x of a) {
        const y = byId.get(x.id);
        if (y === undefined) out.push({ path: `${path}[${x.id}]`, before: x, after: undefined, kind: 'removed' });
        else walk(x, y, `${path}[${x.id}]`, out);
      }
      for (const y of b) if (!aIds.has(y.id)) out.push({ path: `${path}[${y.id}]`, before: undefined, after: y, kind: 'added' });
      const commonA = a.map((x) => x.id).filter((id) => byId.has(id));
      const commonB = b.map((x) => x.id).filter((id) => aIds.has(id));
      if (commonA.some((id, i) => id !== commonB[i])) out.push({ path, before: a.map((x) => x.id), after: b.map((x) => x.id), kind: 'reordered' });
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const p = `${path}[#${i}]`;
      if (i >= a.length) out.push({ path: p, before: undefined, after: b[i], kind: 'added' });
      else if (i >= b.length) out.push({ path: p, before: a[i], after: undefined, kind: 'removed' });
      else walk(a[i], b[i], p, out);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      // An absent optional list (a document stored before it existed) is the same as an empty one.
      const inA = k in a && a[k] !== undefined && !(b[k] === undefined && isEmptyList(a[k]));
      const inB = k in b && b[k] !== undefined && !(a[k] === undefined && isEmptyList(b[k]));
      const p = join(path, k);
      // explanations are keyed by check keys that contain dots: the rest of the path is the key.
      if (inA && !inB) out.push({ path: p, before: a[k], after: undefined, kind: 'removed' });
      else if (!inA && inB) out.push({ path: p, before: undefined, after: b[k], kind: 'added' });
      else if (inA && inB) walk(a[k], b[k], p, out);
    }
    return;
  }
  out.push({ path, before: a, after: b, kind: 'changed' });
}

/** Changes from `a` to `b` on leaf fields (plus whole items added or removed, and reorders). */
export function diffDocuments(a: unknown, b: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(a, b, '', out);
  return out;
}
