import { z } from 'zod';

// zod compiles faster object parsers with `new Function` when it may; under the app's CSP (no
// 'unsafe-eval', svelte.config.js) the attempt is a reported policy violation. Say up front that
// it may not, so zod goes straight to its plain parsers.
z.config({ jitless: true });
