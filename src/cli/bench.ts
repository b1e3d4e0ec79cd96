/**
 * `npm run --silent bench [-- --only a,b] [--quick]`: runs each benchmark section in turn and prints
 * one JSON object {"machine":{…},"sections":{name: result}} on stdout. Timings are medians and p95
 * over repeated runs (src/cli/bench/stats.ts); compare ratios across machines, not absolute figures.
 * A section that fails reports {"error": "..."} and the others still run; the exit code is then 1.
 */
import { cpus } from 'node:os';
import { z } from 'zod';

export interface BenchContext {
  /** fewer repetitions, for a smoke run */
  quick: boolean;
}
type Section = (ctx: BenchContext) => Promise<Record<string, unknown>>;

// each section lives in src/cli/bench/<name>.ts and is loaded only when asked for
const SECTIONS: Record<string, () => Promise<{ run: Section }>> = {
  cf: () => import('./bench/cf'),
  bundle: () => import('./bench/bundle'),
  intent: () => import('./bench/intent'),
  ranker: () => import('./bench/ranker'),
  scale: () => import('./bench/scale'),
};

const Args = z.object({ only: z.array(z.string()).optional(), quick: z.boolean() });

function parseArgs(argv: string[]): z.infer<typeof Args> {
  const out: { only?: string[]; quick: boolean } = { quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') out.quick = true;
    else if (a === '--only') out.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else throw new Error(`unknown argument: ${a}`);
  }
  for (const name of out.only ?? []) if (!(name in SECTIONS)) throw new Error(`unknown section "${name}"; known: ${Object.keys(SECTIONS).join(', ')}`);
  return Args.parse(out);
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const sections: Record<string, unknown> = {};
  let failed = false;
  for (const name of args.only ?? Object.keys(SECTIONS)) {
    const load = SECTIONS[name];
    if (!load) continue;
    try {
      sections[name] = await (await load()).run({ quick: args.quick });
    } catch (e) {
      failed = true;
      sections[name] = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', date: new Date().toISOString() };
  process.stdout.write(`${JSON.stringify({ machine, sections }, null, 2)}\n`);
  return failed ? 1 : 0;
}

process.exitCode = await main();
