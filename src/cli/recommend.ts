/**
 * npm run --silent recommend -- --profile P.json --events E.jsonl [--catalogue C.json] [--query TEXT] [--k N] [--now ISO]
 *     [--factors DIR] [--personal FILE]
 *
 * Prints {"items":[{"productId":"...","score":0.0,"reasons":[{"code":"...","text":"..."}]}],"withheld":{…}}
 * (reason text in profile.locale, zh-CN when absent). Errors: one line on stderr, exit 1.
 * `--now` (an extra, optional flag) fixes the clock for interaction decay, for reproducible runs.
 *
 * The list is the app's: the one pipeline (src/lib/pipeline) with the shipped ranker, or with the
 * person's fine-tuned copy from `--personal FILE` (the app's export file, or its `personal.ranker`).
 * `withheld` counts the products hidden only because the profile has no age or income.
 *
 * Collaborative filtering: with the demo catalogue (no --catalogue) the committed demo factors
 * (models/factors/demo, EASE trained on the simulated population) are used; `--factors DIR` uses a
 * bank's own (DIR/factors.json — the manifest, plain or as the `signed.manifest` of a signed `factors` envelope — and
 * DIR/factors-<sha256>.bin, whose digest must match). With a --catalogue and no --factors, no CF.
 * The manifest's signature, if any, is not checked here (that is `npm run verify`'s job).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deserializeFactors } from '../lib/cf/artifact';
import type { CfModel } from '../lib/cf/model';
import { explain } from '../lib/engine/index';
import { runPipeline } from '../lib/pipeline';
import { parseIntent } from '../lib/intent';
import { readFactorsDir, sha256Hex } from '../lib/server/factors-dir';
import { nodeScorer, readPersonal } from './ranker-scorer';
import { CliError, parseIntOption, printJson, readCatalogueFile, readEventsFile, readProfileFile, repoPath, runCli } from './io';

const USAGE =
  'usage: recommend --profile P.json --events E.jsonl [--catalogue C.json] [--query TEXT] [--k N] [--now ISO-8601] [--factors DIR] [--personal FILE]';
const DEFAULT_CATALOGUE = repoPath('models', 'catalogue', 'demo-catalogue.json');
const DEFAULT_FACTORS = repoPath('models', 'factors', 'demo');
const DEFAULT_K = 10;

/** Load and check a factors directory (manifest + blob with a matching sha256). */
function loadFactors(dir: string): CfModel {
  try {
    const { manifest, blob } = readFactorsDir(dir);
    return deserializeFactors(manifest, blob, { sha256: sha256Hex });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new CliError(message.startsWith('factors ') ? message : `factors ${dir}: ${message}`);
  }
}

const OPTIONS = {
  profile: { type: 'string' },
  events: { type: 'string' },
  catalogue: { type: 'string' },
  query: { type: 'string' },
  k: { type: 'string' },
  now: { type: 'string' },
  factors: { type: 'string' },
  personal: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

function parseOptions(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new CliError(`${e instanceof Error ? e.message : String(e)}; ${USAGE}`);
  }
}

async function main(): Promise<void> {
  const values = parseOptions(process.argv.slice(2));
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.profile === undefined) throw new CliError(`--profile is required; ${USAGE}`);
  if (values.events === undefined) throw new CliError(`--events is required; ${USAGE}`);
  const k = values.k === undefined ? DEFAULT_K : parseIntOption(values.k, 'k', 1, 1000);
  let now = new Date();
  if (values.now !== undefined) {
    now = new Date(values.now);
    if (Number.isNaN(now.getTime())) throw new CliError(`--now must be an ISO-8601 timestamp, got "${values.now}"`);
  }

  const profile = readProfileFile(values.profile);
  if (values.catalogue === undefined && !existsSync(DEFAULT_CATALOGUE)) {
    throw new CliError(`catalogue ${DEFAULT_CATALOGUE}: file not found (generate it with npm run catalogue:demo, or pass --catalogue C.json)`);
  }
  const products = readCatalogueFile(values.catalogue ?? DEFAULT_CATALOGUE);
  const events = readEventsFile(values.events, new Set(products.map((p) => p.id)));
  const locale = profile.locale ?? 'zh-CN';
  let cf: CfModel | undefined;
  if (values.factors !== undefined) cf = loadFactors(values.factors);
  else if (values.catalogue === undefined && existsSync(join(DEFAULT_FACTORS, 'factors.json'))) cf = loadFactors(DEFAULT_FACTORS);

  const scorer = await nodeScorer(values.personal === undefined ? null : readPersonal(values.personal));
  const { items, withheld } = await runPipeline({
    products,
    profile,
    events,
    now,
    k,
    // the query is understood by the built-in parser, as in the app with no model downloaded
    ...(values.query !== undefined ? { query: values.query, intent: parseIntent(values.query) } : {}),
    ...(cf ? { cf } : {})
  }, scorer);
  printJson({
    items: items.map((it) => ({
      productId: it.productId,
      score: Math.round(it.score * 1e6) / 1e6,
      reasons: it.reasons.map((r) => ({ code: r.code, text: explain(r, locale) }))
    })),
    withheld: { count: withheld.count, needs: withheld.needs, kinds: withheld.kinds }
  });
}

void runCli(main);
