// Bundled by src/cli/bench/browser.ts and run in Chromium: the same CF scoring workload as in Node.
import { scoringCases } from './cf-workload';
import { measure } from './stats';

const quick = new URL(location.href).searchParams.has('quick');
(globalThis as unknown as { candorBench: () => Promise<unknown> }).candorBench = () => scoringCases(measure, quick);
