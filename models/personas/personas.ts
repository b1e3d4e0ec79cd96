/**
 * Hand-written personas for `npm run eval:personas` (evaluate.ts), each with the rule a bank adviser
 * would apply to the top of the list Candor shows them.
 *
 * A persona is: a name; who they are (questionnaire answers, scored as the app scores them, or a
 * profile as a bank's record would give it; neither: unassessed); a few events with times relative
 * to NOW; optionally a request in their own words; the locale. The rule is an adviser's judgement of
 * what must be true of the list — not of what the engine happens to do today — and every rule can
 * fail (tests/slow/personas.test.ts feeds each one wrong lists).
 *
 * Adaptation personas carry a `probe` (one more event): the rule sees the list with it and, as
 * `baseline`, the list without it. Personas with `compare: 'without_request'` see, as `baseline`,
 * the list the same person gets with no request.
 */
import type { EventType } from '../../src/lib/domain/event';
import type { Locale, Product } from '../../src/lib/domain/product';
import type { Profile } from '../../src/lib/domain/profile';
import type { Answers } from '../../src/lib/domain/questionnaire';
import type { Withheld } from '../../src/lib/engine/index';

/** The fixed clock every persona is evaluated at. */
export const NOW = new Date('2025-06-01T00:00:00Z');
/** The list length judged. */
export const K = 12;

/** A product as shown, with the codes of the reasons given for it. */
export type Shown = Product & { reasonCodes: readonly string[] };

export interface RuleInput {
  /** the list, best first (K items when the catalogue allows) */
  top: readonly Shown[];
  withheld: Pick<Withheld, 'count' | 'needs' | 'kinds'>;
  /** the list without the probe event or without the request (see Persona) */
  baseline?: readonly Shown[];
}

export interface Rule {
  /** the adviser's rule in words */
  text: string;
  check(r: RuleInput): boolean;
}

export interface PersonaEvent {
  type: EventType;
  productId: string;
  daysAgo: number;
  value?: number;
}

export interface Persona {
  name: string;
  locale: Locale;
  /** questionnaire answers, taken `takenDaysAgo` days before NOW (default 30) */
  answers?: Answers;
  takenDaysAgo?: number;
  /** what the person told us besides (or instead of) the questionnaire; riskLevel from answers wins */
  profile?: Partial<Profile>;
  /** the level the answers must give (a check on the persona itself, in the unit test) */
  level?: 1 | 2 | 3 | 4 | 5 | null;
  events?: PersonaEvent[];
  /** one more event: the rule compares the list with and without it */
  probe?: PersonaEvent;
  request?: string;
  compare?: 'without_request';
  rule: Rule;
}

// ---------------------------------------------------------------------------------------------
// The adviser's vocabulary
// ---------------------------------------------------------------------------------------------

type Pred = (p: Shown) => boolean;
const is =
  (kind: Product['kind'], ...subtypes: string[]): Pred =>
  (p) =>
    p.kind === kind && (subtypes.length === 0 || subtypes.includes(p.subtype));
const or =
  (...ps: Pred[]): Pred =>
  (p) =>
    ps.some((f) => f(p));

export const demand = is('deposit', 'demand');
export const cashLike = or(demand, is('fund', 'money_market'), is('wealth', 'cash_management'));
/** growth investments: equity-like funds and mixed wealth products, R3 or above */
export const growth: Pred = (p) => p.riskLevel >= 3 && or(is('fund', 'equity', 'index', 'mixed', 'qdii', 'esg'), is('wealth', 'mixed'))(p);
export const incomeProduct = or(is('wealth', 'fixed_income'), is('fund', 'bond'), is('bond'), is('deposit', 'time', 'large_cd'));
export const protectionPolicy = is('insurance', 'critical_illness', 'medical', 'accident', 'term_life');
export const investing: Pred = (p) => p.kind === 'deposit' || p.kind === 'wealth' || p.kind === 'fund' || p.kind === 'bond';
export const noFee: Pred = (p) => (p.annualFee ?? 0) === 0;
const riskAtMost =
  (r: number): Pred =>
  (p) =>
    p.riskLevel <= r;
const riskAtLeast =
  (r: number): Pred =>
  (p) =>
    p.riskLevel >= r;
const usd: Pred = (p) => p.currency === 'USD';
const tagged =
  (t: string): Pred =>
  (p) =>
    p.tags.includes(t);
const and2 =
  (...ps: Pred[]): Pred =>
  (p) =>
    ps.every((f) => f(p));

// ---------------------------------------------------------------------------------------------
// Rule builders: each needs a list long enough to judge, so an empty list fails every rule
// ---------------------------------------------------------------------------------------------

const head = (r: RuleInput, n: number): readonly Shown[] | null => (r.top.length >= n ? r.top.slice(0, n) : null);

/** all of the top n */
export function all(n: number, what: string, f: Pred): Rule {
  return { text: `the top ${n} are all ${what}`, check: (r) => head(r, n)?.every(f) ?? false };
}
/** none of the top n */
export function none(n: number, what: string, f: Pred): Rule {
  return { text: `no ${what} in the top ${n}`, check: (r) => (head(r, n) ? !head(r, n)!.some(f) : false) };
}
/** at least m of the top n */
export function atLeast(m: number, n: number, what: string, f: Pred): Rule {
  return { text: `at least ${m} of the top ${n} are ${what}`, check: (r) => (head(r, n)?.filter(f).length ?? -1) >= m };
}
/** at most m of the top n (and a full list) */
export function atMost(m: number, n: number, what: string, f: Pred): Rule {
  return { text: `at most ${m} of the top ${n} are ${what}`, check: (r) => (head(r, n) ? head(r, n)!.filter(f).length <= m : false) };
}
export function both(...rules: Rule[]): Rule {
  return { text: rules.map((x) => x.text).join('; '), check: (r) => rules.every((x) => x.check(r)) };
}
/** the products withheld for an unknown age or income include this kind */
export function withheldNames(kind: Product['kind']): Rule {
  return {
    text: `the result says ${kind.replace('_', ' ')}s are withheld until an age or income is given`,
    check: (r) => r.withheld.count > 0 && r.withheld.kinds.includes(kind)
  };
}
/** one event (or no request) changes at most m of the top K */
export function movedAtMost(m: number, what = 'the event'): Rule {
  return {
    text: `${what} changes at most ${m} of the top ${K}`,
    check: (r) => {
      const now = head(r, K);
      const before = r.baseline && r.baseline.length >= K ? r.baseline.slice(0, K) : null;
      if (!now || !before) return false;
      const ids = new Set(before.map((p) => p.id));
      return now.filter((p) => !ids.has(p.id)).length <= m;
    }
  };
}
/** the count of `what` in the top K does not grow over the baseline's */
export function notMoreThanBaseline(what: string, f: Pred): Rule {
  return {
    text: `no more ${what} in the top ${K} than before the dismissal`,
    check: (r) => {
      const now = head(r, K);
      if (!now || !r.baseline || r.baseline.length < K) return false;
      return now.filter(f).length <= r.baseline.slice(0, K).filter(f).length && now.filter(f).length < K;
    }
  };
}
export function absent(id: string, n = K): Rule {
  return { text: `${id} is not in the top ${n}`, check: (r) => (head(r, n) ? !head(r, n)!.some((p) => p.id === id) : false) };
}
/** nothing in the top n says it matches the request */
export function noClaimedMatch(n: number): Rule {
  return {
    text: `nothing in the top ${n} is presented as matching the request`,
    check: (r) => (head(r, n) ? !head(r, n)!.some((p) => p.reasonCodes.includes('matches_request')) : false)
  };
}

// ---------------------------------------------------------------------------------------------
// Questionnaire answers (option ids of domain/questionnaire.ts)
// ---------------------------------------------------------------------------------------------

const base = {
  age: 40,
  income: '50k-150k',
  assets: '100k-500k',
  debt: 'lt20',
  experience: 'moderate',
  knowledge: 'basic',
  horizon: '3-5y',
  liquidity: 'some',
  lossTolerance: '5-15',
  drop20: 'hold',
  goals: ['income'] as string[],
  investAmount: 50_000
};
type A = Partial<typeof base>;
const q = (a: A): Answers => ({ ...base, ...a });

/** score 44: C5 */
const AGGRESSIVE: A = {
  age: 28,
  income: '150k-300k',
  assets: '500k-1m',
  debt: 'none',
  experience: 'expert',
  knowledge: 'good',
  horizon: 'gt5y',
  liquidity: 'none',
  lossTolerance: 'gt30',
  drop20: 'buyMore',
  goals: ['growth']
};
/** score 34: C4 */
const GROWTH: A = {
  age: 40,
  income: '150k-300k',
  assets: '100k-500k',
  debt: 'lt20',
  experience: 'extensive',
  knowledge: 'good',
  horizon: '3-5y',
  liquidity: 'little',
  lossTolerance: '15-30',
  drop20: 'hold',
  goals: ['growth']
};
/** score 26: C3 — the base answers at 45, wanting growth as well as income */
const BALANCED: A = { age: 45, goals: ['income', 'growth'] };
/** score 18: C2 */
const CAUTIOUS: A = {
  age: 55,
  income: '50k-150k',
  assets: '100k-500k',
  debt: 'none',
  experience: 'basic',
  knowledge: 'basic',
  horizon: '1-3y',
  liquidity: 'some',
  lossTolerance: 'lt5',
  drop20: 'sellSome',
  goals: ['preservation']
};
/** cannot accept a loss: C1 by the cap */
const RETIREE: A = {
  age: 67,
  income: 'lt50k',
  assets: '100k-500k',
  debt: 'none',
  experience: 'basic',
  knowledge: 'basic',
  horizon: '1-3y',
  liquidity: 'most',
  lossTolerance: 'none',
  drop20: 'sellAll',
  goals: ['preservation']
};

const d = (type: EventType, productId: string, daysAgo: number, value?: number): PersonaEvent => ({
  type,
  productId,
  daysAgo,
  ...(value !== undefined ? { value } : {})
});

// ---------------------------------------------------------------------------------------------
// The personas
// ---------------------------------------------------------------------------------------------

const onlyRisk = (r: number): Rule => all(K, `R${r} or lower`, riskAtMost(r));

export const PERSONAS: readonly Persona[] = [
  // ---- who they are: levels, goals, horizons, amounts (no request) ----
  {
    name: "C5 aggressive 28-year-old (the issue's example), en",
    locale: 'en',
    answers: q(AGGRESSIVE),
    level: 5,
    rule: both(atLeast(6, K, 'R3+ growth products', growth), none(K, 'demand deposit', demand))
  },
  {
    name: 'C5 激进型投资者，35岁，追求增值',
    locale: 'zh-CN',
    answers: q({ ...AGGRESSIVE, age: 35, income: 'gte500k', assets: '1m-3m' }),
    level: 5,
    rule: both(atLeast(6, K, 'R3+ growth products', growth), none(K, 'demand deposit', demand))
  },
  {
    name: 'C4 growth investor, 40, growth goal, en',
    locale: 'en',
    answers: q({ ...GROWTH, goals: ['growth'] }),
    level: 4,
    rule: both(atLeast(6, K, 'R3+ growth products', growth), none(K, 'demand deposit', demand))
  },
  {
    name: '银行记录：C4 积极型，未说目标，3–5年',
    locale: 'zh-CN',
    profile: { riskLevel: 4, age: 42, annualIncome: 200_000, horizonMonths: 36 },
    rule: both(atLeast(4, K, 'R3+ growth products', growth), atMost(2, K, 'cash-like products', cashLike))
  },
  {
    name: 'C3 balanced, steady income goal, en',
    locale: 'en',
    answers: q({ ...BALANCED, goals: ['income'] }),
    level: 3,
    rule: both(
      atLeast(4, K, 'income products (fixed-income wealth, bond funds, bonds, time deposits, CDs)', incomeProduct),
      none(K, 'R4+ product', riskAtLeast(4))
    )
  },
  {
    name: 'C3 平衡型，增值与收益兼顾',
    locale: 'zh-CN',
    answers: q({ ...BALANCED, goals: ['growth', 'income'] }),
    level: 3,
    rule: both(atLeast(2, K, 'R3 growth products', growth), atLeast(2, K, 'income products', incomeProduct))
  },
  {
    name: 'C2 cautious saver, preservation and income, en',
    locale: 'en',
    answers: q({ ...CAUTIOUS, goals: ['preservation', 'income'] }),
    level: 2,
    rule: both(onlyRisk(2), atLeast(8, K, 'deposits, wealth, funds or bonds', investing))
  },
  {
    name: 'C2 稳健型，55岁，保值',
    locale: 'zh-CN',
    answers: q({ ...CAUTIOUS, goals: ['preservation'] }),
    level: 2,
    rule: both(onlyRisk(2), none(6, 'loan', is('loan')))
  },
  {
    name: 'cautious retiree, 67, accepts no loss, en',
    locale: 'en',
    answers: q(RETIREE),
    level: 1,
    rule: onlyRisk(1)
  },
  {
    name: '保守型退休老人，68岁，不能接受亏损',
    locale: 'zh-CN',
    answers: q({ ...RETIREE, age: 68 }),
    level: 1,
    rule: both(
      onlyRisk(1),
      atLeast(
        6,
        K,
        'deposits, treasury or local bonds, cash management or money-market funds',
        or(is('deposit'), is('bond', 'treasury', 'local_government'), cashLike)
      )
    )
  },
  {
    name: 'experienced 72-year-old, capped at C3, en',
    locale: 'en',
    answers: q({ ...GROWTH, age: 72, experience: 'expert', knowledge: 'expert', lossTolerance: 'gt30', drop20: 'buyMore' }),
    level: 3,
    rule: both(none(K, 'R4+ product', riskAtLeast(4)), none(K, 'loan', is('loan')))
  },
  {
    name: '一年内要用钱（C2 封顶）',
    locale: 'zh-CN',
    answers: q({ ...BALANCED, horizon: 'lt1y' }),
    level: 2,
    rule: none(6, 'investment locked up beyond 12 months', (p) => investing(p) && p.termMonths !== null && p.termMonths > 12)
  },
  {
    name: 'most of the money must stay reachable, C3, en',
    locale: 'en',
    answers: q({ ...BALANCED, liquidity: 'most' }),
    level: 3,
    rule: atLeast(4, 6, 'products that can be drawn at any time (high liquidity)', (p) => p.liquidity === 'high')
  },
  {
    name: '子女教育，38岁父亲，C3',
    locale: 'zh-CN',
    answers: q({ ...BALANCED, age: 38, goals: ['education'] }),
    level: 3,
    rule: both(
      atLeast(1, 6, 'education policy', is('insurance', 'education')),
      atLeast(3, K, 'education policies or mixed/index funds', or(is('insurance', 'education'), is('fund', 'mixed', 'index')))
    )
  },
  {
    name: 'saving for retirement at 50, C3, en',
    locale: 'en',
    answers: q({ ...BALANCED, age: 50, goals: ['retirement'] }),
    level: 3,
    rule: atLeast(2, K, 'annuities', is('insurance', 'annuity'))
  },
  {
    name: '家庭保障，32岁，C2',
    locale: 'zh-CN',
    answers: q({ ...CAUTIOUS, age: 32, goals: ['protection'] }),
    level: 2,
    rule: atLeast(3, K, 'protection policies (critical illness, medical, accident, term life)', protectionPolicy)
  },
  {
    name: 'buying a home at 30, income 150k+, C3, en',
    locale: 'en',
    answers: q({ ...BALANCED, age: 30, income: '150k-300k', goals: ['home'] }),
    level: 3,
    rule: both(
      atLeast(1, K, 'mortgage or renovation loan', is('loan', 'mortgage', 'renovation')),
      atLeast(2, K, 'time deposits or CDs', is('deposit', 'time', 'large_cd'))
    )
  },
  {
    name: '爱旅行的29岁，C3',
    locale: 'zh-CN',
    answers: q({ ...BALANCED, age: 29, income: '150k-300k', goals: ['travel'] }),
    level: 3,
    rule: atLeast(2, K, 'travel or premium cards', is('credit_card', 'travel', 'premium'))
  },
  {
    name: 'everyday cashback, 24, C2, en',
    locale: 'en',
    answers: q({ ...CAUTIOUS, age: 24, income: '50k-150k', goals: ['cashback'] }),
    level: 2,
    rule: atLeast(2, K, 'cashback, co-branded or student cards', is('credit_card', 'cashback', 'co_branded', 'student'))
  },
  {
    name: '20岁大学生，无收入，C2',
    locale: 'zh-CN',
    answers: q({ ...CAUTIOUS, age: 20, income: 'lt50k', assets: 'lt100k', investAmount: 1000 }),
    level: 2,
    rule: both(none(K, 'loan', is('loan')), none(K, 'premium card', is('credit_card', 'premium')), onlyRisk(2))
  },
  {
    name: 'small saver with 2,000 CNY, C3, en',
    locale: 'en',
    answers: q({ ...BALANCED, investAmount: 2000 }),
    level: 3,
    rule: none(6, 'investment with a minimum above 2,000 CNY', (p) => investing(p) && (p.minAmount ?? 0) > 2000)
  },
  {
    name: '100万元保值，C2',
    locale: 'zh-CN',
    answers: q({ ...CAUTIOUS, assets: '1m-3m', investAmount: 1_000_000, goals: ['preservation'] }),
    level: 2,
    rule: atLeast(1, K, 'large-denomination CD', is('deposit', 'large_cd'))
  },
  {
    name: 'C4 with a horizon over 5 years, en',
    locale: 'en',
    answers: q({ ...GROWTH, horizon: 'gt5y' }),
    level: 4,
    rule: atMost(2, K, 'cash-like products (demand deposits, money-market, cash management)', cashLike)
  },
  {
    name: 'C3 who accepts at most 5% loss, en',
    locale: 'en',
    answers: q({ ...BALANCED, experience: 'extensive', knowledge: 'good', lossTolerance: 'lt5' }),
    level: 3,
    rule: none(6, 'R3+ product', riskAtLeast(3))
  },
  {
    name: '未评估的新用户',
    locale: 'zh-CN',
    rule: both(onlyRisk(2), withheldNames('insurance'))
  },
  {
    name: 'unassessed, age 30 and income 100k given, en',
    locale: 'en',
    profile: { age: 30, annualIncome: 100_000 },
    rule: onlyRisk(2)
  },
  {
    name: 'C5 result expired (taken 400 days ago), en',
    locale: 'en',
    answers: q(AGGRESSIVE),
    takenDaysAgo: 400,
    level: 5,
    rule: onlyRisk(2)
  },
  {
    name: 'bank record C4, growth, 10y horizon (profile, no questionnaire), en',
    locale: 'en',
    profile: { riskLevel: 4, age: 36, annualIncome: 250_000, horizonMonths: 120, goals: ['growth'], lossTolerance: '15-30' },
    rule: both(atLeast(6, K, 'R3+ growth products', growth), none(K, 'demand deposit', demand))
  },

  // ---- events ----
  {
    name: 'C4 who dismissed two equity funds, en',
    locale: 'en',
    answers: q({ ...GROWTH, goals: ['growth'] }),
    level: 4,
    events: [d('dismiss', 'fund-equity-consumer-bosera-001', 2), d('dismiss', 'fund-equity-health-huaan-001', 1)],
    rule: none(6, 'equity fund', is('fund', 'equity'))
  },
  {
    name: '不想要医疗险：点了两次“不感兴趣”，C2',
    locale: 'zh-CN',
    answers: q({ ...CAUTIOUS, age: 35, goals: ['protection'] }),
    level: 2,
    events: [d('dismiss', 'ins-medical-taiping-001', 3), d('dismiss', 'ins-medical-pinganpc-001', 1)],
    rule: atMost(1, 6, 'medical policies', is('insurance', 'medical'))
  },
  {
    name: 'thumbs-down on a cashback card, 27, C3, en',
    locale: 'en',
    answers: q({ ...BALANCED, age: 27, goals: ['cashback'] }),
    level: 3,
    events: [d('rate', 'card-cashback-grocery-pab-001', 1, -1)],
    rule: absent('card-cashback-grocery-pab-001')
  },
  {
    name: '浏览了三只指数基金的C4',
    locale: 'zh-CN',
    answers: q(GROWTH),
    level: 4,
    events: [
      d('view', 'fund-index-csi300-etf-efund-001', 3),
      d('view', 'fund-index-csia500-etf-harvest-001', 2),
      d('view', 'fund-index-csi500-etf-zofund-001', 1)
    ],
    rule: atLeast(2, K, 'index funds', is('fund', 'index'))
  },
  {
    name: 'saved an annuity, 52, C3, en',
    locale: 'en',
    answers: q({ ...BALANCED, age: 52 }),
    level: 3,
    events: [d('favorite', 'ins-annuity-10p-aia-001', 2)],
    rule: atLeast(2, K, 'annuities', is('insurance', 'annuity'))
  },
  {
    name: '已买过一笔定期存款',
    locale: 'zh-CN',
    answers: q(CAUTIOUS),
    level: 2,
    events: [d('view', 'dep-time-3m-ceb-001', 5), d('purchase', 'dep-time-3m-ceb-001', 4, 50_000)],
    rule: absent('dep-time-3m-ceb-001')
  },
  {
    name: 'C5 who viewed demand deposits a year ago, en',
    locale: 'en',
    answers: q(AGGRESSIVE),
    level: 5,
    events: [d('view', 'dep-demand-abc-001', 330), d('view', 'dep-demand-cmb-001', 320)],
    rule: both(atLeast(6, K, 'R3+ growth products', growth), none(6, 'demand deposit', demand))
  },
  {
    name: 'C3 who dismissed a bond fund: no more bond funds than before, en',
    locale: 'en',
    answers: q({ ...BALANCED, goals: ['income'] }),
    level: 3,
    probe: d('dismiss', 'fund-bond-short-southern-001', 0),
    rule: both(notMoreThanBaseline('bond funds', is('fund', 'bond')), absent('fund-bond-short-southern-001'))
  },

  // ---- adaptation: one event moves at most 3 of the 12 ----
  {
    name: 'C5 views one medical policy, en',
    locale: 'en',
    answers: q(AGGRESSIVE),
    level: 5,
    probe: d('view', 'ins-medical-taiping-001', 0),
    rule: movedAtMost(3, 'one view')
  },
  {
    name: 'C2 点赞一个活期存款',
    locale: 'zh-CN',
    answers: q(CAUTIOUS),
    level: 2,
    probe: d('rate', 'dep-demand-abc-001', 0, 1),
    rule: both(movedAtMost(3, 'one thumbs-up'), atMost(3, K, 'demand deposits', demand))
  },
  {
    name: 'C4 thumbs-up on an index fund, en',
    locale: 'en',
    answers: q(GROWTH),
    level: 4,
    probe: d('rate', 'fund-index-csi300-etf-efund-001', 0, 1),
    rule: movedAtMost(3, 'one thumbs-up')
  },
  {
    name: '未评估用户看了一张信用卡（已填年龄收入）',
    locale: 'zh-CN',
    profile: { age: 30, annualIncome: 120_000 },
    probe: d('view', 'card-travel-global-cmb-001', 0),
    rule: movedAtMost(3, 'one view')
  },
  {
    name: 'C1 retiree views a treasury bond, en',
    locale: 'en',
    answers: q(RETIREE),
    level: 1,
    probe: d('view', 'bond-treasury-savings-e-3y-mof-001', 0),
    rule: movedAtMost(3, 'one view')
  },
  {
    name: 'C3 已有浏览记录，再看一只混合基金',
    locale: 'zh-CN',
    answers: q(BALANCED),
    level: 3,
    events: [d('view', 'wm-fixed-1y-psbcwm-001', 4), d('view', 'fund-bond-pure-cmfchina-001', 2)],
    probe: d('view', 'fund-mixed-balanced-cmfchina-001', 0),
    rule: movedAtMost(3, 'one view')
  },
  {
    name: 'C2 saves a fixed-income wealth product, en',
    locale: 'en',
    answers: q(CAUTIOUS),
    level: 2,
    probe: d('favorite', 'wm-fixed-6m-spdbwm-001', 0),
    rule: movedAtMost(3, 'one save')
  },

  // ---- requests ----
  {
    name: "'travel card with no annual fee', 30, income 120k, en",
    locale: 'en',
    answers: q({ ...BALANCED, age: 30, income: '50k-150k' }),
    profile: { annualIncome: 120_000 },
    level: 3,
    request: 'travel credit card with no annual fee',
    rule: all(3, 'travel cards without an annual fee', and2(is('credit_card', 'travel'), noFee))
  },
  {
    name: '“免年费的旅行信用卡”，28岁，年收入10万',
    locale: 'zh-CN',
    profile: { age: 28, annualIncome: 100_000 },
    request: '免年费的旅行信用卡',
    rule: all(3, 'travel cards without an annual fee', and2(is('credit_card', 'travel'), noFee))
  },
  {
    name: "'critical illness insurance', age 35, en",
    locale: 'en',
    answers: q({ ...CAUTIOUS, age: 35 }),
    level: 2,
    request: 'critical illness insurance',
    rule: all(3, 'critical-illness policies', is('insurance', 'critical_illness'))
  },
  {
    name: '“重疾险”，40岁',
    locale: 'zh-CN',
    answers: q({ ...BALANCED, age: 40 }),
    level: 3,
    request: '想买一份重疾险',
    rule: all(3, 'critical-illness policies', is('insurance', 'critical_illness'))
  },
  {
    name: '“给35岁的自己买重疾险”，未填年龄',
    locale: 'zh-CN',
    request: '给35岁的自己买一份重疾险',
    rule: all(3, 'critical-illness policies', is('insurance', 'critical_illness'))
  },
  {
    name: "'I'm 45, looking for term life insurance' with no age on file, en",
    locale: 'en',
    request: "I'm 45 and looking for term life insurance",
    rule: all(3, 'term life policies', is('insurance', 'term_life'))
  },
  {
    name: "'USD time deposit', C2, en",
    locale: 'en',
    answers: q(CAUTIOUS),
    level: 2,
    request: 'USD time deposit',
    rule: all(3, 'USD products', usd)
  },
  {
    name: '“美元产品”，C4',
    locale: 'zh-CN',
    answers: q(GROWTH),
    level: 4,
    request: '我想买美元产品',
    rule: all(3, 'USD products', usd)
  },
  {
    name: "'index fund', C4, en",
    locale: 'en',
    answers: q(GROWTH),
    level: 4,
    request: 'an index fund',
    rule: all(3, 'index funds (index subtype, or a QDII fund tracking an index)', and2(is('fund'), or(is('fund', 'index'), tagged('index'))))
  },
  {
    name: '“ESG基金”，C4',
    locale: 'zh-CN',
    answers: q(GROWTH),
    level: 4,
    request: 'ESG基金',
    rule: all(3, 'ESG funds', and2(is('fund'), or(is('fund', 'esg'), tagged('esg'))))
  },
  {
    name: "'QDII fund for global exposure', C5, en",
    locale: 'en',
    answers: q(AGGRESSIVE),
    level: 5,
    request: 'QDII fund for global exposure',
    rule: all(3, 'QDII funds', is('fund', 'qdii'))
  },
  {
    name: '“大额存单”，C2',
    locale: 'zh-CN',
    answers: q({ ...CAUTIOUS, assets: '500k-1m' }),
    level: 2,
    request: '大额存单',
    rule: all(3, 'large-denomination CDs', is('deposit', 'large_cd'))
  },
  {
    name: '“装修贷款”，35岁，年收入15万',
    locale: 'zh-CN',
    answers: q({ ...BALANCED, age: 35, income: '150k-300k' }),
    level: 3,
    request: '装修贷款',
    rule: both(all(3, 'renovation loans', is('loan', 'renovation')), none(3, 'mortgage', is('loan', 'mortgage')))
  },
  {
    name: "'mortgage for my first home', 32, income 200k, en",
    locale: 'en',
    answers: q({ ...BALANCED, age: 32, income: '150k-300k' }),
    level: 3,
    request: 'mortgage for my first home',
    rule: all(3, 'mortgages', is('loan', 'mortgage'))
  },
  {
    name: "'car loan', 30, income 90k, en",
    locale: 'en',
    profile: { age: 30, annualIncome: 90_000 },
    request: 'car loan',
    rule: all(3, 'car loans', is('loan', 'car'))
  },
  {
    name: '“小微企业贷款”，40岁，年收入30万',
    locale: 'zh-CN',
    profile: { age: 40, annualIncome: 300_000 },
    request: '小微企业经营贷款',
    rule: all(3, 'small-business loans', is('loan', 'small_business'))
  },
  {
    name: '“一年期定期存款”，C1',
    locale: 'zh-CN',
    answers: q(RETIREE),
    level: 1,
    request: '一年期定期存款',
    rule: all(
      3,
      'time deposits of about a year (6–12 months)',
      (p) => is('deposit', 'time')(p) && p.termMonths !== null && p.termMonths >= 6 && p.termMonths <= 12
    )
  },
  {
    name: "'something I can withdraw any time', C2, en",
    locale: 'en',
    answers: q(CAUTIOUS),
    level: 2,
    request: 'something I can withdraw any time',
    rule: all(6, 'products that can be drawn at any time', (p) => p.liquidity === 'high')
  },
  {
    name: '“3个月的短期理财”，C2',
    locale: 'zh-CN',
    answers: q(CAUTIOUS),
    level: 2,
    request: '3个月的短期理财',
    rule: all(
      3,
      'wealth products of 6 months or less (or open-ended and liquid)',
      (p) => p.kind === 'wealth' && (p.termMonths === null ? p.liquidity === 'high' : p.termMonths <= 6)
    )
  },
  {
    name: "'low-fee index fund', C4, en",
    locale: 'en',
    answers: q(GROWTH),
    level: 4,
    request: 'low fee index fund',
    rule: all(3, 'low-cost index funds', and2(is('fund', 'index'), tagged('low-cost')))
  },
  {
    name: "'no risk but double my money in a year', C2, en",
    locale: 'en',
    answers: q(CAUTIOUS),
    level: 2,
    request: 'no risk but double my money in a year',
    rule: both(noClaimedMatch(3), none(3, 'insurance policy', is('insurance')), onlyRisk(2))
  },
  {
    name: '“保本还要一年翻倍”，C3',
    locale: 'zh-CN',
    answers: q(BALANCED),
    level: 3,
    request: '保本，一年收益翻倍',
    rule: both(noClaimedMatch(3), none(3, 'insurance policy', is('insurance')))
  },
  {
    name: "gibberish 'asdf qwer zxcv', C3, en",
    locale: 'en',
    answers: q(BALANCED),
    level: 3,
    request: 'asdf qwer zxcv',
    compare: 'without_request',
    rule: both(movedAtMost(2, 'an unreadable request'), noClaimedMatch(K))
  },
  {
    name: '只有表情 “🤑🚀🚀”，C4',
    locale: 'zh-CN',
    answers: q(GROWTH),
    level: 4,
    request: '🤑🚀🚀',
    compare: 'without_request',
    rule: both(movedAtMost(2, 'an unreadable request'), noClaimedMatch(K))
  },
  {
    name: "unassessed, 'credit card', no age given, en",
    locale: 'en',
    request: 'credit card',
    rule: withheldNames('credit_card')
  },
  {
    name: '未评估、未填年龄，“推荐一张信用卡”',
    locale: 'zh-CN',
    request: '推荐一张信用卡',
    rule: withheldNames('credit_card')
  },
  {
    name: "C2 asking for 'high-risk stock fund', en",
    locale: 'en',
    answers: q(CAUTIOUS),
    level: 2,
    request: 'high-risk stock fund',
    rule: onlyRisk(2)
  },
  {
    name: '“不要保险，稳健理财”，C2',
    locale: 'zh-CN',
    answers: q(CAUTIOUS),
    level: 2,
    request: '不要保险，稳健理财',
    rule: both(none(K, 'insurance policy', is('insurance')), onlyRisk(2))
  },
  {
    name: '“子女教育金保险”，36岁，C2',
    locale: 'zh-CN',
    answers: q({ ...CAUTIOUS, age: 36 }),
    level: 2,
    request: '子女教育金保险',
    rule: all(3, 'education policies', is('insurance', 'education'))
  },
  {
    name: "'annuity for retirement', 50, C3, en",
    locale: 'en',
    answers: q({ ...BALANCED, age: 50 }),
    level: 3,
    request: 'an annuity for my retirement',
    rule: all(3, 'annuities', is('insurance', 'annuity'))
  },
  {
    name: "'bond fund', C3, en",
    locale: 'en',
    answers: q(BALANCED),
    level: 3,
    request: 'bond fund',
    rule: all(3, 'bond funds', is('fund', 'bond'))
  },
  {
    name: '“货币基金”，C1',
    locale: 'zh-CN',
    answers: q(RETIREE),
    level: 1,
    request: '货币基金',
    rule: all(3, 'money-market funds', is('fund', 'money_market'))
  },
  {
    name: '“国债”，C1',
    locale: 'zh-CN',
    answers: q({ ...RETIREE, age: 62 }),
    level: 1,
    request: '买国债',
    rule: all(3, 'treasury bonds', is('bond', 'treasury'))
  },
  {
    name: "'I want to invest 500 yuan', C3, en",
    locale: 'en',
    answers: q(BALANCED),
    level: 3,
    request: 'I want to invest 500 yuan',
    rule: none(6, 'investment with a minimum above 500 CNY', (p) => investing(p) && (p.minAmount ?? 0) > 500)
  },
  {
    name: "'travel accident insurance', 30, en",
    locale: 'en',
    profile: { age: 30, annualIncome: 80_000 },
    request: 'travel accident insurance',
    rule: all(3, 'accident policies', is('insurance', 'accident'))
  },
  {
    name: '“学生信用卡”，20岁',
    locale: 'zh-CN',
    profile: { age: 20 },
    request: '学生信用卡',
    rule: all(3, 'student cards', is('credit_card', 'student'))
  },
  {
    name: '“投资5年以上的基金”，C4',
    locale: 'zh-CN',
    answers: q(GROWTH),
    level: 4,
    request: '投资5年以上的基金',
    rule: both(all(3, 'funds', is('fund')), none(3, 'money-market fund', is('fund', 'money_market')))
  },
  {
    name: '“稳健的银行理财，一年”，C2',
    locale: 'zh-CN',
    answers: q(CAUTIOUS),
    level: 2,
    request: '稳健的银行理财，一年左右',
    rule: all(3, 'R1–R2 wealth products', and2(is('wealth'), riskAtMost(2)))
  },
  {
    name: "'medical insurance', 65, en",
    locale: 'en',
    profile: { age: 65, annualIncome: 60_000 },
    request: 'medical insurance',
    rule: all(3, 'medical policies that accept a 65-year-old', is('insurance', 'medical'))
  }
];
