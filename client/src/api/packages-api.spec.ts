import { describe, expect, it, vi } from 'vitest';
import type { PackageDetail } from './types.js';

vi.mock('./client.js', () => ({ query: vi.fn(), mutate: vi.fn() }));
const client = await import('./client.js');
const { fetchPackage } = await import('./packages-api.js');
const query = vi.mocked(client.query);

const held = { id: 'pkg-1', version: 4, document: { basicData: { unitName: '已有的' } }, comments: [] } as unknown as PackageDetail;

describe('fetchPackage', () => {
  it('sends the version it holds and keeps its document when the server says unchanged', async () => {
    query.mockResolvedValueOnce({ package: { id: 'pkg-1', version: 4, document: null, unchanged: true, comments: [{ id: 'c1' }] } } as never);
    const p = await fetchPackage('pkg-1', held);
    expect(query.mock.calls[0]![1]).toEqual({ id: 'pkg-1', knownVersion: 4 });
    expect(p.document).toBe(held.document);
    expect(p.comments).toEqual([{ id: 'c1' }]);
  });

  it('takes the server’s document when the package moved on, and asks plainly for another package', async () => {
    const next = { basicData: { unitName: '新的' } };
    query.mockResolvedValueOnce({ package: { id: 'pkg-1', version: 5, document: next, unchanged: false } } as never);
    expect((await fetchPackage('pkg-1', held)).document).toEqual(next);
    query.mockResolvedValueOnce({ package: { id: 'pkg-2', version: 1, document: next, unchanged: false } } as never);
    await fetchPackage('pkg-2', held);
    expect(query.mock.calls[2]![1]).toEqual({ id: 'pkg-2', knownVersion: null });
  });
});
