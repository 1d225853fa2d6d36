/**
 * A worker killed (SIGKILL, no shutdown) while it is handing a mail to the SMTP server: the mail
 * was not accepted, so the outbox row stays PENDING; once a worker is back the job runs again and
 * the mail arrives exactly once, the row SENT. Separate worker processes on BullMQ: scaled only.
 */
import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { NotificationDeliveryEntity } from '../../src/modules/notification/notification-delivery.entity.js';
import { TEST_BACKEND } from '../support/backend.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { spawnWorker } from '../publication/support/spawn-worker.js';

const scaled = TEST_BACKEND === 'scaled';
if (!scaled) console.warn('the mail worker crash test needs separate worker processes on Redis: run with ZIPIN_TEST_BACKEND=scaled (skipped on the embedded backend)');

const REMIND = 'mutation($id: ID!) { remindUnit(packageId: $id) { recipients } }';
const SET_EMAIL = 'mutation($id: ID!, $e: String) { updateUser(id: $id, input: { email: $e }) { id } }';

/**
 * A real SMTP server (smtp-server) that holds the first message's final answer, so the sender is
 * caught in the middle of sending. A message counts as arrived only once the server accepted it
 * (its 250 after DATA) with the sender still connected, as SMTP has it.
 */
async function startHoldingSmtp() {
  const arrived: { deliveryId: string; to: string }[] = [];
  let held: { deliveryId: string; release: () => void } | null = null;
  let heldOnce = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const deliveryId = /^X-Zipin-Delivery: (\S+)/m.exec(raw)?.[1] ?? '';
        const accept = () => {
          arrived.push({ deliveryId, to: session.envelope.rcptTo[0]!.address });
          cb();
        };
        if (heldOnce) return accept();
        heldOnce = true;
        // Never answered: the sender dies waiting, and the message is not taken.
        held = { deliveryId, release: () => cb(Object.assign(new Error('451 sender went away'), { responseCode: 451 })) };
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrived,
    held: () => held,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

(scaled ? describe : describe.skip)('a worker killed while it sends a mail', () => {
  let api: TestApp;
  let smtp: Awaited<ReturnType<typeof startHoldingSmtp>>;
  const children: ChildProcess[] = [];

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await api?.close();
    await smtp?.close();
  }, 60_000);

  it('delivers the mail exactly once after a worker is back', async () => {
    smtp = await startHoldingSmtp();
    api = await TestApp.start({ runJobs: false, mail: { url: smtp.url, from: 'no-reply@zipin.test' }, robot: null });
    const w = await buildWorld(api);
    await api.ok(SET_EMAIL, { id: w.users['a1.filler']!.id, e: 'filler@unit.test' }, w.users['a.admin']!.token);
    // A 5 s lock: the dead worker's job goes to the next worker 5 s after the kill, not 30.
    const config = { ...api.config, runJobs: true, redis: { ...api.config.redis!, lockMs: 5_000 } };
    const first = await spawnWorker(config);
    children.push(first);

    await api.ok(REMIND, { id: w.packages.a1 }, w.users['a.reviewer']!.token);
    const held = await waitFor(async () => smtp.held(), 30_000, 'the worker to be sending the mail');
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    held.release();

    const outbox = api.dataSource.getRepository(NotificationDeliveryEntity);
    const row = await outbox.findOneByOrFail({ id: held.deliveryId });
    expect(row).toMatchObject({ channel: 'MAIL', recipient: 'filler@unit.test', status: 'PENDING' });
    expect(smtp.arrived).toEqual([]);

    const started = Date.now();
    children.push(await spawnWorker(config));
    // BullMQ hands a dead worker's job to another once its lock runs out.
    await waitFor(async () => (await outbox.findOneByOrFail({ id: held.deliveryId })).status === 'SENT', 120_000, 'the mail to be sent after the restart');
    // Time for any second copy to show up, had one been sent.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(smtp.arrived).toEqual([{ deliveryId: held.deliveryId, to: 'filler@unit.test' }]);
    expect(await outbox.countBy({ bureauId: w.bureaus.a, channel: 'MAIL' })).toBe(1);
    console.log(`mail worker crash: the mail arrived once, ${Math.round((Date.now() - started) / 1000)} s after a worker was back`);
  }, 180_000);
});
