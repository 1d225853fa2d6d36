import type { AppConfig } from '../config/app-config.js';

/**
 * A shutdown that hangs (a render stuck in Chromium, a database that stopped answering) must
 * not keep the process forever: after SHUTDOWN_TIMEOUT_MS it exits anyway. Jobs cut off that
 * way are handed back: embedded rows left ACTIVE run again at the next start, BullMQ moves a
 * stalled job back to waiting for another worker.
 */
export function exitIfShutdownHangs(config: Pick<AppConfig, 'shutdownTimeoutMs'>): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        console.error(`shutdown took longer than ${config.shutdownTimeoutMs} ms; exiting, unfinished jobs run again after the restart`);
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
    });
  }
}
