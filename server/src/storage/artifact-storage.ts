/**
 * Where rendered PDFs live: a local folder in embedded mode, an S3-compatible bucket (MinIO,
 * OSS, COS …) when STORAGE_URL is set. Keys are relative paths such as
 * `renders/2024/<packageId>/<renderId>.pdf`.
 */
export abstract class ArtifactStorage {
  abstract put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The bytes, or null when there is no such artifact. */
  abstract get(key: string): Promise<Buffer | null>;
  abstract exists(key: string): Promise<boolean>;
  abstract delete(key: string): Promise<void>;
}

const KEY_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Refuses anything that could leave the storage root or mean two things: every segment is
 * letters, digits, `.`, `_`, `-`, never `.`/`..`, no leading slash, no backslash.
 */
export function checkArtifactKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > 300) throw new Error(`invalid artifact key: ${JSON.stringify(key)}`);
  const parts = key.split('/');
  for (const part of parts) {
    if (!KEY_PART.test(part) || part === '.' || part === '..' || /^\.+$/.test(part)) throw new Error(`invalid artifact key: ${JSON.stringify(key)}`);
  }
  return key;
}

/** Makes a key segment out of anything (ids are already safe; this is for labels). */
export function keySegment(value: string): string {
  const s = value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '').slice(0, 100);
  return s || 'x';
}
