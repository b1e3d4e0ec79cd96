/**
 * `npm run --silent bench [-- --only a,b] [--quick]`: runs each benchmark section in turn and prints
 * one JSON object {"machine":{…},"sections":{name: result}} on stdout. Timings are medians and p95
 * over repeated runs (src/cli/bench/stats.ts); compare ratios across machines, not absolute figures.
 * A section that fails reports {"error": "..."} and the others still run; the exit code is then 1.
 */
import { cpus } from 'node:os';
import { cliArgs, CliError, oneLine } from './io';
import type { Section } from './bench/context';

// each section lives in src/cli/bench/<name>.ts and is loaded only when asked for
const SECTIONS: Record<string, () => Promise<{ run: Section }>> = {
  cf: () => import('./bench/cf'),
  bundle: () => import('./bench/bundle'),
  intent: () => import('./bench/intent'),
  ranker: () => import('./bench/ranker'),
  feedback: () => import('./bench/feedback'),
  portfolio: () => import('./bench/portfolio'),
  semantic: () => import('./bench/semantic'),
  scale: () => import('./bench/scale')
};

const OPTIONS = { only: { type: 'string' }, quick: { type: 'boolean' } } as const;
const usage = (): string => `usage: bench [--only ${Object.keys(SECTIONS).join(',')}] [--quick]`;

function parse(argv: readonly string[]): { only?: string[]; quick: boolean } {
  const { values } = cliArgs(argv, OPTIONS, usage());
  const only = values.only?.split(',').filter(Boolean);
  for (const name of only ?? []) if (!(name in SECTIONS)) throw new CliError(`unknown section "${name}"; ${usage()}`);
  return { ...(only ? { only } : {}), quick: values.quick ?? false };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${oneLine(e instanceof Error ? e.message : String(e))}\n`);
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
