import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { trustRoot } from '../../src/lib/signing/index';
import { verifyEnvelope } from '../../src/lib/documents';
import { factorsArtifact } from '../fixtures/signing/helpers';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TSX_LOADER = pathToFileURL(resolve(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const tmp = mkdtempSync(join(tmpdir(), 'candor-signing-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Run = { code: number | null; stdout: string; stderr: string };

function cli(script: 'keys' | 'sign' | 'verify', args: string[]): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, resolve(ROOT, `src/cli/${script}.ts`), ...args], { cwd: ROOT, env: { ...process.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** The contract for verify (docs/contracts.md), exactly. */
const VerifyOk = z.strictObject({ ok: z.literal(true), type: z.enum(['root', 'catalogue', 'factors']), version: z.number().int() });
const VerifyFail = z.strictObject({ ok: z.literal(false), error: z.string().min(1) });

function verifyOk(r: Run): z.infer<typeof VerifyOk> {
  expect(r.code, r.stderr + r.stdout).toBe(0);
  expect(r.stdout.endsWith('\n') && r.stdout.trim().split('\n')).toHaveLength(1);
  return VerifyOk.parse(JSON.parse(r.stdout));
}

function verifyFail(r: Run, pattern: RegExp): void {
  expect(r.code, r.stdout).toBe(1);
  const out = VerifyFail.parse(JSON.parse(r.stdout));
  expect(out.error).toMatch(pattern);
}

function oneLineError(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr.replace(/\n$/, '').split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

describe('keys → sign → verify, offline', () => {
  it('round trip, tampering, factors, usage errors and key rotation', async () => {
    const keys = join(tmp, 'keys');
    const gen = await cli('keys', ['generate', '--out', keys]);
    expect(gen.code, gen.stderr).toBe(0);
    const summary = JSON.parse(gen.stdout) as { keyId: string; version: number };
    expect(summary.version).toBe(1);
    const keyFile = JSON.parse(readFileSync(join(keys, 'signing-key.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(keyFile).sort()).toEqual(['keyId', 'privateKey', 'publicKey']);
    expect(keyFile['keyId']).toBe(summary.keyId);
    expect(statSync(join(keys, 'signing-key.json')).mode & 0o777).toBe(0o600);
    const root = await trustRoot(readFileSync(join(keys, 'root.json')), { now: Date.now() });
    if (!root.ok) throw new Error(root.error);
    for (const role of ['root', 'catalogue', 'factors'] as const) expect(root.root.roles[role]).toEqual({ keyIds: [summary.keyId], threshold: 1 });
    const yearAhead = Date.parse(root.root.expiresAt) - Date.now();
    expect(yearAhead).toBeGreaterThan(364 * 86400e3);
    expect(yearAhead).toBeLessThan(366 * 86400e3);

    // inputs: a catalogue (the cleaned bank export) and a factors artifact
    const catalogueIn = resolve(ROOT, 'tests/fixtures/import/messy-products.expected.json');
    const catalogueFile = join(tmp, 'catalogue.json');
    writeFileSync(catalogueFile, JSON.stringify((JSON.parse(readFileSync(catalogueIn, 'utf8')) as { catalogue: unknown }).catalogue));
    const fdir = join(tmp, 'factors');
    mkdirSync(fdir);
    const art = factorsArtifact(7);
    writeFileSync(join(fdir, 'factors.json'), JSON.stringify(art.manifest));
    const blobPath = join(fdir, `factors-${art.manifest.sha256}.bin`);
    writeFileSync(blobPath, art.blob);

    const key = join(keys, 'signing-key.json');
    const rootFile = join(keys, 'root.json');
    const catOut = join(tmp, 'out', 'catalogue.signed.json');
    const facOut = join(tmp, 'out', 'factors.signed.json');
    const [signCat, signFac, again] = await Promise.all([
      cli('sign', ['--type', 'catalogue', '--in', catalogueFile, '--key', key, '--version', '7', '--out', catOut, '--root', rootFile]),
      cli('sign', [
        '--type',
        'factors',
        '--in',
        join(fdir, 'factors.json'),
        '--key',
        key,
        '--version',
        '3',
        '--expires',
        '2099-01-01T00:00:00Z',
        '--out',
        facOut
      ]),
      cli('keys', ['generate', '--out', keys])
    ]);
    expect(signCat.code, signCat.stderr).toBe(0);
    expect(JSON.parse(signCat.stdout)).toMatchObject({ ok: true, type: 'catalogue', version: 7, keyId: summary.keyId });
    expect(signFac.code, signFac.stderr).toBe(0);
    expect(JSON.parse(signFac.stdout)).toMatchObject({ type: 'factors', version: 3, expiresAt: '2099-01-01T00:00:00Z' });
    oneLineError(again, /already exists; refusing to overwrite a private key/);

    // the library agrees with the CLI
    const lib = await verifyEnvelope(readFileSync(catOut), { root: root.root, type: 'catalogue', now: Date.now() });
    expect(lib.ok && lib.signed.products.length).toBe(9);

    const text = readFileSync(catOut, 'utf8');
    const tampered = join(tmp, 'tampered.json');
    writeFileSync(tampered, text.replace('"expectedReturn":1.35', '"expectedReturn":9.35'));
    const flippedBlob = join(tmp, 'flipped.bin');
    const fb = Buffer.from(art.blob);
    fb[0]! ^= 1;
    writeFileSync(flippedBlob, fb);

    // each spawn costs ~0.5 s of CPU: the other refusals are covered in signing.test.ts
    const [ok1, ok2, bad1, bad2, usage] = await Promise.all([
      cli('verify', [catOut, '--root', rootFile]),
      cli('verify', [facOut, '--root', rootFile, '--catalogue-version', '7', '--blob', blobPath]),
      cli('verify', [tampered, '--root', rootFile]),
      cli('verify', [facOut, '--root', rootFile, '--blob', flippedBlob]),
      cli('verify', [catOut])
    ]);
    expect(verifyOk(ok1)).toEqual({ ok: true, type: 'catalogue', version: 7 });
    expect(verifyOk(ok2)).toEqual({ ok: true, type: 'factors', version: 3 });
    verifyFail(bad1, /^bad_signature: /);
    verifyFail(bad2, /sha256_mismatch/);
    oneLineError(usage, /--root DIR\/root.json is required/);

    // rotation: a new key replaces (revokes) the old one
    const keys2 = join(tmp, 'keys2');
    const rot = await cli('keys', ['rotate', '--root', rootFile, '--key', key, '--out', keys2]);
    expect(rot.code, rot.stderr).toBe(0);
    expect(JSON.parse(rot.stdout)).toMatchObject({ version: 2, revokedKeyIds: [summary.keyId] });
    const root2 = join(keys2, 'root.json');
    const [rotOk, oldUnderNew] = await Promise.all([cli('verify', [root2, '--root', rootFile]), cli('verify', [catOut, '--root', root2])]);
    expect(verifyOk(rotOk)).toEqual({ ok: true, type: 'root', version: 2 });
    verifyFail(oldUnderNew, /^unknown_key: /);
  }, 30_000);
});
