import { createHash } from 'node:crypto';
import { error } from '@sveltejs/kit';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { acceptFactors } from '../cf/accept';
import type { Catalogue } from '../domain';
import { envelopeToJson, isoSeconds, parseKeyPairJson, trustRoot, updateRoot, type KeyPair, type RootSigned } from '../signing/index';
import { signEnvelope, verifyEnvelope } from '../documents';
import { isEnvelope, serverCatalogue } from './catalogue';
import { acceptVectors } from '../llm/vectors';
import { vectorModelOf } from './bundled-models';
import { readArtifactDir, readFactorsDir, sha256Hex } from './factors-dir';
import { CATALOGUE_MAX_BYTES } from '../domain/catalogue';
import { compressedBody, negotiateEncoding } from './compress';

/** One published document: the exact bytes served and their ETag. */
export interface Published {
  body: string;
  etag: string;
}

export interface Publication {
  /** every root envelope from version 1 (or the oldest kept) to the current one */
  roots: Published;
  catalogue: Published;
  catalogueData: Catalogue;
  /** null when no factors fit this catalogue (a bank's catalogue with the demo factors, say) */
  factors: { manifest: Published; sha256: string; blob: Uint8Array } | null;
  /** why factors are not published, for the log */
  factorsRefused: string | null;
  /** the product vectors for semantic search, made for this catalogue by a bundled model; null when none fit */
  vectors: { manifest: Published; sha256: string; blob: Uint8Array } | null;
  vectorsRefused: string | null;
  builtAt: number;
  /** ms: the earliest expiry among what is served; a document signed offline by the bank is never re-signed here */
  expiresAt: number;
}

/** The process environment: CANDOR_KEYS (default keys/), CANDOR_CATALOGUE, CANDOR_FACTORS (default models/factors/demo),
 *  CANDOR_VECTORS (default models/vectors/demo). */
export type PublishEnv = Readonly<Record<string, string | undefined>>;

/** Documents signed here at start-up are valid this long, and re-signed a day before they lapse. */
const SIGNED_FOR_MS = 30 * 24 * 3600 * 1000;
const RESIGN_AFTER_MS = 24 * 3600 * 1000;

const etagOf = (bytes: string | Uint8Array): string => `"${createHash('sha256').update(bytes).digest('base64url')}"`;
const published = (body: string): Published => ({ body, etag: etagOf(body) });

function readJson(path: string, what: string): { text: string; value: unknown } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`${what} ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return { text, value: JSON.parse(text) };
  } catch {
    throw new Error(`${what} ${path}: not JSON`);
  }
}

/** root.json plus any earlier roots kept in roots/*.json, checked as one chain from the oldest. */
async function rootChain(dir: string, now: number): Promise<{ envelopes: string[]; current: RootSigned }> {
  const files = [join(dir, 'root.json')];
  const history = join(dir, 'roots');
  if (existsSync(history)) for (const f of readdirSync(history)) if (f.endsWith('.json')) files.push(join(history, f));
  const byVersion = new Map<number, string>();
  for (const f of files) {
    const { text, value } = readJson(f, 'root');
    const version = isEnvelope(value) ? value.signed['version'] : undefined;
    if (typeof version !== 'number') throw new Error(`root ${f}: not a signed root envelope`);
    byVersion.set(version, text.trim());
  }
  const envelopes = [...byVersion.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
  const first = await trustRoot(envelopes[0]!, { now, allowExpired: envelopes.length > 1 });
  if (!first.ok) throw new Error(`root: ${first.code}: ${first.error}`);
  const last = await updateRoot(first.root, envelopes.slice(1), now);
  if (!last.ok) throw new Error(`root chain: ${last.code}: ${last.error}`);
  return { envelopes, current: last.root };
}

async function signingKey(dir: string): Promise<KeyPair | null> {
  const path = join(dir, 'signing-key.json');
  if (!existsSync(path)) return null;
  return parseKeyPairJson(readFileSync(path, 'utf8'));
}

/**
 * Sign `signed` with the deployment's key unless the file already was an envelope; either way the
 * result must verify against the current root, or the server refuses to start with the reason.
 */
async function envelopeFor(
  source: unknown,
  type: 'catalogue' | 'factors' | 'vectors',
  body: Record<string, unknown>,
  version: number,
  key: KeyPair | null,
  root: RootSigned,
  now: number,
  catalogueVersion: number | null
): Promise<string> {
  let text: string;
  if (isEnvelope(source)) text = JSON.stringify(source);
  else {
    if (!key) throw new Error(`${type}: the file is not signed and there is no signing-key.json to sign it with`);
    const signed = { _type: type, version, issuedAt: isoSeconds(now), expiresAt: isoSeconds(now + SIGNED_FOR_MS), ...body };
    text = envelopeToJson(await signEnvelope(signed, [key]));
  }
  const check =
    type === 'catalogue'
      ? await verifyEnvelope(text, { root, type: 'catalogue', now, maxBytes: CATALOGUE_MAX_BYTES })
      : await verifyEnvelope(text, { root, type, now, catalogueVersion });
  if (!check.ok) throw new Error(`${type}: does not verify against root v${root.version}: ${check.code}: ${check.error}`);
  return text;
}

async function build(env: PublishEnv, now: number): Promise<Publication> {
  const keys = resolve(env['CANDOR_KEYS'] ?? 'keys');
  if (!existsSync(join(keys, 'root.json'))) throw new Error(`no root.json in ${keys}: run \`npm start\` once, or \`npm run keys -- generate --out ${keys}\``);
  const { envelopes, current: root } = await rootChain(keys, now);
  const key = await signingKey(keys);

  // the catalogue: a bank's file (signed envelope or plain {version, products}), or the demo
  const { source, catalogue: catalogueData } = serverCatalogue(env['CANDOR_CATALOGUE']);
  const catalogueVersion = catalogueData.version ?? 1;
  const catalogueText = await envelopeFor(source, 'catalogue', { products: catalogueData.products }, catalogueVersion, key, root, now, null);

  // the factors: trained for this catalogue, or not published at all
  const dir = resolve(env['CANDOR_FACTORS'] ?? 'models/factors/demo');
  let factors: Publication['factors'] = null;
  let factorsRefused: string | null = null;
  try {
    const { source, manifest, sha256: sha, blob } = readFactorsDir(dir);
    const accepted = acceptFactors(
      manifest,
      blob,
      { version: catalogueVersion, productIds: new Set(catalogueData.products.map((p) => p.id)) },
      {
        sha256: sha256Hex
      }
    );
    if (!accepted.ok) throw new Error(accepted.error);
    const text = await envelopeFor(source, 'factors', { manifest: manifest as Record<string, unknown> }, catalogueVersion, key, root, now, catalogueVersion);
    factors = { manifest: published(text), sha256: sha, blob };
  } catch (e) {
    factorsRefused = `factors in ${dir} not published: ${e instanceof Error ? e.message : String(e)}`;
  }
  // the product vectors: made for this catalogue version, every product, by a model this server bundles
  const vectorsDir = resolve(env['CANDOR_VECTORS'] ?? 'models/vectors/demo');
  let vectors: Publication['vectors'] = null;
  let vectorsRefused: string | null = null;
  try {
    const { source, manifest, sha256: sha, blob } = readArtifactDir(vectorsDir, 'vectors');
    if (sha256Hex(blob) !== sha) throw new Error(`the blob's sha256 is not ${sha}`);
    const model = vectorModelOf(manifest);
    if (!model) throw new Error('made by a model this server does not bundle');
    const accepted = acceptVectors(manifest, blob, { version: catalogueVersion, productIds: catalogueData.products.map((p) => p.id) }, model);
    if (!accepted.ok) throw new Error(accepted.error);
    const text = await envelopeFor(source, 'vectors', { manifest: manifest as Record<string, unknown> }, catalogueVersion, key, root, now, catalogueVersion);
    vectors = { manifest: published(text), sha256: sha, blob };
  } catch (e) {
    vectorsRefused = `vectors in ${vectorsDir} not published (devices embed the catalogue themselves): ${e instanceof Error ? e.message : String(e)}`;
  }
  const expiryOf = (text: string): number => Date.parse(String((JSON.parse(text) as { signed: { expiresAt?: unknown } }).signed.expiresAt));
  return {
    roots: published(JSON.stringify({ roots: envelopes.map((t) => JSON.parse(t) as unknown) })),
    catalogue: published(catalogueText),
    catalogueData,
    factors,
    factorsRefused,
    vectors,
    vectorsRefused,
    builtAt: now,
    expiresAt: Math.min(expiryOf(catalogueText), factors ? expiryOf(factors.manifest.body) : Infinity, vectors ? expiryOf(vectors.manifest.body) : Infinity)
  };
}

let cache: Publication | null = null;
let pending: Promise<Publication> | null = null;
let lastFailure: string | null = null;

/**
 * What this server publishes, signed. Built once, and again after a day (so that documents signed
 * here never lapse) or once anything served has expired: a catalogue the bank signed offline is
 * served as is, so when it expires the rebuild refuses it and nothing is served until a new one is
 * in place. A configuration that does not verify fails every request with its reason (logged once).
 */
export async function publication(env: PublishEnv, now = Date.now()): Promise<Publication> {
  if (cache && now - cache.builtAt <= RESIGN_AFTER_MS && now < cache.expiresAt) return cache;
  pending ??= build(env, now)
    .then((p) => {
      if (p.factorsRefused) console.warn(p.factorsRefused);
      if (p.vectorsRefused) console.warn(p.vectorsRefused);
      cache = p;
      lastFailure = null;
      return p;
    })
    .catch((e: unknown) => {
      cache = null;
      const message = e instanceof Error ? e.message : String(e);
      if (message !== lastFailure) console.error(`nothing signed is served: ${message}`);
      lastFailure = message;
      throw e;
    })
    .finally(() => {
      pending = null;
    });
  return pending;
}

/** publication() for a route: with nothing valid to serve the answer is a 503 with the reason, not a 500. */
export async function servedPublication(env: PublishEnv): Promise<Publication> {
  try {
    return await publication(env);
  } catch (e) {
    error(503, e instanceof Error ? e.message : String(e));
  }
}

/**
 * A 200 with the body — brotli or gzip when the client accepts it (compress.ts) — or a 304 when the
 * client already has it. The ETag names the document, whatever the encoding it travels in.
 */
export async function conditional(request: Request, doc: Published, cacheControl: string, type = 'application/json; charset=utf-8'): Promise<Response> {
  const headers: Record<string, string> = { etag: doc.etag, 'cache-control': cacheControl, 'content-type': type, vary: 'Accept-Encoding' };
  if (request.headers.get('if-none-match') === doc.etag) return new Response(null, { status: 304, headers });
  const encoding = doc.body.length >= COMPRESS_FROM ? negotiateEncoding(request.headers.get('accept-encoding')) : null;
  if (encoding === null) return new Response(doc.body, { headers });
  const body = await compressedBody(doc, doc.body, encoding);
  return new Response(body.slice().buffer, { headers: { ...headers, 'content-encoding': encoding } });
}

/** Below this many characters a document is sent as it is (compression would gain less than its headers). */
const COMPRESS_FROM = 1024;
