/**
 * Reading and writing a PackageDocument by field path (the one path syntax of @zipin/shared:
 * `selfEvaluation.indicators[ind-3].actual.value`, `explanations.CODE@path`).
 */
import { parsePath, setInvalidInput, type FieldChange, type PackageDocument } from '@zipin/shared';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function findItem(list: unknown[], item: string): { index: number; value: unknown } {
  if (item.startsWith('#')) {
    const index = Number(item.slice(1));
    return { index, value: list[index] };
  }
  const index = list.findIndex((x) => isObj(x) && x.id === item);
  return { index, value: index === -1 ? undefined : list[index] };
}

export function getAt(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of parsePath(path)) {
    if (!isObj(cur)) return undefined;
    cur = cur[seg.key];
    if (seg.item !== undefined) {
      if (!Array.isArray(cur)) return undefined;
      cur = findItem(cur, seg.item).value;
    }
  }
  return cur;
}

/**
 * Sets the value at a path (undefined deletes the key, or removes the list item). Returns false
 * when the path's parent does not exist in this document (e.g. an item someone else removed).
 */
export function setAt(doc: unknown, path: string, value: unknown): boolean {
  const segs = parsePath(path);
  // doc.invalidInputs exists only while it holds an entry (setInvalidInput keeps it that way).
  if (segs[0]?.key === 'invalidInputs' && segs.length === 2 && isObj(doc)) {
    setInvalidInput(doc as unknown as PackageDocument, segs[1]!.key, value === undefined ? undefined : String(value));
    return true;
  }
  if (segs.length === 0) return false;
  let cur: unknown = doc;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    if (!isObj(cur)) return false;
    if (seg.item === undefined) {
      if (last) {
        if (value === undefined) delete cur[seg.key];
        else cur[seg.key] = value;
        return true;
      }
      cur = cur[seg.key];
      continue;
    }
    const list = cur[seg.key];
    if (!Array.isArray(list)) return false;
    const { index, value: item } = findItem(list, seg.item);
    if (last) {
      if (value === undefined) {
        if (index !== -1) list.splice(index, 1);
      } else if (index === -1) list.push(value);
      else list[index] = value;
      return true;
    }
    if (item === undefined) return false;
    cur = item;
  }
  return false;
}

/**
 * Applies changes (from diffDocuments(base, mine)) onto another document: "reapply my edits on
 * top of theirs". Changes whose parent no longer exists are returned as skipped.
 */
export function applyChanges(target: unknown, changes: readonly FieldChange[]): FieldChange[] {
  const skipped: FieldChange[] = [];
  for (const c of changes) {
    if (c.kind === 'reordered') {
      const list = getAt(target, c.path);
      const order = c.after as string[];
      if (Array.isArray(list) && Array.isArray(order)) {
        const rank = new Map(order.map((id, i) => [id, i]));
        list.sort((a, b) => (rank.get((a as Obj).id as string) ?? 1e9) - (rank.get((b as Obj).id as string) ?? 1e9));
      }
      continue;
    }
    const value = c.kind === 'removed' ? undefined : structuredCloneSafe(c.after);
    if (!setAt(target, c.path, value)) skipped.push(c);
  }
  return skipped;
}

export function structuredCloneSafe<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
