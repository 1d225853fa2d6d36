import 'reflect-metadata';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { loadConfigOrExit, type AppConfig } from './config/app-config.js';
import { Logger } from 'nestjs-pino';
import { exitIfShutdownHangs } from './ops/shutdown.js';

/** A worker process: the same modules without HTTP, running job handlers (scale these out). */
export async function startWorker(config: AppConfig) {
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ ...config, runJobs: true }, 'worker'), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}

/** `node dist/worker.js` (or the bundle, dist/bundle/worker.mjs): config from the environment, then run jobs. */
export async function runWorker() {
  const config = loadConfigOrExit();
  exitIfShutdownHangs(config);
  if (config.database.kind === 'sqlite' && !config.redis) {
    console.error('The worker process is for scaled mode (DATABASE_URL and REDIS_URL); embedded, the server runs jobs itself.');
    process.exit(1);
  }
  const app = await startWorker(config);
  app.get(Logger).log(`Zipin worker running (${config.database.kind}, BullMQ ${config.redis?.url.replace(/\/\/[^@]*@/, '//***@')})`, 'Main');
  return app;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runWorker();
