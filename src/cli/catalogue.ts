/**
 * Clean a bank's product export into a Candor catalogue:
 *
 *   npm run --silent catalogue -- import FILE.csv|FILE.json --out catalogue.json
 *       [--issuer NAME] [--currency CNY] [--version N] [--format csv|json] [--map map.json] [--strict]
 *
 * FILE.csv: RFC 4180 CSV with a header row, in English or Chinese (产品代码, 风险等级, 起购金额（万元）…);
 * UTF-8 with or without a BOM, GB18030/GBK as Excel in China saves it, or UTF-16 "Unicode text";
 * commas, or the semicolons/tabs Excel writes (a `sep=` first line is honoured);
 * --map map.json: {"columns":{"Header as written":"field"|null|{"field","unit"}}} for headers
 * nothing here knows (null leaves a column out);
 * FILE.json: an array of products or {"products":[...]}, flat or nested (strict JSON: duplicate
 * keys refused). The cleaning rules are in src/lib/import/catalogue-import.ts.
 *
 * Writes the valid products to --out (validated with CatalogueSchema) and prints a JSON report:
 *   {"ok":true,"input","format","encoding","out","rows","accepted","refused","changedRows",
 *    "columns":{"mapped","via","units","extra","ignored","unusedMap"},
 *    "changes":[{"row","line","id","field","from","to","note"?}],
 *    "refusals":[{"row","line","id","field","reason"}]}
 * `row` counts data rows from 1; `line` is the CSV line the row starts on.
 * Exit 1 with one line on stderr (after printing the report) when no row is usable, or with
 * --strict when any row was refused; nothing is written then. Unreadable input: stderr, exit 1.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { CsvError, decodeText, importCatalogue, readColumnMap, type ImportInput } from '../lib/import/catalogue-import';
import { parseStrictJson } from '../lib/signing/strict-json';
import { cliArgs, CliError, parseIntOption, printJson, runCli } from './io';

const USAGE =
  'usage: catalogue import FILE.csv|FILE.json --out catalogue.json [--issuer NAME] [--currency CNY] [--version N] [--format csv|json] [--map map.json] [--strict]';

const OPTIONS = {
  out: { type: 'string' },
  issuer: { type: 'string' },
  currency: { type: 'string' },
  version: { type: 'string' },
  format: { type: 'string' },
  map: { type: 'string' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;

function decode(bytes: Uint8Array, path: string): { text: string; encoding: string } {
  try {
    return decodeText(bytes);
  } catch (e) {
    throw new CliError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? (e as { code: unknown }).code : undefined;
    throw new CliError(`${path}: ${code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : e instanceof Error ? e.message : String(e)}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = cliArgs(process.argv.slice(2), OPTIONS, USAGE, { positionals: Infinity });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const [command, file, ...rest] = positionals;
  if (command !== 'import') throw new CliError(`${command === undefined ? 'a command is required' : `unknown command "${command}"`}; ${USAGE}`);
  if (file === undefined || rest.length > 0) throw new CliError(`give exactly one FILE.csv or FILE.json; ${USAGE}`);
  if (values.out === undefined) throw new CliError(`--out catalogue.json is required; ${USAGE}`);
  const format = values.format ?? (extname(file).toLowerCase() === '.json' ? 'json' : extname(file).toLowerCase() === '.csv' ? 'csv' : undefined);
  if (format !== 'csv' && format !== 'json') throw new CliError(`cannot tell the format of ${file}: use a .csv or .json name, or --format csv|json`);
  if (values.currency !== undefined && !/^[A-Z]{3}$/.test(values.currency))
    throw new CliError(`--currency must be an ISO 4217 code such as CNY, got "${values.currency}"`);
  const version = values.version === undefined ? undefined : parseIntOption(values.version, 'version', 0, Number.MAX_SAFE_INTEGER);

  let columnMap;
  if (values.map !== undefined) {
    const mapText = decode(readBytes(values.map), values.map).text;
    const r = parseStrictJson(mapText);
    if (!r.ok) throw new CliError(`${values.map}: ${r.error}`);
    try {
      columnMap = readColumnMap(r.value);
    } catch (e) {
      throw new CliError(`${values.map}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  const { text, encoding } = decode(readBytes(file), file);
  let input: ImportInput;
  if (format === 'json') {
    const r = parseStrictJson(text);
    if (!r.ok) throw new CliError(`${file}: ${r.error}`);
    input = { format, value: r.value };
  } else input = { format, text };

  let result;
  try {
    result = importCatalogue(input, {
      generatedAt: new Date().toISOString(),
      ...(values.issuer !== undefined ? { defaultIssuer: values.issuer } : {}),
      ...(values.currency !== undefined ? { defaultCurrency: values.currency } : {}),
      ...(version !== undefined ? { version } : {}),
      ...(columnMap !== undefined ? { columnMap } : {})
    });
  } catch (e) {
    if (e instanceof CsvError) throw new CliError(`${file}: ${e.message}`);
    throw new CliError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const { catalogue, report } = result;
  const out = resolve(values.out);
  const refusedAll = report.accepted === 0;
  const strictFail = values.strict === true && report.refused > 0;
  const write = !refusedAll && !strictFail;
  if (write) {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(catalogue, null, 2)}\n`);
  }
  printJson({ ok: write, input: resolve(file), format, encoding, out: write ? out : null, ...report });
  if (refusedAll) throw new CliError(`${file}: no usable product (${report.refused} of ${report.rows} rows refused); nothing written`);
  if (strictFail) throw new CliError(`${file}: ${report.refused} row(s) refused and --strict is set; nothing written`);
}

void runCli(main);
