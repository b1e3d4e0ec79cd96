/**
 * `npm run --silent intent -- [--details] "TEXT"`: parse a plain-language request (zh-CN or en) with the
 * built-in parser and print its Intent (docs/contracts.md) as one line of JSON on stdout: the contract's
 * eight fields, or with `--details` the whole Intent the app uses (subtypes, fees, age, hard, …).
 *
 * Several arguments are joined with a space (an unquoted request still works); everything after "--"
 * is text, so a request that starts with "-" goes after it. No text at all is an error: one line on
 * stderr, exit 1. An empty string is a request with nothing in it and prints the empty Intent.
 */
import { parseIntent } from '../lib/intent/index';
import { cliArgs, CliError, printJson, runCli } from './io';

const USAGE =
  'usage: intent "TEXT"  (a request in plain Chinese or English, e.g. intent "我想投资一个高收益的理财产品"); intent --details "TEXT" prints the whole Intent';

const OPTIONS = {
  details: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' }
} as const;

function intentMain(argv: readonly string[]): void {
  const { values, positionals } = cliArgs(argv, OPTIONS, USAGE, { positionals: Infinity });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length === 0) throw new CliError(`no text given; ${USAGE}`);
  const intent = parseIntent(positionals.join(' '));
  const { kinds, risk, horizonMonths, liquidity, amount, currency, goals, language } = intent;
  printJson(values.details ? intent : { kinds, risk, horizonMonths, liquidity, amount, currency, goals, language });
}

void runCli(() => intentMain(process.argv.slice(2)));
