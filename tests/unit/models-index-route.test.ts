import { describe, expect, it } from 'vitest';
import { DeploymentIndexSchema, EMPTY_INDEX } from '../../src/lib/llm/deployment';
import { GET } from '../../src/routes/models/index.json/+server';

describe('/models/index.json when the deployment offers no model', () => {
  it('is a normal answer: 200 with an empty, valid index (not a 404 on every page load)', async () => {
    const res = await GET({} as Parameters<typeof GET>[0]);
    expect(res.status).toBe(200);
    const body: unknown = await res.json();
    expect(DeploymentIndexSchema.parse(body)).toEqual(EMPTY_INDEX);
  });
});
