/**
 * The app's side of the ranker worker (workers/rank.worker.ts): starts it, checks every reply
 * against the protocol, and keeps the person's fine-tuned weights in the device store (Dexie
 * `personal`, key 'ranker'). The weights never leave the device: nothing here uploads anything.
 */
import { PersonalWeightsSchema, RankResponseSchema, type PersonalWeights, type RankerInfo, type RankRequest, type RankResponse } from '../ranker/protocol';
import type { CandorDB } from './db';
import { WorkerChannel } from './worker-channel';

export const PERSONAL_KEY = 'ranker';

/** The stored personal weights, or null when there are none or the row does not validate. */
export async function loadPersonal(db: CandorDB): Promise<PersonalWeights | null> {
  const row: unknown = await db.personal.get(PERSONAL_KEY);
  const parsed = PersonalWeightsSchema.safeParse(row);
  return parsed.success ? parsed.data : null;
}

export async function savePersonal(db: CandorDB, p: PersonalWeights): Promise<void> {
  await db.personal.put(PersonalWeightsSchema.parse(p), PERSONAL_KEY);
}

type Body<T extends RankRequest['type']> = Omit<Extract<RankRequest, { type: T }>, 'id'>;
type Answer<T extends RankResponse['type']> = Extract<RankResponse, { type: T }>;
type NoId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class RankerClient {
  readonly #channel: WorkerChannel<NoId<RankRequest>, RankResponse>;

  constructor(worker: Worker) {
    this.#channel = new WorkerChannel(worker, RankResponseSchema, 'ranker');
  }

  /** The worker bundled with the app. */
  static start(): RankerClient {
    return new RankerClient(new Worker(new URL('../../../workers/rank.worker.ts', import.meta.url), { type: 'module', name: 'ranker' }));
  }

  async #call<T extends RankRequest['type'], R extends RankResponse['type']>(
    body: Body<T> & { type: T },
    expect: R,
    transfer: Transferable[] = []
  ): Promise<Answer<R>> {
    const reply = await this.#channel.request(body as NoId<RankRequest>, { transfer });
    if (reply.type === 'error') throw new Error(`ranker: ${reply.message}`);
    if (reply.type !== expect) throw new Error(`ranker: expected "${expect}", got "${reply.type}"`);
    return reply as Answer<R>;
  }

  /** Start the backend (webgpu → wasm → cpu) and the model, with the person's weights if they fit it. */
  async init(personal: PersonalWeights | null): Promise<RankerInfo> {
    return (await this.#call({ type: 'init', personal }, 'ready')).info;
  }

  /** P(positive action) per row (row-major, the model's feature width). `rows` is handed over to the worker. */
  async score(rows: Float32Array): Promise<Float32Array> {
    return (await this.#call({ type: 'score', rows }, 'scores', [rows.buffer])).scores;
  }

  /** Tune from the shipped model on these examples; the worker scores with the result from now on. */
  async fineTune(rows: Float32Array, labels: Float32Array): Promise<{ personal: PersonalWeights; distance: number }> {
    const r = await this.#call({ type: 'finetune', rows, labels }, 'personal');
    return { personal: r.personal, distance: r.distance };
  }

  async reset(): Promise<void> {
    await this.#call({ type: 'reset' }, 'reset');
  }

  terminate(): void {
    this.#channel.terminate(new Error('the ranker worker was stopped'));
  }
}
