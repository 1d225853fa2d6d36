/**
 * `next` with every part that is deep-equal to the same part of `prev` replaced by prev's own
 * object (arrays by position, objects by key), and `prev` itself when the two are equal
 * throughout. Both are plain JSON values, read-only from here on.
 *
 * An autosave sends the whole document though one field changed: sharing the rest with the
 * version before lets what is worked out from a part (the figures) be reused by identity.
 */
export function shareUnchanged<T>(prev: unknown, next: T): T {
  if (prev === next || typeof next !== 'object' || next === null || typeof prev !== 'object' || prev === null) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    // Built only once a difference is found: most of a saved document is unchanged.
    let out: unknown[] | undefined = prev.length === next.length ? undefined : [];
    for (let i = 0; i < next.length; i++) {
      const shared = shareUnchanged(prev[i], next[i]);
      if (!out && shared !== prev[i]) out = prev.slice(0, i);
      out?.push(shared);
    }
    return (out ?? prev) as T;
  }
  if (Array.isArray(prev)) return next;
  const before = prev as Record<string, unknown>;
  const after = next as Record<string, unknown>;
  const keys = Object.keys(after);
  let out: Record<string, unknown> | undefined = keys.length === Object.keys(before).length ? undefined : {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const had = Object.hasOwn(before, key);
    const shared = shareUnchanged(had ? before[key] : undefined, after[key]);
    if (!out && (!had || shared !== before[key])) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = before[keys[j]!];
    }
    if (out) out[key] = shared;
  }
  return (out ?? prev) as T;
}
