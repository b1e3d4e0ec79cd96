/**
 * The documents Candor signs and the device verifies, each bound to its payload's schema:
 *   root:      signing's own RootSignedSchema
 *   catalogue: products [...] (validated with the domain's CatalogueSchema)
 *   factors:   manifest {...} (the cf factors manifest, FactorsManifestSchema); its blob is checked with verifyFactorsBlob
 *   vectors:   manifest {...} (product embeddings, VectorsManifestSchema in llm/vectors.ts); its blob checked with verifyBlob
 * signing (below domain and cf) knows envelopes, keys and roots; this module, above all three, says what each
 * type's signed part must hold, so neither signing nor the payloads' modules import each other.
 */
import { z } from 'zod';
import { FactorsManifestSchema, type FactorsManifest } from '../cf/artifact';
import { CatalogueSchema } from '../domain/catalogue';
import { ProductSchema } from '../domain/product';
import { VectorsManifestSchema } from '../llm/vectors';
import {
  checkTimes,
  failure,
  RootSignedSchema,
  sha256Hex,
  SIGNED_HEADER,
  signEnvelopeWith,
  verifyEnvelopeWith,
  type Envelope,
  type EnvelopeInput,
  type EnvelopeType,
  type Now,
  type ReadOptions,
  type RootSigned,
  type SigningKeyInput,
  type VerifyFailure
} from '../signing/index';

export const CatalogueSignedSchema = z
  .looseObject({ _type: z.literal('catalogue'), ...SIGNED_HEADER, products: z.array(ProductSchema) })
  .superRefine((c, ctx) => {
    checkTimes(c, ctx);
    // duplicate product ids and the rest of the catalogue rules
    const r = CatalogueSchema.safeParse({ version: c.version, products: c.products });
    if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });
export type CatalogueSigned = z.infer<typeof CatalogueSignedSchema>;

export const FactorsSignedSchema = z
  .strictObject({ _type: z.literal('factors'), ...SIGNED_HEADER, manifest: FactorsManifestSchema })
  .superRefine((f, ctx) => checkTimes(f, ctx));
export type FactorsSigned = z.infer<typeof FactorsSignedSchema>;

export const VectorsSignedSchema = z
  .strictObject({ _type: z.literal('vectors'), ...SIGNED_HEADER, manifest: VectorsManifestSchema })
  .superRefine((f, ctx) => checkTimes(f, ctx));
export type VectorsSigned = z.infer<typeof VectorsSignedSchema>;

export type SignedOf<T extends EnvelopeType> = T extends 'root'
  ? RootSigned
  : T extends 'catalogue'
    ? CatalogueSigned
    : T extends 'factors'
      ? FactorsSigned
      : VectorsSigned;

export const SIGNED_SCHEMAS = {
  root: RootSignedSchema,
  catalogue: CatalogueSignedSchema,
  factors: FactorsSignedSchema,
  vectors: VectorsSignedSchema
} as const;

export interface SignOptions {
  /** validate `signed` with its type's schema before signing (default true) */
  validate?: boolean;
}

/**
 * Sign `signed` (which must carry `_type`, version, issuedAt, expiresAt and the type's payload)
 * with each key; the same key given twice signs once. Throws SigningError on bad input.
 */
export async function signEnvelope(signed: Record<string, unknown>, privateKeys: readonly SigningKeyInput[], opts: SignOptions = {}): Promise<Envelope> {
  const type = signed['_type'];
  const schema = typeof type === 'string' && Object.prototype.hasOwnProperty.call(SIGNED_SCHEMAS, type) ? SIGNED_SCHEMAS[type as EnvelopeType] : null;
  // an unknown _type is signing's to refuse, with its own message
  return signEnvelopeWith(signed, privateKeys, (opts.validate ?? true) ? schema : null);
}

export type VerifyOptions<T extends EnvelopeType> = ReadOptions & {
  /** the trusted root (from trustRoot / rotateRoot) */
  root: RootSigned;
  type: T;
  now: Now;
  /** refuse versions below this (the last version accepted: equal is allowed, lower is a rollback) */
  minVersion?: number;
} & (T extends 'factors' | 'vectors'
    ? {
        /** the version of the catalogue the factors (or vectors) will be used with; null skips this check
         *  (only for tools that have no catalogue at hand, like the offline verify CLI) */
        catalogueVersion: number | null;
      }
    : { catalogueVersion?: undefined });

export interface Verified<T extends EnvelopeType> {
  ok: true;
  type: T;
  version: number;
  signed: SignedOf<T>;
  /** the keys whose signatures counted */
  keyIds: string[];
}

export type VerifyResult<T extends EnvelopeType> = Verified<T> | VerifyFailure;

/**
 * Verify a signed catalogue, factors manifest or root against the trusted root. For a root
 * (type 'root') this checks its signatures by the TRUSTED root's root keys only; to adopt a new
 * root use rotateRoot.
 */
export async function verifyEnvelope<T extends EnvelopeType>(input: EnvelopeInput, opts: VerifyOptions<T>): Promise<VerifyResult<T>> {
  const schema = SIGNED_SCHEMAS[opts.type] as unknown as z.ZodType<SignedOf<T>>;
  const r = await verifyEnvelopeWith(input, { root: opts.root, type: opts.type, now: opts.now, minVersion: opts.minVersion, maxBytes: opts.maxBytes, schema });
  if (!r.ok) return r;
  const signed: SignedOf<T> = r.signed;
  if (signed._type === 'factors' && typeof opts.catalogueVersion === 'number' && signed.manifest.catalogueVersion !== opts.catalogueVersion) {
    return failure(
      'catalogue_version_mismatch',
      `factors v${signed.version} were trained for catalogue v${signed.manifest.catalogueVersion}, but the catalogue in use is v${opts.catalogueVersion}`
    );
  }
  if (signed._type === 'vectors' && typeof opts.catalogueVersion === 'number' && signed.manifest.catalogueVersion !== opts.catalogueVersion) {
    return failure(
      'catalogue_version_mismatch',
      `vectors v${signed.version} were made for catalogue v${signed.manifest.catalogueVersion}, but the catalogue in use is v${opts.catalogueVersion}`
    );
  }
  return { ok: true, type: opts.type, version: r.version, signed, keyIds: r.keyIds };
}

/** Check a blob (factors, vectors) against the size and sha256 its verified manifest states: length first. */
export async function verifyBlob(
  manifest: { bytes: number; sha256: string },
  blob: Uint8Array,
  what = 'vectors'
): Promise<{ ok: true; sha256: string } | VerifyFailure> {
  if (blob.byteLength !== manifest.bytes) return failure('blob_size_mismatch', `${what} blob is ${blob.byteLength} bytes, the manifest says ${manifest.bytes}`);
  const sha256 = await sha256Hex(blob);
  if (sha256 !== manifest.sha256)
    return failure('sha256_mismatch', `${what} blob sha256 ${sha256.slice(0, 12)}… differs from the manifest's ${manifest.sha256.slice(0, 12)}…`);
  return { ok: true, sha256 };
}

/** Check a factors blob against its (verified) manifest. */
export function verifyFactorsBlob(manifestSigned: FactorsSigned | FactorsManifest, blob: Uint8Array): Promise<{ ok: true; sha256: string } | VerifyFailure> {
  return verifyBlob('manifest' in manifestSigned ? manifestSigned.manifest : manifestSigned, blob, 'factors');
}
