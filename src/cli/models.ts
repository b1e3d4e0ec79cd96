/**
 * `npm run --silent models -- <command>`: the model files a deployment serves under /models/.
 *
 *   list                          registry models, whether installed here, which are offered
 *   fetch ID [--mirror URL] [--offer]
 *                                 download a registry model into static/models/ID, checking every file's
 *                                 size and sha256 (a file with no published checksum is pinned in
 *                                 models/registry.lock.json on first fetch, and must match it afterwards)
 *   make-tiny [--if-missing] [--offer]
 *                                 generate the tiny test model (models/llm/make-tiny-model.ts)
 *
 * Common options: --dir DIR (default static/models), --registry FILE, --lock FILE.
 * JSON on stdout; progress and errors on stderr. Fetched or generated models are added to
 * DIR/index.json, the deployment index the app reads; a model becomes the offered one for its role
 * with --offer or when none is offered yet. Rebuild the app (`npm run build`) to serve new files.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { TINY_ID, writeTinyModel } from '../../models/llm/make-tiny-model';
import { withInstalled } from '../lib/llm/deployment';
import { fileUrl, findModel, RegistrySchema, type Registry, type RegistryEntry } from '../lib/llm/registry';
import { cliArgs, CliError, printJson, readJsonFile, repoPath, runCli, validateOrFail } from './io';
import { installedFiles, readIndex, writeIndex } from './models/deployment-file';
import { download, expectedFor, type Progress } from './models/download';
import { lockKey, readLock, writeLock } from './models/lock';

const USAGE = 'usage: models list | fetch ID [--mirror URL] [--offer] | make-tiny [--if-missing] [--offer]  [--dir DIR] [--registry FILE] [--lock FILE]';

const ArgsSchema = z.object({
  command: z.enum(['list', 'fetch', 'make-tiny']),
  id: z.string().optional(),
  dir: z.string().min(1),
  registry: z.string().min(1),
  lock: z.string().min(1),
  mirror: z.url().optional(),
  offer: z.boolean(),
  ifMissing: z.boolean()
});
type Args = z.infer<typeof ArgsSchema>;

const OPTIONS = {
  dir: { type: 'string' },
  registry: { type: 'string' },
  lock: { type: 'string' },
  mirror: { type: 'string' },
  offer: { type: 'boolean' },
  'if-missing': { type: 'boolean' }
} as const;

function parseArgs(argv: readonly string[]): Args {
  // a leading "--" (npm run's) would make every later flag a positional
  const rest = argv[0] === '--' ? argv.slice(1) : argv;
  const { values, positionals } = cliArgs(rest, OPTIONS, USAGE, { positionals: 2 });
  if (positionals.length > (positionals[0] === 'fetch' ? 2 : 1)) throw new CliError(`too many arguments; ${USAGE}`);
  const raw = {
    command: positionals[0],
    ...(positionals[1] !== undefined ? { id: positionals[1] } : {}),
    dir: values.dir ?? repoPath('static', 'models'),
    registry: values.registry ?? repoPath('models', 'registry.json'),
    lock: values.lock ?? repoPath('models', 'registry.lock.json'),
    ...(values.mirror !== undefined ? { mirror: values.mirror } : {}),
    offer: values.offer === true,
    ifMissing: values['if-missing'] === true
  };
  return validateOrFail(ArgsSchema, raw, 'arguments');
}

function readRegistry(path: string): Registry {
  return validateOrFail(RegistrySchema, readJsonFile(path, 'registry'), `registry ${path}`);
}

/** stderr progress, at most twice a second per file, and always at the end */
function progressLine(label: string): Progress {
  let last = 0;
  return (loaded, total) => {
    const now = Date.now();
    if (now - last < 500 && loaded !== total) return;
    last = now;
    const mb = (n: number) => (n / 1e6).toFixed(1);
    process.stderr.write(`${label}: ${total ? `${Math.floor((100 * loaded) / total)}% ` : ''}${mb(loaded)}${total ? `/${mb(total)}` : ''} MB\n`);
  };
}

async function fetchCommand(args: Args, registry: Registry): Promise<unknown> {
  if (!args.id) throw new CliError(`fetch needs a model id; ${USAGE}`);
  const entry = findModel(registry, args.id);
  if (!entry) throw new CliError(`unknown model "${args.id}"; known: ${registry.models.map((m) => m.id).join(', ')}`);
  if (entry.source.kind === 'generated') throw new CliError(`${entry.id} is generated, not fetched: run \`models make-tiny\``);
  if (entry.source.kind === 'bundled') throw new CliError(`${entry.id} is committed in ${entry.source.dir} and served by the app: nothing to fetch`);
  const lock = readLock(args.lock);
  const files = [];
  for (const file of entry.files) {
    const key = lockKey(entry.id, file.path);
    const pinned = lock.files[key];
    const expected = expectedFor(file, pinned);
    const url = fileUrl(entry, file.path, args.mirror);
    const got = await download(url, join(args.dir, entry.id, file.path), expected, progressLine(`${entry.id}/${file.path}`));
    const checkedBy = file.sha256 !== null ? 'registry' : pinned ? 'lock' : 'first-fetch';
    if (checkedBy === 'first-fetch') {
      lock.files[key] = { ...got, source: fileUrl(entry, file.path) };
      process.stderr.write(`${key}: no published checksum; pinned ${got.sha256} in ${args.lock}\n`);
    }
    files.push({ path: file.path, bytes: got.bytes, sha256: got.sha256, checkedBy });
  }
  writeLock(args.lock, lock);
  const index = withInstalled(
    readIndex(args.dir, registry),
    entry,
    files.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })),
    args.offer
  );
  writeIndex(args.dir, index);
  return { id: entry.id, dir: join(args.dir, entry.id), files, offered: index.offered };
}

function makeTinyCommand(args: Args, registry: Registry): unknown {
  const entry = findModel(registry, TINY_ID);
  if (!entry) throw new CliError(`the registry has no ${TINY_ID} entry`);
  let files = args.ifMissing ? installedFiles(args.dir, entry) : null;
  const generated = files === null;
  if (files === null) {
    writeTinyModel(join(args.dir, entry.id));
    // the generator must reproduce the bytes the registry pins: a change there is a new model
    files = installedFiles(args.dir, entry);
    if (files === null) throw new CliError(`the generated ${TINY_ID} differs from the sizes/checksums pinned in ${args.registry}`);
  }
  const index = withInstalled(readIndex(args.dir, registry), entry, files, args.offer);
  writeIndex(args.dir, index);
  return { id: entry.id, dir: join(args.dir, entry.id), generated, files, offered: index.offered };
}

function listCommand(args: Args, registry: Registry): unknown {
  const index = readIndex(args.dir, registry);
  return {
    models: registry.models.map((m: RegistryEntry) => ({
      id: m.id,
      role: m.role,
      dtype: m.dtype,
      source: m.source.kind === 'huggingface' ? m.source.url : m.source.kind === 'bundled' ? m.source.dir : m.source.script,
      bytes: m.files.reduce((s, f) => s + f.bytes, 0),
      bytesExact: m.files.every((f) => f.bytesExact),
      installed: m.source.kind === 'bundled' || index.models.some((x) => x.id === m.id),
      offered: index.offered[m.role] === m.id
    }))
  };
}

async function main(argv: readonly string[]): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const args = parseArgs(argv);
  const registry = readRegistry(args.registry);
  if (args.command === 'fetch') printJson(await fetchCommand(args, registry));
  else if (args.command === 'make-tiny') printJson(makeTinyCommand(args, registry));
  else printJson(listCommand(args, registry));
}

void runCli(() => main(process.argv.slice(2)));
