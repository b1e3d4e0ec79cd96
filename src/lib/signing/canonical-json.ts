/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes that Candor's signatures cover.
 *
 *   - objects: members sorted by key, comparing UTF-16 code units (JS's default string sort);
 *     no whitespace anywhere;
 *   - numbers: ECMAScript Number.prototype.toString (what JSON.stringify writes): 1e+21, 4.5,
 *     -0 → 0; NaN and ±Infinity are not JSON and are refused;
 *   - strings: JSON.stringify's escaping (\" \\ \b \f \n \r \t, other controls as \u00xx
 *     lowercase, everything else literal UTF-8); lone surrogates are refused (RFC 8785 §3.2.2.2
 *     requires I-JSON, which forbids them).
 *
 * Why not the `canonicalize` npm package: it is about as short as this file but lenient — it
 * follows toJSON() (a Date becomes a string), drops undefined members and turns undefined array
 * items into null — and a signer that quietly changes the document it signs is the wrong default. Here anything that is not
 * plain JSON data throws, so what is signed is exactly what a verifier re-derives from the parse.
 */

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function str(s: string, path: string): string {
  if (LONE_SURROGATE.test(s)) throw new CanonicalJsonError(`${path}: string has a lone UTF-16 surrogate (not I-JSON)`);
  return JSON.stringify(s);
}

function write(value: unknown, path: string, depth: number, out: string[]): void {
  if (depth > 512) throw new CanonicalJsonError(`${path}: nested deeper than 512 levels`);
  if (value === null) return void out.push('null');
  switch (typeof value) {
    case 'boolean':
      return void out.push(value ? 'true' : 'false');
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${value} is not a JSON number`);
      return void out.push(JSON.stringify(value));
    case 'string':
      return void out.push(str(value, path));
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} is not JSON data`);
  }
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      if (!(i in value)) throw new CanonicalJsonError(`${path}[${i}]: sparse array hole`);
      write(value[i], `${path}[${i}]`, depth + 1, out);
    }
    out.push(']');
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new CanonicalJsonError(`${path}: only plain objects are JSON data (got ${(value as object).constructor?.name ?? 'an exotic object'})`);
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  out.push('{');
  keys.forEach((k, i) => {
    const v = record[k];
    if (v === undefined) throw new CanonicalJsonError(`${path}.${k}: undefined is not JSON data`);
    if (i > 0) out.push(',');
    out.push(str(k, path), ':');
    write(v, `${path}.${k}`, depth + 1, out);
  });
  out.push('}');
}

/** The RFC 8785 canonical text of plain JSON data; throws CanonicalJsonError for anything else. */
export function canonicalize(value: unknown): string {
  const out: string[] = [];
  write(value, '$', 0, out);
  return out.join('');
}

/** The canonical text as UTF-8 bytes: the message Ed25519 signs. */
export function canonicalBytes(value: unknown): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalize(value)) as Uint8Array<ArrayBuffer>;
}
