/**
 * The documents Candor signs and the device verifies, each bound to its payload's schema:
 *   root:      signing's own RootSignedSchema
 *   catalogue: products [...] (validated with the domain's CatalogueSchema)
 *   factors:   manifest {...} (the cf factors manifest, FactorsManifestSchema); its blob is checked with verifyFactorsBlob
 * signing (below domain and cf) knows envelopes, keys and roots; this module, above all three, says what each
 * type's signed part must hold, so neither signing nor the payloads' modules import each other.
 */
import { z } from 'zod';
import { FactorsManifestSchema, type FactorsManifest } from '../cf/artifact';
import { CatalogueSchema } from '../domain/catalogue';
import { ProductSchema } from '../domain/product';
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

export type SignedOf<T extends EnvelopeType> = T extends 'root' ? RootSigned : T extends 'catalogue' ? CatalogueSigned : FactorsSigned;

export const SIGNED_SCHEMAS = {
  root: RootSignedSchema,
  catalogue: CatalogueSignedSchema,
  factors: FactorsSignedSchema
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
} & (T extends 'factors'
    ? {
        /** the version of the catalogue the factors will be used with; null skips this check
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
  return { ok: true, type: opts.type, version: r.version, signed, keyIds: r.keyIds };
}

/** Check a factors blob against its (verified) manifest: length first, then sha256. */
export async function verifyFactorsBlob(
  manifestSigned: FactorsSigned | FactorsManifest,
  blob: Uint8Array
): Promise<{ ok: true; sha256: string } | VerifyFailure> {
  const m = 'manifest' in manifestSigned ? manifestSigned.manifest : manifestSigned;
  if (blob.byteLength !== m.bytes) return failure('blob_size_mismatch', `factors blob is ${blob.byteLength} bytes, the manifest says ${m.bytes}`);
  const sha256 = await sha256Hex(blob);
  if (sha256 !== m.sha256)
    return failure('sha256_mismatch', `factors blob sha256 ${sha256.slice(0, 12)}… differs from the manifest's ${m.sha256.slice(0, 12)}…`);
  return { ok: true, sha256 };
}
