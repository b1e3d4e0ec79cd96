import { error } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { conditional, servedPublication } from '$lib/server/publish';
import type { RequestHandler } from './$types';

/** The signed product-vectors manifest (semantic search); the blob is at /api/vectors/<sha256>.bin. */
export const GET: RequestHandler = async ({ request }) => {
  const { vectors } = await servedPublication(env);
  if (!vectors) error(404, 'no product vectors are published for this catalogue');
  return conditional(request, vectors.manifest, 'no-cache');
};
