import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { conditional, servedPublication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** The signed factors manifest; the blob is at /api/factors/<sha256>.bin. */
export const GET: RequestHandler = async ({ request }) => {
  const { factors } = await servedPublication(env);
  if (!factors) error(404, 'no collaborative-filtering factors are published for this catalogue');
  return conditional(request, factors.manifest, 'no-cache');
};
