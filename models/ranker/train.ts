/**
 * Train the on-device ranker on simulated people and write the quantised model.
 *
 *   npx tsx models/ranker/train.ts [--train 2500] [--validation 500] [--test 2000] [--seed 1]
 *       [--split-day 60] [--weights 0.25,0.5,1,2] [--out models/ranker/ranker.json]
 *
 * People (seed 1, all after the 20,000 the demo CF factors were trained on, so the CF signal is not
 * leaked): training 20,000…, then validation (early stopping and the choice of the blend weight
 * LEARNED_WEIGHT), then test (the reported numbers). For each test person with a history and a later
 * positive action, NDCG@10 of the engine alone and of the engine with the ranker blended in, over the
 * same candidates. The evaluation uses the de-quantised int8 weights, i.e. the model that ships.
 * The engine adds learnedWeight·(p − mean p)/(max p − min p) over the candidates, so the weight is on
 * the scale of the other sources (content 0.45, fit 0.40, CF 0.35). The weights tried stop at 2:
 * NDCG on simulated people keeps rising beyond it (validation 0.153 at 4, 0.157 at 8 — the model
 * alone ranks the simulator's choices better than the engine), but from there the learned term
 * swamps the diversity penalty (at most 0.35) and lists collapse into one kind, which a person
 * choosing among deposits, funds and insurance would not want.
 * Prints one JSON document on stdout.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { CfModel } from '../../src/lib/cf/model';
import type { Product } from '../../src/lib/domain/product';
import { LEARNED_WEIGHT, recommend } from '../../src/lib/engine/recommend';
import { parseArtifact, serialiseArtifact } from '../../src/lib/ranker/artifact';
import { learnedMap } from '../../src/lib/ranker/candidates';
import { FEATURE_DIM, FEATURE_NAMES } from '../../src/lib/ranker/features';
import { predict, type Tf, type Weights } from '../../src/lib/ranker/model';
import { train, TRAIN_DEFAULTS, type Dataset } from '../../src/lib/ranker/train';
import { loadFactorsDir } from '../simulator/evaluate-engine';
import { loadCalibration, loadCatalogue } from '../simulator/node';
import { examples, type PersonExamples } from './examples';
import { auc, ndcgAt } from './metrics';
import { cpuTf } from './node-tf';
import { cliArgs } from '../../src/cli/io';

interface Args {
  train: number;
  validation: number;
  test: number;
  seed: number;
  splitDay: number;
  weights: number[];
  out: string;
}

const FIRST_UNSEEN = 20_000;

const USAGE = 'usage: ranker/train.ts [--train 2500] [--validation 500] [--test 2000] [--seed 1] [--split-day 60] [--weights 0.25,0.5,1,2] [--out FILE]';

const OPTIONS = {
  train: { type: 'string' },
  validation: { type: 'string' },
  test: { type: 'string' },
  seed: { type: 'string' },
  'split-day': { type: 'string' },
  weights: { type: 'string' },
  out: { type: 'string' }
} as const;

function parse(argv: readonly string[]): Args {
  const f = cliArgs(argv, OPTIONS, USAGE).values;
  const a: Args = {
    train: f.train === undefined ? 2500 : Number(f.train),
    validation: f.validation === undefined ? 500 : Number(f.validation),
    test: f.test === undefined ? 2000 : Number(f.test),
    seed: f.seed === undefined ? 1 : Number(f.seed),
    splitDay: f['split-day'] === undefined ? 60 : Number(f['split-day']),
    weights: f.weights === undefined ? [0.25, 0.5, 1, 2] : f.weights.split(',').map(Number),
    out: f.out ?? fileURLToPath(new URL('./ranker.json', import.meta.url))
  };
  for (const n of [a.train, a.validation, a.test]) if (!(Number.isInteger(n) && n > 0)) throw new Error('people counts must be positive integers');
  if (a.weights.length === 0 || a.weights.some((w) => !(w > 0))) throw new Error('--weights must be positive numbers');
  return a;
}

function dataset(people: readonly PersonExamples[]): Dataset {
  const n = people.reduce((s, p) => s + p.ids.length, 0);
  const x = new Float32Array(n * FEATURE_DIM);
  const y = new Float32Array(n);
  let at = 0;
  for (const p of people) {
    x.set(p.rows, at * FEATURE_DIM);
    y.set(p.labels, at);
    at += p.ids.length;
  }
  return { inputDim: FEATURE_DIM, x, y };
}

interface Context {
  tf: Tf;
  products: readonly Product[];
  cf: CfModel;
}

/** Mean NDCG@10 over people with a history and a relevant product: engine alone, and blended at each weight. */
async function evaluate(c: Context, w: Weights, people: readonly PersonExamples[], weights: readonly number[]) {
  const scored = people.filter((p) => p.hasHistory && p.relevant.size > 0);
  const engine = { sum: 0 };
  const blended = weights.map(() => ({ sum: 0 }));
  for (const p of scored) {
    const base = { products: c.products, profile: p.profile, events: p.history, now: p.now, k: 10, cf: c.cf };
    engine.sum += ndcgAt(
      10,
      recommend(base).map((r) => r.productId),
      p.relevant
    );
    const learned = learnedMap(p.ids, await predict(c.tf, w, p.rows));
    weights.forEach((lw, i) => {
      blended[i]!.sum += ndcgAt(
        10,
        recommend({ ...base, learned, learnedWeight: lw }).map((r) => r.productId),
        p.relevant
      );
    });
  }
  const r = (x: number): number => Number((x / scored.length).toFixed(4));
  return { users: scored.length, engine: r(engine.sum), blended: weights.map((lw, i) => ({ learnedWeight: lw, ndcg: r(blended[i]!.sum) })) };
}

async function main(a: Args): Promise<Record<string, unknown>> {
  const started = performance.now();
  const tf = await cpuTf();
  const { products } = loadCatalogue();
  const cf = loadFactorsDir(fileURLToPath(new URL('../factors/demo/', import.meta.url)));
  const calibration = loadCalibration();
  const common = { products, calibration, cf, seed: a.seed, splitDay: a.splitDay };
  const trainPeople = [...examples({ ...common, first: FIRST_UNSEEN, people: a.train })];
  const valPeople = [...examples({ ...common, first: FIRST_UNSEEN + a.train, people: a.validation })];
  const testPeople = [...examples({ ...common, first: FIRST_UNSEEN + a.train + a.validation, people: a.test })];
  const dataSeconds = (performance.now() - started) / 1000;

  const trainSet = dataset(trainPeople);
  const valSet = dataset(valPeople);
  const t0 = performance.now();
  const fit = await train(tf, trainSet, valSet, { seed: a.seed });
  const trainSeconds = (performance.now() - t0) / 1000;

  // everything below uses the model as it ships: int8, de-quantised
  const draft = serialiseArtifact(fit.weights, FEATURE_NAMES, { learnedWeight: LEARNED_WEIGHT, provenance: {} });
  const shipped = parseArtifact(JSON.parse(JSON.stringify(draft)), FEATURE_NAMES).weights;
  const c = { tf, products, cf };
  const val = await evaluate(c, shipped, valPeople, a.weights);
  const best = val.blended.reduce((b, x) => (x.ndcg > b.ndcg ? x : b));
  const test = await evaluate(c, shipped, testPeople, [best.learnedWeight, ...(a.weights.includes(LEARNED_WEIGHT) ? [] : [LEARNED_WEIGHT])]);

  const testSet = dataset(testPeople);
  const floatScores = await predict(tf, fit.weights, testSet.x);
  const intScores = await predict(tf, shipped, testSet.x);
  const maxQuantisationError = floatScores.reduce((m, v, i) => Math.max(m, Math.abs(v - intScores[i]!)), 0);
  const r4 = (x: number): number => Number(x.toFixed(4));
  const evaluation = {
    people: { train: a.train, validation: a.validation, test: a.test, first: FIRST_UNSEEN, seed: a.seed, splitDay: a.splitDay },
    rows: { train: trainSet.y.length, validation: valSet.y.length, positiveShare: r4(trainSet.y.reduce((s, v) => s + v, 0) / trainSet.y.length) },
    model: {
      features: FEATURE_DIM,
      hidden: TRAIN_DEFAULTS.hidden,
      epochs: fit.epochs,
      bestEpoch: fit.bestEpoch,
      trainLoss: r4(fit.trainLoss),
      validationLoss: r4(fit.validationLoss)
    },
    testAuc: {
      float32: r4(auc(floatScores, testSet.y)),
      int8: r4(auc(intScores, testSet.y)),
      maxScoreChangeFromInt8: Number(maxQuantisationError.toExponential(2))
    },
    validation: val,
    chosenLearnedWeight: best.learnedWeight,
    test,
    seconds: { data: Number(dataSeconds.toFixed(1)), train: Number(trainSeconds.toFixed(1)), total: Number(((performance.now() - started) / 1000).toFixed(1)) }
  };
  const artifact = serialiseArtifact(fit.weights, FEATURE_NAMES, {
    learnedWeight: best.learnedWeight,
    provenance: {
      trainedBy: 'models/ranker/train.ts',
      data: 'population simulator (models/simulator), seed ' + a.seed,
      people: evaluation.people,
      testNdcgAt10: z.json().parse(test)
    }
  });
  writeFileSync(a.out, JSON.stringify(artifact) + '\n');
  return { out: a.out, modelId: artifact.id, ...evaluation };
}

try {
  process.stdout.write(JSON.stringify(await main(parse(process.argv.slice(2)))) + '\n');
} catch (e) {
  process.stderr.write(`ranker train: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
  process.exitCode = 1;
}
