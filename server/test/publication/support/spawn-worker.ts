import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * A real worker process (startWorker over the TypeScript sources) sharing the test's database,
 * Redis prefix, storage and mail settings; resolves once it says it is ready.
 */
export function spawnWorker(config: object): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--no-warnings', '--import', here('./ts-register.mjs'), here('./worker-child.ts')], {
    env: { ...process.env, ZIPIN_WORKER_CONFIG: JSON.stringify(config) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready:\n${log.slice(-3000)}`)));
  });
}
