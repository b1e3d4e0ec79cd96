/**
 * Labels from the person's own feedback, for on-device fine-tuning. The latest labelled event per
 * product decides: thumbs-up, favourite, application and purchase are positive; thumbs-down and
 * dismissal negative (views and clicks are too weak to count as either). The row is what the
 * ranker would have seen just before the event: the engine run on the events before it.
 */
import type { CfModel } from '../cf/model';
import type { CandorEvent } from '../domain/event';
import type { Product } from '../domain/product';
import type { Profile } from '../domain/profile';
import { scoringRows } from './candidates';
import { FEATURE_DIM } from './features';
import type { Examples } from './finetune';

/** the most recent labelled products used (each costs one engine run) */
export const FEEDBACK_LIMIT = 32;
/**
 * A personal model is tuned from this many reactions on: one thumbs-up is thin evidence, and a
 * model tuned on it alone would shift its opinion of every product at once (the list would jump).
 */
export const MIN_FINE_TUNE_EXAMPLES = 2;

export function labelOf(type: CandorEvent['type'], value: number | undefined): 0 | 1 | null {
  switch (type) {
    case 'rate':
      return value === undefined || value === 0 ? null : value > 0 ? 1 : 0;
    case 'favorite':
      return value === 0 ? null : 1;
    case 'apply':
    case 'purchase':
      return 1;
    case 'dismiss':
      return 0;
    default:
      return null;
  }
}

export interface FeedbackInput {
  products: readonly Product[];
  profile: Profile;
  events: readonly CandorEvent[];
  cf?: CfModel;
}

export function feedbackExamples(input: FeedbackInput, limit = FEEDBACK_LIMIT): Examples & { ids: string[] } {
  const byId = new Map(input.products.map((p) => [p.id, p]));
  const timed = input.events.map((e, i) => ({ e, i, t: Date.parse(e.ts) })).sort((a, b) => a.t - b.t || a.i - b.i);
  const latest = new Map<string, { at: number; label: 0 | 1 }>();
  timed.forEach(({ e }, at) => {
    const label = labelOf(e.type, e.value);
    if (label !== null && e.productId !== undefined && byId.has(e.productId)) latest.set(e.productId, { at, label });
  });
  const chosen = [...latest].sort((a, b) => b[1].at - a[1].at).slice(0, limit);
  const ids: string[] = [];
  const rows: number[] = [];
  const labels: number[] = [];
  for (const [id, { at, label }] of chosen) {
    const before = timed.slice(0, at).map((x) => x.e);
    const now = new Date(timed[at]!.t);
    const c = scoringRows({ products: input.products, profile: input.profile, events: before, now, k: input.products.length, cf: input.cf });
    const i = c.ids.indexOf(id);
    // not a candidate then (above the gate, or already owned or rejected): nothing the ranker decided
    if (i < 0) continue;
    ids.push(id);
    rows.push(...c.rows.subarray(i * FEATURE_DIM, (i + 1) * FEATURE_DIM));
    labels.push(label);
  }
  return { ids, rows: Float32Array.from(rows), labels: Float32Array.from(labels) };
}
