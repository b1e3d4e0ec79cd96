import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitEase } from '../../src/lib/cf/ease';
import { evaluate, prepareSplit } from '../../src/lib/cf/evaluate';
import { buildItemIndex, itemIdsOf } from '../../src/lib/cf/gram';
import { parseTsv } from '../../src/lib/cf/parse';
import { fitPopularity } from '../../src/lib/cf/popularity';
import { splitPerUser } from '../../src/lib/cf/split';
import { EventSchema } from '../../src/lib/domain/event';
import { ProfileSchema } from '../../src/lib/domain/profile';
import { passesGate } from '../../src/lib/domain/suitability';
import { BANK_CSV_SHA256, CalibrationSchema, CITATION } from '../../models/simulator/calibration';
import { calibrateFile, DEFAULT_CSV, serialiseCalibration } from '../../models/simulator/calibrate';
import { CALIBRATION_PATH, loadCalibration, loadCatalogue } from '../../models/simulator/node';
import { createSimulation, DEFAULT_END, marginals, positives, simulatePopulation, tsvRows } from '../../models/simulator/simulator';

const calibration = loadCalibration();
const { products } = loadCatalogue();
const byId = new Map(products.map((p) => [p.id, p]));
const T = calibration.targets;

/* one population shared by the statistical checks: 3,000 people, seed 11 */
const N = 3000;
const sim = createSimulation({ products, calibration, people: N, seed: 11 });
const pop = [...sim.people()];
const m = marginals(pop, sim.world);

describe('calibration (UCI Bank Marketing, Moro et al. 2014)', () => {
  it('is a valid calibration of the documented file', () => {
    const raw = JSON.parse(readFileSync(CALIBRATION_PATH, 'utf8')) as unknown;
    const c = CalibrationSchema.parse(raw);
    expect(c.source.sha256).toBe(BANK_CSV_SHA256);
    expect(c.source.sha256).toBe('dc8d576e9bda0f41ee891251bd84bab9a39ce576cba715aac08adc2374a01fde');
    expect(c.source.rows).toBe(4521);
    expect(c.source.citation).toBe(CITATION);
    expect(c.source.license).toBe('CC BY 4.0');
    // bank.csv's own counts (models/simulator/README.md): y = yes for 521 of 4521 rows
    expect(c.targets.depositShare).toBeCloseTo(521 / 4521, 6);
    expect(c.model.cells.reduce((a, b) => a + b, 0)).toBe(4521);
    // the logistic uptake model reproduces the observed rate on its own data
    expect(c.model.deposit.meanFitted).toBeCloseTo(c.targets.depositShare, 4);
  });

  it('is exactly what calibrate.ts computes from bank.csv', () => {
    expect(serialiseCalibration(calibrateFile(DEFAULT_CSV))).toBe(readFileSync(CALIBRATION_PATH, 'utf8'));
  });
});

describe('population simulator', () => {
  it('is deterministic by seed, and person i does not depend on the population size', () => {
    const a = simulatePopulation({ products, calibration, people: 30, seed: 5 });
    const b = simulatePopulation({ products, calibration, people: 30, seed: 5 });
    expect(b).toEqual(a);
    const c = simulatePopulation({ products, calibration, people: 30, seed: 6 });
    expect(c.map((p) => p.events)).not.toEqual(a.map((p) => p.events));
    const later = simulatePopulation({ products, calibration, people: 10, seed: 5, first: 20 });
    expect(later).toEqual(a.slice(20));
    expect(new Set(a.map((p) => p.person.id)).size).toBe(30);
  });

  it('writes only valid events on known products, in time order inside the window', () => {
    const end = Date.parse(DEFAULT_END);
    const start = end - 90 * 86_400_000;
    const types = new Set<string>();
    for (const sp of pop) {
      expect(ProfileSchema.safeParse(sp.profile).success).toBe(true);
      let last = -Infinity;
      for (const e of sp.events) {
        const parsed = EventSchema.safeParse(e);
        if (!parsed.success) throw new Error(`${sp.person.id}: ${JSON.stringify(e)} ${parsed.error.message}`);
        types.add(e.type);
        if (e.type !== 'search') expect(byId.has(e.productId!)).toBe(true);
        const t = Date.parse(e.ts);
        expect(t).toBeGreaterThanOrEqual(start);
        expect(t).toBeLessThan(end);
        expect(t).toBeGreaterThanOrEqual(last);
        last = t;
      }
    }
    // every kind of behaviour happens
    expect([...types].sort()).toEqual(['apply', 'click', 'dismiss', 'favorite', 'purchase', 'rate', 'search', 'view']);
    expect(m.eventsPerPerson).toBeGreaterThan(5);
  });

  it('never lets a person act beyond a view on a product above their level (or that they may not take)', () => {
    let browsedAbove = 0;
    for (const sp of pop) {
      for (const e of sp.events) {
        if (e.type === 'search') continue;
        const p = byId.get(e.productId!)!;
        if (e.type === 'view') {
          if (p.riskLevel > sp.person.riskLevel) browsedAbove++;
          continue;
        }
        expect(p.riskLevel, `${sp.person.id} ${e.type} ${p.id}`).toBeLessThanOrEqual(sp.person.riskLevel);
        expect(passesGate(p, sp.profile), `${sp.person.id} ${e.type} ${p.id}`).toBe(true);
      }
    }
    // … while anyone may look at anything
    expect(browsedAbove).toBeGreaterThan(100);
  });

  it('reproduces the UCI marginals within the stated tolerances', () => {
    expect(m.people).toBe(N);
    expect(Math.abs(m.age.mean - T.age.mean)).toBeLessThan(2); // ±2 years
    expect(Math.abs(m.age.sd - T.age.sd)).toBeLessThan(2);
    expect(Math.abs(m.age.median - T.age.median)).toBeLessThanOrEqual(2);
    expect(Math.abs(m.housingShare - T.housingShare)).toBeLessThan(0.05); // ±5 points
    expect(Math.abs(m.loanShare - T.loanShare)).toBeLessThan(0.05);
    expect(Math.abs(m.depositShare - T.depositShare)).toBeLessThan(0.03); // ±3 points: people who took up a term deposit
    expect(Math.abs(m.balance.median - T.balance.median) / T.balance.median).toBeLessThan(0.15); // ±15 %
    expect(Math.abs(m.balance.mean - T.balance.mean) / T.balance.mean).toBeLessThan(0.15);
    expect(Math.abs(m.balance.negativeShare - T.balance.negativeShare)).toBeLessThan(0.03);
    // the uptake is behaviour, not a copy of the intent: every intent converts, nobody else buys one
    expect(m.depositShare).toBeCloseTo(m.depositIntentShare, 10);
  });

  it('gives risk levels consistent with age and assets', () => {
    const group = (lvl: number) => pop.filter((p) => p.person.riskLevel === lvl).map((p) => p.person);
    const meanOf = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    for (const lvl of [1, 2, 3, 4, 5]) expect(group(lvl).length, `C${lvl}`).toBeGreaterThan(0.03 * N);
    expect(meanOf(group(1).map((p) => p.age))).toBeGreaterThan(meanOf(group(5).map((p) => p.age)) + 3);
    const assets = [1, 2, 3, 4, 5].map((l) => meanOf(group(l).map((p) => p.assets)));
    for (let l = 1; l < 5; l++) expect(assets[l]!).toBeGreaterThan(assets[l - 1]!);
    for (const sp of pop) if (sp.person.age >= 70) expect(sp.person.riskLevel).toBeLessThanOrEqual(3);
  });

  it('writes TSV positives the trainer reads, and has taste structure EASE can use', () => {
    const tsv = pop.flatMap((sp) => tsvRows(sp, 'binary')).join('\n');
    const rows = parseTsv(tsv);
    expect(rows.length).toBeGreaterThan(5 * N);
    expect(rows.every((r) => r.weight === 1 && byId.has(r.item))).toBe(true);
    // engine weights: net positive; a dismissed product is never a positive
    for (const sp of pop.slice(0, 200)) {
      const pos = positives(sp.events, 'engine');
      for (const w of pos.values()) expect(w).toBeGreaterThan(0);
      const turnedDown = new Set<string>();
      for (const e of sp.events) if (e.type === 'dismiss' || (e.type === 'rate' && (e.value ?? 0) < 0)) turnedDown.add(e.productId!);
      for (const id of turnedDown) expect(pos.has(id)).toBe(false);
    }
    const { train, test } = splitPerUser(rows, { holdout: 0.2, seed: 1 });
    const index = buildItemIndex(
      train.map((r) => r.item),
      test.map((r) => r.item)
    );
    const itemIds = itemIdsOf(index);
    const { data, gram } = prepareSplit(train, test, index, itemIds);
    const ease = evaluate(fitEase(gram, 300), data, 10);
    const pop10 = evaluate(fitPopularity(gram), data, 10);
    expect(ease.ndcg).toBeGreaterThan(2 * pop10.ndcg);
  });
});
