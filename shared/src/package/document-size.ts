/**
 * The largest JSON a valid package document can serialise to, derived from the document schema
 * itself (every string at its max length, every list at its max count), so a request-size limit
 * that follows it can never refuse a document the schema allows (18 report chapters × 5,000
 * characters, 60 indicators, 300 explanations …) and moves with the schema when a limit changes.
 */
import type { z } from 'zod';
import { LIMITS, packageDocumentSchema } from './schema.js';

/** Bytes per character in the worst case: a control character is written as \u00XX. */
const WORST_BYTES_PER_CHAR = 6;
/** Custom cells (money, decimals, weights, ids ≤ 40 characters) serialise to at most this. */
const CUSTOM_CELL_BYTES = 44;

type Def = { type: string; checks?: { _zod: { def: { check: string; maximum?: number } } }[]; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;
const maxLength = (d: Def): number | undefined => d.checks?.map((c) => c._zod.def).find((c) => c.check === 'max_length')?.maximum;

function maxBytes(schema: unknown, path: string): number {
  const d = defOf(schema);
  switch (d.type) {
    case 'string': {
      const m = maxLength(d);
      if (m === undefined) throw new Error(`unbounded string in the document schema at ${path}`);
      return 2 + m * WORST_BYTES_PER_CHAR;
    }
    case 'number':
      return 24;
    case 'boolean':
      return 5;
    case 'null':
      return 4;
    case 'literal':
      return Math.max(...(d.values as unknown[]).map((v) => JSON.stringify(v).length));
    case 'enum':
      return Math.max(...Object.values(d.entries as Record<string, string>).map((v) => JSON.stringify(v).length));
    case 'custom':
      return CUSTOM_CELL_BYTES;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return Math.max(4, maxBytes(d.innerType, path));
    case 'union':
      return Math.max(...(d.options as unknown[]).map((o) => maxBytes(o, path)));
    case 'pipe':
      return Math.max(maxBytes(d.in, path), maxBytes(d.out, path));
    case 'object': {
      const shape = d.shape as Record<string, unknown>;
      const keys = Object.keys(shape);
      return 2 + Math.max(0, keys.length - 1) + keys.reduce((n, k) => n + JSON.stringify(k).length + 1 + maxBytes(shape[k], `${path}.${k}`), 0);
    }
    case 'array': {
      const m = maxLength(d);
      if (m === undefined) throw new Error(`unbounded list in the document schema at ${path}`);
      return 2 + Math.max(0, m - 1) + m * maxBytes(d.element, `${path}[]`);
    }
    case 'record': {
      // The only record is `explanations`; its count is checked in a refinement (LIMITS.explanations).
      const entries = LIMITS.explanations;
      return 2 + Math.max(0, entries - 1) + entries * (maxBytes(d.keyType, `${path}{key}`) + 1 + maxBytes(d.valueType, `${path}{}`));
    }
    default:
      throw new Error(`document schema part of kind ${d.type} at ${path} has no size rule`);
  }
}

let cached: number | null = null;

/** Upper bound, in bytes, of JSON.stringify(document) for any document the schema accepts. */
export function maxDocumentJsonBytes(): number {
  cached ??= maxBytes(packageDocumentSchema as z.ZodType, 'document');
  return cached;
}
