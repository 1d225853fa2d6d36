/**
 * Throwaway Redis and MariaDB servers for the fault tests, as child processes on free ports, so a
 * test can stop and restart them without touching the shared services other suites use. Every
 * helper returns something with stop(); tests stop what they started in afterAll.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export function hasBinary(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** Starts `cmd` and resolves once its output contains `ready`. */
function startProcess(cmd: string, args: string[], ready: RegExp, timeoutMs = 60_000): Promise<ChildProcess> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} not ready after ${timeoutMs} ms:\n${out.slice(-2000)}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited (${code}) before it was ready:\n${out.slice(-2000)}`));
    });
  });
}

/** Ends a child (SIGTERM, or SIGKILL for a crash) and waits until it is gone. */
export function stopProcess(child: ChildProcess | null, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** A Redis without persistence: stopping it loses everything it held, like a replaced cache node. */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort());
    await r.up();
    return r;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.child = await startProcess('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], /Ready to accept connections/);
  }

  async down(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await stopProcess(this.child, signal);
    this.child = null;
  }
}

/**
 * A MariaDB of the test's own (mariadb-install-db into a temp folder, then mariadbd with
 * --skip-grant-tables on a free port): about 6 s to install and 3 s to start here.
 */
export class PrivateMariaDb {
  private child: ChildProcess | null = null;
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static available(): boolean {
    return hasBinary('mariadbd') || hasBinary('/usr/sbin/mariadbd');
  }

  static async start(): Promise<PrivateMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'zipin-fault-mariadb-'));
    const install = spawnSync('mariadb-install-db', ['--no-defaults', '--auth-root-authentication-method=normal', `--datadir=${join(dir, 'data')}`, '--user=root', '--skip-test-db'], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`mariadb-install-db failed:\n${install.stdout}\n${install.stderr}`);
    const db = new PrivateMariaDb(dir, await freePort());
    await db.up();
    return db;
  }

  /** Root without a password (grant tables are skipped): mysql://root@127.0.0.1:PORT */
  get url(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const bin = hasBinary('mariadbd') ? 'mariadbd' : '/usr/sbin/mariadbd';
    this.child = await startProcess(
      bin,
      [
        '--no-defaults', `--datadir=${join(this.dir, 'data')}`, `--socket=${join(this.dir, 'sock')}`, `--port=${this.port}`,
        '--bind-address=127.0.0.1', '--user=root', '--skip-grant-tables', '--innodb-buffer-pool-size=64M', '--skip-log-bin',
        `--pid-file=${join(this.dir, 'pid')}`,
      ],
      /ready for connections/,
    );
  }

  async down(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    await stopProcess(this.child, signal);
    this.child = null;
  }

  async destroy(): Promise<void> {
    await this.down('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }
}
