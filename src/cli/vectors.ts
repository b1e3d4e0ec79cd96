/**
 * npm run --silent vectors -- [--catalogue C.json] --out DIR [--created ISO]
 *
 * The release step for semantic search: embeds every product of the catalogue (the demo one by
 * default) with the committed embedding model — the same texts, pooling and model the device would
 * use — and writes DIR/vectors.json (the manifest, bound to the catalogue version and the model's
 * weights) and DIR/vectors-<sha256>.bin. The server signs and publishes them (CANDOR_VECTORS=DIR,
 * default models/vectors/demo), or the bank signs them offline: `npm run sign -- --type vectors`.
 * Prints a one-line summary; progress on stderr. Errors: one line on stderr, exit 1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { productText } from '../lib/llm/semantic';
import { serializeVectors } from '../lib/llm/vectors';
import { serverCatalogue } from '../lib/server/catalogue';
import { sha256Hex } from '../lib/server/factors-dir';
import { loadBundledEmbedder } from './embedder';
import { cliArgs, CliError, printJson, runCli } from './io';

const USAGE = 'usage: vectors [--catalogue C.json] --out DIR [--created ISO-8601]';
const OPTIONS = { catalogue: { type: 'string' }, out: { type: 'string' }, created: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

async function main(): Promise<void> {
  const { values } = cliArgs(process.argv.slice(2), OPTIONS, USAGE);
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (values.out === undefined) throw new CliError(`--out DIR is required; ${USAGE}`);
  const created = values.created ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(created)) || !/^\d{4}-\d{2}-\d{2}T/.test(created)) throw new CliError(`--created must be an ISO-8601 time, got "${created}"`);
  let catalogue;
  try {
    catalogue = serverCatalogue(values.catalogue).catalogue;
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const started = performance.now();
  const embedder = await loadBundledEmbedder();
  let last = 0;
  const data = await embedder.embed('passage', catalogue.products.map(productText), (done, total) => {
    if (done === total || performance.now() - last > 1000) {
      last = performance.now();
      process.stderr.write(`vectors: ${done}/${total} products\n`);
    }
  });
  await embedder.dispose();
  const { manifest, blob } = serializeVectors(
    { ids: catalogue.products.map((p) => p.id), dims: embedder.ref.dims, data },
    embedder.ref,
    catalogue.version ?? 1,
    created,
    sha256Hex
  );
  const dir = resolve(values.out);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'vectors.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  writeFileSync(join(dir, `vectors-${manifest.sha256}.bin`), blob);
  printJson({
    ok: true,
    model: manifest.model,
    dims: manifest.dims,
    products: manifest.itemIds.length,
    catalogueVersion: manifest.catalogueVersion,
    bytes: manifest.bytes,
    sha256: manifest.sha256,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    out: dir
  });
}

void runCli(main);
