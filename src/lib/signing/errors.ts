/**
 * Every way a signed document can be refused, each with its own code. Results are values, not
 * exceptions: `{ ok: false, code, error }` where `error` is one readable line.
 */
export const VERIFY_ERROR_CODES = [
  /** body over maxBytes (default 20 MiB), refused before it is decoded or parsed */
  'too_large',
  /** bytes that are not UTF-8 */
  'bad_encoding',
  /** not JSON at all (syntax error before the end) */
  'not_json',
  /** JSON that stops early: a cut-off download */
  'truncated',
  /** the same key twice in one object, at any depth */
  'duplicate_key',
  /** nested deeper than the parser allows */
  'too_deep',
  /** the envelope or the signed document does not have the expected shape (zod) */
  'bad_shape',
  /** signed._type is not the type the caller asked for */
  'wrong_type',
  /** a signature names a key id the trusted root does not list */
  'unknown_key',
  /** a signature by a key the root lists, but not for this role */
  'unauthorised_key',
  /** a signature by an authorised key that does not verify (the signed part was altered) */
  'bad_signature',
  /** fewer valid signatures from distinct authorised keys than the role's threshold */
  'threshold_not_met',
  /** a root lists a key under an id that is not sha256(publicKey) */
  'key_id_mismatch',
  /** version below the caller's minVersion (or, for a root, not above the trusted one) */
  'rollback',
  /** a new root whose version is more than the trusted version + 1 */
  'version_skipped',
  /** expiresAt ≤ now */
  'expired',
  /** the trusted root itself has expired: rotate to a newer root first (a freeze-attack guard) */
  'root_expired',
  /** the trusted root passed in is not a valid root */
  'invalid_root',
  /** a new root not signed by a threshold of the trusted root's root keys */
  'missing_old_root_signatures',
  /** a new root not signed by a threshold of its own root keys */
  'missing_new_root_signatures',
  /** factors manifest built for another catalogue version */
  'catalogue_version_mismatch',
  /** factors blob length differs from manifest.bytes */
  'blob_size_mismatch',
  /** factors blob sha256 differs from manifest.sha256 */
  'sha256_mismatch'
] as const;

export type VerifyErrorCode = (typeof VERIFY_ERROR_CODES)[number];

export interface VerifyFailure {
  ok: false;
  code: VerifyErrorCode;
  error: string;
}

export function failure(code: VerifyErrorCode, error: string): VerifyFailure {
  return { ok: false, code, error };
}

/** Thrown by the signing side (signEnvelope, buildRoot) for inputs it will not sign. */
export class SigningError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningError';
  }
}
