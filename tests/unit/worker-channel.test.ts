/**
 * The one worker channel (src/lib/client/worker-channel.ts), over a fake Worker: replies find their
 * request by id, interim replies (progress) do not end it, a malformed message or a failed worker
 * rejects every waiting request instead of leaving it hanging, and so does terminate.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkerChannel } from '../../src/lib/client/worker-channel';

const Reply = z.discriminatedUnion('type', [
  z.object({ id: z.number(), type: z.literal('progress'), done: z.number() }),
  z.object({ id: z.number(), type: z.literal('done'), value: z.string() })
]);
type Reply = z.infer<typeof Reply>;

/** a Worker whose posted messages the test sees and answers */
class FakeWorker extends EventTarget {
  posted: { id: number; type: string }[] = [];
  terminated = false;
  postMessage(message: { id: number; type: string }): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(data: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  fail(message: string): void {
    const e = new Event('error') as Event & { message: string };
    e.message = message;
    this.dispatchEvent(e);
  }
}

function channel(failures: string[] = []) {
  const worker = new FakeWorker();
  return { worker, ch: new WorkerChannel<{ type: string }, Reply>(worker as unknown as Worker, Reply, 'test', (m) => failures.push(m)) };
}

describe('WorkerChannel', () => {
  it('answers each request with the reply for its id, after its interim replies', async () => {
    const { worker, ch } = channel();
    const seen: number[] = [];
    const a = ch.request({ type: 'slow' }, { interim: (r) => r.type === 'progress' && (seen.push(r.done), true) });
    const b = ch.request({ type: 'fast' });
    const [ia, ib] = worker.posted.map((m) => m.id);
    expect(ia).not.toBe(ib);
    worker.reply({ id: ib, type: 'done', value: 'b' });
    worker.reply({ id: ia, type: 'progress', done: 1 });
    worker.reply({ id: ia, type: 'progress', done: 2 });
    worker.reply({ id: ia, type: 'done', value: 'a' });
    expect(await b).toMatchObject({ value: 'b' });
    expect(await a).toMatchObject({ value: 'a' });
    expect(seen).toEqual([1, 2]);
  });

  it('rejects every waiting request on a malformed message or a failed worker, and says so', async () => {
    const failures: string[] = [];
    const { worker, ch } = channel(failures);
    const a = ch.request({ type: 'x' });
    worker.reply({ id: 1, type: 'done', value: 42 });
    await expect(a).rejects.toThrow(/test worker sent a malformed reply/);
    const b = ch.request({ type: 'y' });
    worker.fail('out of memory');
    await expect(b).rejects.toThrow(/test worker failed: out of memory/);
    expect(failures).toHaveLength(2);
  });

  it('rejects what is waiting when it is terminated', async () => {
    const { worker, ch } = channel();
    const a = ch.request({ type: 'x' });
    ch.terminate(new Error('stopped'));
    await expect(a).rejects.toThrow('stopped');
    expect(worker.terminated).toBe(true);
  });
});
