/**
 * npm run --silent allocate -- --profile P.json --amount N [--horizon MONTHS] [--catalogue C.json]
 *
 * Prints {"riskLevel":N,"holdings":[{"productId","assetClass","weight","amount"}],"assetClasses":[{"class","weight"}],
 * "expectedReturn":x,"volatility":x,"maxDrawdown":x,"worst12m":x,"stress":[{"scenario":"2008"|"2015","return":x}]}:
 * annual figures and the historical ones in %, weights summing to 1. Errors: one line on stderr, exit 1.
 *
 * The same code as the app's /portfolio page (src/lib/portfolio): the products ranked by the one pipeline (the
 * shipped ranker, the demo CF factors with the demo catalogue), the classes estimated from
 * models/asset-classes/monthly-returns.csv.
 */
import { allocateThroughPipeline, estimateClasses, parseMonthlyReturns } from '../lib/portfolio';
import { nodeScorer } from './ranker-scorer';
import { loadCatalogueAndFactors } from './pipeline-setup';
import { cliArgs, CliError, parseIntOption, printJson, readProfileFile, readTextFile, repoPath, runCli } from './io';

const USAGE = 'usage: allocate --profile P.json --amount N [--horizon MONTHS] [--catalogue C.json]';
export const RETURNS_FILE = repoPath('models', 'asset-classes', 'monthly-returns.csv');
/** the most one allocation takes: beyond it the catalogue's products and caps stop making sense */
const MAX_AMOUNT = 1e10;

const OPTIONS = {
  profile: { type: 'string' },
  amount: { type: 'string' },
  horizon: { type: 'string' },
  catalogue: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

function parseAmount(value: string): number {
  const n = /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0 || n > MAX_AMOUNT) throw new CliError(`--amount must be a positive number of yuan up to ${MAX_AMOUNT}, got "${value}"`);
  return n;
}

const pct = (x: number) => Math.round(x * 1e4) / 100;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

async function main(): Promise<void> {
  const { values } = cliArgs(process.argv.slice(2), OPTIONS, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.profile === undefined) throw new CliError(`--profile is required; ${USAGE}`);
  if (values.amount === undefined) throw new CliError(`--amount is required; ${USAGE}`);
  const amount = parseAmount(values.amount);
  const horizonMonths = values.horizon === undefined ? undefined : parseIntOption(values.horizon, 'horizon', 1, 600);
  const profile = readProfileFile(values.profile);
  const { products, cf } = loadCatalogueAndFactors(values.catalogue !== undefined ? { catalogue: values.catalogue } : {});
  let estimate;
  try {
    estimate = estimateClasses(parseMonthlyReturns(readTextFile(RETURNS_FILE, 'monthly returns')));
  } catch (e) {
    throw e instanceof CliError ? e : new CliError(`${RETURNS_FILE}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const scorer = await nodeScorer(null);
  let a;
  try {
    a = await allocateThroughPipeline(
      { products, profile, amount, events: [], now: new Date(), estimate, ...(horizonMonths !== undefined ? { horizonMonths } : {}), ...(cf ? { cf } : {}) },
      scorer
    );
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  printJson({
    riskLevel: a.riskLevel,
    holdings: a.holdings.map((h) => ({ productId: h.productId, assetClass: h.assetClass, weight: round6(h.weight), amount: h.amount })),
    assetClasses: a.assetClasses.map((c) => ({ class: c.class, weight: round6(c.weight) })),
    expectedReturn: pct(a.expectedReturn),
    volatility: pct(a.volatility),
    maxDrawdown: pct(a.history.maxDrawdown),
    worst12m: pct(a.history.worst12m),
    stress: a.history.stress.map((s) => ({ scenario: s.scenario, return: pct(s.return) }))
  });
}

void runCli(main);
