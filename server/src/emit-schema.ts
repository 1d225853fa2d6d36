import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadConfig } from './config/app-config.js';

/**
 * Writes the code-first GraphQL schema to a file (default server/schema.gql, committed so the
 * client's types are generated from it). Boots the API on a throwaway SQLite database.
 */
export async function emitSchema(file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'zipin-schema-'));
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'error' } as NodeJS.ProcessEnv);
    const app = await NestFactory.create(AppModule.forRoot({ ...config, schemaFile: file, runJobs: false, demoData: false }, 'api'), {
      logger: ['error'],
      abortOnError: false,
    });
    await app.init();
    await app.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2] ?? fileURLToPath(new URL('../schema.gql', import.meta.url));
  await emitSchema(file);
  console.log(`GraphQL schema written to ${file}`);
}
