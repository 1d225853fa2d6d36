import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfigOrExit } from './config/app-config.js';
import { backup, restore, verify } from './ops/backup/backup.js';
import type { ConsistencyReport } from './ops/backup/consistency.js';

/**
 *   node server/dist/backup-cli.js backup <file.tar.gz>            while the server runs
 *   node server/dist/backup-cli.js restore <file.tar.gz> [--force]  with the server stopped
 *   node server/dist/backup-cli.js verify                           check the live data
 * The database and storage are the ones the server would use (same environment variables).
 */
const USAGE = 'usage: backup <file.tar.gz> | restore <file.tar.gz> [--force] | verify';

function printReport(report: ConsistencyReport): void {
  console.log(`checked ${report.artifactsChecked} artifact references and ${report.signaturesChecked} signatures`);
  for (const p of report.problems) console.error(`  problem: ${p}`);
  if (report.problems.length) console.error(`一致性检查未通过 Consistency check failed: ${report.problems.length} problem(s)`);
  else console.log('一致性检查通过 Consistency check passed');
}

const [command, fileArg, ...rest] = process.argv.slice(2);
const config = loadConfigOrExit();
try {
  if (command === 'backup' && fileArg) {
    const file = resolve(fileArg);
    const m = await backup(config, file);
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    console.log(`备份完成 Backup written to ${file}: ${config.database.kind}, ${Object.keys(m.tables).length} tables, ${rows} rows, ${m.artifacts.length} artifacts, schema ${m.migrations.at(-1) ?? '(empty)'}`);
  } else if (command === 'restore' && fileArg) {
    const { manifest, report } = await restore(config, resolve(fileArg), { force: rest.includes('--force') });
    console.log(`恢复完成 Restored the backup of ${manifest.createdAt} (${manifest.artifacts.length} artifacts)`);
    printReport(report);
    if (report.problems.length) process.exitCode = 1;
  } else if (command === 'verify') {
    const report = await verify(config);
    printReport(report);
    if (report.problems.length) process.exitCode = 1;
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} catch (err) {
  console.error(`失败 Failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
