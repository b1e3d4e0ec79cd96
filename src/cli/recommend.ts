/**
 * npm run --silent recommend -- --profile P.json --events E.jsonl [--catalogue C.json] [--query TEXT] [--k N] [--now ISO]
 *     [--factors DIR] [--personal FILE] [--details]
 *
 * Prints {"items":[{"productId":"...","score":0.0,"reasons":[{"code":"...","text":"..."}]}]}
 * (reason text in profile.locale, zh-CN when absent). Errors: one line on stderr, exit 1.
 * `--now` (an extra, optional flag) fixes the clock for interaction decay, for reproducible runs.
 *
 * The list is the app's: the one pipeline (src/lib/pipeline) with the shipped ranker, or with the
 * person's fine-tuned copy from `--personal FILE` (the app's export file, or its `personal.ranker`).
 * `--details` adds what the page says around the list: `withheld` (the products hidden only because the
 * profile has no age or income) and `request` (for a query: how many answer it, and what nothing meets).
 *
 * Collaborative filtering: with the demo catalogue (no --catalogue) the committed demo factors
 * (models/factors/demo, EASE trained on the simulated population) are used; `--factors DIR` uses a
 * bank's own (DIR/factors.json — the manifest, plain or as the `signed.manifest` of a signed `factors` envelope — and
 * DIR/factors-<sha256>.bin, whose digest must match). With a --catalogue and no --factors, no CF.
 * The manifest's signature, if any, is not checked here (that is `npm run verify`'s job).
 */
import { parseArgs } from 'node:util';
import { explain } from '../lib/engine/index';
import { runPipeline } from '../lib/pipeline';
import { nodeScorer, readPersonal } from './ranker-scorer';
import { loadCatalogueAndFactors, requestFields } from './pipeline-setup';
import { CliError, parseIntOption, printJson, readEventsFile, readProfileFile, runCli } from './io';

const USAGE =
  'usage: recommend --profile P.json --events E.jsonl [--catalogue C.json] [--query TEXT] [--k N] [--now ISO-8601] [--factors DIR] [--personal FILE] [--details]';
const DEFAULT_K = 10;

const OPTIONS = {
  profile: { type: 'string' },
  events: { type: 'string' },
  catalogue: { type: 'string' },
  query: { type: 'string' },
  k: { type: 'string' },
  now: { type: 'string' },
  factors: { type: 'string' },
  personal: { type: 'string' },
  details: { type: 'boolean' },
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
  const { products, cf } = loadCatalogueAndFactors({
    ...(values.catalogue !== undefined ? { catalogue: values.catalogue } : {}),
    ...(values.factors !== undefined ? { factors: values.factors } : {})
  });
  const events = readEventsFile(values.events, new Set(products.map((p) => p.id)));
  const locale = profile.locale ?? 'zh-CN';

  const scorer = await nodeScorer(values.personal === undefined ? null : readPersonal(values.personal));
  const { items, withheld, request } = await runPipeline({
    products,
    profile,
    events,
    now,
    k,
    // the query is understood by the built-in parser, as in the app with no model downloaded
    ...requestFields(values.query),
    ...(cf ? { cf } : {})
  }, scorer);
  printJson({
    items: items.map((it) => ({
      productId: it.productId,
      score: Math.round(it.score * 1e6) / 1e6,
      reasons: it.reasons.map((r) => ({ code: r.code, text: explain(r, locale) }))
    })),
    // beyond the contract's {"items"}, only when asked for: what the page says around the list
    ...(values.details ? { withheld: { count: withheld.count, needs: withheld.needs, kinds: withheld.kinds }, request } : {})
  });
}

void runCli(main);
