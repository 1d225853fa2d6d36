/**
 * The first admin of a production install without demo data, made from the command line: the
 * password is held to the policy, the account (and its bureau, when new) is written whole or not
 * at all, the audit trail names the operator, and the admin signs in with it. The last case runs
 * the built command (`pnpm build` first) as an operator would, with the password on standard input.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PASSWORD_PROBLEMS } from '@zipin/shared';
import { createAdmin, describeFailure } from '../../src/ops/admin/create-admin.js';
import { BureauEntity } from '../../src/modules/org/bureau.entity.js';
import { UserEntity } from '../../src/modules/org/user.entity.js';
import { TestApp } from '../support/test-app.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const TRAIL = '{ userAuditTrail(first: 10) { action actorId subjectUserId details } }';
const ME = '{ me { username role mustChangePassword } }';

let seq = 0;
const code = () => `CLI${process.pid.toString(36)}${seq++}`;

/** The built command with the given environment and standard input; its exit code and output. */
function runCli(args: string[], env: Record<string, string>, stdin: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (exit) => resolve({ code: exit, out }));
    child.stdin.end(stdin);
  });
}

describe('create-admin from the command line', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ runJobs: false });
  }, 60_000);
  afterAll(() => app?.close());

  it('makes a bureau and its admin, who signs in with their own password, and audits it', async () => {
    const bureauCode = code();
    const result = await createAdmin(app.config, { bureauCode, bureauName: '丙县财政局', region: '丙县', username: 'bing.admin', displayName: '丙县管理员', password: 'First-admin-2026', operator: 'ops' });
    expect(result).toMatchObject({ bureauName: '丙县财政局', bureauCreated: true });
    const token = await app.login('bing.admin', 'First-admin-2026');
    expect((await app.ok(ME, {}, token)).me).toEqual({ username: 'bing.admin', role: 'ADMIN', mustChangePassword: false });
    const trail = (await app.ok<{ userAuditTrail: any[] }>(TRAIL, {}, token)).userAuditTrail;
    expect(trail).toEqual([expect.objectContaining({ action: 'CREATE_USER', actorId: result.userId, subjectUserId: result.userId, details: expect.objectContaining({ via: 'command line', operator: 'ops', role: 'ADMIN', bureauCreated: true }) })]);

    // A second admin of the same bureau needs only its code.
    const second = await createAdmin(app.config, { bureauCode, username: 'bing.admin2', password: 'Second-admin-2026', operator: 'ops' });
    expect(second).toMatchObject({ bureauId: result.bureauId, bureauCreated: false });
    expect(await app.dataSource.getRepository(BureauEntity).countBy({ code: bureauCode })).toBe(1);
  });

  it.each([
    ['abc12345', PASSWORD_PROBLEMS.TOO_SHORT],
    ['password123', PASSWORD_PROBLEMS.COMMON],
  ])('refuses the password %s, naming the rule in both languages, and writes nothing', async (password, problem) => {
    const bureauCode = code();
    const refused = await createAdmin(app.config, { bureauCode, bureauName: '丁县财政局', username: `weak.${bureauCode.toLowerCase()}`, password, operator: 'ops' }).catch((e: unknown) => e);
    expect(describeFailure(refused)).toBe(`${problem.zh} (${problem.en})`);
    expect(await app.dataSource.getRepository(BureauEntity).countBy({ code: bureauCode })).toBe(0);
    expect(await app.dataSource.getRepository(UserEntity).countBy({ username: `weak.${bureauCode.toLowerCase()}` })).toBe(0);
  });

  it('refuses an unknown bureau without a name, and a username already taken', async () => {
    const unknown = await createAdmin(app.config, { bureauCode: code(), username: 'no.bureau', password: 'First-admin-2026', operator: 'ops' }).catch((e: unknown) => e);
    expect(describeFailure(unknown)).toMatch(/没有编码为「CLI.+」的财政局；新建时请用 --bureau-name 给出名称 \(No bureau has the code CLI.+; give --bureau-name to create it\)/);
    const taken = await createAdmin(app.config, { bureauCode: code(), bureauName: '戊县财政局', username: 'bing.admin', password: 'First-admin-2026', operator: 'ops' }).catch((e: unknown) => e);
    expect(describeFailure(taken)).toContain('用户名「bing.admin」已被使用');
  });

  it('runs built, in production, reading the password from standard input or ZIPIN_ADMIN_PASSWORD', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run pnpm build first`);
    const dir = mkdtempSync(join(tmpdir(), 'zipin-cli-'));
    try {
      const db = app.config.database;
      const env = {
        NODE_ENV: 'production',
        SESSION_SECRET: 'cli-test-secret-0123456789abcdefghij',
        DATA_DIR: dir,
        LOG_LEVEL: 'error',
        DATABASE_URL: db.kind === 'sqlite' ? `sqlite:${db.file}` : db.url,
      };
      const bureauCode = code();
      const args = ['create-admin', '--bureau', bureauCode, '--bureau-name', '己县财政局', '--username', 'ji.admin', '--name', '己县管理员'];
      const weak = await runCli(args, { ...env, ZIPIN_ADMIN_PASSWORD: 'qwertyuiop' }, '');
      expect(weak.code).toBe(1);
      expect(weak.out).toContain(`失败 Failed: ${PASSWORD_PROBLEMS.COMMON.zh} (${PASSWORD_PROBLEMS.COMMON.en})`);
      const made = await runCli(args, env, 'Ji-admin-own-2026\n');
      expect(made.out).toContain('已创建管理员 Created admin ji.admin of 己县财政局 (new bureau 新建财政局)');
      expect(made.out).not.toContain('Ji-admin-own-2026');
      expect(made.code).toBe(0);
      expect((await app.ok(ME, {}, await app.login('ji.admin', 'Ji-admin-own-2026'))).me).toMatchObject({ role: 'ADMIN' });
      const usage = await runCli(['create-admin', '--username', 'x'], env, '');
      expect(usage.code).toBe(2);
      expect(usage.out).toContain('usage: create-admin --bureau <code>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
