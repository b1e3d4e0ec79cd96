/**
 * The aggregate store's deployment commands.
 *
 *   npm run --silent store -- migrate [--db-url postgres://…]
 *       Apply the PostgreSQL schema migrations now (servers also do it at start; this is for a
 *       deploy pipeline that migrates before it rolls the servers). Prints
 *       {"database":"postgres://…","applied":[1],"schema":1}.
 *   npm run --silent store -- copy --from data/candor.sqlite [--to postgres://…]
 *       Add an existing SQLite store's counts into PostgreSQL, in one transaction (migrating the
 *       database first if it is new). Cohorts the database already has are added to, if they have
 *       the same item domain and pads; the same counts are refused a second time. Prints
 *       {"from":…,"to":…,"cohorts":N,"merged":M,"reports":R,"counters":C,"sha256":…}.
 *
 * --db-url / --to default to CANDOR_DATABASE_URL. Errors: one line on stderr, exit 1.
 */
import { LATEST_SCHEMA } from '../lib/server/feedback/pg-migrations';
import { DatabaseUrlSchema, PgAggregateStore, redactUrl } from '../lib/server/feedback/pg-store';
import { aggregatesDigest, readSqliteAggregates } from './aggregate-source';
import { cliArgs, CliError, isEntryPoint, printJson, runCli } from './io';

type Env = Readonly<Record<string, string | undefined>>;

export type StoreCommand = { command: 'migrate'; url: string } | { command: 'copy'; from: string; url: string };

function databaseUrl(flag: string, value: string | undefined, env: Env): string {
  const url = value ?? env['CANDOR_DATABASE_URL']?.trim();
  if (!url) throw new CliError(`--${flag} postgres://… is required (or set CANDOR_DATABASE_URL)`);
  const parsed = DatabaseUrlSchema.safeParse(url);
  if (!parsed.success) throw new CliError(`--${flag} ${parsed.error.issues[0]?.message ?? 'is invalid'}`);
  return parsed.data;
}

const USAGE = 'usage: store migrate [--db-url postgres://…] | store copy --from FILE.sqlite [--to postgres://…]';
const MIGRATE_OPTIONS = { 'db-url': { type: 'string' } } as const;
const COPY_OPTIONS = { from: { type: 'string' }, to: { type: 'string' } } as const;

export function parseStoreArgs(argv: readonly string[], env: Env = process.env): StoreCommand {
  const [command, ...rest] = argv;
  if (command === 'migrate') {
    const { values } = cliArgs(rest, MIGRATE_OPTIONS, USAGE);
    return { command, url: databaseUrl('db-url', values['db-url'], env) };
  }
  if (command === 'copy') {
    const { values } = cliArgs(rest, COPY_OPTIONS, USAGE);
    if (!values.from) throw new CliError('--from FILE.sqlite is required');
    return { command, from: values.from, url: databaseUrl('to', values.to, env) };
  }
  throw new CliError(`unknown command "${command ?? ''}": use migrate or copy`);
}

async function withStore<T>(url: string, body: (s: PgAggregateStore) => Promise<T>): Promise<T> {
  const store = new PgAggregateStore(url, { poolSize: 1, retryMs: 0, log: () => undefined });
  try {
    return await body(store);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`${redactUrl(url)}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await store.close();
  }
}

export async function runStore(c: StoreCommand): Promise<Record<string, unknown>> {
  const to = redactUrl(c.url);
  if (c.command === 'migrate') {
    return withStore(c.url, async (s) => {
      await s.ready();
      return { database: to, applied: s.applied, schema: LATEST_SCHEMA };
    });
  }
  const aggs = readSqliteAggregates(c.from);
  if (aggs.length === 0) throw new CliError(`${c.from}: no aggregates to copy`);
  const sha256 = aggregatesDigest(aggs);
  return withStore(c.url, async (s) => ({ from: c.from, to, ...(await s.addAggregates(aggs, sha256)), sha256 }));
}

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  await runCli(async () => printJson(await runStore(parseStoreArgs(argv))));
}

if (isEntryPoint(import.meta.url)) void main();
