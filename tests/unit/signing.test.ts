import { afterEach, describe, expect, it } from 'vitest';
import {
  canonicalize,
  envelopeToJson,
  fromHex,
  generateKeyPair,
  keyIdOf,
  rotateRoot,
  setEd25519Backend,
  signBytes,
  toBase64,
  toHex,
  trustRoot,
  updateRoot,
  verifyBytes,
  type KeyPair,
  type RootSigned,
  type VerifyErrorCode
} from '../../src/lib/signing/index';
import { signEnvelope, verifyEnvelope, verifyFactorsBlob } from '../../src/lib/documents';
import { sha256 } from '../fixtures/signing/helpers';
import { catalogueSigned, EXPIRES, factorsArtifact, factorsSigned, ISSUED, makeRoot, NOW, seededKey, signedText } from '../fixtures/signing/helpers';

type Outcome = { ok: true } | { ok: false; code: VerifyErrorCode; error: string };
const codeOf = (r: Outcome): string => (r.ok ? 'ok' : r.code);

afterEach(() => setEd25519Backend('auto'));

async function setup(): Promise<{ k1: KeyPair; k2: KeyPair; k3: KeyPair; root: RootSigned }> {
  const [k1, k2, k3] = await Promise.all([seededKey(1), seededKey(2), seededKey(3)]);
  return { k1, k2, k3, root: await makeRoot({ rootKeys: [k1] }) };
}

const catalogue = (root: RootSigned, over: { minVersion?: number; now?: number; maxBytes?: number } = {}) => ({
  root,
  type: 'catalogue' as const,
  now: NOW,
  ...over
});

describe('Ed25519 backends', () => {
  it('RFC 8032 §7.1 test 1, on WebCrypto and on @noble/ed25519', async () => {
    const secret = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')!;
    const pub = fromHex('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')!;
    const want = 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
    for (const backend of ['webcrypto', 'noble'] as const) {
      setEd25519Backend(backend);
      const sig = await signBytes(new Uint8Array(0), secret);
      expect(toHex(sig), backend).toBe(want);
      expect(await verifyBytes(sig, new Uint8Array(0), pub)).toBe(true);
      expect(await verifyBytes(sig, new Uint8Array([0]), pub)).toBe(false);
      expect(await verifyBytes(sig.slice(1), new Uint8Array(0), pub)).toBe(false);
    }
  });

  it('envelopes signed on one backend verify on the other', async () => {
    const { k1, root } = await setup();
    setEd25519Backend('noble');
    const text = await signedText(catalogueSigned(), [k1]);
    setEd25519Backend('webcrypto');
    expect(codeOf(await verifyEnvelope(text, catalogue(root)))).toBe('ok');
    expect(await signedText(catalogueSigned(), [k1])).toBe(text); // Ed25519 is deterministic
    setEd25519Backend('noble');
    expect(codeOf(await verifyEnvelope(text, catalogue(root)))).toBe('ok');
  });

  it('generateKeyPair: keyId is the hex sha256 of the raw public key', async () => {
    for (const backend of ['webcrypto', 'noble'] as const) {
      setEd25519Backend(backend);
      const k = await generateKeyPair();
      const raw = Uint8Array.from(atob(k.publicKey), (c) => c.charCodeAt(0));
      expect(raw).toHaveLength(32);
      expect(k.keyId).toBe(sha256(raw));
      expect(await keyIdOf(k.publicKey)).toBe(k.keyId);
      expect(atob(k.privateKey)).toHaveLength(32);
    }
  });
});

describe('verifyEnvelope', () => {
  it('accepts a good catalogue and returns the validated document', async () => {
    const { k1, root } = await setup();
    const r = await verifyEnvelope(await signedText(catalogueSigned(), [k1]), catalogue(root, { minVersion: 3 }));
    if (!r.ok) throw new Error(r.error);
    expect(r).toMatchObject({ type: 'catalogue', version: 3, keyIds: [k1.keyId] });
    expect(r.signed.products).toHaveLength(5);
    // bytes in, too
    const bytes = new TextEncoder().encode(await signedText(catalogueSigned(), [k1]));
    expect(codeOf(await verifyEnvelope(bytes, catalogue(root)))).toBe('ok');
    expect(codeOf(await verifyEnvelope(bytes.buffer, catalogue(root)))).toBe('ok');
  });

  it('a flipped byte anywhere in `signed` fails', async () => {
    const { k1, root } = await setup();
    const text = await signedText(catalogueSigned(), [k1]);
    const bytes = new TextEncoder().encode(text);
    const start = '{"signed":'.length;
    const end = start + new TextEncoder().encode(canonicalize(catalogueSigned())).length;
    expect(new TextDecoder().decode(bytes.slice(end, end + 14))).toBe(',"signatures":');
    const codes = new Map<string, number>();
    const positions: number[] = [];
    for (let p = start; p < end; p += p < start + 400 ? 1 : 7) positions.push(p);
    for (const p of positions) {
      const tampered = bytes.slice();
      tampered[p]! ^= 0x01;
      const r = await verifyEnvelope(tampered, catalogue(root));
      expect(r.ok, `byte ${p - start} of signed`).toBe(false);
      codes.set(codeOf(r), (codes.get(codeOf(r)) ?? 0) + 1);
    }
    expect(
      [...codes.keys()].every((c) => ['bad_signature', 'not_json', 'truncated', 'bad_encoding', 'bad_shape', 'wrong_type', 'duplicate_key'].includes(c)),
      JSON.stringify([...codes])
    ).toBe(true);
    expect(codes.get('bad_signature')! / positions.length).toBeGreaterThan(0.7);
    // inside a string value: always the signature
    const at = new TextEncoder().encode(text.slice(0, text.indexOf('Demand deposit'))).length;
    for (let p = at; p < at + 14; p++) {
      const tampered = bytes.slice();
      tampered[p]! ^= 0x01;
      expect(codeOf(await verifyEnvelope(tampered, catalogue(root)))).toBe('bad_signature');
    }
  });

  it('refuses a bad signature, an unknown key, an unauthorised key', async () => {
    const { k1, k2, k3 } = await setup();
    const root = await makeRoot({ rootKeys: [k1], contentKeys: [k1] });
    const env = await signEnvelope(catalogueSigned(), [k1]);
    const other = await signEnvelope(catalogueSigned({ version: 4 }), [k1]);
    const swapped = envelopeToJson({ signed: env.signed, signatures: other.signatures });
    expect(codeOf(await verifyEnvelope(swapped, catalogue(root)))).toBe('bad_signature');
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k2]), catalogue(root)))).toBe('unknown_key');
    // k3 is in the root, but only for factors
    const mixed = await makeRoot({ rootKeys: [k1], contentKeys: [k1] });
    const k3id = k3.keyId;
    mixed.keys[k3id] = { keyType: 'ed25519', publicKey: k3.publicKey };
    mixed.roles.factors.keyIds.push(k3id);
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k3]), catalogue(mixed)))).toBe('unauthorised_key');
    // a malformed signature value is a shape error
    const broken = JSON.parse(await signedText(catalogueSigned(), [k1])) as { signatures: { sig: string }[] };
    broken.signatures[0]!.sig = 'not base64!';
    expect(codeOf(await verifyEnvelope(JSON.stringify(broken), catalogue(root)))).toBe('bad_shape');
  });

  it('counts distinct authorised keys against the threshold', async () => {
    const { k1, k2, k3 } = await setup();
    const root = await makeRoot({ rootKeys: [k1], contentKeys: [k1, k2], contentThreshold: 2 });
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k1]), catalogue(root)))).toBe('threshold_not_met');
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k1, k2]), catalogue(root)))).toBe('ok');
    // the same key twice counts once
    const once = await signEnvelope(catalogueSigned(), [k1]);
    const twice = envelopeToJson({ signed: once.signed, signatures: [once.signatures[0]!, once.signatures[0]!] });
    expect(codeOf(await verifyEnvelope(twice, catalogue(root)))).toBe('threshold_not_met');
    // an extra signature by an outsider does not count either
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k1, k3]), catalogue(root)))).toBe('unknown_key');
    // but is ignored once the threshold is met (as in TUF)
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k3, k1, k2]), catalogue(root)))).toBe('ok');
    // no signatures at all
    expect(codeOf(await verifyEnvelope(JSON.stringify({ signed: catalogueSigned(), signatures: [] }), catalogue(root)))).toBe('threshold_not_met');
  });

  it('refuses a rollback, an expired document, an expired trusted root', async () => {
    const { k1, root } = await setup();
    const text = await signedText(catalogueSigned(), [k1]);
    expect(codeOf(await verifyEnvelope(text, catalogue(root, { minVersion: 4 })))).toBe('rollback');
    expect(codeOf(await verifyEnvelope(text, catalogue(root, { minVersion: 3 })))).toBe('ok');
    const short = await signedText(catalogueSigned({ expiresAt: '2030-05-31T00:00:00Z' }), [k1]);
    expect(codeOf(await verifyEnvelope(short, catalogue(root)))).toBe('expired');
    expect(codeOf(await verifyEnvelope(short, catalogue(root, { now: Date.parse('2030-05-31T00:00:00Z') })))).toBe('expired');
    expect(codeOf(await verifyEnvelope(short, catalogue(root, { now: Date.parse('2030-05-30T23:59:59Z') })))).toBe('ok');
    expect(codeOf(await verifyEnvelope(text, catalogue(root, { now: Date.parse(EXPIRES) + 1 })))).toBe('root_expired');
  });

  it('refuses bodies that are too large, truncated, not JSON, or not UTF-8 — before any crypto', async () => {
    const { k1, root } = await setup();
    const text = await signedText(catalogueSigned(), [k1]);
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x20);
    for (const huge of [big, ' '.repeat(50_000_000)]) {
      const r = await verifyEnvelope(huge, catalogue(root));
      expect(r.ok ? 'ok' : [r.code, r.error]).toEqual(['too_large', expect.stringContaining('refused before parsing')]);
    }
    expect(codeOf(await verifyEnvelope(text, catalogue(root, { maxBytes: 1000 })))).toBe('too_large');
    expect(codeOf(await verifyEnvelope(text.slice(0, Math.floor(text.length / 2)), catalogue(root)))).toBe('truncated');
    expect(codeOf(await verifyEnvelope(text.slice(0, -1), catalogue(root)))).toBe('truncated');
    expect(codeOf(await verifyEnvelope('<html>502 Bad Gateway</html>', catalogue(root)))).toBe('not_json');
    expect(codeOf(await verifyEnvelope(Uint8Array.from([0x7b, 0xff, 0x7d]), catalogue(root)))).toBe('bad_encoding');
  });

  it('refuses duplicate keys, top level and nested', async () => {
    const { k1, root } = await setup();
    const text = await signedText(catalogueSigned(), [k1]);
    const top = `${text.slice(0, -1)},"signatures":[]}`;
    const nested = text.replace('"id":"', '"id":"evil","id":"');
    const inSigned = text.replace('"version":3', '"version":9,"version":3');
    for (const t of [top, nested, inSigned]) expect(codeOf(await verifyEnvelope(t, catalogue(root)))).toBe('duplicate_key');
  });

  it('a member added to `signed` breaks the signature, even one that validation would drop', async () => {
    const { k1, root } = await setup();
    const text = await signedText(catalogueSigned(), [k1]);
    for (const extra of ['"__proto__":{"minVersion":0},', '"note":"x",', '"constructor":1,']) {
      expect(codeOf(await verifyEnvelope(text.replace('{"signed":{', `{"signed":{${extra}`), catalogue(root))), extra).toBe('bad_signature');
    }
  });

  it('refuses the wrong _type and malformed documents', async () => {
    const { k1, root } = await setup();
    const text = await signedText(catalogueSigned(), [k1]);
    expect(codeOf(await verifyEnvelope(text, { root, type: 'factors', now: NOW, catalogueVersion: 3 }))).toBe('wrong_type');
    expect(codeOf(await verifyEnvelope('[]', catalogue(root)))).toBe('bad_shape');
    expect(codeOf(await verifyEnvelope(`${text.slice(0, -1)},"note":"unsigned"}`, catalogue(root)))).toBe('bad_shape');
    // properly signed, but not a valid catalogue: the shape is checked after the signature
    const badProduct = await signedText(catalogueSigned({ products: [{ id: 'x' }] }), [k1], false);
    expect(codeOf(await verifyEnvelope(badProduct, catalogue(root)))).toBe('bad_shape');
    const dupIds = catalogueSigned();
    (dupIds['products'] as unknown[]).push((dupIds['products'] as unknown[])[0]);
    expect(codeOf(await verifyEnvelope(await signedText(dupIds, [k1], false), catalogue(root)))).toBe('bad_shape');
    await expect(signEnvelope(catalogueSigned({ products: [{ id: 'x' }] }), [k1])).rejects.toThrow(/refusing to sign/);
  });
});

describe('factors', () => {
  it('verifies the manifest, its catalogue version and the blob', async () => {
    const { k1, root } = await setup();
    const text = await signedText(factorsSigned(3), [k1]);
    const r = await verifyEnvelope(text, { root, type: 'factors', now: NOW, catalogueVersion: 3 });
    if (!r.ok) throw new Error(r.error);
    expect(r.signed.manifest.algo).toBe('pop');
    expect(codeOf(await verifyEnvelope(text, { root, type: 'factors', now: NOW, catalogueVersion: 4 }))).toBe('catalogue_version_mismatch');
    expect(codeOf(await verifyEnvelope(text, { root, type: 'factors', now: NOW, catalogueVersion: null }))).toBe('ok');
    const { blob } = factorsArtifact(3);
    expect(await verifyFactorsBlob(r.signed, blob)).toEqual({ ok: true, sha256: r.signed.manifest.sha256 });
    expect(codeOf(await verifyFactorsBlob(r.signed.manifest, blob))).toBe('ok');
    const flipped = blob.slice();
    flipped[3]! ^= 0x40;
    expect(codeOf(await verifyFactorsBlob(r.signed, flipped))).toBe('sha256_mismatch');
    expect(codeOf(await verifyFactorsBlob(r.signed, blob.slice(0, -2)))).toBe('blob_size_mismatch');
  });
});

describe('root of trust and rotation', () => {
  const rootDoc = (root: RootSigned, over: Partial<RootSigned> = {}): Record<string, unknown> => ({ ...root, ...over });

  it('trustRoot accepts a self-signed root and refuses others', async () => {
    const { k1, k2 } = await setup();
    const root = await makeRoot({ rootKeys: [k1] });
    const r = await trustRoot(await signedText(rootDoc(root), [k1]), { now: NOW });
    if (!r.ok) throw new Error(r.error);
    expect(r.root).toEqual(root);
    expect(codeOf(await trustRoot(await signedText(rootDoc(root), [k2]), { now: NOW }))).toBe('unknown_key');
    expect(codeOf(await trustRoot(await signedText(rootDoc(root), [k1]), { now: Date.parse(EXPIRES) }))).toBe('expired');
    // a key listed under an id that is not its sha256
    const lying = structuredClone(root);
    const wrongId = k2.keyId;
    lying.keys = { [wrongId]: root.keys[k1.keyId]! };
    for (const role of ['root', 'catalogue', 'factors'] as const) lying.roles[role].keyIds = [wrongId];
    const fake = await signEnvelope(rootDoc(lying), [k1]);
    fake.signatures[0]!.keyId = wrongId;
    expect(codeOf(await trustRoot(envelopeToJson(fake), { now: NOW }))).toBe('key_id_mismatch');
    // threshold 2 of its own root keys
    const two = await makeRoot({ rootKeys: [k1, k2], rootThreshold: 2 });
    expect(codeOf(await trustRoot(await signedText(rootDoc(two), [k1]), { now: NOW }))).toBe('threshold_not_met');
    expect(codeOf(await trustRoot(await signedText(rootDoc(two), [k1, k2]), { now: NOW }))).toBe('ok');
  });

  it('rotates v1 → v2 (old and new keys sign); the old key is then revoked', async () => {
    const { k1, k2 } = await setup();
    const v1 = await makeRoot({ rootKeys: [k1] });
    const v2 = await makeRoot({ version: 2, rootKeys: [k2] });
    const r = await rotateRoot(v1, await signedText(rootDoc(v2), [k1, k2]), NOW);
    if (!r.ok) throw new Error(r.error);
    expect(r.root.version).toBe(2);
    expect(new Set(r.keyIds)).toEqual(new Set([k1.keyId, k2.keyId]));
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k1]), catalogue(r.root)))).toBe('unknown_key');
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k2]), catalogue(r.root)))).toBe('ok');
    // verifyEnvelope on a root checks it against the trusted root's root keys
    expect(codeOf(await verifyEnvelope(await signedText(rootDoc(v2), [k1, k2]), { root: v1, type: 'root', now: NOW }))).toBe('ok');
  });

  it('refuses improper rotations, each with its own code', async () => {
    const { k1, k2, k3 } = await setup();
    const v1 = await makeRoot({ rootKeys: [k1] });
    const v2 = await makeRoot({ version: 2, rootKeys: [k2] });
    const cases: [string, string, Promise<string>][] = [
      ['skipped version', 'version_skipped', signedText(rootDoc(v2, { version: 3 }), [k1, k2])],
      ['same version', 'rollback', signedText(rootDoc(v2, { version: 1 }), [k1, k2])],
      ['missing old-key signatures', 'missing_old_root_signatures', signedText(rootDoc(v2), [k2])],
      ['missing new-key signatures', 'missing_new_root_signatures', signedText(rootDoc(v2), [k1])],
      ['signed by an outsider', 'missing_old_root_signatures', signedText(rootDoc(v2), [k3, k2])],
      ['expired', 'expired', signedText(rootDoc(v2, { expiresAt: '2030-05-15T00:00:00Z' }), [k1, k2])]
    ];
    for (const [what, code, text] of cases) expect(codeOf(await rotateRoot(v1, await text, NOW)), what).toBe(code);
    // tampered after signing
    const good = await signedText(rootDoc(v2), [k1, k2]);
    expect(codeOf(await rotateRoot(v1, good.replace('"version":2', '"version":3'), NOW))).toBe('bad_signature');
    // a threshold-2 old root needs two old signatures
    const t2 = await makeRoot({ rootKeys: [k1, k2], rootThreshold: 2 });
    const next = await makeRoot({ version: 2, rootKeys: [k3] });
    expect(codeOf(await rotateRoot(t2, await signedText(rootDoc(next), [k1, k3]), NOW))).toBe('missing_old_root_signatures');
    expect(codeOf(await rotateRoot(t2, await signedText(rootDoc(next), [k1, k2, k3]), NOW))).toBe('ok');
  });

  it('updateRoot walks a chain; only the last root must be unexpired', async () => {
    const { k1, k2, k3 } = await setup();
    const v1 = await makeRoot({ rootKeys: [k1] });
    const v2 = await makeRoot({ version: 2, rootKeys: [k2], expiresAt: '2030-05-15T00:00:00Z' });
    const v3 = await makeRoot({ version: 3, rootKeys: [k3] });
    const chain = [await signedText(rootDoc(v2), [k1, k2]), await signedText(rootDoc(v3), [k2, k3])];
    const r = await updateRoot(v1, chain, NOW);
    expect(r.ok ? r.root.version : r.error).toBe(3);
    expect(codeOf(await updateRoot(v1, [chain[0]!], NOW))).toBe('expired');
    expect(codeOf(await updateRoot(v1, [chain[1]!], NOW))).toBe('missing_old_root_signatures');
    expect(codeOf(await updateRoot(v1, [await signedText(rootDoc(v3), [k1, k3])], NOW))).toBe('version_skipped');
  });

  it('verifyEnvelope refuses a trusted root that is not a root', async () => {
    const { k1 } = await setup();
    const bogus = { _type: 'root', version: 1 } as unknown as RootSigned;
    expect(codeOf(await verifyEnvelope(await signedText(catalogueSigned(), [k1]), catalogue(bogus)))).toBe('invalid_root');
  });

  it('sign refuses mismatched key material', async () => {
    const { k1, k2 } = await setup();
    await expect(signEnvelope(catalogueSigned(), [{ ...k1, publicKey: k2.publicKey }])).rejects.toThrow(/does not belong/);
    await expect(signEnvelope(catalogueSigned(), [{ ...k1, keyId: k2.keyId }])).rejects.toThrow(/keyId/);
    await expect(signEnvelope(catalogueSigned(), [])).rejects.toThrow(/no signing keys/);
    await expect(signEnvelope(catalogueSigned(), [toBase64(new Uint8Array(31))])).rejects.toThrow(/32 bytes/);
    expect(ISSUED < EXPIRES).toBe(true);
  });
});
