import type { LocalizedText, Product, ProductKind } from '../domain/product';
import { GOALS } from '../domain/profile';
import { PRODUCT_RISK_NAMES } from '../domain/risk-names';
import { GOAL_NAMES, KIND_NAMES } from '../vocab/names';
import { KIND_TERMS } from '../vocab/kinds';
import { GOAL_TERMS, subtypeWords } from '../vocab/search-terms';
import { normalise } from '../vocab/text';

/**
 * Lexical query matching, zh and en, no model needed.
 *
 * A query is read in two passes:
 * 1. concepts — known words in either language that name a product kind ("基金"/"fund"),
 *    a risk ("低风险"/"low risk"), liquidity ("随时可取"/"anytime"), a return wish
 *    ("高收益"/"high yield") or a goal ("养老"/"retirement"). A concept is tested against the
 *    product's structured fields (kind, riskLevel, liquidity, tags), not its prose.
 * 2. the rest — English words (stop words dropped) and, because Chinese has no spaces,
 *    Chinese bigrams (common function characters dropped), each looked up as a substring of
 *    the product's text: zh/en name and description, tags, kind and subtype words, issuer.
 *
 * A product matches when the query names kinds and the product is one of them; when it
 * names none, when at least half of the query's weight matches.
 */

const hasCjk = (s: string): boolean => /[\u3400-\u9fff]/.test(s);

interface Concept {
  id: string;
  kind?: ProductKind;
  terms: readonly string[];
  test: (p: Product) => boolean;
}

/** a catalogue's riskLevel is a plain number: a level outside 1–5 has no name */
const RISK_NAMES: Readonly<Record<number, LocalizedText | undefined>> = PRODUCT_RISK_NAMES;

const tagSet = (p: Product): Set<string> => new Set(p.tags.map((t) => normalise(t)));

const CONCEPTS: readonly Concept[] = [
  ...(Object.keys(KIND_TERMS) as ProductKind[]).map((kind): Concept => ({
    id: `kind:${kind}`,
    kind,
    terms: KIND_TERMS[kind],
    test: (p) => p.kind === kind || (kind === 'bond' && p.kind === 'fund' && p.subtype.toLowerCase().includes('bond'))
  })),
  {
    id: 'risk:low',
    terms: ['低风险', '风险低', '风险小', '稳健', '安全', '保守', 'low risk', 'lower risk', 'no risk', 'safe', 'safer', 'conservative', 'stable'],
    test: (p) => p.riskLevel <= 2 || tagSet(p).has('low risk')
  },
  {
    id: 'risk:medium',
    terms: ['中风险', '中等风险', '平衡', 'medium risk', 'moderate risk', 'moderate', 'balanced'],
    test: (p) => p.riskLevel === 3
  },
  {
    id: 'risk:high',
    terms: ['高风险', '进取', '激进', 'high risk', 'aggressive'],
    test: (p) => p.riskLevel >= 4
  },
  {
    id: 'return:high',
    terms: ['高收益', '收益高', '高回报', '回报高', 'high return', 'high returns', 'high yield', 'higher return', 'higher returns', 'best return'],
    test: (p) => (p.expectedReturn ?? 0) >= 3.5 || tagSet(p).has('growth') || tagSet(p).has('high return')
  },
  {
    id: 'liquidity:high',
    terms: ['随时', '随取', '灵活', '活期', '流动性', '可取', 'anytime', 'any time', 'flexible', 'liquid', 'withdraw', 'withdrawal'],
    test: (p) => p.liquidity === 'high' || tagSet(p).has('flexible')
  },
  ...GOALS.map((g): Concept => ({
    id: `goal:${g}`,
    terms: GOAL_TERMS[g],
    test: (p) => tagSet(p).has(g)
  }))
];

const EN_STOP = new Set(
  (
    'a an the i im me my we our you your to for of in on at by from and or with without can could would should will ' +
    'want wanna need needs looking look some any something that this these is are be it its which what how where who ' +
    'product products please recommend recommendation show find give get like put money invest investing investment ' +
    'invests more less very really just also so if then than but not do does dont one ones kind type'
  ).split(' ')
);

/** Characters too common in Chinese requests to carry meaning on their own. */
const ZH_STOP = new Set(Array.from('我你您他她的了吗呢吧啊呀想要请给帮个一些有在和与或及把被是能可以买投资钱元块万千百点多少好最找看推荐产品什么哪样种款用让'));

const CONCEPT_WEIGHT = { kind: 1, other: 0.7 };
const WORD_WEIGHT = 0.6;
const BIGRAM_WEIGHT = 0.4;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function containsTerm(text: string, term: string): boolean {
  if (hasCjk(term)) return text.includes(term);
  return new RegExp(`(^|[^a-z0-9])${escapeRegExp(term)}([^a-z0-9]|$)`).test(text);
}

export interface QueryAnalysis {
  /** the query as the person typed it */
  raw: string;
  /** concepts found, in a fixed order */
  concepts: readonly { id: string; kind?: ProductKind; term: string }[];
  /** kinds the query names */
  kinds: readonly ProductKind[];
  /** leftover English words */
  words: readonly string[];
  /** leftover Chinese bigrams */
  bigrams: readonly string[];
  /** true when nothing in the query can be matched */
  empty: boolean;
}

export function analyseQuery(raw: string): QueryAnalysis {
  const q = normalise(raw);
  const concepts: { id: string; kind?: ProductKind; term: string }[] = [];
  const used: string[] = [];
  for (const c of CONCEPTS) {
    // the longest term of a concept that occurs names it
    const hit = [...c.terms].sort((a, b) => b.length - a.length).find((t) => containsTerm(q, t));
    if (hit !== undefined) {
      concepts.push(c.kind !== undefined ? { id: c.id, kind: c.kind, term: hit } : { id: c.id, term: hit });
      for (const t of c.terms) if (containsTerm(q, t)) used.push(t);
    }
  }
  let rest = ` ${q} `;
  for (const t of [...new Set(used)].sort((a, b) => b.length - a.length)) {
    rest = hasCjk(t) ? rest.split(t).join(' ') : rest.replace(new RegExp(`(^|[^a-z0-9])${escapeRegExp(t)}(?=[^a-z0-9]|$)`, 'g'), '$1 ');
  }
  const words = [...new Set((rest.match(/[a-z0-9]+/g) ?? []).filter((w) => w.length >= 2 && !/^\d+$/.test(w) && !EN_STOP.has(w)))];
  const bigrams: string[] = [];
  for (const run of rest.match(/[\u3400-\u9fff]+/g) ?? []) {
    let part = '';
    const flush = (): void => {
      for (let i = 0; i + 1 < part.length; i++) bigrams.push(part.slice(i, i + 2));
      part = '';
    };
    for (const ch of run) {
      if (ZH_STOP.has(ch)) flush();
      else part += ch;
    }
    flush();
  }
  const kinds = concepts.flatMap((c) => (c.kind !== undefined ? [c.kind] : []));
  const uniqBigrams = [...new Set(bigrams)];
  return {
    raw,
    concepts,
    kinds,
    words,
    bigrams: uniqBigrams,
    empty: concepts.length === 0 && words.length === 0 && uniqBigrams.length === 0
  };
}

/** A product's document, made once per product object (products are never changed in place). */
const documents = new WeakMap<Product, string>();

/** Everything a query may be matched against, normalised, both languages. */
export function productDocument(p: Product): string {
  const known = documents.get(p);
  if (known !== undefined) return known;
  const doc = buildDocument(p);
  documents.set(p, doc);
  return doc;
}

function buildDocument(p: Product): string {
  const parts = [
    p.name['zh-CN'],
    p.name.en,
    p.description['zh-CN'],
    p.description.en,
    ...p.tags,
    ...p.tags.flatMap((t) => {
      const g = GOALS.find((x) => x === t.toLowerCase());
      return g ? [GOAL_NAMES[g]['zh-CN']] : [];
    }),
    KIND_NAMES[p.kind]['zh-CN'],
    KIND_NAMES[p.kind].en,
    p.kind,
    subtypeWords(p.subtype),
    p.issuer,
    p.issuerName?.en ?? '',
    RISK_NAMES[p.riskLevel]?.['zh-CN'] ?? '',
    RISK_NAMES[p.riskLevel]?.en ?? '',
    `r${p.riskLevel}`
  ];
  return ` ${normalise(parts.join(' '))} `;
}

export interface QueryMatch {
  matched: boolean;
  /** matched weight / total weight of the query, in [0, 1] */
  score: number;
  /** the query terms this product matched */
  terms: string[];
}

/** The document's latin words, once per product (a catalogue search asks 20,000 of them at a keystroke). */
const documentWords = new WeakMap<Product, ReadonlySet<string>>();
function wordsOf(p: Product): ReadonlySet<string> {
  let words = documentWords.get(p);
  if (!words) documentWords.set(p, (words = new Set(productDocument(p).match(/[a-z0-9]+/g) ?? [])));
  return words;
}

export function matchQuery(p: Product, qa: QueryAnalysis): QueryMatch {
  if (qa.empty) return { matched: false, score: 0, terms: [] };
  const doc = productDocument(p);
  let total = 0;
  let got = 0;
  const terms: string[] = [];
  let kindOk = false;
  for (const c of qa.concepts) {
    const concept = CONCEPTS.find((x) => x.id === c.id);
    const w = c.kind !== undefined ? CONCEPT_WEIGHT.kind : CONCEPT_WEIGHT.other;
    total += w;
    if (concept?.test(p)) {
      got += w;
      terms.push(c.term);
      if (c.kind !== undefined) kindOk = true;
    }
  }
  const docWords = qa.words.length > 0 ? wordsOf(p) : null;
  for (const word of qa.words) {
    total += WORD_WEIGHT;
    const singular = word.length > 3 && word.endsWith('s') ? word.slice(0, -1) : word;
    if (docWords?.has(word) || docWords?.has(singular) || docWords?.has(`${word}s`) || (word.length >= 4 && doc.includes(word))) {
      got += WORD_WEIGHT;
      terms.push(word);
    }
  }
  for (const bg of qa.bigrams) {
    total += BIGRAM_WEIGHT;
    if (doc.includes(bg)) {
      got += BIGRAM_WEIGHT;
      terms.push(bg);
    }
  }
  const score = total > 0 ? got / total : 0;
  const matched = qa.kinds.length > 0 ? kindOk : got > 0 && score >= 0.5;
  return { matched, score, terms };
}
