import type { S3Client } from '@aws-sdk/client-s3';
import { ArtifactStorage, checkArtifactKey } from './artifact-storage.js';

export interface S3StorageOptions {
  url: string;
  bucket: string;
  accessKey: string;
  secretKey: string;
  region: string;
}

function notFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

type Sdk = typeof import('@aws-sdk/client-s3');

/**
 * The AWS SDK, loaded on the first use of a bucket: it is a large module graph, and an install
 * that keeps artifacts on disk (every embedded one) never needs it.
 */
let sdk: Promise<Sdk> | null = null;

/** An S3-compatible bucket; path-style addressing so MinIO works without DNS tricks. */
export class S3ArtifactStorage extends ArtifactStorage {
  private connected: Promise<{ s3: Sdk; client: S3Client }> | null = null;
  private bucketChecked: Promise<void> | null = null;

  constructor(private readonly options: S3StorageOptions) {
    super();
  }

  private connect(): Promise<{ s3: Sdk; client: S3Client }> {
    this.connected ??= (sdk ??= import('@aws-sdk/client-s3')).then((s3) => ({
      s3,
      client: new s3.S3Client({
        endpoint: this.options.url,
        region: this.options.region,
        forcePathStyle: true,
        credentials: { accessKeyId: this.options.accessKey, secretAccessKey: this.options.secretKey },
      }),
    }));
    return this.connected;
  }

  /** Creates the bucket on first write if it is missing (a fresh MinIO has none). */
  private ensureBucket(): Promise<void> {
    this.bucketChecked ??= (async () => {
      try {
        const { s3, client } = await this.connect();
        await client.send(new s3.HeadBucketCommand({ Bucket: this.options.bucket }));
      } catch (err) {
        if (!notFound(err)) throw err;
        const { s3, client } = await this.connect();
        await client.send(new s3.CreateBucketCommand({ Bucket: this.options.bucket }));
      }
    })().catch((err) => {
      this.bucketChecked = null;
      throw err;
    });
    return this.bucketChecked;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.ensureBucket();
    const Key = checkArtifactKey(key);
    const { s3, client } = await this.connect();
    await client.send(new s3.PutObjectCommand({ Bucket: this.options.bucket, Key, Body: bytes, ContentType: contentType }));
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      const Key = checkArtifactKey(key);
      const { s3, client } = await this.connect();
      const res = await client.send(new s3.GetObjectCommand({ Bucket: this.options.bucket, Key }));
      if (!res.Body) return null;
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      const Key = checkArtifactKey(key);
      const { s3, client } = await this.connect();
      await client.send(new s3.HeadObjectCommand({ Bucket: this.options.bucket, Key }));
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const Key = checkArtifactKey(key);
    const { s3, client } = await this.connect();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.options.bucket, Key }));
  }
}
