// The development deployment's signing keys: made on first use (npm start, npm run build, vite dev),
// never committed (keys/ is gitignored). A bank points CANDOR_KEYS at its own directory instead,
// made with `npm run keys -- generate --out DIR`, and keeps the private key off the web server.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** The keys directory in use: CANDOR_KEYS, or keys/ in the repository. */
export function keysDir() {
  return resolve(repo, process.env.CANDOR_KEYS ?? 'keys');
}

/** Make keys/root.json and keys/signing-key.json when the directory has no root yet. */
export function ensureDevKeys() {
  const dir = keysDir();
  if (existsSync(join(dir, 'root.json'))) return dir;
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'keys.ts'), 'generate', '--out', dir], {
    cwd: repo,
    encoding: 'utf8'
  });
  if (r.status !== 0) throw new Error(`could not make development keys in ${dir}: ${r.stderr.trim()}`);
  console.log(`Made a development signing key in ${dir} (gitignored; never commit it).`);
  return dir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) ensureDevKeys();
