import { Global, Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ArtifactStorage } from './artifact-storage.js';
import { LocalArtifactStorage } from './local-artifact-storage.js';
import { S3ArtifactStorage } from './s3-artifact-storage.js';

export function createArtifactStorage(config: AppConfig['storage']): ArtifactStorage {
  return config.kind === 's3' ? new S3ArtifactStorage(config) : new LocalArtifactStorage(config.dir);
}

/** The artifact store for the whole app (imported once by RenderModule). */
@Global()
@Module({
  providers: [{ provide: ArtifactStorage, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createArtifactStorage(config.storage) }],
  exports: [ArtifactStorage],
})
export class StorageModule {}
