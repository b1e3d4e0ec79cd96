/**
 * What the ranker worker does, without the worker: load the shipped model, pick a backend, score
 * rows, fine-tune on the person's feedback. workers/rank.worker.ts only moves messages.
 */
import { parseArtifact } from './artifact';
import { chooseBackend, type Backend } from './backend';
import { FEATURE_NAMES } from './features';
import { fineTune, relativeDistance } from './finetune';
import { Scorer, type Tf, type Weights } from './model';
import type { PersonalWeights, RankerInfo, RankRequest, RankResponse } from './protocol';

export class RankerService {
  readonly #tf: Tf;
  readonly #shipped: Weights;
  readonly #modelId: string;
  readonly #learnedWeight: number;
  #backend: Backend | null = null;
  #scorer: Scorer | null = null;
  #personalExamples = 0;

  /** `artifact`: the parsed JSON of models/ranker/ranker.json (validated here) */
  constructor(tf: Tf, artifact: unknown) {
    this.#tf = tf;
    const { artifact: a, weights } = parseArtifact(artifact, FEATURE_NAMES);
    this.#shipped = weights;
    this.#modelId = a.id;
    this.#learnedWeight = a.learnedWeight;
  }

  info(): RankerInfo {
    if (!this.#backend) throw new Error('the ranker has not started');
    return {
      backend: this.#backend,
      modelId: this.#modelId,
      featureCount: this.#shipped.inputDim,
      learnedWeight: this.#learnedWeight,
      personalExamples: this.#personalExamples
    };
  }

  #use(w: Weights, examples: number): void {
    this.#scorer?.dispose();
    this.#scorer = new Scorer(this.#tf, w);
    this.#personalExamples = examples;
  }

  /** Personal weights tuned from another model, or of another shape, are ignored. */
  #personal(p: PersonalWeights | null): Weights | null {
    if (!p || p.modelId !== this.#modelId) return null;
    const w = { ...this.#shipped, w1: p.w1, b1: p.b1, w2: p.w2, b2: p.b2 };
    const same = (['w1', 'b1', 'w2', 'b2'] as const).every((n) => w[n].length === this.#shipped[n].length && w[n].every(Number.isFinite));
    return same ? w : null;
  }

  async handle(req: RankRequest): Promise<RankResponse> {
    try {
      switch (req.type) {
        case 'init': {
          this.#backend ??= (await chooseBackend(this.#tf)).backend;
          const personal = this.#personal(req.personal);
          this.#use(personal ?? this.#shipped, personal && req.personal ? req.personal.examples : 0);
          return { id: req.id, type: 'ready', info: this.info() };
        }
        case 'score': {
          if (!this.#scorer) throw new Error('the ranker has not started');
          return { id: req.id, type: 'scores', scores: await this.#scorer.score(req.rows) };
        }
        case 'finetune': {
          if (!this.#backend) throw new Error('the ranker has not started');
          const tuned = await fineTune(this.#tf, this.#shipped, { rows: req.rows, labels: req.labels });
          this.#use(tuned, req.labels.length);
          const personal: PersonalWeights = {
            modelId: this.#modelId,
            updatedAt: new Date().toISOString(),
            examples: req.labels.length,
            w1: tuned.w1,
            b1: tuned.b1,
            w2: tuned.w2,
            b2: tuned.b2
          };
          return { id: req.id, type: 'personal', personal, distance: relativeDistance(tuned, this.#shipped) };
        }
        case 'reset': {
          if (this.#backend) this.#use(this.#shipped, 0);
          return { id: req.id, type: 'reset' };
        }
      }
    } catch (e) {
      return { id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }
}
