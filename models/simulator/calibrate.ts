/**
 * Compute the simulator's calibration targets from the UCI Bank Marketing data.
 *
 *   npx tsx models/simulator/calibrate.ts [--csv PATH/bank.csv] [--out models/simulator/calibration.json]
 *
 * Reads bank.csv (`;`-separated; Moro, Cortez and Rita 2014, CC BY 4.0 — see calibration.ts),
 * checks its sha256 against the published file's (BANK_CSV_SHA256; provenance in
 * models/simulator/README.md), and prints the calibration JSON on stdout (or writes it to --out).
 * Default --csv: the copy committed in models/uci-bank-marketing/ (with its SOURCE.md). Errors: one line, exit 1.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BANK_CSV_SHA256, computeCalibration, parseBankCsv, type Calibration } from './calibration';
import { cliArgs, isEntryPoint } from '../../src/cli/io';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
/** the UCI Bank Marketing data set's bank.csv, committed (models/uci-bank-marketing/SOURCE.md) */
export const DEFAULT_CSV = resolve(REPO, 'models/uci-bank-marketing/bank.csv');
export const CALIBRATION_FILE = fileURLToPath(new URL('./calibration.json', import.meta.url));

export function calibrateFile(path: string): Calibration {
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== BANK_CSV_SHA256) {
    throw new Error(`${path}: sha256 ${sha256} differs from the bank.csv this simulator was calibrated on (${BANK_CSV_SHA256})`);
  }
  return computeCalibration(parseBankCsv(bytes.toString('utf8')), { file: basename(path), sha256 });
}

/** The committed file's form: 2-space JSON and a final newline. */
export function serialiseCalibration(c: Calibration): string {
  return `${JSON.stringify(c, null, 2)}\n`;
}

function main(argv: readonly string[]): void {
  const f = cliArgs(argv, { csv: { type: 'string' }, out: { type: 'string' } }, 'usage: calibrate.ts [--csv bank.csv] [--out FILE]').values;
  const csv = f.csv ?? DEFAULT_CSV;
  const out = f.out;
  const text = serialiseCalibration(calibrateFile(csv));
  if (out === undefined) process.stdout.write(text);
  else writeFileSync(out, text);
}

if (isEntryPoint(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`calibrate: ${(e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ')}\n`);
    process.exitCode = 1;
  }
}
