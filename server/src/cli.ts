import 'reflect-metadata';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PASSWORD_RULE } from '@zipin/shared';
import { loadConfigOrExit } from './config/app-config.js';
import { createAdmin, describeFailure } from './ops/admin/create-admin.js';

/**
 *   node server/dist/cli.js create-admin --bureau <code> [--bureau-name <name>] [--region <region>]
 *                                        --username <username> [--name <display name>]
 * The password comes from ZIPIN_ADMIN_PASSWORD, or else from standard input (typed, unechoed, at a
 * terminal; the first line of a pipe otherwise), never from the command line, where `ps` and the
 * shell's history would keep it. The database is the one the server would use (same environment).
 */
const USAGE = `usage: create-admin --bureau <code> [--bureau-name <name>] [--region <region>] --username <username> [--name <display name>]
  password: ZIPIN_ADMIN_PASSWORD, or standard input (${PASSWORD_RULE.zh} / ${PASSWORD_RULE.en})`;

async function readPassword(): Promise<string> {
  const fromEnv = process.env.ZIPIN_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const tty = process.stdin.isTTY;
  if (tty) process.stderr.write('新管理员的密码 Password for the new admin: ');
  const rl = createInterface({ input: process.stdin, terminal: tty });
  // At a terminal nothing typed is echoed.
  if (tty) (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => undefined;
  try {
    for await (const line of rl) return line.replace(/\r$/, '');
    return '';
  } finally {
    rl.close();
    if (tty) process.stderr.write('\n');
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command !== 'create-admin') {
  console.error(USAGE);
  process.exit(2);
}
let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    args: rest,
    options: { bureau: { type: 'string' }, 'bureau-name': { type: 'string' }, region: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  }));
} catch (err) {
  console.error(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  process.exit(2);
}
if (!values.bureau || !values.username) {
  console.error(USAGE);
  process.exit(2);
}
const config = loadConfigOrExit();
try {
  const password = await readPassword();
  const result = await createAdmin(config, {
    bureauCode: values.bureau,
    bureauName: values['bureau-name'],
    region: values.region,
    username: values.username,
    displayName: values.name,
    password,
    operator: userInfo().username,
  });
  console.log(`已创建管理员 Created admin ${values.username.trim()} of ${result.bureauName}${result.bureauCreated ? ' (new bureau 新建财政局)' : ''}: sign in at ${config.publicUrl}`);
} catch (err) {
  console.error(`失败 Failed: ${describeFailure(err)}`);
  process.exitCode = 1;
}
