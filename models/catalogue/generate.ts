/**
 * The demo catalogue generator.
 *
 *   npx tsx models/catalogue/generate.ts [--count N] [--seed S] [--out FILE]
 *
 * Defaults: --count 320, --seed 2026, --out src/lib/server/demo-catalogue.json ("-" for stdout).
 * Writes the file and prints nothing; errors go to stderr with exit status 1.
 */
import { writeFileSync } from 'node:fs';
import type { Catalogue } from '../../src/lib/domain/catalogue';
import { DEMO_COUNT, DEMO_SEED } from './catalogue';
import { generateCatalogue } from './catalogue';
import { cliArgs, CliError, isEntryPoint } from '../../src/cli/io';

export {
  allocate,
  CATALOGUE_VERSION,
  DEMO_COUNT,
  DEMO_SEED,
  generateCatalogue,
  GENERATED_AT,
  SUBTYPE_SPECS,
  SUBTYPES_BY_KIND,
  type GenerateOptions
} from './catalogue';

export const DEFAULT_OUT = 'src/lib/server/demo-catalogue.json';
/** more than enough for any benchmark, and small enough not to exhaust memory by a typo */
export const MAX_COUNT = 1_000_000;

/** The file form: 2-space indent and a final newline. */
export function serialiseCatalogue(c: Catalogue): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}

export interface CliOptions {
  count: number;
  seed: number;
  out: string;
}

const USAGE = 'usage: tsx models/catalogue/generate.ts [--count N] [--seed S] [--out FILE|-]';

const OPTIONS = { count: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } } as const;

/** Parses the arguments; throws an Error with a readable message on anything wrong. */
export function parseArgs(args: readonly string[]): CliOptions {
  const f = cliArgs(args, OPTIONS, USAGE).values;
  const opts: CliOptions = { count: DEMO_COUNT, seed: DEMO_SEED, out: DEFAULT_OUT };
  if (f.count !== undefined) {
    if (!/^\d+$/.test(f.count)) throw new Error(`--count needs a non-negative integer, got ${f.count}`);
    const n = Number(f.count);
    if (n > MAX_COUNT) throw new Error(`--count must be at most ${MAX_COUNT}, got ${f.count}`);
    opts.count = n;
  }
  if (f.seed !== undefined) {
    if (!/^-?\d+$/.test(f.seed) || !Number.isSafeInteger(Number(f.seed))) throw new Error(`--seed needs an integer, got ${f.seed}`);
    opts.seed = Number(f.seed);
  }
  if (f.out !== undefined) {
    if (f.out === '') throw new Error('--out needs a file name');
    opts.out = f.out;
  }
  return opts;
}

export function main(args: readonly string[]): number {
  let opts: CliOptions;
  try {
    opts = parseArgs(args);
  } catch (e) {
    // one line; cliArgs' refusals end with the usage already
    process.stderr.write(`generate: ${e instanceof Error ? e.message : String(e)}${e instanceof CliError ? '' : `; ${USAGE}`}\n`);
    return 1;
  }
  try {
    const text = serialiseCatalogue(generateCatalogue({ seed: opts.seed, count: opts.count }));
    if (opts.out === '-') process.stdout.write(text);
    else writeFileSync(opts.out, text);
    return 0;
  } catch (e) {
    process.stderr.write(`generate: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

if (isEntryPoint(import.meta.url)) process.exitCode = main(process.argv.slice(2));
