import { embedOrigins } from '$lib/server/embed';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({ allowedOrigins: embedOrigins() });
