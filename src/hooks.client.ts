import { z } from 'zod';
import type { HandleClientError } from '@sveltejs/kit';

// zod compiles faster object parsers with `new Function` when it may; under the app's CSP (no
// 'unsafe-eval', svelte.config.js) the attempt is a reported policy violation. Say up front that
// it may not, so zod goes straight to its plain parsers.
z.config({ jitless: true });

/**
 * An unknown path is an everyday event with its own page (+error.svelte), not a fault worth a
 * console error; anything else is still logged.
 */
export const handleError: HandleClientError = ({ error, status, message }) => {
  if (status !== 404) console.error(error);
  return { message };
};
