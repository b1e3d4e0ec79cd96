/**
 * Shared helpers for Candor's command-line tools.
 *
 * House rules (docs/contracts.md): results are JSON on stdout; a failure is ONE line on stderr and a
 * non-zero exit code (1). Throw a CliError anywhere below `runCli` and it becomes that line.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { CatalogueSchema } from '../lib/domain/catalogue';
import { EventSchema, type CandorEvent } from '../lib/domain/event';
import type { Product } from '../lib/domain/product';
import { ProfileSchema, type Profile } from '../lib/domain/profile';
import { parseWith } from '../lib/domain/validate';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;

/** An expected failure: its message is printed as-is (one line) and the process exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The repository root (two levels above this file), for defaults that must not depend on cwd. */
export const REPO_ROOT: string = fileURLToPath(new URL('../../', import.meta.url));

export function repoPath(...parts: string[]): string {
  return resolve(REPO_ROOT, ...parts);
}

/** Collapse any text to a single line. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function errnoCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const c = (e as { code: unknown }).code;
    return typeof c === 'string' ? c : undefined;
  }
  return undefined;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Read a UTF-8 text file; `label` names it in errors ("profile", "events", ...). */
export function readTextFile(path: string, label = 'file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = errnoCode(e);
    if (code === 'ENOENT') throw new CliError(`${label} ${path}: file not found`);
    if (code === 'EISDIR') throw new CliError(`${label} ${path}: is a directory, not a file`);
    if (code === 'EACCES') throw new CliError(`${label} ${path}: permission denied`);
    throw new CliError(`${label} ${path}: cannot read: ${oneLine(messageOf(e))}`);
  }
}

/** Parse JSON text; errors name the source. A UTF-8 byte-order mark is ignored. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (e) {
    throw new CliError(`${source}: invalid JSON: ${oneLine(messageOf(e))}`);
  }
}

export function readJsonFile(path: string, label = 'file'): unknown {
  return parseJsonText(readTextFile(path, label), `${label} ${path}`);
}

export interface JsonLine {
  /** 1-based line number in the file */
  line: number;
  value: unknown;
}

/** Read a JSON-lines file: one JSON value a line, blank lines skipped; errors carry the line number. */
export function readJsonLinesFile(path: string, label = 'file'): JsonLine[] {
  const text = readTextFile(path, label).replace(/^\uFEFF/, '');
  const out: JsonLine[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return;
    out.push({ line: i + 1, value: parseJsonText(raw, `${label} ${path} line ${i + 1}`) });
  });
  return out;
}

/** Validate with a zod schema or throw a one-line CliError prefixed with `source`. */
export function validateOrFail<S extends z.ZodType>(schema: S, value: unknown, source: string): z.infer<S> {
  const r = parseWith(schema, value);
  if (!r.ok) throw new CliError(`${source}: ${r.error}`);
  return r.value;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Read a catalogue file: a plain {"products":[...]} or a signed envelope
 * {"signed":{..., "products":[...]}, "signatures":[...]}. Only the envelope's `signed`
 * contents are read here; checking signatures, version and expiry is the signing module's
 * job (src/lib/signing, `npm run verify`), done before a catalogue is trusted by the app.
 */
export function readCatalogueFile(path: string): Product[] {
  const raw = readJsonFile(path, 'catalogue');
  const body = isRecord(raw) && isRecord(raw['signed']) ? raw['signed'] : raw;
  if (!isRecord(body) || !Array.isArray(body['products'])) {
    throw new CliError(`catalogue ${path}: expected {"products":[...]} or a signed envelope {"signed":{"products":[...]}}`);
  }
  return validateOrFail(CatalogueSchema, { products: body['products'] }, `catalogue ${path}`).products;
}

/** Read and validate a profile JSON file. */
export function readProfileFile(path: string): Profile {
  return validateOrFail(ProfileSchema, readJsonFile(path, 'profile'), `profile ${path}`);
}

/**
 * Read and validate an events JSONL file. With `knownIds`, an event naming a product that is
 * not in the catalogue is an error (with its line number).
 */
export function readEventsFile(path: string, knownIds?: ReadonlySet<string>): CandorEvent[] {
  return readJsonLinesFile(path, 'events').map(({ line, value }) => {
    const e = validateOrFail(EventSchema, value, `events ${path} line ${line}`);
    if (knownIds && e.productId !== undefined && !knownIds.has(e.productId)) {
      throw new CliError(`events ${path} line ${line}: unknown product id "${e.productId}" (not in the catalogue)`);
    }
    return e;
  });
}

/** Parse an integer option value within [min, max]. */
export function parseIntOption(value: string, name: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value.trim())) throw new CliError(`--${name} must be an integer, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new CliError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** One command-line option, as node:util parseArgs declares it (no defaults: each tool applies its own). */
export interface CliOption {
  readonly type: 'string' | 'boolean';
  /** may be given more than once; the values come back as an array */
  readonly multiple?: boolean;
  readonly short?: string;
}

export type CliOptions = Readonly<Record<string, CliOption>>;

type CliValue<O extends CliOption> = O['type'] extends 'boolean' ? boolean : string;

/** The parsed values, typed from the options object: absent options are undefined. */
export type CliValues<O extends CliOptions> = {
  -readonly [K in keyof O]?: O[K]['multiple'] extends true ? CliValue<O[K]>[] : CliValue<O[K]>;
};

export interface CliArgs<O extends CliOptions> {
  values: CliValues<O>;
  positionals: string[];
}

/**
 * Why a strict parse refused `argv`, in the house's words, from a lenient parse's tokens (Node's own
 * messages are several lines, and say "positional" to people who never wrote a parser).
 */
function refusal(argv: readonly string[], options: CliOptions, maxPositionals: number): string | undefined {
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  let positionals = 0;
  for (const t of tokens) {
    if (t.kind === 'positional') {
      if (++positionals > maxPositionals) return `unexpected argument "${t.value}"`;
      continue;
    }
    if (t.kind !== 'option') continue;
    const spec = Object.hasOwn(options, t.name) ? options[t.name] : undefined;
    if (spec === undefined) return `unknown option ${t.rawName}`;
    if (spec.type === 'boolean' && t.value !== undefined) return `${t.rawName} takes no value`;
    if (spec.type === 'string') {
      if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) return `${t.rawName} needs a value`;
      if (!t.inlineValue && t.value.length > 1 && t.value.startsWith('-'))
        return `${t.rawName} ${t.value}: write --${t.name}=${t.value} for a value that starts with "-"`;
    }
  }
  return undefined;
}

/**
 * Parse a tool's arguments with node:util parseArgs, strictly: an unknown option, a missing value, a
 * value given to a boolean, a positional argument beyond `positionals` (default none) and an option
 * given twice (unless declared `multiple`) are each a one-line CliError ending with `usage`. A value
 * that starts with "-" must be attached: `--seed=-3`.
 */
export function cliArgs<const O extends CliOptions>(argv: readonly string[], options: O, usage: string, opts: { positionals?: number } = {}): CliArgs<O> {
  const maxPositionals = opts.positionals ?? 0;
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: maxPositionals > 0, tokens: true });
  } catch (e) {
    throw new CliError(`${refusal(argv, options, maxPositionals) ?? oneLine(messageOf(e))}; ${usage}`);
  }
  const seen = new Set<string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option' || options[t.name]?.multiple === true) continue;
    if (seen.has(t.name)) throw new CliError(`--${t.name} given twice; ${usage}`);
    seen.add(t.name);
  }
  if (parsed.positionals.length > maxPositionals) throw new CliError(`unexpected argument "${parsed.positionals[maxPositionals]}"; ${usage}`);
  return { values: { ...parsed.values } as CliValues<O>, positionals: parsed.positionals };
}

/** Print one JSON document on stdout, newline-terminated. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

/** Print one line on stderr. */
export function printError(message: string): void {
  process.stderr.write(`${oneLine(message)}\n`);
}

/**
 * Run a CLI body. Any thrown error becomes one stderr line and exit code 1 (or the CliError's
 * code). process.exitCode is set rather than calling process.exit, so stdout is fully flushed.
 */
export async function runCli(main: () => void | Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    if (e instanceof CliError) {
      printError(`error: ${e.message}`);
      process.exitCode = e.exitCode;
    } else {
      printError(`error: ${messageOf(e)}`);
      process.exitCode = EXIT_FAILURE;
    }
  }
}

/** True when the module at `moduleUrl` is the process's entry point (real paths, so symlinked checkouts work). */
export function isEntryPoint(moduleUrl: string): boolean {
  const arg = process.argv[1];
  if (!arg) return false;
  try {
    return realpathSync(resolve(arg)) === realpathSync(fileURLToPath(moduleUrl));
  } catch {
    return false;
  }
}
