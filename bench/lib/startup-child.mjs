/**
 * The API as `npm start` runs it (startApi of the built server, config from the environment),
 * for the start-up benchmark. Prints "running at http://127.0.0.1:PORT" once it listens, then
 * whether the libraries that only rendering, Excel, Redis, S3, mail or a new password need were loaded.
 */
import { createRequire } from 'node:module';
import { server } from './kit.mjs';

const { startApi } = await server('main.js');
const { loadConfig } = await server('config/app-config.js');
const app = await startApi(loadConfig());
console.log(`running at http://127.0.0.1:${app.getHttpServer().address().port}`);
const loaded = Object.keys(createRequire(import.meta.url).cache);
const has = (name) => loaded.some((p) => p.includes(`/node_modules/${name}/`));
// What only some deployments or the first use need: none of it belongs in an embedded start.
const lazy = ['exceljs', 'playwright-core', 'ioredis', 'bullmq', '@aws-sdk/client-s3', 'nodemailer', '@zxcvbn-ts/language-common'];
console.log(`loaded: ${lazy.map((name) => `${name}=${has(name) ? 'yes' : 'no'}`).join(' ')}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
