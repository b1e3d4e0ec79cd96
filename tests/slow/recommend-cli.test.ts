import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { serializeFactors } from '../../src/lib/cf/artifact';
import { easeModel } from '../../src/lib/cf/ease';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import { EventSchema } from '../../src/lib/domain/event';
import { ProfileSchema, type Profile } from '../../src/lib/domain/profile';
import { passesGate } from '../../src/lib/domain/suitability';
import { recommend, REASON_CODES } from '../../src/lib/engine/index';
import { fixtureCatalogue, fixturePath } from '../fixtures/engine/fixtures';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCRIPT = resolve(ROOT, 'src/cli/recommend.ts');
const F = (name: string): string => fixturePath(name);
const NOW = '2025-02-01T00:00:00Z';

function run(args: string[], cwd = ROOT): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', TSX_LOADER, SCRIPT, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The contract (docs/contracts.md), exactly: no other keys. */
const Output = z.strictObject({
  items: z.array(
    z.strictObject({
      productId: z.string().min(1),
      score: z.number().finite(),
      reasons: z
        .array(z.strictObject({ code: z.enum(REASON_CODES), text: z.string().min(1) }))
        .min(1)
        .max(3)
    })
  )
});

const base = ['--catalogue', F('catalogue.json'), '--now', NOW];
const tmp = mkdtempSync(join(tmpdir(), 'candor-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function expectOneLineError(r: { code: number | null; stdout: string; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

describe('recommend CLI', { timeout: 60_000 }, () => {
  it('prints contract JSON', () => {
    const r = run(['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), ...base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    const out = Output.parse(JSON.parse(r.stdout));
    expect(out.items).toHaveLength(10);
    const known = new Map(fixtureCatalogue().map((p) => [p.id, p]));
    out.items.forEach((it, i) => {
      const p = known.get(it.productId);
      expect(p).toBeDefined();
      expect(p!.riskLevel).toBeLessThanOrEqual(3);
      if (i > 0) expect(it.score).toBeLessThanOrEqual(out.items[i - 1]!.score);
    });
    const ids = out.items.map((i) => i.productId);
    expect(ids).not.toContain('fund-equity'); // dismissed (and R4)
    expect(ids).not.toContain('dep-time-1y'); // bought
    // profile-c3 has locale en
    expect(out.items.flatMap((i) => i.reasons.map((x) => x.text)).join(' ')).not.toMatch(/[\u4e00-\u9fff]{3}/);
    const similar = out.items.flatMap((i) => i.reasons).find((x) => x.code === 'similar_to' && x.text.includes('Pure bond fund A'));
    expect(similar?.text).toBe('Similar to the Pure bond fund A you saved');
  });

  it('reads a signed envelope like a plain catalogue, and defaults to zh-CN text', () => {
    const args = ['--profile', F('profile-unassessed.json'), '--events', F('events.jsonl'), '--now', NOW, '--k', '4'];
    const plain = run([...args, '--catalogue', F('catalogue.json')]);
    const signed = run([...args, '--catalogue', F('catalogue-signed.json')]);
    expect(plain.code).toBe(0);
    expect(signed.code).toBe(0);
    expect(signed.stdout).toBe(plain.stdout);
    const out = Output.parse(JSON.parse(plain.stdout));
    expect(out.items).toHaveLength(4);
    for (const it of out.items) for (const reason of it.reasons) expect(reason.text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('--details adds what the page says around the list: what an unknown age withholds, and the request outcome', () => {
    const plain = run(['--profile', F('profile-unassessed.json'), '--events', F('events-empty.jsonl'), '--now', NOW, '--query', 'travel credit card']);
    expect(plain.code).toBe(0);
    expect(Object.keys(JSON.parse(plain.stdout))).toEqual(['items']); // the contract's shape, unless asked
    const r = run(['--profile', F('profile-unassessed.json'), '--events', F('events-empty.jsonl'), '--now', NOW, '--query', 'travel credit card', '--details']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { withheld: { count: number; needs: string[]; kinds: string[] }; request: { matched: number; unmet: string[] } };
    expect(out.withheld.count).toBeGreaterThan(0);
    expect(out.withheld.needs.length).toBeGreaterThan(0);
    expect(out.withheld.kinds).toContain('credit_card');
    expect(out.request.matched).toBe(0);
  });

  it('honours --query and --k', () => {
    const r = run(['--profile', F('profile-c3.json'), '--events', F('events-empty.jsonl'), ...base, '--query', '基金', '--k', '3']);
    expect(r.code).toBe(0);
    const out = Output.parse(JSON.parse(r.stdout));
    expect(out.items).toHaveLength(3);
    for (const it of out.items) {
      expect(it.productId.startsWith('fund-')).toBe(true);
      expect(it.reasons[0]).toEqual({ code: 'matches_request', text: 'Matches your request: fund' });
    }
  });

  it('fails with one line for a missing file', () => {
    expectOneLineError(run(['--profile', F('nope.json'), '--events', F('events.jsonl'), ...base]), /profile .*nope\.json: file not found/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), '--catalogue', F('nope.json')]), /catalogue .*file not found/);
  });

  it('fails with one line for bad JSON', () => {
    expectOneLineError(run(['--profile', F('bad.json'), '--events', F('events.jsonl'), ...base]), /profile .*bad\.json: invalid JSON/);
    expectOneLineError(
      run(['--profile', F('profile-c3.json'), '--events', F('events-bad-json.jsonl'), ...base]),
      /events-bad-json\.jsonl line 3: invalid JSON/
    );
  });

  it('fails with one line for an invalid event, naming its line', () => {
    expectOneLineError(
      run(['--profile', F('profile-c3.json'), '--events', F('events-invalid.jsonl'), ...base]),
      /events-invalid\.jsonl line 2: type: type must be one of/
    );
  });

  it('fails on an unknown product id in the events', () => {
    expectOneLineError(
      run(['--profile', F('profile-c3.json'), '--events', F('events-unknown-product.jsonl'), ...base]),
      /line 1: unknown product id "no-such-product"/
    );
  });

  it('fails on an invalid profile, an invalid catalogue, and bad arguments', () => {
    expectOneLineError(run(['--profile', F('profile-invalid.json'), '--events', F('events.jsonl'), ...base]), /profile .*riskLevel: risk level must be 1-5/);
    const badCat = join(tmp, 'bad-catalogue.json');
    writeFileSync(badCat, JSON.stringify({ products: [{ id: 'x', kind: 'spaceship' }] }));
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events-empty.jsonl'), '--catalogue', badCat]), /catalogue .*products\.0\.kind/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), ...base]), /--events is required; usage: recommend/);
    expectOneLineError(run(['--events', F('events.jsonl'), ...base]), /--profile is required/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), ...base, '--k', 'ten']), /--k must be an integer/);
    expectOneLineError(run(['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), ...base, '--wat']), /unknown option --wat; usage:/);
  });

  it('resolves the default catalogue from the repository root, not the working directory', () => {
    const r = run(['--profile', F('profile-c3.json'), '--events', F('events-empty.jsonl'), '--now', NOW], tmp);
    const demo = resolve(ROOT, 'src/lib/server/demo-catalogue.json');
    if (existsSync(demo)) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(Output.parse(JSON.parse(r.stdout)).items.length).toBeGreaterThan(0);
    } else {
      expectOneLineError(r, new RegExp(`catalogue ${demo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: file not found`));
    }
  });
});

describe('recommend CLI with CF factors', { timeout: 60_000 }, () => {
  const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
  const codes = (out: z.infer<typeof Output>): string[] => out.items.flatMap((i) => i.reasons.map((r) => r.code));

  /** a hand-made EASE artifact over the fixture catalogue: fund-bond-a -> ins-critical (and -> an R5 fund) */
  function writeFixtureFactors(dir: string, envelope = false): void {
    const ids = fixtureCatalogue().map((p) => p.id);
    const n = ids.length;
    const B = new Float64Array(n * n);
    B[ids.indexOf('fund-bond-a') * n + ids.indexOf('ins-critical')] = 1;
    B[ids.indexOf('fund-bond-a') * n + ids.indexOf('fund-equity-high')] = 5;
    const { manifest, blob } = serializeFactors(easeModel(ids, 10, B), { catalogueVersion: 1, created: NOW, sha256 });
    mkdirSync(dir, { recursive: true });
    // the plain manifest, or (unverified here) the shape of a signed `factors` envelope
    const doc = envelope ? { signed: { _type: 'factors', version: 1, manifest }, signatures: [] } : manifest;
    writeFileSync(join(dir, 'factors.json'), JSON.stringify(doc));
    writeFileSync(join(dir, `factors-${manifest.sha256}.bin`), blob);
  }

  it('uses --factors DIR: the co-chosen product carries also_chosen, the unsuitable one never appears', () => {
    const dir = join(tmp, 'fixture-factors');
    writeFixtureFactors(dir, true);
    const args = ['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), ...base, '--k', '17'];
    // the same request without factors, in process (the engine is what the CLI runs)
    const plain = recommend({
      products: fixtureCatalogue(),
      profile: ProfileSchema.parse(JSON.parse(readFileSync(F('profile-c3.json'), 'utf8'))),
      events: readFileSync(F('events.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => EventSchema.parse(JSON.parse(l))),
      now: new Date(NOW),
      k: 17
    });
    const r = run([...args, '--factors', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = Output.parse(JSON.parse(r.stdout));
    const ids = out.items.map((i) => i.productId);
    expect(ids).not.toContain('fund-equity-high');
    const ins = out.items.find((i) => i.productId === 'ins-critical');
    expect(ins?.reasons.map((x) => x.code)).toContain('also_chosen');
    expect(ins?.reasons.find((x) => x.code === 'also_chosen')?.text).toBe('People who chose what you chose also chose this');
    expect(ids.indexOf('ins-critical')).toBeLessThan(plain.findIndex((i) => i.productId === 'ins-critical'));
    expect(plain.flatMap((i) => i.reasons.map((x) => x.code))).not.toContain('also_chosen');
  });

  it('uses the committed demo factors with the demo catalogue, and none with another catalogue', () => {
    const demoPath = resolve(ROOT, 'src/lib/server/demo-catalogue.json');
    const demo = CatalogueSchema.parse(JSON.parse(readFileSync(demoPath, 'utf8'))).products;
    const fund = demo.find((p) => p.kind === 'fund' && p.subtype === 'bond' && p.riskLevel <= 3)!;
    const deposit = demo.find((p) => p.kind === 'deposit' && p.subtype === 'time')!;
    // a cautious saver (C2): what people who chose these also chose (money-market funds, deposits) fits their band, so
    // CF's picks reach the top ten; for a C3 they sit below the band (engine/fit.ts) and CF only reorders within it
    const profile: Profile = { riskLevel: 2, age: 35, annualIncome: 150_000, locale: 'zh-CN' };
    const profilePath = join(tmp, 'demo-profile.json');
    const eventsPath = join(tmp, 'demo-events.jsonl');
    writeFileSync(profilePath, JSON.stringify(profile));
    writeFileSync(
      eventsPath,
      [
        { type: 'view', productId: fund.id, ts: '2025-01-20T09:00:00Z' },
        { type: 'favorite', productId: fund.id, ts: '2025-01-20T09:01:00Z' },
        { type: 'purchase', productId: deposit.id, ts: '2025-01-21T10:00:00Z', value: 20000 }
      ]
        .map((e) => JSON.stringify(e))
        .join('\n') + '\n'
    );
    const args = ['--profile', profilePath, '--events', eventsPath, '--now', NOW];
    const withDefault = run(args);
    expect(withDefault.stderr).toBe('');
    expect(withDefault.code).toBe(0);
    const out = Output.parse(JSON.parse(withDefault.stdout));
    expect(out.items).toHaveLength(10);
    expect(codes(out)).toContain('also_chosen');
    const byId = new Map(demo.map((p) => [p.id, p]));
    for (const it of out.items) expect(passesGate(byId.get(it.productId)!, profile)).toBe(true);
    expect(out.items.find((i) => i.reasons.some((r) => r.code === 'also_chosen'))!.reasons.find((r) => r.code === 'also_chosen')!.text).toBe(
      '选择了与您相同产品的人也选择了它'
    );
    // the same catalogue named explicitly, without --factors: no CF
    const noCf = Output.parse(JSON.parse(run([...args, '--catalogue', demoPath]).stdout));
    expect(codes(noCf)).not.toContain('also_chosen');
  });

  it('fails with one line for missing or tampered factors', () => {
    const args = ['--profile', F('profile-c3.json'), '--events', F('events.jsonl'), ...base];
    expectOneLineError(run([...args, '--factors', join(tmp, 'no-such-dir')]), /factors .*no-such-dir: factors\.json not found/);
    const dir = join(tmp, 'tampered');
    writeFixtureFactors(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'factors.json'), 'utf8')) as { sha256: string };
    const blobPath = join(dir, `factors-${manifest.sha256}.bin`);
    const blob = readFileSync(blobPath);
    blob[0] = blob[0]! ^ 0xff;
    writeFileSync(blobPath, blob);
    expectOneLineError(run([...args, '--factors', dir]), /factors .*sha256 does not match/);
  });
});
