import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { NotificationDeliveryEntity } from '../../src/modules/notification/notification-delivery.entity.js';
import { NotificationDeliveryService, robotMessage } from '../../src/modules/notification/notification-delivery.service.js';
import { TestApp } from '../support/test-app.js';
import { buildWorld, errorCode, type World } from '../support/factories.js';

const REMIND = 'mutation($id: ID!, $m: String) { remindUnit(packageId: $id, message: $m) { recipients } }';
const SET_EMAIL = 'mutation($id: ID!, $e: String) { updateUser(id: $id, input: { email: $e }) { id email } }';
const OUTBOX = 'query($s: String) { notificationDeliveries(status: $s) { totalCount nodes { channel recipient subject status attempts lastError sentAt } } }';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on 127.0.0.1 (the smtp-server package), refusing one address on purpose. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (address.address.startsWith('bounce@')) return cb(Object.assign(new Error('550 mailbox unavailable'), { responseCode: 550 }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A local stand-in for a group robot's webhook: records every JSON post and answers like 钉钉. */
async function startRobot(): Promise<{ url: string; posts: { path: string; body: any }[]; server: Server }> {
  const posts: { path: string; body: any }[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/robot/send?access_token=secret-token`, posts, server };
}

describe('notifications by mail and to a group robot', () => {
  let app: TestApp;
  let w: World;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let robot: Awaited<ReturnType<typeof startRobot>>;
  const as = (key: string) => w.users[key]!.token;

  beforeAll(async () => {
    smtp = await startSmtp();
    robot = await startRobot();
    app = await TestApp.start({ mail: { url: smtp.url, from: '自评通 <no-reply@zipin.test>' }, robot: { url: robot.url, kind: 'dingtalk' } });
    w = await buildWorld(app);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
    robot?.server.close();
  });

  it('lets the admin set a mail address, and refuses one that cannot be an address', async () => {
    const ok = await app.ok<{ updateUser: { email: string } }>(SET_EMAIL, { id: w.users['a1.filler']!.id, e: ' filler@unit.test ' }, as('a.admin'));
    expect(ok.updateUser.email).toBe('filler@unit.test');
    const bad = await app.gql(SET_EMAIL, { id: w.users['a1.head']!.id, e: 'not an address' }, as('a.admin'));
    expect(errorCode(bad)).toBe('VALIDATION_FAILED');
    expect(bad.errors![0]!.message).toContain('不是有效的电子邮箱地址');
    // Another bureau's admin cannot touch the account.
    expect(errorCode(await app.gql(SET_EMAIL, { id: w.users['a1.head']!.id, e: 'x@y.test' }, as('b.admin')))).toBe('NOT_FOUND');
    await app.ok(SET_EMAIL, { id: w.users['a1.head']!.id, e: 'head@unit.test' }, as('a.admin'));
  });

  it('sends each recipient one mail and the robot one post, records them SENT, and never sends twice', async () => {
    await app.ok(REMIND, { id: w.packages.a1, m: '请于本周五前报送' }, as('a.reviewer'));
    await app.drainJobs(30_000);
    const mails = smtp.received.filter((m) => m.raw.includes('X-Zipin-Delivery'));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['filler@unit.test', 'head@unit.test']);
    expect(mails[0]!.from).toBe('no-reply@zipin.test');
    const raw = mails[0]!.raw;
    expect(raw).toMatch(/^Subject: /m);
    expect(raw).toMatch(/Message-ID: <[0-9a-f-]{36}@zipin\.delivery>/i);
    expect(robot.posts).toHaveLength(1);
    expect(robot.posts[0]!.path).toBe('/robot/send?access_token=secret-token');
    expect(robot.posts[0]!.body.msgtype).toBe('markdown');
    expect(robot.posts[0]!.body.markdown.title).toContain('财政局催办');
    expect(robot.posts[0]!.body.markdown.text).toContain('甲区工商业联合会');
    expect(robot.posts[0]!.body.markdown.text).toContain(`/packages/${w.packages.a1}`);

    const outbox = (await app.ok<{ notificationDeliveries: { totalCount: number; nodes: any[] } }>(OUTBOX, { s: 'SENT' }, as('a.admin'))).notificationDeliveries;
    expect(outbox.totalCount).toBe(3);
    // The robot's token never shows in the list.
    expect(outbox.nodes.map((n) => n.recipient).join(' ')).not.toContain('secret-token');
    expect(outbox.nodes.every((n) => n.sentAt && n.attempts === 1)).toBe(true);

    // The job run again (a retry after a crash, a duplicate) finds the row sent and sends nothing.
    const rows = await app.dataSource.getRepository(NotificationDeliveryEntity).find();
    for (const r of rows) await expect(app.get(NotificationDeliveryService).deliver(r.id, { attempt: 2, maxAttempts: 5 })).resolves.toBe('SENT');
    expect(smtp.received.filter((m) => m.raw.includes('X-Zipin-Delivery'))).toHaveLength(2);
    expect(robot.posts).toHaveLength(1);
  });

  it('shows the outbox only to admins of the bureau', async () => {
    expect(errorCode(await app.gql(OUTBOX, {}, as('a.reviewer')))).toBe('FORBIDDEN');
    const other = (await app.ok<{ notificationDeliveries: { totalCount: number } }>(OUTBOX, {}, as('b.admin'))).notificationDeliveries;
    expect(other.totalCount).toBe(0);
  });

  it('speaks the 企业微信 robot JSON too', () => {
    const msg = robotMessage('wecom', { title: '自评材料被退回，请修改', body: '第一行\n第二行', link: 'http://x/packages/1' });
    expect(msg).toEqual({ msgtype: 'markdown', markdown: { content: '**自评材料被退回，请修改**\n> 第一行\n> 第二行\n[打开材料](http://x/packages/1)' } });
  });
});

describe('a mail the server refuses', () => {
  let app: TestApp;
  let w: World;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;

  beforeAll(async () => {
    smtp = await startSmtp();
    // Jobs do not run on their own here: the test plays each attempt itself.
    app = await TestApp.start({ runJobs: false, mail: { url: smtp.url, from: 'no-reply@zipin.test' }, robot: null });
    w = await buildWorld(app);
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.close();
  });

  it('is retried with the reason kept, then recorded FAILED after the last try, and never counted as sent', async () => {
    await app.ok(SET_EMAIL, { id: w.users['a1.head']!.id, e: 'bounce@unit.test' }, w.users['a.admin']!.token);
    await app.ok(REMIND, { id: w.packages.a1, m: null }, w.users['a.reviewer']!.token);
    const row = await app.dataSource.getRepository(NotificationDeliveryEntity).findOneByOrFail({ recipient: 'bounce@unit.test' });
    const deliveries = app.get(NotificationDeliveryService);
    await expect(deliveries.deliver(row.id, { attempt: 1, maxAttempts: 3 })).rejects.toThrow(/550|mailbox unavailable/);
    let now = await app.dataSource.getRepository(NotificationDeliveryEntity).findOneByOrFail({ id: row.id });
    expect(now).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(now.lastError).toMatch(/550|mailbox unavailable/);
    await expect(deliveries.deliver(row.id, { attempt: 3, maxAttempts: 3 })).resolves.toBe('FAILED');
    now = await app.dataSource.getRepository(NotificationDeliveryEntity).findOneByOrFail({ id: row.id });
    expect(now).toMatchObject({ status: 'FAILED', attempts: 3, sentAt: null });
    expect(smtp.received).toHaveLength(0);
    const failed = (await app.ok<{ notificationDeliveries: { nodes: { recipient: string; status: string }[] } }>(OUTBOX, { s: 'FAILED' }, w.users['a.admin']!.token)).notificationDeliveries;
    expect(failed.nodes.map((n) => n.recipient)).toEqual(['bounce@unit.test']);
  });
});
