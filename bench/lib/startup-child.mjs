/**
 * The API as `npm start` runs it, for the start-up benchmark: the bundle (server/dist/bundle/api.mjs,
 * config from the environment), or with STARTUP_ENTRY=dist the modules tsc emits
 * (server/dist/main.js) one by one. The server prints "running at http://…:PORT" once it
 * listens; then this says whether the libraries that only rendering, Excel, Redis, S3, mail or a
 * new password need were loaded.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVER_DIR } from './kit.mjs';

if (process.env.STARTUP_ENTRY === 'dist') {
  const { runApi } = await import(pathToFileURL(join(SERVER_DIR, 'dist', 'main.js')).href);
  await runApi();
} else {
  await import(pathToFileURL(join(SERVER_DIR, 'dist', 'bundle', 'api.mjs')).href);
}
const loaded = Object.keys(createRequire(import.meta.url).cache);
const has = (name) => loaded.some((p) => p.includes(`/node_modules/${name}/`));
// What only some deployments or the first use need: none of it belongs in an embedded start.
const lazy = ['exceljs', 'playwright-core', 'ioredis', 'bullmq', '@aws-sdk/client-s3', 'nodemailer', '@zxcvbn-ts/language-common'];
console.log(`loaded: ${lazy.map((name) => `${name}=${has(name) ? 'yes' : 'no'}`).join(' ')}`);
