/**
 * A worker process for the crash test: the real startWorker with the config the test passes
 * in ZIPIN_WORKER_CONFIG (JSON). It reports on stdout and runs until killed.
 */
import 'reflect-metadata';
import { startWorker } from '../../../src/worker.js';
import type { AppConfig } from '../../../src/config/app-config.js';

const config = JSON.parse(process.env.ZIPIN_WORKER_CONFIG ?? '{}') as AppConfig;
const app = await startWorker({ ...config, runJobs: true });
process.stdout.write(`worker ${process.pid} ready\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
