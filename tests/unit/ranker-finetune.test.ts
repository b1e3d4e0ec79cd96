import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cpuTf } from '../../models/ranker/node-tf';
import { loadCatalogue } from '../../models/simulator/node';
import type { CandorEvent } from '../../src/lib/domain/event';
import type { Profile } from '../../src/lib/domain/profile';
import { recommend } from '../../src/lib/engine/recommend';
import { parseArtifact } from '../../src/lib/ranker/artifact';
import { chooseBackend } from '../../src/lib/ranker/backend';
import { candidateRows } from '../../src/lib/ranker/candidates';
import { FEATURE_NAMES } from '../../src/lib/ranker/features';
import { feedbackExamples } from '../../src/lib/ranker/feedback';
import { fineTune, relativeDistance } from '../../src/lib/ranker/finetune';
import { predict, type Weights } from '../../src/lib/ranker/model';

const tf = await cpuTf();
const { products } = loadCatalogue();
const byId = new Map(products.map((p) => [p.id, p]));
const shipped = parseArtifact(JSON.parse(readFileSync(new URL('../../models/ranker/ranker.json', import.meta.url), 'utf8')), FEATURE_NAMES).weights;
const profile: Profile = { riskLevel: 3, age: 38, annualIncome: 200_000, horizonMonths: 36, goals: ['growth', 'income'], liquidityNeed: 'medium' };
const NOW = new Date('2026-11-01T00:00:00Z');
const bondFunds = products.filter((p) => p.kind === 'fund' && p.subtype === 'bond' && p.riskLevel <= 3).map((p) => p.id);

const at = (minutesAgo: number): string => new Date(NOW.getTime() - minutesAgo * 60_000).toISOString();
const rate = (productId: string, value: number, minutesAgo: number): CandorEvent => ({ type: 'rate', productId, value, ts: at(minutesAgo) });

/** The ranker's scores for every candidate of this person now, and each bond fund's mean rank among them. */
async function opinion(w: Weights, events: CandorEvent[]): Promise<{ scores: Map<string, number>; bondRank: number }> {
  const candidates = recommend({ products, profile, events, now: NOW, k: products.length });
  const { ids, rows } = candidateRows({ products: byId, profile, events, now: NOW }, candidates);
  const p = await predict(tf, w, rows);
  const scores = new Map(ids.map((id, i) => [id, p[i]!]));
  const order = [...ids].sort((a, b) => scores.get(b)! - scores.get(a)!);
  const ranks = order.flatMap((id, i) => (bondFunds.includes(id) ? [i] : []));
  return { scores, bondRank: ranks.reduce((s, r) => s + r, 0) / ranks.length };
}

describe('on-device fine-tuning', () => {
  // the person reacts to four bond funds; the others are the ones whose ranking we watch
  const rated = bondFunds.slice(0, 4);
  const viewed: CandorEvent[] = rated.map((id, i) => ({ type: 'view', productId: id, ts: at(100 - i) }));

  it('has bond funds to test with', () => {
    expect(bondFunds.length).toBeGreaterThanOrEqual(8);
  });

  for (const [label, value] of [
    ['thumbs up', 1],
    ['thumbs down', -1]
  ] as const) {
    it(`moves the other bond funds ${value > 0 ? 'up' : 'down'} after a ${label} on four of them`, async () => {
      const events = [...viewed, ...rated.map((id, i) => rate(id, value, 50 - i))];
      const ex = feedbackExamples({ products, profile, events });
      expect(ex.ids.sort()).toEqual([...rated].sort());
      expect([...ex.labels]).toEqual(rated.map(() => (value > 0 ? 1 : 0)));
      const tuned = await fineTune(tf, shipped, ex);
      // one fixed situation (the person has looked at the four) scored by both models: only the weights differ
      const before = await opinion(shipped, viewed);
      const after = await opinion(tuned, viewed);
      const others = bondFunds.filter((id) => !rated.includes(id));
      const mean = (s: Map<string, number>): number => others.reduce((t, id) => t + s.get(id)!, 0) / others.length;
      if (value > 0) {
        expect(mean(after.scores)).toBeGreaterThan(mean(before.scores) * 1.2);
        expect(after.bondRank).toBeLessThan(before.bondRank - 10);
      } else {
        // as clear as the rise: the balancing weights give a negative on a ~1 % product a unit push too
        expect(mean(after.scores)).toBeLessThan(mean(before.scores) * 0.8);
        expect(after.bondRank).toBeGreaterThan(before.bondRank + 10);
      }
    });
  }

  it('stays close to the shipped model after a single click', async () => {
    const events = [viewed[0]!, rate(rated[0]!, 1, 10)];
    const ex = feedbackExamples({ products, profile, events });
    expect(ex.labels.length).toBe(1);
    const tuned = await fineTune(tf, shipped, ex);
    expect(relativeDistance(tuned, shipped)).toBeGreaterThan(0);
    expect(relativeDistance(tuned, shipped)).toBeLessThan(0.08);
    const before = await opinion(shipped, viewed);
    const after = await opinion(tuned, viewed);
    // every other product's probability moves by less than 5 points
    let maxChange = 0;
    for (const [id, p] of before.scores) if (id !== rated[0]) maxChange = Math.max(maxChange, Math.abs(after.scores.get(id)! - p));
    expect(maxChange).toBeGreaterThan(0);
    expect(maxChange).toBeLessThan(0.05);
  });

  it('ignores clicks and views, and labels dismissals negative', () => {
    const ex = feedbackExamples({
      products,
      profile,
      events: [
        { type: 'click', productId: rated[0]!, ts: at(5) },
        { type: 'dismiss', productId: rated[1]!, ts: at(4) }
      ]
    });
    expect(ex.ids).toEqual([rated[1]]);
    expect([...ex.labels]).toEqual([0]);
  });
});

describe('backend choice', () => {
  it('trusts setBackend, not the wish: without webgpu registered in Node it moves on to cpu', async () => {
    const choice = await chooseBackend(tf, ['webgpu', 'cpu']);
    expect(choice.backend).toBe('cpu');
    expect(choice.skipped.map((s) => s.backend)).toEqual(['webgpu']);
  });
});
