/**
 * Shapes of Candor's signed documents (a TUF-style envelope):
 *
 *   {"signed": {"_type": "root"|"catalogue"|"factors"|"vectors", "version": N, "issuedAt": ISO, "expiresAt": ISO, ...},
 *    "signatures": [{"keyId": "<hex sha256 of the raw public key>", "sig": "<base64 Ed25519 signature>"}]}
 *
 * The signatures cover the RFC 8785 canonical JSON of `signed` (see canonical-json.ts).
 *   root:      keys {keyId: {keyType: 'ed25519', publicKey: base64}}, roles {root, catalogue, factors: {keyIds, threshold}}
 * The payloads (catalogue, factors, vectors) are not this module's business: src/lib/documents binds their schemas
 * (domain's catalogue, cf's factors manifest, llm's vectors manifest) to the envelope, so signing depends on none.
 * Vectors are signed by the factors role: both are derived data the server publishes for one catalogue version,
 * so a root needs no new role (and every root already issued stays valid).
 */
import { z } from 'zod';
import { fromBase64 } from '../common/base64';
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES } from './ed25519';

export const ENVELOPE_TYPES = ['root', 'catalogue', 'factors', 'vectors'] as const;
export type EnvelopeType = (typeof ENVELOPE_TYPES)[number];
export const ROLES = ['root', 'catalogue', 'factors'] as const;
export type Role = (typeof ROLES)[number];
/** the role whose keys may sign each type of document */
export const ROLE_OF_TYPE = { root: 'root', catalogue: 'catalogue', factors: 'factors', vectors: 'factors' } as const satisfies Record<EnvelopeType, Role>;

export const KeyIdSchema = z.string().regex(/^[0-9a-f]{64}$/, 'keyId must be 64 lowercase hex digits (sha256 of the raw public key)');

const base64Of = (bytes: number, what: string) =>
  z.string().refine((s) => fromBase64(s)?.length === bytes, `${what} must be ${bytes} bytes in standard padded base64`);

export const SignatureSchema = z.strictObject({ keyId: KeyIdSchema, sig: base64Of(SIGNATURE_BYTES, 'sig') });
export type Signature = z.infer<typeof SignatureSchema>;

/** The outer envelope: exactly these two members (anything outside `signed` would be unsigned). */
export const EnvelopeSchema = z.strictObject({
  signed: z.record(z.string(), z.unknown()),
  signatures: z.array(SignatureSchema).max(64)
});
export type Envelope = { signed: Record<string, unknown>; signatures: Signature[] };

const isoTime = z.iso.datetime({ offset: true });
/** The members every signed document carries beside `_type`. */
export const SIGNED_HEADER = {
  version: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  issuedAt: isoTime,
  expiresAt: isoTime
};

/** What every signed document has, whatever its payload. */
export interface SignedHeader {
  _type: EnvelopeType;
  version: number;
  issuedAt: string;
  expiresAt: string;
}

/** expiresAt after issuedAt: for a signed document schema's superRefine. */
export function checkTimes(d: { issuedAt: string; expiresAt: string }, ctx: z.RefinementCtx): void {
  if (Date.parse(d.expiresAt) <= Date.parse(d.issuedAt)) ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'expiresAt must be after issuedAt' });
}

export const PublicKeySchema = z.strictObject({ keyType: z.literal('ed25519'), publicKey: base64Of(PUBLIC_KEY_BYTES, 'publicKey') });
export const RoleSchema = z.strictObject({
  keyIds: z.array(KeyIdSchema).min(1).max(64),
  threshold: z.number().int().min(1)
});
export type RoleKeys = z.infer<typeof RoleSchema>;

export const RootSignedSchema = z
  .strictObject({
    _type: z.literal('root'),
    ...SIGNED_HEADER,
    keys: z.record(KeyIdSchema, PublicKeySchema),
    roles: z.strictObject({ root: RoleSchema, catalogue: RoleSchema, factors: RoleSchema })
  })
  .superRefine((r, ctx) => {
    checkTimes(r, ctx);
    for (const role of ROLES) {
      const { keyIds, threshold } = r.roles[role];
      if (new Set(keyIds).size !== keyIds.length) ctx.addIssue({ code: 'custom', path: ['roles', role, 'keyIds'], message: 'key ids repeat' });
      if (threshold > keyIds.length)
        ctx.addIssue({ code: 'custom', path: ['roles', role, 'threshold'], message: `threshold ${threshold} exceeds the ${keyIds.length} keys` });
      keyIds.forEach((id, i) => {
        if (!Object.prototype.hasOwnProperty.call(r.keys, id))
          ctx.addIssue({ code: 'custom', path: ['roles', role, 'keyIds', i], message: `key ${id} is not listed in keys` });
      });
    }
  });
/** A root's signed part. A verified one is the "trusted root" every other check starts from. */
export type RootSigned = z.infer<typeof RootSignedSchema>;
