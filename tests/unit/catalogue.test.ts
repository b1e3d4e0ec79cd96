import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import { PRODUCT_KINDS, type Product } from '../../src/lib/domain/product';
import { GOALS } from '../../src/lib/domain/profile';
import { allocate, generateCatalogue, parseArgs, serialiseCatalogue, SUBTYPES_BY_KIND } from '../../models/catalogue/generate';

const ROOT = resolve(__dirname, '../..');
const FILE = join(ROOT, 'src/lib/server/demo-catalogue.json');

/** The subtypes the brief asks for, written out here independently of the generator. */
const EXPECTED_SUBTYPES: Record<string, readonly string[]> = {
  deposit: ['demand', 'time', 'large_cd'],
  wealth: ['cash_management', 'fixed_income', 'mixed'],
  fund: ['money_market', 'bond', 'mixed', 'equity', 'index', 'qdii', 'esg'],
  bond: ['treasury', 'local_government', 'corporate'],
  insurance: ['critical_illness', 'medical', 'accident', 'term_life', 'annuity', 'education'],
  credit_card: ['travel', 'cashback', 'student', 'premium', 'co_branded'],
  loan: ['mortgage', 'car', 'personal', 'renovation', 'small_business']
};

/** allowed R levels per kind/subtype */
const RISK: Record<string, readonly number[]> = {
  'deposit/demand': [1],
  'deposit/time': [1],
  'deposit/large_cd': [1],
  'wealth/cash_management': [1, 2],
  'wealth/fixed_income': [2],
  'wealth/mixed': [3],
  'fund/money_market': [1],
  'fund/bond': [2],
  'fund/mixed': [3],
  'fund/equity': [4],
  'fund/index': [4],
  'fund/qdii': [4, 5],
  'fund/esg': [3, 4],
  'bond/treasury': [1],
  'bond/local_government': [1, 2],
  'bond/corporate': [2, 3],
  'insurance/critical_illness': [1, 2],
  'insurance/medical': [1, 2],
  'insurance/accident': [1, 2],
  'insurance/term_life': [1, 2],
  'insurance/annuity': [2],
  'insurance/education': [2],
  'credit_card/travel': [1, 2],
  'credit_card/cashback': [1, 2],
  'credit_card/student': [1, 2],
  'credit_card/premium': [1, 2],
  'credit_card/co_branded': [1, 2],
  'loan/mortgage': [1, 2],
  'loan/car': [1, 2],
  'loan/personal': [1, 2],
  'loan/renovation': [1, 2],
  'loan/small_business': [1, 2]
};

/** plausible 2026 annual % for CNY products: expectedReturn, or apr for cards and loans */
const RETURN: Record<string, [number, number]> = {
  'deposit/demand': [0.05, 0.15],
  'deposit/time': [0.9, 1.9],
  'deposit/large_cd': [1.5, 2.1],
  'wealth/cash_management': [1.2, 2.0],
  'wealth/fixed_income': [2.0, 3.5],
  'wealth/mixed': [3, 6],
  'fund/money_market': [1.2, 1.8],
  'fund/bond': [2, 3.5],
  'fund/mixed': [3, 6],
  'fund/equity': [5, 9],
  'fund/index': [5, 9],
  'fund/qdii': [5, 10],
  'fund/esg': [3, 9],
  'bond/treasury': [1.6, 2.3],
  'bond/local_government': [1.6, 2.6],
  'bond/corporate': [2, 4.5],
  'insurance/annuity': [2.0, 2.5],
  'insurance/education': [1.8, 2.5]
};
const APR: Record<string, [number, number]> = {
  'loan/mortgage': [3.05, 3.5],
  'loan/car': [3, 6],
  'loan/personal': [3.2, 10],
  'loan/renovation': [3.5, 6],
  'loan/small_business': [3.5, 5],
  'credit_card/travel': [14, 18.25],
  'credit_card/cashback': [14, 18.25],
  'credit_card/student': [14, 18.25],
  'credit_card/premium': [14, 18.25],
  'credit_card/co_branded': [14, 18.25]
};

const key = (p: Product): string => `${p.kind}/${p.subtype}`;
const CJK = /[\u3400-\u9fff]/;

const committedText = readFileSync(FILE, 'utf8');
const committed = JSON.parse(committedText) as { version: number; generatedAt: string; products: Product[] };
const products = committed.products;

describe('demo catalogue file', () => {
  it('is exactly generateCatalogue({ seed: 2026, count: 320 }), pretty-printed', () => {
    const fresh = generateCatalogue({ seed: 2026, count: 320 });
    expect(committed).toEqual(fresh);
    expect(committedText).toBe(serialiseCatalogue(fresh));
    expect(committed.version).toBe(1);
    expect(committed.generatedAt).toBe('2026-11-01T00:00:00.000Z');
  });

  it('validates against CatalogueSchema', () => {
    const r = CatalogueSchema.safeParse(committed);
    expect(r.success ? 'ok' : r.error.issues.slice(0, 3)).toBe('ok');
  });

  it('has at least 300 products with unique, stable-looking ids', () => {
    expect(products.length).toBeGreaterThanOrEqual(300);
    const ids = products.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z0-9]+)+-\d{3,}$/);
  });

  it('covers all seven kinds and every subtype, each several times', () => {
    expect(new Set(products.map((p) => p.kind))).toEqual(new Set(PRODUCT_KINDS));
    for (const [kind, subtypes] of Object.entries(EXPECTED_SUBTYPES)) {
      expect([...SUBTYPES_BY_KIND[kind as keyof typeof SUBTYPES_BY_KIND]].sort()).toEqual([...subtypes].sort());
      for (const subtype of subtypes) {
        const n = products.filter((p) => p.kind === kind && p.subtype === subtype).length;
        expect(n, `${kind}/${subtype}`).toBeGreaterThanOrEqual(4);
      }
    }
    const unexpected = products.filter((p) => !EXPECTED_SUBTYPES[p.kind]?.includes(p.subtype));
    expect(unexpected.map((p) => p.id)).toEqual([]);
  });

  it('has natural text in both languages', () => {
    for (const p of products) {
      for (const field of [p.name, p.description]) {
        expect(field['zh-CN'].length, p.id).toBeGreaterThan(3);
        expect(field.en.length, p.id).toBeGreaterThan(3);
        expect(CJK.test(field['zh-CN']), p.id).toBe(true);
        expect(CJK.test(field.en), `${p.id}: ${field.en}`).toBe(false);
        expect(field.en, p.id).not.toMatch(/undefined|NaN|null|\[object/);
        expect(field['zh-CN'], p.id).not.toMatch(/undefined|NaN|null|\[object/);
      }
      // one or two sentences, starting with a capital, ending with a full stop
      const en = p.description.en;
      expect(en, p.id).toMatch(/^[A-Z0-9].*\.$/);
      expect(en.split(/(?<=[a-z0-9)]\.) (?=[A-Z])/).length, en).toBeLessThanOrEqual(2);
      const zh = p.description['zh-CN'];
      expect(zh.endsWith('。'), zh).toBe(true);
      expect(zh.split('。').filter(Boolean).length, zh).toBeLessThanOrEqual(2);
    }
  });

  it('has risk levels consistent with the subtype', () => {
    for (const p of products) expect(RISK[key(p)], `${p.id} R${p.riskLevel}`).toContain(p.riskLevel);
    expect(products.some((p) => p.kind === 'fund' && p.subtype === 'equity' && p.riskLevel < 4)).toBe(false);
  });

  it('has plausible rates, amounts, terms and liquidity', () => {
    for (const p of products) {
      const k = key(p);
      const ret = RETURN[k];
      if (ret && p.currency === 'CNY') {
        expect(p.expectedReturn, p.id).not.toBeNull();
        expect(p.expectedReturn ?? -1, p.id).toBeGreaterThanOrEqual(ret[0]);
        expect(p.expectedReturn ?? 99, p.id).toBeLessThanOrEqual(ret[1]);
      }
      const apr = APR[k];
      if (apr) {
        expect(p.apr ?? -1, p.id).toBeGreaterThanOrEqual(apr[0]);
        expect(p.apr ?? 99, p.id).toBeLessThanOrEqual(apr[1]);
        expect(p.expectedReturn, p.id).toBeNull();
      } else {
        expect(p.apr, p.id).toBeNull();
      }
      if (p.kind === 'credit_card') expect(p.annualFee, p.id).not.toBeNull();
      if (p.kind === 'insurance' && p.subtype !== 'annuity' && p.subtype !== 'education') expect(p.expectedReturn, p.id).toBeNull();
      if (p.subtype === 'large_cd') expect(p.minAmount).toBe(200000);
      if (p.subtype === 'money_market') expect(p.minAmount).toBe(1);
      if (p.kind === 'fund' && p.subtype !== 'money_market') expect([1, 10, 100]).toContain(p.minAmount);
      if (p.subtype === 'demand' || p.subtype === 'money_market' || p.subtype === 'cash_management') {
        expect(p.liquidity).toBe('high');
        expect(p.termMonths).toBeNull();
      }
      if (p.subtype === 'time' || p.subtype === 'annuity' || p.subtype === 'mortgage') expect(p.liquidity).toBe('low');
      expect(p.popularity, p.id).toBeGreaterThanOrEqual(0);
      expect(p.popularity, p.id).toBeLessThanOrEqual(1);
      expect(p.demo, p.id).toBe(true);
    }
  });

  it('uses USD only for QDII funds and dollar deposits, and only a few times', () => {
    const usd = products.filter((p) => p.currency !== 'CNY');
    expect(usd.length).toBeGreaterThan(0);
    expect(usd.length).toBeLessThan(products.length / 10);
    for (const p of usd) {
      expect(p.currency).toBe('USD');
      expect(['fund/qdii', 'deposit/time']).toContain(key(p));
    }
  });

  it('sets eligibility where it matters', () => {
    for (const p of products) {
      const e = p.eligibility;
      if (p.kind === 'credit_card') {
        expect(e.minAge, p.id).toBe(18);
        if (p.subtype === 'student') expect(e.maxAge, p.id).toBe(30);
      }
      if (p.kind === 'loan') {
        expect(e.minAge, p.id).toBe(18);
        expect(e.maxAge ?? 999, p.id).toBeLessThanOrEqual(65);
        expect(e.minIncome ?? 0, p.id).toBeGreaterThan(0);
      }
      if (p.kind === 'insurance') {
        expect(e.minAge, p.id).toBeDefined();
        expect(e.maxAge, p.id).toBeDefined();
      }
      if (p.kind === 'deposit') expect(e).toEqual({});
    }
  });

  it('tags products with lowercase tags, and every goal word is used', () => {
    for (const p of products) for (const t of p.tags) expect(t).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const all = new Set(products.flatMap((p) => p.tags));
    for (const g of GOALS) expect(all.has(g), g).toBe(true);
    for (const t of ['low-risk', 'flexible', 'tax-advantaged', 'esg', 'global']) expect(all.has(t), t).toBe(true);
    const has = (k: string, tag: string): boolean => products.filter((p) => key(p) === k).every((p) => p.tags.includes(tag));
    expect(has('fund/equity', 'growth')).toBe(true);
    expect(has('fund/esg', 'esg')).toBe(true);
    expect(has('insurance/annuity', 'retirement')).toBe(true);
    expect(has('insurance/education', 'education')).toBe(true);
    expect(has('loan/mortgage', 'home')).toBe(true);
    expect(has('credit_card/cashback', 'cashback')).toBe(true);
    expect(has('insurance/critical_illness', 'protection')).toBe(true);
  });

  it('makes everyday products more popular than niche ones', () => {
    const mean = (k: string): number => {
      const xs = products.filter((p) => key(p) === k).map((p) => p.popularity as number);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean('deposit/demand')).toBeGreaterThan(mean('fund/equity'));
    expect(mean('fund/money_market')).toBeGreaterThan(mean('bond/corporate'));
    expect(mean('fund/money_market')).toBeGreaterThan(mean('credit_card/premium'));
  });
});

describe('generateCatalogue', () => {
  it('is deterministic in the seed', () => {
    expect(generateCatalogue({ seed: 7, count: 200 })).toEqual(generateCatalogue({ seed: 7, count: 200 }));
    expect(generateCatalogue({ seed: 7, count: 200 })).not.toEqual(generateCatalogue({ seed: 8, count: 200 }));
  });

  it('keeps the first products of every subtype when the count grows', () => {
    const small = generateCatalogue({ seed: 2026, count: 320 }).products;
    const big = new Map(generateCatalogue({ seed: 2026, count: 1000 }).products.map((p) => [p.id, p]));
    for (const p of small) expect(big.get(p.id)).toEqual(p);
  });

  it('generates 10,000 valid products with unique ids', () => {
    const c = generateCatalogue({ seed: 2026, count: 10_000 });
    expect(c.products).toHaveLength(10_000);
    const r = CatalogueSchema.safeParse(c);
    expect(r.success ? 'ok' : r.error.issues.slice(0, 3)).toBe('ok');
    for (const p of c.products) expect(RISK[key(p)], p.id).toContain(p.riskLevel);
  });

  it('generates 100,000 products, ids unique', () => {
    const c = generateCatalogue({ seed: 1, count: 100_000 });
    expect(c.products).toHaveLength(100_000);
    expect(new Set(c.products.map((p) => p.id)).size).toBe(100_000);
  });

  it('handles small and empty counts, and rejects bad options', () => {
    expect(generateCatalogue({ seed: 1, count: 0 }).products).toEqual([]);
    expect(generateCatalogue({ seed: 1, count: 7 }).products).toHaveLength(7);
    const c = generateCatalogue({ seed: 1, count: 32 });
    expect(new Set(c.products.map(key)).size).toBe(32);
    expect(() => generateCatalogue({ seed: 1, count: -1 })).toThrow();
    expect(() => generateCatalogue({ seed: 1, count: 1.5 })).toThrow();
    expect(() => generateCatalogue({ seed: 0.5, count: 1 })).toThrow();
  });

  it('allocates by weight, exactly, at least one each when it can', () => {
    expect(allocate(10, [1, 1, 8])).toEqual([1, 1, 8]);
    expect(allocate(3, [1, 1, 98])).toEqual([1, 1, 1]);
    expect(allocate(2, [1, 1, 98])).toEqual([0, 0, 2]);
    for (const n of [0, 1, 99, 320, 12345]) expect(allocate(n, [3, 5, 7, 11]).reduce((a, b) => a + b, 0)).toBe(n);
  });
});

describe('command line', () => {
  it('parses arguments and refuses bad ones', () => {
    expect(parseArgs([])).toEqual({ count: 320, seed: 2026, out: 'src/lib/server/demo-catalogue.json' });
    expect(parseArgs(['--count', '10', '--seed=-3', '--out', 'x.json'])).toEqual({ count: 10, seed: -3, out: 'x.json' });
    for (const bad of [['--count'], ['--count', 'ten'], ['--count', '-1'], ['--seed', '1.5'], ['--out', ''], ['--what']]) {
      expect(() => parseArgs(bad), bad.join(' ')).toThrow();
    }
  });

  it('writes the file silently and fails with exit 1 on bad arguments', () => {
    const tsx = join(ROOT, 'node_modules/.bin/tsx');
    const script = join(ROOT, 'models/catalogue/generate.ts');
    const dir = mkdtempSync(join(tmpdir(), 'candor-cat-'));
    try {
      const out = join(dir, 'c.json');
      const ok = spawnSync(tsx, [script, '--count', '40', '--seed', '9', '--out', out], { encoding: 'utf8' });
      expect(ok.status).toBe(0);
      expect(ok.stdout).toBe('');
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(generateCatalogue({ seed: 9, count: 40 }));
      const bad = spawnSync(tsx, [script, '--count', 'lots'], { encoding: 'utf8' });
      expect(bad.status).toBe(1);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(/--count/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
