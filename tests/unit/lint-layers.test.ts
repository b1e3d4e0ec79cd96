import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The import layers of docs/architecture.md are an ESLint rule (eslint.config.js); these cases are the
// sideways imports that were fixed, so that the rule is shown to catch each of them if it came back.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

async function problems(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the import layers', () => {
  beforeAll(() => {
    eslint = new ESLint({ cwd: ROOT });
  });

  it.each([
    ['src/lib/signing/probe.ts', "import { FactorsManifestSchema } from '../cf/artifact';"],
    ['src/lib/signing/probe.ts', "import { CatalogueSchema } from '../domain/catalogue';"],
    ['src/lib/intent/probe.ts', "import { normalise } from '../engine/lexical';"],
    ['src/lib/server/probe.ts', "import demo from '../../../models/catalogue/demo-catalogue.json';"],
    ['src/lib/server/feedback/probe.ts', "import { app } from '../../client/app.svelte';"],
    ['src/lib/domain/probe.ts', "import { KIND_NAMES } from '../vocab/names';"],
    ['src/lib/engine/probe.ts', "import { parseIntent } from '$lib/intent';"],
    ['src/cli/bench/probe.ts', "import type { BenchContext } from '../bench';"]
  ])('%s may not: %s', async (file, line) => {
    const name = /\{ (?:type )?(\w+)|import (\w+)/.exec(line)!.slice(1).find(Boolean);
    // an alias import in a pure module breaks two rules (the layer and "relative imports only")
    expect((await problems(file, `${line}\nexport const used = [${name}];\n`)).length).toBeGreaterThan(0);
  });

  it.each([
    ['src/lib/intent/probe.ts', "import { KIND_NAMES } from '../vocab/names';"],
    ['src/lib/documents/probe.ts', "import { verifyEnvelopeWith } from '../signing/index';"],
    ['src/lib/engine/probe.ts', "import { subtypeKind } from '../domain/intent';"],
    ['src/lib/client/probe.ts', "import { parseIntent } from '../intent';"],
    ['src/cli/bench/probe.ts', "import type { BenchContext } from './context';"]
  ])('%s may: %s', async (file, line) => {
    const name = /\{ (?:type )?(\w+)/.exec(line)![1];
    expect(await problems(file, `${line}\nexport const used = [${name}];\n`)).toEqual([]);
  });
});
