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
import { isEntryPoint } from '../../src/cli/io';

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

/** Parses the arguments; throws an Error with a readable message on anything wrong. */
export function parseArgs(args: readonly string[]): CliOptions {
  const opts: CliOptions = { count: DEMO_COUNT, seed: DEMO_SEED, out: DEFAULT_OUT };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined;
    if (flag !== arg) value = arg.slice(eq + 1);
    else {
      value = args[i + 1];
      i++;
    }
    switch (flag) {
      case '--count': {
        if (value === undefined || !/^\d+$/.test(value)) throw new Error(`--count needs a non-negative integer, got ${value ?? 'nothing'}`);
        const n = Number(value);
        if (n > MAX_COUNT) throw new Error(`--count must be at most ${MAX_COUNT}, got ${value}`);
        opts.count = n;
        break;
      }
      case '--seed': {
        if (value === undefined || !/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
          throw new Error(`--seed needs an integer, got ${value ?? 'nothing'}`);
        }
        opts.seed = Number(value);
        break;
      }
      case '--out': {
        if (value === undefined || value === '') throw new Error('--out needs a file name');
        opts.out = value;
        break;
      }
      default:
        throw new Error(`unknown argument ${arg}`);
    }
  }
  return opts;
}

export function main(args: readonly string[]): number {
  let opts: CliOptions;
  try {
    opts = parseArgs(args);
  } catch (e) {
    process.stderr.write(`generate: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
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
