/**
 * Build the demo CF factors: simulate the population on the demo catalogue and train EASE on it
 * with the train CLI's own code path (`runTrain` in src/cli/train.ts: λ `auto`, picked by ndcg@10 on
 * an inner validation split of the simulated rows; float16 blob).
 *
 *   npx tsx models/factors/build-demo.ts [--people 20000] [--seed 1] [--out models/factors/demo]
 *
 * Writes OUT/factors.json (manifest; catalogueVersion = the demo catalogue's version; created = the
 * catalogue's generatedAt, so the build is reproducible) and OUT/factors-<sha256>.bin, removes any
 * other factors-*.bin in OUT, and prints the train summary as one JSON line. Fails if a catalogue
 * product is missing from the trained item ids (every product must be scorable).
 * Equivalent by hand:
 *   npx tsx models/simulator/simulate.ts --people 20000 --seed 1 --out sim.tsv
 *   npx tsx src/cli/train.ts --interactions sim.tsv --algo ease --lambda auto --seed 1 \
 *       --catalogue-version 1 --created 2026-11-01T00:00:00.000Z --out models/factors/demo
 */
import { readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTrain } from '../../src/cli/train';
import { CatalogueSchema } from '../../src/lib/domain/catalogue';
import { DEMO_CATALOGUE_PATH } from '../simulator/node';
import { simulatedTsv } from '../simulator/evaluate-cf';
import { cliArgs, isEntryPoint } from '../../src/cli/io';

export const DEMO_FACTORS_DIR = fileURLToPath(new URL('./demo/', import.meta.url));
export const DEMO_PEOPLE = 20_000;
export const DEMO_SEED = 1;

const OPTIONS = { people: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } } as const;

export interface BuildOptions {
  people: number;
  seed: number;
  out: string;
}

export function buildDemoFactors(o: BuildOptions): Record<string, unknown> {
  const catalogue = CatalogueSchema.parse(JSON.parse(readFileSync(DEMO_CATALOGUE_PATH, 'utf8')));
  if (catalogue.version === undefined) throw new Error('the demo catalogue has no version');
  const created = new Date(catalogue.generatedAt ?? '2026-11-01T00:00:00.000Z').toISOString();
  const { tsv } = simulatedTsv(catalogue.products, o.people, o.seed, 'binary');
  const source = `simulated:${o.people}@${o.seed}`;
  const summary = runTrain(
    {
      input: { kind: 'interactions', path: source },
      algo: 'ease',
      out: o.out,
      lambda: 'auto',
      dim: 'auto',
      neighbours: 'auto',
      catalogueVersion: catalogue.version,
      dtype: 'float16',
      created,
      seed: o.seed
    },
    (p) => {
      if (p !== source) throw new Error(`unexpected input ${p}`);
      return tsv;
    }
  );
  const manifest = JSON.parse(readFileSync(join(o.out, 'factors.json'), 'utf8')) as { itemIds: string[]; sha256: string };
  const trained = new Set(manifest.itemIds);
  const missing = catalogue.products.filter((p) => !trained.has(p.id)).map((p) => p.id);
  if (missing.length)
    throw new Error(`no simulated interactions for ${missing.length} products (e.g. ${missing.slice(0, 3).join(', ')}); simulate more people`);
  if (trained.size !== catalogue.products.length) throw new Error('trained item ids differ from the catalogue');
  for (const f of readdirSync(o.out)) {
    if (/^factors-[0-9a-f]{64}\.bin$/.test(f) && f !== `factors-${manifest.sha256}.bin`) unlinkSync(join(o.out, f));
  }
  return { ...summary, people: o.people, seed: o.seed };
}

if (isEntryPoint(import.meta.url)) {
  try {
    const f = cliArgs(process.argv.slice(2), OPTIONS, 'usage: build-demo.ts [--people N] [--seed S] [--out DIR]').values;
    const o: BuildOptions = {
      people: f.people === undefined ? DEMO_PEOPLE : Number(f.people),
      seed: f.seed === undefined ? DEMO_SEED : Number(f.seed),
      out: f.out ?? DEMO_FACTORS_DIR
    };
    if (!Number.isInteger(o.people) || o.people < 1) throw new Error('--people must be a positive integer');
    if (!Number.isInteger(o.seed)) throw new Error('--seed must be an integer');
    process.stdout.write(JSON.stringify(buildDemoFactors(o)) + '\n');
  } catch (e) {
    process.stderr.write(`build-demo: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  }
}
