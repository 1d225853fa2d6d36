/** The in-process row cache: what a read stores, and what a drop during the read keeps out. */
import { RowCache } from '../../src/database/row-cache.js';

describe('RowCache.load', () => {
  it('reads once and serves the stored value until the cache is dropped', async () => {
    const cache = new RowCache<string[]>(60_000);
    let reads = 0;
    const read = async () => [`read ${++reads}`];
    expect(await cache.load('p:1', read)).toEqual(['read 1']);
    expect(await cache.load('p:1', read)).toEqual(['read 1']);
    cache.clear();
    expect(await cache.load('p:1', read)).toEqual(['read 2']);
  });

  it('does not store what it read while the cache was dropped (a write committed during the read)', async () => {
    const cache = new RowCache<string>(60_000);
    let release!: () => void;
    const slow = cache.load('p:1', () => new Promise<string>((r) => (release = () => r('before the write'))));
    cache.clear();
    release();
    expect(await slow).toBe('before the write');
    expect(cache.get('p:1')).toBeUndefined();
    expect(await cache.load('p:1', async () => 'after the write')).toBe('after the write');
    expect(cache.get('p:1')).toBe('after the write');
  });
});
