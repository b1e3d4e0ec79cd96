/**
 * The one recommendation pipeline: what the home page, Ask, the widget, `npm run recommend` and the
 * persona evaluation all run. The engine's stages (engine/recommend.ts), then the on-device ranker's
 * opinion blended in a second pass:
 *
 *   pass 1  scoringRows: runEngine(input, k = every candidate) -> rows (ranker/candidates.ts)
 *           scorer.score(rows)                      -> learned probabilities
 *   pass 2  runEngine(input + learned)              -> the list, its withheld products and reasons
 *
 * `scorer` is the ranker worker in the app and tfjs on its cpu backend in Node; without one (the
 * worker still loading, or failed) pass 1's engine order is the list. The app, which must render
 * synchronously, runs the two halves itself (`scoringRows`, `finalList`) and caches the scores.
 */
import { runEngine, type EngineResult, type RecommendInput } from '../engine';
import { learnedMap, scoringRows } from '../ranker/candidates';

export { scoringRows };

export interface Scorer {
  score(rows: Float32Array): Promise<Float32Array>;
  /** the blend weight the model ships with */
  learnedWeight: number;
}

export interface PipelineResult extends EngineResult {
  /** the ranker's probabilities for the candidates, when it scored them */
  learned: ReadonlyMap<string, number> | null;
}

/** Pass 2: the list with the ranker's opinion (none: the engine's own). */
export function finalList(input: RecommendInput, learned: ReadonlyMap<string, number> | null, learnedWeight: number): EngineResult {
  return runEngine(learned ? { ...input, learned, learnedWeight } : input);
}

export async function runPipeline(input: RecommendInput, scorer: Scorer | null): Promise<PipelineResult> {
  if (!scorer) return { ...finalList(input, null, 0), learned: null };
  const { ids, rows } = scoringRows(input);
  const learned = learnedMap(ids, await scorer.score(rows));
  return { ...finalList(input, learned, scorer.learnedWeight), learned };
}
