import { z } from 'zod';
import type { Liquidity, LocalizedText } from './product';
import { GOALS, LOSS_TOLERANCES, ProfileSchema, type Goal, type Profile } from './profile';
import { personLevelLabel } from './risk-names';
import { parseWith, type Result } from './validate';

/**
 * The risk questionnaire (风险承受能力评估), in the style of Chinese banks' suitability forms and MiFID's
 * appropriateness test: who the person is (age, income, assets, debt), what they know and have done
 * (experience, knowledge), and how they would carry risk (horizon, liquidity, loss tolerance, reaction
 * to a fall). Goals and a typical amount are asked too; they feed the profile but not the score.
 *
 * Pure: no I/O, no clock (the caller passes `takenAt` / `now`).
 *
 * ## Scoring
 *
 * Each scored question gives points (the `points` of the chosen option, or of the band a number falls
 * in). The maximum is {@link MAX_SCORE} = 50:
 *
 * | question      | points |              | question        | points |
 * | ------------- | ------ | ------------ | --------------- | ------ |
 * | age           | 0–4    |              | knowledge       | 0–4    |
 * | income        | 0–4    |              | horizon         | 0–6    |
 * | assets        | 0–4    |              | liquidity       | 0–3    |
 * | debt          | 0–3    |              | lossTolerance   | 0–8    |
 * | experience    | 0–8    |              | drop20          | 0–6    |
 *
 * The sum maps to a level by {@link LEVEL_THRESHOLDS} (the lowest score of each level):
 *
 *   C1 保守型  0–10 · C2 谨慎型 11–20 · C3 稳健型 21–30 · C4 积极型 31–40 · C5 激进型 41–50
 *
 * ## Caps (regulator-style overrides)
 *
 * Whatever the score, some answers put a ceiling on the level ({@link CAPS}); the lowest ceiling wins:
 *
 * - cannot accept any loss of principal              -> at most C1
 * - money needed within a year (horizon under 1 year) -> at most C2
 * - no investment experience beyond bank deposits    -> at most C3
 * - aged 70 or over                                  -> at most C3
 *   (age already scores 0 points from 70; the cap keeps a high-scoring older person off R4–R5 products.
 *   Bank practice differs, C2 is also seen: change `maxLevel` of `age_70_plus` to tighten it.)
 *
 * ## Validity
 *
 * A result is valid for one calendar year: `expiresAt` is the same UTC time on the same day a year later,
 * or the last day of that month when the day does not exist (2028-02-29 -> 2029-02-28). From `expiresAt`
 * on, the result counts as no assessment.
 */

export const QUESTIONNAIRE_VERSION = 1;

export type QuestionKind = 'single' | 'multi' | 'number';
export interface QuestionOption {
  id: string;
  label: LocalizedText;
  points: number;
}
/** Points for a number answer in [min, max] (both inclusive). */
export interface NumberBand {
  min: number;
  max: number;
  points: number;
}
export interface Question {
  id: string;
  kind: QuestionKind;
  prompt: LocalizedText;
  help?: LocalizedText;
  /** choices of a single or multi question; empty for a number question */
  options: QuestionOption[];
  /** number questions: the accepted range, both ends inclusive */
  min?: number;
  max?: number;
  /** number questions: only whole numbers are accepted */
  integer?: boolean;
  /** scored number questions: the points of each band */
  bands?: NumberBand[];
  /** counts towards the score (a multi question scores its best option) */
  scored: boolean;
}

export type RiskLevelNumber = 1 | 2 | 3 | 4 | 5;
export type Answers = Record<string, string | string[] | number>;

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en });
/** "C2谨慎型" inside a Chinese sentence, "C2 Cautious" in an English one: the shared level names */
const zhLabel = (level: RiskLevelNumber): string => personLevelLabel(level, 'zh-CN').replace(' ', '');
const enLabel = (level: RiskLevelNumber): string => personLevelLabel(level, 'en');

// ---------------------------------------------------------------------------------------------
// Bands that also give profile values
// ---------------------------------------------------------------------------------------------

/** Personal pre-tax annual income, CNY. The profile keeps the LOWER bound: conservative for eligibility. */
const INCOME_BANDS = [
  { id: 'lt50k', lower: 0, points: 0, label: t('5万元以下', 'Under ¥50,000') },
  { id: '50k-150k', lower: 50_000, points: 1, label: t('5万–15万元', '¥50,000–150,000') },
  { id: '150k-300k', lower: 150_000, points: 2, label: t('15万–30万元', '¥150,000–300,000') },
  { id: '300k-500k', lower: 300_000, points: 3, label: t('30万–50万元', '¥300,000–500,000') },
  { id: 'gte500k', lower: 500_000, points: 4, label: t('50万元及以上', '¥500,000 or more') }
] as const;

/**
 * Horizon. The profile keeps the lower bound in months, except "under a year", which keeps 6 months
 * (a horizon of 0 would make every fixed-term product look unsuitable).
 */
const HORIZON_BANDS = [
  { id: 'lt1y', months: 6, points: 0, label: t('1年以内', 'Less than 1 year') },
  { id: '1-3y', months: 12, points: 2, label: t('1–3年', '1 to 3 years') },
  { id: '3-5y', months: 36, points: 4, label: t('3–5年', '3 to 5 years') },
  { id: 'gt5y', months: 60, points: 6, label: t('5年以上', 'More than 5 years') }
] as const;

/** How much of the money must stay reachable at any time. */
const LIQUIDITY_BANDS: readonly { id: string; need: Liquidity; points: number; label: LocalizedText }[] = [
  { id: 'most', need: 'high', points: 0, label: t('大部分（一半以上）随时要用', 'Most of it (over half) must be available at any time') },
  { id: 'some', need: 'medium', points: 1, label: t('一部分（约20%–50%）', 'Some of it (about 20–50%)') },
  { id: 'little', need: 'low', points: 2, label: t('很少（20%以下）', 'Little of it (under 20%)') },
  { id: 'none', need: 'low', points: 3, label: t('不需要，我另有应急资金', 'None; I keep a separate emergency fund') }
];

const GOAL_LABELS: Record<Goal, LocalizedText> = {
  growth: t('追求资产增值', 'Grow my wealth'),
  income: t('获得稳定的收益', 'A steady income'),
  preservation: t('保本保值，跑赢通胀', 'Keep my money safe and ahead of inflation'),
  retirement: t('养老储备', 'Save for retirement'),
  education: t('子女教育', "Children's education"),
  home: t('购房或装修', 'Buy or renovate a home'),
  protection: t('家庭保障（保险）', 'Protect my family (insurance)'),
  travel: t('旅行等大额消费', 'Travel and other big spending'),
  cashback: t('日常消费返现、积分', 'Cashback and points on everyday spending')
};

/** Age bands (whole years) and their points: capacity for risk peaks in mid-career. */
const AGE_BANDS: NumberBand[] = [
  { min: 18, max: 29, points: 3 },
  { min: 30, max: 49, points: 4 },
  { min: 50, max: 59, points: 3 },
  { min: 60, max: 69, points: 1 },
  { min: 70, max: 100, points: 0 }
];

// ---------------------------------------------------------------------------------------------
// The questions
// ---------------------------------------------------------------------------------------------

export const QUESTIONS: readonly Question[] = [
  {
    id: 'age',
    kind: 'number',
    prompt: t('您的年龄是？', 'How old are you?'),
    help: t('请填写周岁年龄（18–100岁）。', 'Your age in whole years (18–100).'),
    options: [],
    min: 18,
    max: 100,
    integer: true,
    bands: AGE_BANDS,
    scored: true
  },
  {
    id: 'income',
    kind: 'single',
    prompt: t('您个人的税前年收入大约是多少？', 'What is your personal annual income before tax?'),
    options: INCOME_BANDS.map(({ id, label, points }) => ({ id, label, points })),
    scored: true
  },
  {
    id: 'assets',
    kind: 'single',
    prompt: t('您可用于投资的金融资产大约有多少？', 'About how much do you have in financial assets you could invest?'),
    help: t('包括存款、理财、基金、股票等，不含自住房产。', 'Deposits, wealth products, funds, shares and the like; not the home you live in.'),
    options: [
      { id: 'lt100k', label: t('10万元以下', 'Under ¥100,000'), points: 0 },
      { id: '100k-500k', label: t('10万–50万元', '¥100,000–500,000'), points: 1 },
      { id: '500k-1m', label: t('50万–100万元', '¥500,000–1 million'), points: 2 },
      { id: '1m-3m', label: t('100万–300万元', '¥1–3 million'), points: 3 },
      { id: 'gte3m', label: t('300万元及以上', '¥3 million or more'), points: 4 }
    ],
    scored: true
  },
  {
    id: 'debt',
    kind: 'single',
    prompt: t(
      '您每月还贷（房贷、车贷、信用卡分期等）约占收入的多少？',
      'How much of your monthly income goes to repaying debt (mortgage, car loan, card instalments)?'
    ),
    options: [
      { id: 'none', label: t('没有负债', 'I have no debt'), points: 3 },
      { id: 'lt20', label: t('20%以下', 'Under 20%'), points: 2 },
      { id: '20-50', label: t('20%–50%', '20% to 50%'), points: 1 },
      { id: 'gt50', label: t('50%以上', 'Over 50%'), points: 0 }
    ],
    scored: true
  },
  {
    id: 'experience',
    kind: 'single',
    prompt: t('以下哪一项最符合您的投资经验？', 'Which best describes your investment experience?'),
    help: t('请按您实际投资过的风险最高的产品选择。', 'Choose by the riskiest kind of investment you have actually held.'),
    options: [
      { id: 'none', label: t('除银行存款外，没有其他投资经验', 'None beyond bank deposits'), points: 0 },
      {
        id: 'basic',
        label: t('买过银行理财、货币基金或国债等低风险产品', 'Low-risk products only: bank wealth products, money-market funds, treasury bonds'),
        points: 2
      },
      {
        id: 'moderate',
        label: t('投资过债券基金、混合基金或股票，但不到3年', 'Bond or mixed funds, or shares, for less than 3 years'),
        points: 4
      },
      {
        id: 'extensive',
        label: t('投资股票、股票型基金等3年以上', 'Shares or equity funds for 3 years or more'),
        points: 6
      },
      {
        id: 'expert',
        label: t('交易过期货、期权、融资融券或私募基金等高风险产品', 'Futures, options, margin trading or private funds'),
        points: 8
      }
    ],
    scored: true
  },
  {
    id: 'knowledge',
    kind: 'single',
    prompt: t('您对金融产品及其风险的了解程度如何？', 'How well do you understand financial products and their risks?'),
    options: [
      { id: 'none', label: t('基本不了解', 'Hardly at all'), points: 0 },
      { id: 'basic', label: t('了解一些，知道存款和理财产品的区别', 'A little: I know how a deposit differs from a wealth product'), points: 1 },
      { id: 'good', label: t('比较了解，清楚基金、股票的收益和风险特点', 'Quite well: I understand how funds and shares earn and lose money'), points: 3 },
      { id: 'expert', label: t('非常了解，有金融专业背景或从业经验', 'Very well: I have studied or worked in finance'), points: 4 }
    ],
    scored: true
  },
  {
    id: 'horizon',
    kind: 'single',
    prompt: t('这笔钱您计划投资多长时间？', 'How long do you plan to keep this money invested?'),
    options: HORIZON_BANDS.map(({ id, label, points }) => ({ id, label, points })),
    scored: true
  },
  {
    id: 'liquidity',
    kind: 'single',
    prompt: t('这笔钱中有多少需要随时可以取用？', 'How much of this money must you be able to take out at any time?'),
    options: LIQUIDITY_BANDS.map(({ id, label, points }) => ({ id, label, points })),
    scored: true
  },
  {
    id: 'lossTolerance',
    kind: 'single',
    prompt: t('您最多能接受这笔投资亏损多少？', 'What is the largest loss on this investment you could accept?'),
    options: [
      { id: 'none', label: t('不能接受任何本金亏损', 'No loss of the money I put in'), points: 0 },
      { id: 'lt5', label: t('5%以内', 'Up to 5%'), points: 2 },
      { id: '5-15', label: t('5%–15%', '5% to 15%'), points: 4 },
      { id: '15-30', label: t('15%–30%', '15% to 30%'), points: 6 },
      { id: 'gt30', label: t('30%以上', 'More than 30%'), points: 8 }
    ],
    scored: true
  },
  {
    id: 'drop20',
    kind: 'single',
    prompt: t('如果您的投资在短期内下跌了20%，您会怎么做？', 'If your investment fell by 20% in a short time, what would you do?'),
    options: [
      { id: 'sellAll', label: t('全部卖出，避免继续亏损', 'Sell everything to stop the loss'), points: 0 },
      { id: 'sellSome', label: t('卖出一部分', 'Sell some of it'), points: 2 },
      { id: 'hold', label: t('继续持有，等待回升', 'Hold on and wait for it to recover'), points: 4 },
      { id: 'buyMore', label: t('趁低加仓', 'Buy more while it is cheap'), points: 6 }
    ],
    scored: true
  },
  {
    id: 'goals',
    kind: 'multi',
    prompt: t('您理财的主要目的是什么？（可多选）', 'What are your main goals? (choose all that apply)'),
    options: GOALS.map((g) => ({ id: g, label: GOAL_LABELS[g], points: 0 })),
    scored: false
  },
  {
    id: 'investAmount',
    kind: 'number',
    prompt: t('您通常每次打算投入多少钱（元）？', 'How much would you typically put into one product (CNY)?'),
    help: t('填一个大致的金额即可，例如 50000。', 'A rough figure is fine, e.g. 50000.'),
    options: [],
    min: 1,
    max: 1_000_000_000,
    integer: true,
    scored: false
  }
];

// ---------------------------------------------------------------------------------------------
// Scoring constants
// ---------------------------------------------------------------------------------------------

function maxPoints(q: Question): number {
  if (!q.scored) return 0;
  const pts = q.kind === 'number' ? (q.bands ?? []).map((b) => b.points) : q.options.map((o) => o.points);
  return Math.max(0, ...pts);
}

/** 50 with the questions above. */
export const MAX_SCORE: number = QUESTIONS.reduce((s, q) => s + maxPoints(q), 0);

/** The lowest score of each level: C1 0–10, C2 11–20, C3 21–30, C4 31–40, C5 41–50. */
export const LEVEL_THRESHOLDS: Readonly<Record<RiskLevelNumber, number>> = { 1: 0, 2: 11, 3: 21, 4: 31, 5: 41 };

export type CapCode = 'no_loss' | 'short_horizon' | 'no_experience' | 'age_70_plus';
export interface Cap {
  code: CapCode;
  maxLevel: RiskLevelNumber;
  applies: (a: Answers) => boolean;
  reason: LocalizedText;
}

/** Ceilings on the level, whatever the score; the lowest that applies wins. */
export const CAPS: readonly Cap[] = [
  {
    code: 'no_loss',
    maxLevel: 1,
    applies: (a) => a.lossTolerance === 'none',
    reason: t(`不能接受本金亏损，评级最高为${zhLabel(1)}。`, `You cannot accept any loss, so the level is at most ${enLabel(1)}.`)
  },
  {
    code: 'short_horizon',
    maxLevel: 2,
    applies: (a) => a.horizon === 'lt1y',
    reason: t(`投资期限不足1年，评级最高为${zhLabel(2)}。`, `The money is needed within a year, so the level is at most ${enLabel(2)}.`)
  },
  {
    code: 'no_experience',
    maxLevel: 3,
    applies: (a) => a.experience === 'none',
    reason: t(`没有投资经验，评级最高为${zhLabel(3)}。`, `With no investment experience the level is at most ${enLabel(3)}.`)
  },
  {
    code: 'age_70_plus',
    maxLevel: 3,
    applies: (a) => typeof a.age === 'number' && a.age >= 70,
    reason: t(`年满70周岁，评级最高为${zhLabel(3)}。`, `From age 70 the level is at most ${enLabel(3)}.`)
  }
];

export const RISK_LEVEL_LABELS: Record<RiskLevelNumber, LocalizedText> = {
  1: t(personLevelLabel(1, 'zh-CN'), enLabel(1)),
  2: t(personLevelLabel(2, 'zh-CN'), enLabel(2)),
  3: t(personLevelLabel(3, 'zh-CN'), enLabel(3)),
  4: t(personLevelLabel(4, 'zh-CN'), enLabel(4)),
  5: t(personLevelLabel(5, 'zh-CN'), enLabel(5))
};

/** The level a score maps to, before caps. */
export function levelForScore(score: number): RiskLevelNumber {
  const levels: RiskLevelNumber[] = [5, 4, 3, 2, 1];
  for (const level of levels) if (score >= LEVEL_THRESHOLDS[level]) return level;
  return 1;
}

// ---------------------------------------------------------------------------------------------
// Validation of answers
// ---------------------------------------------------------------------------------------------

function isBlank(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function optionList(q: Question): string {
  return q.options.map((o) => o.id).join(', ');
}

/**
 * Answers checked against {@link QUESTIONS}: every question answered, option ids known, numbers in range
 * (and whole where asked). Keys that are not question ids (e.g. left over from an older version of the
 * questionnaire) are dropped, not refused.
 */
export const AnswersSchema = z.record(z.string(), z.unknown(), { error: 'answers must be an object keyed by question id' }).transform((raw, ctx): Answers => {
  const out: Answers = {};
  const fail = (q: Question, message: string) => {
    ctx.addIssue({ code: 'custom', path: [q.id], message, input: raw[q.id] });
  };
  for (const q of QUESTIONS) {
    const v = raw[q.id];
    if (isBlank(v)) {
      fail(q, `not answered ("${q.prompt.en}")`);
      continue;
    }
    if (q.kind === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        fail(q, `must be a number, got ${JSON.stringify(v)}`);
      } else if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max)) {
        fail(q, `must be between ${q.min ?? '-∞'} and ${q.max ?? '∞'}, got ${v}`);
      } else if (q.integer && !Number.isInteger(v)) {
        fail(q, `must be a whole number, got ${v}`);
      } else {
        out[q.id] = v;
      }
    } else if (q.kind === 'single') {
      if (typeof v !== 'string') {
        fail(q, `must be one option id (${optionList(q)}), got ${JSON.stringify(v)}`);
      } else if (!q.options.some((o) => o.id === v)) {
        fail(q, `unknown option "${v}"; expected one of ${optionList(q)}`);
      } else {
        out[q.id] = v;
      }
    } else {
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
        fail(q, `must be a list of option ids (${optionList(q)}), got ${JSON.stringify(v)}`);
        continue;
      }
      const ids = v as string[];
      const unknown = ids.filter((id) => !q.options.some((o) => o.id === id));
      if (unknown.length) {
        fail(q, `unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; expected among ${optionList(q)}`);
      } else if (new Set(ids).size !== ids.length) {
        fail(q, 'an option is chosen more than once');
      } else {
        out[q.id] = [...ids];
      }
    }
  }
  return out;
});

// ---------------------------------------------------------------------------------------------
// The result
// ---------------------------------------------------------------------------------------------

export interface QuestionnaireResult {
  version: number;
  answers: Answers;
  score: number;
  maxScore: number;
  riskLevel: RiskLevelNumber;
  /** the level the score alone gives; differs from riskLevel when a cap applied */
  uncappedLevel?: RiskLevelNumber;
  /** the caps whose conditions the answers met (binding or not) */
  caps?: CapCode[];
  /** ISO-8601 */
  takenAt: string;
  /** ISO-8601, one calendar year after takenAt */
  expiresAt: string;
  /** age, annualIncome (lower bound of the band), horizonMonths, goals, liquidityNeed, investAmount */
  profile: Partial<Profile>;
}

const LevelSchema = z.literal([1, 2, 3, 4, 5], { error: 'risk level must be 1-5' });
const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 timestamp' });

/** A stored result, checked structurally (answers are not re-checked against the current questions). */
export const QuestionnaireResultSchema = z.object({
  version: z.number().int().min(1),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number()])),
  score: z.number().finite().min(0),
  maxScore: z.number().finite().positive(),
  riskLevel: LevelSchema,
  uncappedLevel: LevelSchema.optional(),
  caps: z.array(z.enum(['no_loss', 'short_horizon', 'no_experience', 'age_70_plus'])).optional(),
  takenAt: isoDate,
  expiresAt: isoDate,
  profile: ProfileSchema.partial()
});

// compile-time check that the schema and the interface agree
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatches: Same<z.infer<typeof QuestionnaireResultSchema>, QuestionnaireResult> = true;
void schemaMatches;

/** Same UTC time one calendar year later; a day missing in that month becomes its last day (Feb 29 -> Feb 28). */
export function addOneYear(d: Date): Date {
  const y = d.getUTCFullYear() + 1;
  const m = d.getUTCMonth();
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const out = new Date(d.getTime());
  out.setUTCFullYear(y, m, Math.min(d.getUTCDate(), lastDay));
  return out;
}

function pointsFor(q: Question, v: string | string[] | number): number {
  if (!q.scored) return 0;
  if (q.kind === 'number') {
    return typeof v === 'number' ? ((q.bands ?? []).find((b) => v >= b.min && v <= b.max)?.points ?? 0) : 0;
  }
  const chosen = Array.isArray(v) ? v : [v];
  return Math.max(0, ...q.options.filter((o) => chosen.includes(o.id)).map((o) => o.points));
}

function profileFrom(a: Answers): Partial<Profile> {
  const profile: Partial<Profile> = {};
  if (typeof a.age === 'number') profile.age = a.age;
  const income = INCOME_BANDS.find((b) => b.id === a.income);
  if (income) profile.annualIncome = income.lower;
  const horizon = HORIZON_BANDS.find((b) => b.id === a.horizon);
  if (horizon) profile.horizonMonths = horizon.months;
  if (Array.isArray(a.goals)) profile.goals = GOALS.filter((g) => (a.goals as string[]).includes(g));
  const liquidity = LIQUIDITY_BANDS.find((b) => b.id === a.liquidity);
  if (liquidity) profile.liquidityNeed = liquidity.need;
  if (typeof a.investAmount === 'number') profile.investAmount = a.investAmount;
  const loss = LOSS_TOLERANCES.find((l) => l === a.lossTolerance);
  if (loss) profile.lossTolerance = loss;
  return profile;
}

/** Check the answers, score them, apply the caps, and date the result. */
export function scoreQuestionnaire(answers: unknown, takenAt: Date): Result<QuestionnaireResult> {
  if (!(takenAt instanceof Date) || Number.isNaN(takenAt.getTime())) {
    return { ok: false, error: 'takenAt must be a valid date' };
  }
  const parsed = parseWith(AnswersSchema, answers);
  if (!parsed.ok) return parsed;
  const a = parsed.value;

  let score = 0;
  for (const q of QUESTIONS) {
    const v = a[q.id];
    if (v !== undefined) score += pointsFor(q, v);
  }
  const uncappedLevel = levelForScore(score);
  const caps = CAPS.filter((c) => c.applies(a));
  const riskLevel = caps.reduce<RiskLevelNumber>((lvl, c) => (c.maxLevel < lvl ? c.maxLevel : lvl), uncappedLevel);

  return {
    ok: true,
    value: {
      version: QUESTIONNAIRE_VERSION,
      answers: a,
      score,
      maxScore: MAX_SCORE,
      riskLevel,
      uncappedLevel,
      caps: caps.map((c) => c.code),
      takenAt: takenAt.toISOString(),
      expiresAt: addOneYear(takenAt).toISOString(),
      profile: profileFrom(a)
    }
  };
}

/** Expired from `expiresAt` on (inclusive); an unreadable date counts as expired. */
export function isExpired(result: QuestionnaireResult, now: Date): boolean {
  const expires = Date.parse(result.expiresAt);
  return Number.isNaN(expires) || now.getTime() >= expires;
}

/**
 * The profile the engine should use: the base profile with the questionnaire's fields and level merged in.
 * With no result, or an expired one, the level is null (unassessed), whatever the base profile says.
 */
export function effectiveProfile(base: Profile, latest: QuestionnaireResult | null, now: Date): Profile {
  if (!latest || isExpired(latest, now)) return { ...base, riskLevel: null };
  const merged: Profile = { ...base, riskLevel: latest.riskLevel };
  for (const [key, value] of Object.entries(latest.profile)) {
    if (key !== 'riskLevel' && value !== undefined) Object.assign(merged, { [key]: value });
  }
  return merged;
}
