import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalize, CanonicalJsonError, MAX_DEPTH, parseStrictJson } from '../../src/lib/signing/index';

function fromIeeeHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonical JSON (RFC 8785)', () => {
  it('§3.2.2 example: whitespace, numbers, string escapes, literals', () => {
    const input = `{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`;
    const parsed = parseStrictJson(input);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(canonicalize(parsed.value)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'
    );
  });

  it('§3.2.3 example: keys sorted by UTF-16 code units', () => {
    const input = `{
      "\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control",
      "\\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const parsed = parseStrictJson(input);
    if (!parsed.ok) throw new Error(parsed.error);
    const keys = Object.keys(JSON.parse(canonicalize(parsed.value)) as object);
    // object key order in JS puts integer-like keys first, so compare the canonical text instead
    const text = canonicalize(parsed.value);
    const order = ['\\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33'].map((k) => text.indexOf(`"${k}"`));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(keys).toHaveLength(7);
  });

  it('Appendix B number serialisation', () => {
    const cases: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2']
    ];
    for (const [hex, want] of cases) expect(canonicalize(fromIeeeHex(hex)), hex).toBe(want);
    for (const hex of ['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000']) {
      expect(() => canonicalize(fromIeeeHex(hex)), hex).toThrow(CanonicalJsonError);
    }
  });

  it('numbers like 1e21, 1.0 and -0; nested key order; no whitespace', () => {
    const parsed = parseStrictJson('{"b": [1.0, -0, 1e21, 1E-7, 100], "a": {"z": 1, "y": {"d": null, "c": "é"}}}');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(canonicalize(parsed.value)).toBe('{"a":{"y":{"c":"é","d":null},"z":1},"b":[1,0,1e+21,1e-7,100]}');
  });

  it('unicode: escapes only what JSON needs, lowercase hex, literal non-ASCII', () => {
    expect(canonicalize('\u0000\u001f\u007f\u00e9\u4e2d\ud83d\ude00\b\f\n\r\t"\\/')).toBe('"\\u0000\\u001f\u007fé中😀\\b\\f\\n\\r\\t\\"\\\\/"');
  });

  it('refuses what is not plain JSON data', () => {
    // eslint-disable-next-line no-sparse-arrays -- the hole in [1, , 3] is the case under test
    for (const bad of [NaN, Infinity, undefined, () => 1, 10n, Symbol('x'), new Date(0), new Map(), '\ud800', { k: undefined }, { '\udc00': 1 }, [1, , 3]]) {
      expect(() => canonicalize(bad), String(bad)).toThrow(CanonicalJsonError);
    }
  });
});

describe('strict JSON parse', () => {
  it('matches JSON.parse on valid JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v, null, Math.random() < 0.5 ? 2 : undefined);
        const r = parseStrictJson(text);
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 300 }
    );
  });

  it('refuses duplicate keys at the top level, nested, in arrays, and spelled with escapes', () => {
    for (const text of [
      '{"a":1,"a":2}',
      '{"x":{"b":1,"c":2,"b":1}}',
      '[{"ok":1},{"k":[{"d":1,"d":1}]}]',
      '{"a":1,"\\u0061":2}',
      '{"__proto__":1,"__proto__":2}'
    ]) {
      const r = parseStrictJson(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.code, text).toBe('duplicate_key');
    }
    expect(JSON.parse('{"a":1,"a":2}')).toEqual({ a: 2 }); // why: JSON.parse silently keeps the last
  });

  it('tells truncated input from input that is not JSON', () => {
    for (const text of ['', '   ', '{', '{"a":1', '{"a":"x', '[1,2', '{"a":tr', '{"a":1.', '{"a":-', '"\\u00', '{"a":1,', '{"a"']) {
      const r = parseStrictJson(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.code, JSON.stringify(text)).toBe('truncated');
    }
    for (const text of ['{a:1}', "{'a':1}", '[1,]', '{"a":1}x', '01', 'NaN', '"\t"', '{"a":1 "b":2}', '<html>', '"\\x"', 'trux', '1e400', '-']) {
      const r = parseStrictJson(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.code === 'not_json' || (text === '-' && r.code === 'truncated'), `${text}: ${r.code}`).toBe(true);
    }
  });

  it('keeps "__proto__" as a plain member (as JSON.parse does) and limits depth', () => {
    const r = parseStrictJson('{"__proto__":{"polluted":true}}');
    if (!r.ok) throw new Error(r.error);
    expect(Object.getPrototypeOf(r.value)).toBe(Object.prototype);
    expect(Object.keys(r.value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const deep = parseStrictJson('['.repeat(MAX_DEPTH + 5) + ']'.repeat(MAX_DEPTH + 5));
    expect(deep.ok ? 'ok' : deep.code).toBe('too_deep');
    expect(parseStrictJson('['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH)).ok).toBe(true);
  });

  it('ignores a leading byte-order mark', () => {
    expect(parseStrictJson('\ufeff{"a":1}')).toEqual({ ok: true, value: { a: 1 } });
  });
});
