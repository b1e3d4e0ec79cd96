import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeploymentIndexSchema } from '../../src/lib/llm/deployment';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const SCRIPT = resolve(ROOT, 'src/cli/models.ts');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** what the local "hub" serves, by URL path; tests change it between fetches */
const served = new Map<string, string>();
let server: Server;
let mirror = '';
let dir = '';

const CONFIG = '{"model_type":"bert"}';
const WEIGHTS = 'pretend these are weights';

function registry(weightsSha: string | null) {
  return {
    version: 1,
    models: [
      {
        id: 'test-embed',
        role: 'embed',
        task: 'feature-extraction',
        dtype: 'q8',
        licence: 'MIT',
        description: 'served by the test',
        source: { kind: 'huggingface', repo: 'acme/test-embed', revision: 'abc123', url: 'https://huggingface.co/acme/test-embed' },
        files: [
          { path: 'config.json', bytes: CONFIG.length, bytesExact: true, sha256: sha(CONFIG) },
          { path: 'onnx/model_quantized.onnx', bytes: 1000, bytesExact: false, sha256: weightsSha }
        ]
      }
    ]
  };
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, SCRIPT, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function fetchArgs(registryFile: string): string[] {
  return ['fetch', 'test-embed', '--mirror', mirror, '--dir', join(dir, 'static'), '--registry', registryFile, '--lock', join(dir, 'lock.json')];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'candor-models-cli-'));
  server = createServer((req, res) => {
    const body = served.get(req.url ?? '');
    if (body === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  mirror = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  served.set('/acme/test-embed/resolve/abc123/config.json', CONFIG);
  served.set('/acme/test-embed/resolve/abc123/onnx/model_quantized.onnx', WEIGHTS);
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('models CLI: fetch', { timeout: 60_000 }, () => {
  const unpinned = () => {
    const file = join(dir, 'registry-unpinned.json');
    writeFileSync(file, JSON.stringify(registry(null)));
    return file;
  };
  const weightsFile = () => join(dir, 'static', 'test-embed', 'onnx', 'model_quantized.onnx');

  it('downloads, pins an unpublished checksum on first fetch and offers the model', async () => {
    const r = await run(fetchArgs(unpinned()));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/test-embed\/onnx\/model_quantized\.onnx: no published checksum; pinned/);
    const out = JSON.parse(r.stdout) as { files: { path: string; checkedBy: string; sha256: string }[]; offered: { embed: string } };
    expect(out.files.map((f) => [f.path, f.checkedBy])).toEqual([
      ['config.json', 'registry'],
      ['onnx/model_quantized.onnx', 'first-fetch']
    ]);
    expect(readFileSync(weightsFile(), 'utf8')).toBe(WEIGHTS);
    const lock = JSON.parse(readFileSync(join(dir, 'lock.json'), 'utf8')) as { files: Record<string, { sha256: string; bytes: number }> };
    expect(lock.files['test-embed/onnx/model_quantized.onnx']).toMatchObject({ sha256: sha(WEIGHTS), bytes: WEIGHTS.length });
    const index = DeploymentIndexSchema.parse(JSON.parse(readFileSync(join(dir, 'static', 'index.json'), 'utf8')));
    expect(index.offered.embed).toBe('test-embed');
  });

  it('refuses different bytes on a later fetch, and keeps the good copy', async () => {
    // same length, other bytes: only the pinned checksum can tell
    served.set('/acme/test-embed/resolve/abc123/onnx/model_quantized.onnx', WEIGHTS.replace('weights', 'weightz'));
    const r = await run(fetchArgs(unpinned()));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/sha256 mismatch/);
    expect(r.stdout).toBe('');
    expect(readFileSync(weightsFile(), 'utf8')).toBe(WEIGHTS);
    expect(existsSync(`${weightsFile()}.part`)).toBe(false);
  });

  it('refuses bytes that differ from a checksum the registry publishes', async () => {
    served.set('/acme/test-embed/resolve/abc123/config.json', '{"model_type":"gpt2"}');
    const pinned = join(dir, 'registry-pinned.json');
    writeFileSync(pinned, JSON.stringify(registry(sha(WEIGHTS))));
    const r = await run(['fetch', 'test-embed', '--mirror', mirror, '--dir', join(dir, 'other'), '--registry', pinned, '--lock', join(dir, 'lock2.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/config\.json: (size|sha256) mismatch/);
    expect(existsSync(join(dir, 'other', 'test-embed', 'config.json'))).toBe(false);
  });

  it('reports unknown models and bad arguments as one line on stderr', async () => {
    const r = await run(['fetch', 'nope', '--registry', unpinned(), '--dir', join(dir, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown model "nope"; known: test-embed/);
    const bad = await run(['fetch', 'test-embed', '--mirror', 'not a url', '--registry', unpinned()]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/mirror/);
  });
});
