// Live updates across API processes: two API processes on one MariaDB/MySQL database and one
// Redis (pub/sub between them), each on its own port, started here from the built server with a
// database of their own. A reviewer claims a package in a browser on the first process; a
// colleague's queue open in a browser on the second shows it as it happens through the
// subscription. Skipped, saying so, only when MariaDB/MySQL or Redis is not there
// (ZIPIN_TEST_MYSQL_URL, ZIPIN_TEST_REDIS_URL, defaults as for the server suites); with CI=true
// a missing service fails it.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createConnection } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const name = 'a claim on one API process reaches a colleague’s queue on another as it happens (MariaDB + Redis)';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
// The MySQL driver is the server's own dependency.
const mysql = createRequire(join(root, 'server', 'package.json'))('mysql2/promise');
const MYSQL_URL = (process.env.ZIPIN_TEST_MYSQL_URL ?? 'mysql://zipin:zipin@127.0.0.1:3306').replace(/\/+$/, '');
const REDIS_URL = process.env.ZIPIN_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const JYJ = '212002'; // 教育局: submitted, waiting for a reviewer in the demo

/** Whether Redis answers PING at the URL's host and port. */
function redisAnswers(url) {
  const u = new URL(url);
  return new Promise((res) => {
    const socket = createConnection({ host: u.hostname, port: Number(u.port || 6379) });
    const done = (ok) => {
      socket.destroy();
      res(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

async function mysqlAnswers() {
  try {
    const c = await mysql.createConnection(MYSQL_URL);
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function run({ shot, expect, signIn, startServer }) {
  const [db, redis] = await Promise.all([mysqlAnswers(), redisAnswers(REDIS_URL)]);
  if (!db || !redis) {
    const missing = [!db && `MariaDB/MySQL at ${MYSQL_URL} (ZIPIN_TEST_MYSQL_URL)`, !redis && `Redis at ${REDIS_URL} (ZIPIN_TEST_REDIS_URL)`].filter(Boolean).join(' and ');
    if (process.env.CI === 'true') throw new Error(`needs ${missing}`);
    console.log(`    skipped: two API processes need ${missing}, which did not answer`);
    return;
  }
  const suffix = randomBytes(4).toString('hex');
  const database = `zipin_e2e_${suffix}`;
  const admin = await mysql.createConnection(MYSQL_URL);
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  // API processes only (no jobs), answering once the database and Redis are ready.
  const env = { DATABASE_URL: `${MYSQL_URL}/${database}`, REDIS_URL, REDIS_PREFIX: `zipin-e2e-${suffix}`, SESSION_SECRET: randomBytes(24).toString('hex'), RUN_JOBS: 'false' };
  const startApi = (extra) => startServer({ ...env, ...extra }, { readyPath: '/api/ready' });
  const apis = [];
  const contexts = [];
  try {
    // The first seeds the demo data and migrates; the second joins the same database.
    apis.push(await startApi({ DEMO_DATA: 'true' }));
    apis.push(await startApi({ DEMO_DATA: 'false' }));
    const [one, two] = apis;

    const colleague = await signIn('reviewer2', { baseUrl: two.baseUrl });
    const claimer = await signIn('reviewer', { baseUrl: one.baseUrl });
    contexts.push(colleague.context, claimer.context);

    await colleague.page.goto(`${two.baseUrl}/review`);
    const row = colleague.page.getByTestId('review-queue').locator('tr', { has: colleague.page.getByTestId(`queue-open-${JYJ}`) });
    await row.waitFor();
    expect((await row.innerText()).includes('已报送'), 'the colleague on the second process sees the package as submitted');
    await colleague.page.waitForTimeout(500); // the live connection opens with the page

    await claimer.page.goto(`${one.baseUrl}/review`);
    await claimer.page.getByTestId(`claim-${JYJ}`).waitFor();
    // Timed from the moment the first process answered the claim (it is committed then) to the
    // moment the colleague's queue shows it; both are watched before the click.
    const shown = row.getByText('审核中').waitFor({ timeout: 10_000 }).then(() => Date.now());
    const answered = claimer.page
      .waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('claimPackage'))
      .then(async (r) => {
        expect(r.ok() && !(await r.json()).errors, 'the claim succeeds on the first process');
        return Date.now();
      });
    await claimer.page.getByTestId(`claim-${JYJ}`).click();
    const took = Math.max(0, (await shown) - (await answered));
    // Pushed, not polled (the queue never polls): the latency is printed, not asserted.
    console.log(`    the claim crossed API processes in ${took} ms`);
    await shot(colleague.page, 'other-process-queue');
    const errors = [...colleague.errors, ...claimer.errors];
    expect(errors.length === 0, `no console errors: ${errors.join('; ')}`);
  } catch (err) {
    for (const [i, a] of apis.entries()) console.log(`--- api-${i + 1} ---\n${a.output().split('\n').slice(-20).join('\n')}`);
    throw err;
  } finally {
    for (const c of contexts) await c.close();
    for (const a of apis) await a.stop();
    const c = await mysql.createConnection(MYSQL_URL);
    await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await c.end();
  }
}
