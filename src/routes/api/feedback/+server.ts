import { env } from '$env/dynamic/private';
import { feedbackService } from '$lib/server/feedback/service';
import type { RequestHandler } from './$types';

/** One LDP report in, 202 or a 4xx/503 out; the logic is in src/lib/server/feedback/handler.ts. */
export const POST: RequestHandler = ({ request, getClientAddress }) => feedbackService(env).handle(request, getClientAddress());
