/**
 * npm run --silent recommend -- --profile P.json --events E.jsonl [--catalogue C.json] [--query TEXT] [--k N] [--now ISO]
 *     [--factors DIR] [--personal FILE] [--details] [--semantic [--vectors DIR]]
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
 *
 * `--semantic` (with --query) adds what the app adds once its embedding model is on: the committed
 * bge-small-zh-v1.5 embeds the query in Node (src/cli/embedder.ts, the same runtime code as the
 * browser worker), the products' vectors are the published ones when they fit (models/vectors/demo
 * for the demo catalogue, `--vectors DIR` for a bank's) or are embedded here, and the pipeline fuses
 * the lexical and semantic matches (hybrid retrieval).
 */
import { explain } from '../lib/engine/index';
import { runPipeline } from '../lib/pipeline';
import { nodeScorer, readPersonal } from './ranker-scorer';
import { loadCatalogueAndFactors, requestFields } from './pipeline-setup';
import { semanticSearch } from './semantic-setup';
import { cliArgs, CliError, parseIntOption, printJson, readEventsFile, readProfileFile, runCli } from './io';

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
  semantic: { type: 'boolean' },
  vectors: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const;

async function main(): Promise<void> {
  const { values } = cliArgs(process.argv.slice(2), OPTIONS, USAGE);
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
  if (values.semantic && values.query === undefined) throw new CliError(`--semantic needs --query TEXT; ${USAGE}`);
  if (values.vectors !== undefined && !values.semantic) throw new CliError(`--vectors is for --semantic; ${USAGE}`);
  const { products, version, cf } = loadCatalogueAndFactors({
    ...(values.catalogue !== undefined ? { catalogue: values.catalogue } : {}),
    ...(values.factors !== undefined ? { factors: values.factors } : {})
  });
  const events = readEventsFile(values.events, new Set(products.map((p) => p.id)));
  const locale = profile.locale ?? 'zh-CN';

  const scorer = await nodeScorer(values.personal === undefined ? null : readPersonal(values.personal));
  let semantic: ReadonlyMap<string, number> | undefined;
  if (values.semantic && values.query !== undefined) {
    const search = await semanticSearch(products, version, {
      ...(values.vectors !== undefined ? { vectorsDir: values.vectors } : {}),
      onProgress: (done, total) => {
        if (done === total || done % 320 === 0) process.stderr.write(`semantic: embedded ${done}/${total} products (no published vectors fit)\n`);
      }
    });
    [semantic] = await search.scores([values.query]);
    await search.embedder.dispose();
  }
  const { items, withheld, request } = await runPipeline(
    {
      products,
      profile,
      events,
      now,
      k,
      // the query is understood by the built-in parser, as in the app with no model downloaded
      ...requestFields(values.query),
      ...(semantic ? { semantic } : {}),
      ...(cf ? { cf } : {})
    },
    scorer
  );
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
