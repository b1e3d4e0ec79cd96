import { spawn } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { buildApp, freePort, waitUntilUp } from '../../src/cli/local-run';
import { repoRoot as root, startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    /** the demo bank page, on another origin (another port) of the same site, embedding the widget */
    bankURL: string;
  }
}

/** Builds the app once and serves the real production server for every browser test. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.CANDOR_E2E_SKIP_BUILD !== '1') {
    // the model the browser tests opt into is the committed bge-small-zh-v1.5, served by the app itself
    buildApp(root);
  }
  const server = await startServer();
  const baseURL = server.url;
  let output = '';
  const bankPort = await freePort();
  const bank = spawn(process.execPath, ['scripts/demo-bank/serve.js'], {
    cwd: root,
    env: { ...process.env, PORT: String(bankPort), HOST: '127.0.0.1', CANDOR_URL: baseURL },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  bank.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  bank.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const bankURL = `http://127.0.0.1:${bankPort}/`;
  await waitUntilUp(bankURL, bank, () => output);
  project.provide('baseURL', baseURL);
  project.provide('bankURL', bankURL);
  return async () => {
    await server.stop();
    bank.kill('SIGTERM');
    if (bank.exitCode === null) await new Promise((r) => bank.once('exit', r));
  };
}
