import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkArtifactKey } from '../../src/storage/artifact-storage.js';
import { LocalArtifactStorage } from '../../src/storage/local-artifact-storage.js';
import { createArtifactStorage } from '../../src/storage/storage.module.js';
import { S3ArtifactStorage } from '../../src/storage/s3-artifact-storage.js';

describe('artifact storage', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'zipin-artifacts-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores, reads, checks and deletes a PDF under its key', async () => {
    const storage = new LocalArtifactStorage(dir);
    const bytes = Buffer.from('%PDF-1.4 test');
    await storage.put('renders/p1/r1-abc.pdf', bytes, 'application/pdf');
    expect(existsSync(join(dir, 'renders/p1/r1-abc.pdf'))).toBe(true);
    expect(await storage.exists('renders/p1/r1-abc.pdf')).toBe(true);
    expect((await storage.get('renders/p1/r1-abc.pdf'))?.equals(bytes)).toBe(true);
    await storage.delete('renders/p1/r1-abc.pdf');
    expect(await storage.exists('renders/p1/r1-abc.pdf')).toBe(false);
    expect(await storage.get('renders/p1/r1-abc.pdf')).toBeNull();
  });

  it.each(['../etc/passwd', 'renders/../../x.pdf', '/abs/x.pdf', 'a//b.pdf', 'a\\b.pdf', '.hidden', 'renders/./x.pdf', '', 'a/b/'])(
    'refuses the key %j that could leave the storage folder',
    async (key) => {
      expect(() => checkArtifactKey(key)).toThrow(/invalid artifact key/);
      await expect(new LocalArtifactStorage(dir).put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow(/invalid artifact key/);
    },
  );

  it('uses the S3-compatible store when the config says so', () => {
    const s3 = createArtifactStorage({ kind: 's3', url: 'http://127.0.0.1:9000', bucket: 'zipin', accessKey: 'a', secretKey: 'b', region: 'us-east-1' });
    expect(s3).toBeInstanceOf(S3ArtifactStorage);
    expect(createArtifactStorage({ kind: 'local', dir })).toBeInstanceOf(LocalArtifactStorage);
  });
});
