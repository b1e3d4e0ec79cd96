// `npm start`: build once when the build is missing or older than the sources, then serve it.
// adapter-node reads PORT and HOST (defaults 3000 and 0.0.0.0).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDevKeys } from './ensure-keys.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'build', 'index.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// the build pins the root of trust, so the keys come first
const keys = ensureDevKeys();
const sources = ['src', 'static', 'workers', 'models'].map((d) => join(root, d)).filter(existsSync);
const stale =
  !existsSync(built) || sources.some((d) => newest(d) > statSync(built).mtimeMs) || statSync(join(keys, 'root.json')).mtimeMs > statSync(built).mtimeMs;
if (stale) {
  console.log('Building Candor…');
  const r = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const host = process.env.HOST ?? '0.0.0.0';
const port = process.env.PORT ?? '3000';
console.log(`Candor: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
// the server: build/index.js with nosniff on every response (scripts/serve.js)
await import('./serve.js');
