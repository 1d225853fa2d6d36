import { SEED_2024_LUKOU_GSL, type PackageDocument, type PackageState } from '@zipin/shared';
import { TransactionService } from '../../src/database/transaction.service.js';
import { CampaignEntity } from '../../src/modules/campaign/campaign.entity.js';
import { evaluatePackage, summaryColumns } from '../../src/modules/package/package-evaluation.js';
import { PackageEntity } from '../../src/modules/package/package.entity.js';
import type { TestApp } from '../support/test-app.js';

/** The seed with edits (each test builds its own documents). */
export function seedWith(edit: (d: PackageDocument) => void = () => {}): PackageDocument {
  const d = structuredClone(SEED_2024_LUKOU_GSL);
  edit(d);
  return d;
}

const score = (d: PackageDocument, id: string, s: string) => {
  d.selfEvaluation.indicators.find((r) => r.id === id)!.score = s;
};

/** 97 declared, 执行率 100 %: 优. */
export const EXCELLENT = () => seedWith();
/** 执行率 66.53 % with 93.65 declared: high score with low execution, unspent share 33 %. */
export const LOW_EXECUTION = () => seedWith((d) => (d.selfEvaluation.budget.execution = '100'));
/** 87 declared: 良. */
export const GOOD = () => seedWith((d) => score(d, 'ind-3', '0'));
/** 79 declared: 中. */
export const FAIR = () => seedWith((d) => (score(d, 'ind-3', '0'), score(d, 'ind-4', '2')));

/**
 * Puts a package in a state with a document (test set-up only), keeping the summary columns
 * exactly as the save path computes them.
 */
export async function setPackage(app: TestApp, id: string, state: PackageState, document?: PackageDocument, extra: Partial<PackageEntity> = {}): Promise<void> {
  await app.get(TransactionService).run(async ({ manager }) => {
    const repo = manager.getRepository(PackageEntity);
    const pkg = await repo.findOneByOrFail({ id });
    const campaign = await manager.getRepository(CampaignEntity).findOneByOrFail({ id: pkg.campaignId });
    const doc = document ?? pkg.document;
    const columns = summaryColumns(doc, evaluatePackage(doc, campaign.template, { fiscalYear: campaign.fiscalYear }));
    await repo.update({ id }, { state, document: doc, ...columns, ...extra });
  });
}

export async function setDeadline(app: TestApp, campaignId: string, at: Date): Promise<void> {
  await app.get(TransactionService).run(({ manager }) => manager.getRepository(CampaignEntity).update({ id: campaignId }, { submissionDeadline: at }));
}

export async function packageOfUnit(app: TestApp, unitId: string): Promise<string> {
  return (await app.dataSource.getRepository(PackageEntity).findOneByOrFail({ unitId })).id;
}

/** Counts SQL statements while `fn` runs (both drivers' query runners share one prototype each). */
export async function countQueries<T>(app: TestApp, fn: () => Promise<T>, only: RegExp = /./): Promise<{ result: T; queries: number }> {
  const runner = app.dataSource.createQueryRunner();
  const proto = Object.getPrototypeOf(runner) as { query: (...a: unknown[]) => unknown };
  if (app.dataSource.options.type === 'mysql') await runner.release();
  const original = proto.query;
  let queries = 0;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (only.test(String(args[0]))) queries++;
    return original.apply(this, args);
  };
  try {
    return { result: await fn(), queries };
  } finally {
    proto.query = original;
  }
}
