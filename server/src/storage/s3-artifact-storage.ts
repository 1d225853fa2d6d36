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
 * An S3-compatible bucket; path-style addressing so MinIO works without DNS tricks. The AWS
 * SDK is loaded on the first call, not when the process starts.
 */
export class S3ArtifactStorage extends ArtifactStorage {
  private connection: Promise<{ sdk: Sdk; client: S3Client }> | null = null;
  private bucketChecked: Promise<void> | null = null;

  constructor(private readonly options: S3StorageOptions) {
    super();
  }

  private connect(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.connection ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: this.options.url,
        region: this.options.region,
        forcePathStyle: true,
        credentials: { accessKeyId: this.options.accessKey, secretAccessKey: this.options.secretKey },
      }),
    }));
    return this.connection;
  }

  /** Creates the bucket on first write if it is missing (a fresh MinIO has none). */
  private ensureBucket(): Promise<void> {
    this.bucketChecked ??= (async () => {
      const { sdk, client } = await this.connect();
      try {
        await client.send(new sdk.HeadBucketCommand({ Bucket: this.options.bucket }));
      } catch (err) {
        if (!notFound(err)) throw err;
        await client.send(new sdk.CreateBucketCommand({ Bucket: this.options.bucket }));
      }
    })().catch((err) => {
      this.bucketChecked = null;
      throw err;
    });
    return this.bucketChecked;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    await this.ensureBucket();
    const { sdk, client } = await this.connect();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.options.bucket, Key: checkArtifactKey(key), Body: bytes, ContentType: contentType }));
  }

  async get(key: string): Promise<Buffer | null> {
    const { sdk, client } = await this.connect();
    try {
      const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.options.bucket, Key: checkArtifactKey(key) }));
      if (!res.Body) return null;
      return Buffer.from(await res.Body.transformToByteArray());
    } catch (err) {
      if (notFound(err)) return null;
      throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    const { sdk, client } = await this.connect();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.options.bucket, Key: checkArtifactKey(key) }));
      return true;
    } catch (err) {
      if (notFound(err)) return false;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.options.bucket, Key: checkArtifactKey(key) }));
  }
}
