import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureHttp } from './http-setup.js';
import { loadConfigOrExit, type AppConfig } from './config/app-config.js';
import { DemoSeedService } from './demo/demo-seed.service.js';
import { DEMO_PASSWORD } from './demo/demo-accounts.js';
import { ROLE_LABELS } from '@zipin/shared';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { UserEntity } from './modules/org/user.entity.js';
import { exitIfShutdownHangs } from './ops/shutdown.js';
import { ReadinessService } from './modules/system/readiness.service.js';

/** The API process: GraphQL, the client's files, the public portal; embedded, also the jobs. */
export async function startApi(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, 'api'), {
    bufferLogs: true,
    abortOnError: false,
  });
  configureHttp(app);
  app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  await app.init();
  // A SIGTERM during start-up (the first start's demo seed takes a while) closes the database
  // under this work once the running jobs are done: the shutdown is under way, so stop here and
  // never listen. Each seed step is its own transaction and the seed resumes where it stopped,
  // so the next start finishes it.
  const readiness = app.get(ReadinessService);
  try {
    if (config.demoData) {
      const { accounts } = await app.get(DemoSeedService).seedIfEmpty();
      const lines = accounts.map((a) => `  ${a.username.padEnd(14)} ${ROLE_LABELS[a.role].zh}  ${a.displayName}`);
      // The password is for the person at the terminal; a log collector never sees it.
      if (config.logFormat === 'pretty' && !config.logFile) console.log(`\n演示账号 Demo accounts (password ${DEMO_PASSWORD}):\n${lines.join('\n')}\n`);
      else app.get(Logger).log(`Demo accounts: ${accounts.map((a) => a.username).join(', ')} (password: see README)`, 'Demo');
    }
    const demoPresent = await app.get(DemoSeedService).present();
    console.log(startupSummary(config, demoPresent));
    if (!(await app.get(DataSource).getRepository(UserEntity).exists())) {
      console.log('还没有任何账号 No accounts yet: create the first admin with `node server/dist/cli.js create-admin --bureau <code> --bureau-name <name> --username <username>` (see README, Operating Zipin).');
    }
    if (config.env === 'production' && demoPresent) {
      console.warn(`警告 WARNING: production with the demo accounts present (password ${DEMO_PASSWORD}); remove them or their bureau before real use.`);
    }
    if (config.env === 'production' && !config.cookieSecure) {
      console.warn('警告 WARNING: COOKIE_SECURE=false: session cookies are sent over plain http (intranet installs only).');
    }
    if (config.cookieSecure && !config.publicUrl.startsWith('https:')) {
      console.warn(`警告 WARNING: session cookies are Secure but PUBLIC_URL is ${config.publicUrl}: browsers sign in only over https (set COOKIE_SECURE=false for a plain-http intranet).`);
    }
  } catch (err) {
    if (readiness.shuttingDown) return app;
    throw err;
  }
  if (readiness.shuttingDown) return app;
  await app.listen(config.port, config.host);
  return app;
}

/** One line saying how this process runs: embedded/scaled, production/development, demo data or not. */
export function startupSummary(config: AppConfig, demoPresent: boolean): string {
  const mode = config.database.kind === 'sqlite' && !config.redis ? 'embedded' : 'scaled';
  const demo = demoPresent ? `demo data present (演示数据：有)` : 'no demo data (演示数据：无)';
  return `Zipin mode: ${mode}, ${config.env}${config.devTools ? ' (GraphiQL on)' : ''}, ${demo}, cookies ${config.cookieSecure ? 'Secure' : 'not Secure'}`;
}

function defaultClientDist(): string | null {
  const dir = fileURLToPath(new URL('../../client/dist', import.meta.url));
  return existsSync(dir) ? dir : null;
}

/** `node dist/main.js` (or the bundle, dist/bundle/api.mjs): config from the environment, then listen. */
export async function runApi(): Promise<NestExpressApplication> {
  const config = loadConfigOrExit();
  exitIfShutdownHangs(config);
  config.clientDist ??= defaultClientDist();
  const started = Date.now();
  const app = await startApi(config);
  // Stopped during start-up (a SIGTERM while the demo data was seeded): nothing to announce.
  if (!app.getHttpServer().listening) return app;
  const url = await app.getUrl();
  const shown = url.replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost').replace('0.0.0.0', 'localhost');
  const running = `Zipin 自评通 is running at ${config.publicUrl.includes('localhost') ? shown : config.publicUrl} (${Date.now() - started} ms, ${config.database.kind}, jobs ${config.redis ? 'on BullMQ' : 'in process'})`;
  // The person at the terminal always sees where it runs, whatever the log level; collectors get a log line.
  if (config.logFormat === 'pretty' && !config.logFile) console.log(running);
  else app.get(Logger).log(running, 'Main');
  return app;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runApi();
