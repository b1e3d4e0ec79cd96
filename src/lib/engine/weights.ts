import type { CandorEvent } from '../domain/event';
import type { InteractionAction } from './types';

/**
 * Interaction weights.
 *
 * Each event adds `base weight × decay` to its product, where
 *   decay = 0.5 ^ (age / HALF_LIFE_DAYS)      (age = now − ts, clamped at 0 for future stamps)
 * so an event one half-life (30 days) old counts half, two half-lives a quarter.
 *
 * Base weights (EVENT_WEIGHTS): view 1, click 2, favourite 4, thumbs-up (rate > 0) 4,
 * apply 6, purchase 8, thumbs-down (rate < 0) −6, dismiss −8; search and rate 0 add nothing.
 *
 * Opinions: the latest explicit opinion on a product wins.
 * - `favorite` with value 0 (unfavourite) cancels every earlier favourite of that product.
 * - a favourite or thumbs-up cancels earlier dismissals / thumbs-down of that product;
 *   a dismissal or thumbs-down cancels earlier favourites / thumbs-up.
 * Views, clicks, applications and purchases are facts and are never cancelled.
 * Events are taken in timestamp order (ties: input order), so the result does not depend on
 * how the log was sorted.
 */
export const HALF_LIFE_DAYS = 30;
const DAY_MS = 86_400_000;

export const EVENT_WEIGHTS = {
  view: 1,
  click: 2,
  favorite: 4,
  rate_up: 4,
  apply: 6,
  purchase: 8,
  rate_down: -6,
  dismiss: -8
} as const;

type Contribution = { kind: keyof typeof EVENT_WEIGHTS; weight: number };

/** Decay factor for an event at `tsMs` seen at `nowMs`: 1 now, 0.5 one half-life ago. */
export function decayFactor(tsMs: number, nowMs: number): number {
  if (!Number.isFinite(tsMs) || !Number.isFinite(nowMs)) return 0;
  const ageMs = Math.max(0, nowMs - tsMs);
  return Math.pow(0.5, ageMs / (HALF_LIFE_DAYS * DAY_MS));
}

export interface InteractionSummary {
  /** net decayed weight per product that has any (non-search) event */
  weights: Map<string, number>;
  /** the strongest positive action still in force, per product */
  actions: Map<string, InteractionAction>;
  /** products whose latest opinion is a dismissal or a thumbs-down: never recommended */
  rejected: Set<string>;
  /** products applied for or purchased: not recommended again */
  owned: Set<string>;
}

const POSITIVE_OPINION = new Set<Contribution['kind']>(['favorite', 'rate_up']);
const NEGATIVE_OPINION = new Set<Contribution['kind']>(['dismiss', 'rate_down']);

const ACTION_RANK: Record<InteractionAction, number> = {
  viewed: 1,
  clicked: 2,
  liked: 3,
  saved: 4,
  applied: 5,
  purchased: 6
};

function actionOf(kind: Contribution['kind']): InteractionAction | null {
  switch (kind) {
    case 'view':
      return 'viewed';
    case 'click':
      return 'clicked';
    case 'favorite':
      return 'saved';
    case 'rate_up':
      return 'liked';
    case 'apply':
      return 'applied';
    case 'purchase':
      return 'purchased';
    default:
      return null;
  }
}

function contributionKind(e: CandorEvent): Contribution['kind'] | 'unfavorite' | null {
  switch (e.type) {
    case 'view':
      return 'view';
    case 'click':
      return 'click';
    case 'favorite':
      return e.value === 0 ? 'unfavorite' : 'favorite';
    case 'rate':
      if (e.value === undefined || e.value === 0 || !Number.isFinite(e.value)) return null;
      return e.value > 0 ? 'rate_up' : 'rate_down';
    case 'apply':
      return 'apply';
    case 'purchase':
      return 'purchase';
    case 'dismiss':
      return 'dismiss';
    case 'search':
      return null;
  }
}

/** The full picture the engine needs: weights, actions, rejected and owned products. */
export function summariseInteractions(events: readonly CandorEvent[], now: Date): InteractionSummary {
  const nowMs = now.getTime();
  const ordered = events
    .map((e, i) => ({ e, i, t: Date.parse(e.ts) }))
    .filter((x) => x.e.productId !== undefined && Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t || a.i - b.i);

  const perProduct = new Map<string, Contribution[]>();
  const opinion = new Map<string, 'positive' | 'negative'>();
  const owned = new Set<string>();

  for (const { e, t } of ordered) {
    const id = e.productId as string;
    const kind = contributionKind(e);
    if (kind === null) continue;
    let list = perProduct.get(id);
    if (!list) {
      list = [];
      perProduct.set(id, list);
    }
    if (kind === 'unfavorite') {
      perProduct.set(
        id,
        list.filter((c) => c.kind !== 'favorite')
      );
      continue;
    }
    if (POSITIVE_OPINION.has(kind)) {
      list = list.filter((c) => !NEGATIVE_OPINION.has(c.kind));
      opinion.set(id, 'positive');
    } else if (NEGATIVE_OPINION.has(kind)) {
      list = list.filter((c) => !POSITIVE_OPINION.has(c.kind));
      opinion.set(id, 'negative');
    }
    if (kind === 'apply' || kind === 'purchase') owned.add(id);
    list.push({ kind, weight: EVENT_WEIGHTS[kind] * decayFactor(t, nowMs) });
    perProduct.set(id, list);
  }

  const weights = new Map<string, number>();
  const actions = new Map<string, InteractionAction>();
  for (const [id, list] of perProduct) {
    let sum = 0;
    let best: InteractionAction | null = null;
    for (const c of list) {
      sum += c.weight;
      const a = actionOf(c.kind);
      if (a !== null && (best === null || ACTION_RANK[a] > ACTION_RANK[best])) best = a;
    }
    weights.set(id, sum);
    if (best !== null) actions.set(id, best);
  }
  const rejected = new Set<string>();
  for (const [id, o] of opinion) if (o === 'negative') rejected.add(id);
  return { weights, actions, rejected, owned };
}

/** Net interaction weight per product id (see the module comment for weights and half-life). */
export function interactionWeights(events: readonly CandorEvent[], now: Date): Map<string, number> {
  return summariseInteractions(events, now).weights;
}
