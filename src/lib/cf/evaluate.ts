import { gramFromRows, userRows, type Interaction, type SparseRow } from './gram';
import { averagePrecisionAtK, ndcgAtK, precisionAtK, recallAtK, topK } from './metrics';
import type { CfModel, Gram } from './model';

/** Train rows and test sets over one item universe (indices into `itemIds`). */
export interface EvalData {
  readonly itemIds: readonly string[];
  readonly train: ReadonlyMap<string, SparseRow>;
  readonly test: ReadonlyMap<string, ReadonlySet<number>>;
}

export interface MetricSummary {
  users: number;
  precision: number;
  recall: number;
  ndcg: number;
  map: number;
  coverage: number;
}

/**
 * The `eval` protocol (docs/contracts.md): for each test user (ids in sorted order), x = their train row (all zeros
 * when they have none), rank every universe item not in their train rows by model.score(x) (ties:
 * lower item index first), take the top k; metrics are averaged over test users and coverage is
 * distinct recommended items / universe. Test items that are also in the user's train rows stay in
 * |test items| (they simply cannot be hit).
 */
export function evaluate(model: CfModel, data: EvalData, k: number): MetricSummary {
  const n = data.itemIds.length;
  if (model.itemIds.length !== n) throw new Error(`evaluate: model has ${model.itemIds.length} items, data ${n}`);
  const users = [...data.test.keys()].filter((u) => (data.test.get(u)?.size ?? 0) > 0).sort();
  if (users.length === 0) throw new Error('evaluate: no test users');
  const x = new Float64Array(n);
  const exclude = new Uint8Array(n);
  const recommended = new Uint8Array(n);
  let precision = 0,
    recall = 0,
    ndcg = 0,
    map = 0;
  for (const user of users) {
    const row = data.train.get(user);
    if (row) row.idx.forEach((i, p) => ((x[i] = row.val[p]!), (exclude[i] = 1)));
    const ranked = topK(model.score(x), k, exclude);
    if (row) row.idx.forEach((i) => ((x[i] = 0), (exclude[i] = 0)));
    for (const i of ranked) recommended[i] = 1;
    const relevant = data.test.get(user)!;
    precision += precisionAtK(ranked, relevant, k);
    recall += recallAtK(ranked, relevant, k);
    ndcg += ndcgAtK(ranked, relevant, k);
    map += averagePrecisionAtK(ranked, relevant, k);
  }
  const m = users.length;
  let covered = 0;
  for (let i = 0; i < n; i++) covered += recommended[i]!;
  return { users: m, precision: precision / m, recall: recall / m, ndcg: ndcg / m, map: map / m, coverage: n ? covered / n : 0 };
}

/** Each user's distinct test items as index sets. */
export function testSets(rows: Iterable<{ user: string; item: string }>, itemIndex: ReadonlyMap<string, number>): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const r of rows) {
    const i = itemIndex.get(r.item);
    if (i === undefined) throw new Error(`item ${r.item} is not in the item index`);
    let s = out.get(r.user);
    if (!s) out.set(r.user, (s = new Set()));
    s.add(i);
  }
  return out;
}

/** A train/test split over one item index, as the evaluation and the fit need it: per-user train rows, G and the test sets. */
export function prepareSplit(
  train: readonly Interaction[],
  test: readonly Interaction[],
  itemIndex: ReadonlyMap<string, number>,
  itemIds: readonly string[]
): { data: EvalData; gram: Gram } {
  const trainRows = userRows(train, itemIndex);
  return { data: { itemIds, train: trainRows, test: testSets(test, itemIndex) }, gram: gramFromRows(trainRows.values(), itemIds) };
}
