/**
 * What a synthetic customer does in the app over a window of WINDOW_DAYS days.
 *
 * Utility of product j for person i (fixed for the window):
 *   u_ij = 2.0·fit_ij + 1.0·(w_i·v_j) + 1.2·(popularity_j − 0.5) + kindTaste_i[kind_j] + 0.9·[j from a home bank]
 * fit_ij is the mean profile fit (risk, horizon, liquidity, goals, amount; src/lib/engine/profile-fit.ts — not the
 * engine's ranking fit, engine/fit.ts, which weighs the risk band and goals first),
 * w_i·v_j the latent taste (world.ts, population.ts).
 *
 * Sessions. The person opens the app Poisson(engagement) times at uniform times in the window, plus
 * once for each intent (a kind they mean to take up; term deposits follow UCI's `y` model). A session is
 *   feed    (the bank's recommendations: 8 products drawn from those that PASS the suitability gate,
 *            weighted by exp(2·popularity + 1.5·fit) — the bank's generic recommender respects the gate);
 *   browse  (a kind's product list, most popular first — every product, including ones above the
 *            person's level: anyone may look), sometimes preceded by a search;
 *   revisit (the person's favourites);
 *   intent  (browse the intent's kind, then take one product up).
 * In a session the person views products one at a time by a multinomial logit over the unseen items of
 * the slate and a "leave" option (Gumbel-max sampling): P(view j) ∝ exp(u_ij − 0.12·position),
 * P(leave) ∝ exp(u₀ + 0.6·views so far). Each view may lead to a click σ(u − 1.5); products that pass the
 * gate may also be saved σ(u − 3), thumbed down 0.3·σ(−u − 0.5), and feed items left unviewed may be
 * dismissed 0.12·σ(−u). An intent session ends with an apply/purchase of the best viewed product of the
 * intent's kind that passes the gate and (for deposits, wealth, funds, bonds) is affordable, else the
 * logit choice among all such products; term-deposit intents always convert (UCI's `y` is "subscribed"),
 * other intents with probability 0.7. A purchase is sometimes followed by a thumbs-up.
 *
 * Hard rule: every action beyond a view (click, favourite, dismiss, rate, apply, purchase) is on a
 * product that passes the gate (risk level and eligibility) for the person.
 */
import type { CandorEvent } from '../../src/lib/domain/event';
import type { ProductKind } from '../../src/lib/domain/product';
import { PRODUCT_KINDS } from '../../src/lib/domain/product';
import type { Profile } from '../../src/lib/domain/profile';
import { passesGate } from '../../src/lib/domain/suitability';
import { profileFit } from '../../src/lib/engine/profile-fit';
import { personProfile, type SimPerson } from './population';
import { gumbel, poisson, Rng, sigmoid, weightedIndex } from './random';
import type { World } from './world';

export const WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;

export const UTILITY = { fit: 2, taste: 1, popularity: 1.2, homeBank: 0.9 } as const;
export const FUNNEL = {
  positionPenalty: 0.12,
  leave: { feed: 1.6, browse: 2.2, revisit: 1.2 },
  fatigue: 0.6,
  maxViews: 6,
  maxList: 30,
  feedSize: 8,
  click: 4,
  favorite: 5.5,
  thumbsDown: { p: 0.15, shift: 2 },
  dismiss: { p: 0.15, shift: 1.5 },
  intentBoost: 1,
  convert: 0.7,
  thumbsUpAfterPurchase: 0.25,
  unfavorite: 0.05
} as const;

const SEARCH_WORDS: Record<ProductKind, { 'zh-CN': string; en: string }> = {
  deposit: { 'zh-CN': '定期存款', en: 'fixed deposit' },
  wealth: { 'zh-CN': '理财', en: 'wealth management' },
  fund: { 'zh-CN': '基金', en: 'fund' },
  bond: { 'zh-CN': '国债', en: 'bond' },
  insurance: { 'zh-CN': '保险', en: 'insurance' },
  credit_card: { 'zh-CN': '信用卡', en: 'credit card' },
  loan: { 'zh-CN': '贷款', en: 'loan' }
};

/** What the engine-independent parts of a person's choice model need, per product. */
export interface PersonView {
  profile: Profile;
  utility: Float64Array;
  /** the engine's profile fit of each product, in [0, 1] */
  fit: Float64Array;
  gated: Uint8Array;
  affordable: Uint8Array;
}

export function personView(world: World, person: SimPerson): PersonView {
  const profile = personProfile(person);
  const n = world.items.length;
  const utility = new Float64Array(n);
  const fit = new Float64Array(n);
  const gated = new Uint8Array(n);
  const affordable = new Uint8Array(n);
  const home = new Set(person.homeBanks);
  for (const it of world.items) {
    const p = it.product;
    let taste = 0;
    for (let d = 0; d < it.vector.length; d++) taste += person.tasteVector[d]! * it.vector[d]!;
    fit[it.index] = profileFit(p, profile).score;
    utility[it.index] =
      UTILITY.fit * fit[it.index]! +
      UTILITY.taste * taste +
      UTILITY.popularity * (it.popularity - 0.5) +
      person.kindTaste[p.kind] +
      (home.has(it.group) ? UTILITY.homeBank : 0);
    gated[it.index] = passesGate(p, profile) ? 1 : 0;
    affordable[it.index] = !it.investment || p.minAmount === null || p.minAmount <= person.assets ? 1 : 0;
  }
  return { profile, utility, fit, gated, affordable };
}

type Session = { t: number; kind: 'ordinary' } | { t: number; kind: 'intent'; intent: ProductKind | 'term_deposit' };

interface State {
  events: CandorEvent[];
  favorites: Set<number>;
  owned: Set<number>;
  rejected: Set<number>;
  clock: number;
}

/** The simulated event log of one person over [end − WINDOW_DAYS, end), in time order. */
export function simulateBehaviour(world: World, person: SimPerson, pv: PersonView, end: Date, days = WINDOW_DAYS): CandorEvent[] {
  const rng = Rng.stream(world.seed, `behaviour/${person.index}`);
  const endMs = end.getTime();
  const startMs = endMs - days * DAY_MS;
  const { utility: u, gated, affordable } = pv;
  const st: State = { events: [], favorites: new Set(), owned: new Set(), rejected: new Set(), clock: startMs };
  const at = (): string => new Date(Math.min(st.clock, endMs - 1)).toISOString();
  const tick = (): void => {
    st.clock += rng.int(5, 90) * 1000;
  };
  const emit = (type: CandorEvent['type'], j: number, value?: number): void => {
    tick();
    const e: CandorEvent = { type, productId: world.items[j]!.product.id, ts: at() };
    if (value !== undefined) e.value = value;
    st.events.push(e);
  };
  const search = (kind: ProductKind): void => {
    tick();
    st.events.push({ type: 'search', query: SEARCH_WORDS[kind][person.locale], ts: at() });
  };

  // sessions: ordinary ones and one per intent, at uniform times (the last 2 hours left free)
  const sessions: Session[] = [];
  const span = days * DAY_MS - 2 * 3_600_000;
  const ordinary = Math.max(person.intents.length + (person.depositIntent ? 1 : 0) > 0 ? 0 : 1, poisson(rng, person.engagement));
  for (let s = 0; s < ordinary; s++) sessions.push({ t: startMs + rng.float() * span, kind: 'ordinary' });
  if (person.depositIntent) sessions.push({ t: startMs + rng.float() * span, kind: 'intent', intent: 'term_deposit' });
  for (const k of person.intents) sessions.push({ t: startMs + rng.float() * span, kind: 'intent', intent: k });
  sessions.sort((a, b) => a.t - b.t);

  /** views by logit with a leave option; returns the viewed item indices in order */
  const viewSlate = (slate: readonly number[], leave: number, boost: (j: number) => number): number[] => {
    const left = slate.map((j, pos) => ({ j, v: u[j]! + boost(j) - FUNNEL.positionPenalty * pos }));
    const viewed: number[] = [];
    while (left.length > 0 && viewed.length < FUNNEL.maxViews) {
      let best = -1;
      let bestV = leave + FUNNEL.fatigue * viewed.length + gumbel(rng);
      left.forEach((c, i) => {
        const v = c.v + gumbel(rng);
        if (v > bestV) {
          bestV = v;
          best = i;
        }
      });
      if (best < 0) break;
      const [c] = left.splice(best, 1);
      viewed.push(c!.j);
    }
    return viewed;
  };

  /** after-view funnel: click, save, thumbs-down (gate-passing products only beyond the view) */
  const afterView = (j: number, mayReject = true): void => {
    emit('view', j);
    if (!gated[j]) return;
    const uj = u[j]!;
    if (rng.chance(sigmoid(uj - FUNNEL.click))) emit('click', j);
    if (!st.favorites.has(j) && !st.rejected.has(j) && rng.chance(sigmoid(uj - FUNNEL.favorite))) {
      emit('favorite', j);
      st.favorites.add(j);
    } else if (mayReject && !st.favorites.has(j) && !st.owned.has(j) && rng.chance(FUNNEL.thumbsDown.p * sigmoid(FUNNEL.thumbsDown.shift - uj))) {
      emit('rate', j, -1);
      st.rejected.add(j);
    }
  };

  const kindWeights = (): number[] => PRODUCT_KINDS.map((k) => ((world.byKind.get(k)?.length ?? 0) > 0 ? Math.exp(person.kindTaste[k]) : 0));

  const takeUp = (j: number): void => {
    const p = world.items[j]!.product;
    if (world.items[j]!.investment) {
      const min = p.minAmount ?? 0;
      const amount = Math.max(min, Math.min(person.assets, Math.round((person.investAmount * rng.between(0.3, 1)) / 100) * 100));
      emit('purchase', j, amount);
    } else {
      emit('apply', j);
    }
    st.owned.add(j);
    if (rng.chance(FUNNEL.thumbsUpAfterPurchase)) emit('rate', j, 1);
  };

  for (const s of sessions) {
    st.clock = Math.max(st.clock, s.t);
    if (s.kind === 'intent') {
      const kind: ProductKind = s.intent === 'term_deposit' ? 'deposit' : s.intent;
      const inSet = (j: number): boolean => (s.intent === 'term_deposit' ? world.items[j]!.termDeposit : world.items[j]!.product.kind === kind);
      const eligible = (j: number): boolean => inSet(j) && gated[j] === 1 && affordable[j] === 1 && !st.owned.has(j) && !st.rejected.has(j);
      if (rng.chance(0.4)) search(kind);
      const list = (world.byKind.get(kind) ?? []).filter(inSet).slice(0, FUNNEL.maxList);
      const viewed = viewSlate(list, FUNNEL.leave.browse, (j) => (eligible(j) ? FUNNEL.intentBoost : 0));
      for (const j of viewed) afterView(j);
      const converts = s.intent === 'term_deposit' || rng.chance(FUNNEL.convert);
      if (!converts) continue;
      let choice = -1;
      for (const j of viewed) if (eligible(j) && (choice < 0 || u[j]! > u[choice]!)) choice = j;
      if (choice < 0) {
        const pool = world.items.map((it) => it.index).filter(eligible);
        if (pool.length === 0) continue;
        const top = Math.max(...pool.map((j) => u[j]!));
        choice =
          pool[
            weightedIndex(
              rng,
              pool.map((j) => Math.exp(u[j]! - top))
            )
          ]!;
        afterView(choice, false); // the product they end up taking: looked at, not turned down
      }
      if (!st.favorites.has(choice) && rng.chance(0.3)) {
        emit('favorite', choice);
        st.favorites.add(choice);
      }
      takeUp(choice);
      continue;
    }

    const r = rng.float();
    if (r < 0.1 && st.favorites.size > 0) {
      // revisit favourites
      const favs = [...st.favorites].sort((a, b) => a - b);
      for (const j of viewSlate(favs, FUNNEL.leave.revisit, () => 0)) {
        emit('view', j);
        if (rng.chance(sigmoid(u[j]! - FUNNEL.click))) emit('click', j);
        if (rng.chance(FUNNEL.unfavorite)) {
          emit('favorite', j, 0);
          st.favorites.delete(j);
        }
      }
    } else if (r < 0.55) {
      // the bank's feed: gate-passing products only
      const pool = world.items.map((it) => it.index).filter((j) => gated[j] === 1 && !st.owned.has(j) && !st.rejected.has(j));
      const w = pool.map((j) => Math.exp(2 * world.items[j]!.popularity + 1.5 * pv.fit[j]!));
      const slate: number[] = [];
      while (slate.length < FUNNEL.feedSize && slate.length < pool.length) {
        const i = weightedIndex(rng, w);
        slate.push(pool[i]!);
        w[i] = 0;
      }
      const viewed = viewSlate(slate, FUNNEL.leave.feed, () => 0);
      for (const j of viewed) afterView(j);
      const seen = new Set(viewed);
      for (const j of slate) {
        if (seen.has(j) || st.favorites.has(j)) continue;
        if (rng.chance(FUNNEL.dismiss.p * sigmoid(FUNNEL.dismiss.shift - u[j]!))) {
          emit('dismiss', j);
          st.rejected.add(j);
        }
      }
    } else {
      // browse a kind's list (anything may be looked at)
      const weights = kindWeights();
      if (!weights.some((x) => x > 0)) continue;
      const kind = PRODUCT_KINDS[weightedIndex(rng, weights)]!;
      if (rng.chance(0.3)) search(kind);
      const list = (world.byKind.get(kind) ?? []).slice(0, FUNNEL.maxList);
      for (const j of viewSlate(list, FUNNEL.leave.browse, () => 0)) afterView(j);
    }
  }
  return st.events;
}
