import { describe, expect, expectTypeOf, it } from 'vitest';
import { cliArgs, CliError } from '../../src/cli/io';

const USAGE = 'usage: tool [--seed S] [--raw] [--tag T]… [FILE]';
const OPTIONS = {
  seed: { type: 'string' },
  raw: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' }
} as const;

/** the one-line CliError `cliArgs` throws for `argv`, or undefined when it parses */
function refusal(argv: string[], positionals = 0): string | undefined {
  try {
    cliArgs(argv, OPTIONS, USAGE, { positionals });
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return (e as CliError).message;
  }
}

describe('cliArgs', () => {
  it('types the values from the options object', () => {
    const { values, positionals } = cliArgs(['--seed', '7', '--raw', '--tag', 'a', '--tag=b', '-h'], OPTIONS, USAGE);
    expectTypeOf(values.seed).toEqualTypeOf<string | undefined>();
    expectTypeOf(values.raw).toEqualTypeOf<boolean | undefined>();
    expectTypeOf(values.tag).toEqualTypeOf<string[] | undefined>();
    expectTypeOf(positionals).toEqualTypeOf<string[]>();
    // @ts-expect-error an option that was not declared has no value
    void values.bogus;
    expect(values).toEqual({ seed: '7', raw: true, tag: ['a', 'b'], help: true });
    expect(positionals).toEqual([]);
  });

  it('infers literal option types without `as const`', () => {
    const { values } = cliArgs(['--n=3', '--all'], { n: { type: 'string' }, all: { type: 'boolean' } }, USAGE);
    expectTypeOf(values.n).toEqualTypeOf<string | undefined>();
    expectTypeOf(values.all).toEqualTypeOf<boolean | undefined>();
    expect(values).toEqual({ n: '3', all: true });
  });

  it('leaves absent options undefined', () => {
    const { values } = cliArgs([], OPTIONS, USAGE);
    expect(values).toEqual({});
    expect(values.seed).toBeUndefined();
  });

  it('refuses an unknown option, naming it and the usage', () => {
    expect(refusal(['--bogus', '1'])).toBe(`unknown option --bogus; ${USAGE}`);
    expect(refusal(['-x'])).toBe(`unknown option -x; ${USAGE}`);
    expect(refusal(['--toString'])).toBe(`unknown option --toString; ${USAGE}`);
  });

  it('refuses a missing value', () => {
    expect(refusal(['--seed'])).toBe(`--seed needs a value; ${USAGE}`);
    expect(refusal(['--seed', '--raw'])).toBe(`--seed needs a value; ${USAGE}`);
  });

  it('wants a value that starts with "-" attached', () => {
    expect(refusal(['--seed', '-3'])).toBe(`--seed -3: write --seed=-3 for a value that starts with "-"; ${USAGE}`);
    expect(cliArgs(['--seed=-3'], OPTIONS, USAGE).values.seed).toBe('-3');
    // a lone "-" (stdout, by convention) is a plain value
    expect(cliArgs(['--seed', '-'], OPTIONS, USAGE).values.seed).toBe('-');
  });

  it('refuses a value given to a boolean', () => {
    expect(refusal(['--raw=yes'])).toBe(`--raw takes no value; ${USAGE}`);
  });

  it('refuses an option given twice unless it is multiple', () => {
    expect(refusal(['--seed', '1', '--seed', '2'])).toBe(`--seed given twice; ${USAGE}`);
    expect(refusal(['--raw', '--raw'])).toBe(`--raw given twice; ${USAGE}`);
    expect(refusal(['-h', '--help'])).toBe(`--help given twice; ${USAGE}`);
    expect(cliArgs(['--tag', 'a', '--tag', 'a'], OPTIONS, USAGE).values.tag).toEqual(['a', 'a']);
  });

  it('takes no positional arguments unless allowed, and at most as many as allowed', () => {
    expect(refusal(['file.json'])).toBe(`unexpected argument "file.json"; ${USAGE}`);
    expect(cliArgs(['file.json', '--raw'], OPTIONS, USAGE, { positionals: 1 }).positionals).toEqual(['file.json']);
    expect(refusal(['a', 'b'], 1)).toBe(`unexpected argument "b"; ${USAGE}`);
    expect(cliArgs(['a', 'b', 'c'], OPTIONS, USAGE, { positionals: Infinity }).positionals).toEqual(['a', 'b', 'c']);
  });

  it('reads everything after "--" as positional', () => {
    const { values, positionals } = cliArgs(['--raw', '--', '--seed', '-3'], OPTIONS, USAGE, { positionals: Infinity });
    expect(values).toEqual({ raw: true });
    expect(positionals).toEqual(['--seed', '-3']);
    expect(refusal(['--', '--seed'])).toBe(`unexpected argument "--seed"; ${USAGE}`);
  });

  it('keeps every refusal to one line', () => {
    for (const argv of [['--bogus'], ['--seed'], ['--seed', '-3'], ['--raw=1'], ['x'], ['--seed', '1', '--seed=1']]) {
      expect(refusal(argv)).toMatch(/^[^\n]+$/);
    }
  });
});
