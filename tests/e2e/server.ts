import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort, waitUntilUp } from '../../src/cli/local-run';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface RealServer {
  url: string;
  child: ChildProcess;
  /** everything it printed so far */
  log(): string;
  /** SIGTERM, and wait for it to exit */
  stop(): Promise<void>;
}

/**
 * Another instance of the real production server (scripts/serve.js over build/, built by the global setup) with its
 * own environment: its own keys, store or catalogue, for tests that must not change the shared one.
 */
export interface StartOptions {
  /** answered 200 once the server is up */
  readyPath?: string;
  /**
   * File modes bind the server even when the tests run as root: it runs as root without the
   * capabilities that override them (setpriv drops DAC override from its bounding set). Running it as
   * another user instead would need the checkout readable by that user, which a clone in a private
   * temporary directory is not.
   */
  fileModesBind?: boolean;
}

/** the capabilities that let root ignore file modes */
const OVERRIDES = '-dac_override,-dac_read_search,-fowner';

export async function startServer(env: Record<string, string> = {}, opts: StartOptions = {}): Promise<RealServer> {
  const port = await freePort();
  let output = '';
  const server = [process.execPath, 'scripts/serve.js'];
  const drop = opts.fileModesBind === true && process.getuid?.() === 0;
  const [command, ...args] = drop ? ['setpriv', `--bounding-set=${OVERRIDES}`, `--inh-caps=${OVERRIDES}`, ...server] : server;
  const child = spawn(command!, args, {
    cwd: repoRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}${opts.readyPath ?? '/api/catalogue'}`, child, () => output);
  return {
    url,
    child,
    log: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  };
}
