/**
 * A strict JSON parser (RFC 8259 grammar) that refuses duplicate object keys at any depth.
 *
 * Why not JSON.parse: for `{"version":1,"version":99}` it silently keeps the LAST member. A
 * signed document with duplicate keys is ambiguous — another parser (or an older client) may
 * keep the first — and that ambiguity is a classic way to make two programs read different
 * data under one valid signature. The signature covers the canonical form of what WE parsed,
 * so such a document could even verify; refusing duplicates outright removes the ambiguity.
 * JSON.parse offers no hook that sees duplicates (a reviver only sees the survivors), and no
 * well-kept small library is installed that does this, so this file is the parser.
 *
 * Also refused: nesting deeper than MAX_DEPTH (a stack-overflow guard) and numbers outside the
 * IEEE double range (1e400 would become Infinity, which is not JSON data). Errors say whether the
 * text ended early ("truncated") or is simply not JSON, and give the character offset.
 */

export type StrictJsonErrorCode = 'not_json' | 'truncated' | 'duplicate_key' | 'too_deep';

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; code: StrictJsonErrorCode; error: string; offset: number };

export const MAX_DEPTH = 256;

class Fail {
  constructor(
    readonly code: StrictJsonErrorCode,
    readonly error: string,
    readonly offset: number
  ) {}
}

const WS = new Uint8Array(128);
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1;

const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function describe(ch: string | undefined): string {
  return ch === undefined ? 'end of input' : JSON.stringify(ch);
}

/** Parse `text` as JSON, refusing duplicate keys; never throws. A leading U+FEFF is ignored. */
export function parseStrictJson(text: string): StrictJsonResult {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = s.length;
  let i = 0;

  const end = (what: string): Fail => new Fail('truncated', `truncated: input ended inside ${what}`, i);
  const unexpected = (what: string): Fail => (i >= n ? end(what) : new Fail('not_json', `not JSON: unexpected ${describe(s[i])} at offset ${i} in ${what}`, i));

  const skipWs = (): void => {
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c >= 128 || WS[c] !== 1) break;
      i++;
    }
  };

  const parseString = (): string => {
    // s[i] === '"'
    i++;
    let out = '';
    let start = i;
    for (;;) {
      if (i >= n) throw end('a string');
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        out += s.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) throw new Fail('not_json', `not JSON: unescaped control character U+${c.toString(16).padStart(4, '0')} in a string at offset ${i}`, i);
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += s.slice(start, i);
      i++;
      if (i >= n) throw end('a string escape');
      const e = s[i]!;
      if (e === 'u') {
        if (i + 5 > n) {
          if (/^[0-9a-fA-F]*$/.test(s.slice(i + 1))) throw end('a \\u escape');
        }
        const hex = s.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Fail('not_json', `not JSON: bad \\u escape at offset ${i - 1}`, i - 1);
        out += String.fromCharCode(parseInt(hex, 16));
        i += 5;
      } else {
        const r = ESCAPES[e];
        if (r === undefined) throw new Fail('not_json', `not JSON: bad escape \\${e} at offset ${i - 1}`, i - 1);
        out += r;
        i++;
      }
      start = i;
    }
  };

  const digits = (what: string): void => {
    const from = i;
    while (i < n && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
    if (i === from) throw unexpected(what);
  };

  const parseNumber = (): number => {
    const from = i;
    if (s[i] === '-') i++;
    if (s[i] === '0') i++;
    else digits('a number');
    if (s[i] === '.') {
      i++;
      digits('a number');
    }
    if (s[i] === 'e' || s[i] === 'E') {
      i++;
      if (s[i] === '+' || s[i] === '-') i++;
      digits('a number');
    }
    const v = Number(s.slice(from, i));
    if (!Number.isFinite(v)) throw new Fail('not_json', `not JSON: number ${s.slice(from, Math.min(i, from + 40))} is outside the double range`, from);
    return v;
  };

  const literal = (word: string, value: boolean | null): boolean | null => {
    const got = s.slice(i, i + word.length);
    if (got === word) {
      i += word.length;
      return value;
    }
    if (i + got.length === n && word.startsWith(got)) {
      i = n;
      throw end(`the literal ${word}`);
    }
    throw unexpected('a value');
  };

  const parseValue = (depth: number): unknown => {
    skipWs();
    if (i >= n) throw end('a value');
    const ch = s[i]!;
    if (ch === '{') return parseObject(depth + 1);
    if (ch === '[') return parseArray(depth + 1);
    if (ch === '"') return parseString();
    if (ch === 't') return literal('true', true);
    if (ch === 'f') return literal('false', false);
    if (ch === 'n') return literal('null', null);
    if (ch === '-' || (ch >= '0' && ch <= '9')) return parseNumber();
    throw unexpected('a value');
  };

  const parseArray = (depth: number): unknown[] => {
    if (depth > MAX_DEPTH) throw new Fail('too_deep', `JSON nested deeper than ${MAX_DEPTH} levels at offset ${i}`, i);
    i++;
    const out: unknown[] = [];
    skipWs();
    if (s[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      out.push(parseValue(depth));
      skipWs();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === ']') {
        i++;
        return out;
      }
      throw unexpected('an array');
    }
  };

  const parseObject = (depth: number): Record<string, unknown> => {
    if (depth > MAX_DEPTH) throw new Fail('too_deep', `JSON nested deeper than ${MAX_DEPTH} levels at offset ${i}`, i);
    i++;
    const out: Record<string, unknown> = {};
    skipWs();
    if (s[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skipWs();
      if (s[i] !== '"') throw unexpected('an object (expected a "key")');
      const keyAt = i;
      const key = parseString();
      if (Object.prototype.hasOwnProperty.call(out, key)) {
        throw new Fail('duplicate_key', `duplicate key ${JSON.stringify(key)} at offset ${keyAt} (JSON.parse would silently keep the last one)`, keyAt);
      }
      skipWs();
      if (s[i] !== ':') throw unexpected('an object (expected ":")');
      i++;
      const value = parseValue(depth);
      // defineProperty, not assignment: `out["__proto__"] = v` would replace the prototype
      // instead of adding a member (JSON.parse adds a member; so do we).
      if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      skipWs();
      if (s[i] === ',') {
        i++;
        continue;
      }
      if (s[i] === '}') {
        i++;
        return out;
      }
      throw unexpected('an object');
    }
  };

  try {
    const value = parseValue(0);
    skipWs();
    if (i < n) return { ok: false, code: 'not_json', error: `not JSON: unexpected ${describe(s[i])} at offset ${i} after the JSON value`, offset: i };
    return { ok: true, value };
  } catch (e) {
    if (e instanceof Fail) return { ok: false, code: e.code, error: e.error, offset: e.offset };
    throw e;
  }
}
