import type { InstalledModel } from './deployment';

/** One report from the model loader about one file. */
export interface FileEvent {
  modelId: string;
  file: string;
  /** bytes of this file received so far; null when the loader only says it is done */
  loaded: number | null;
  done: boolean;
}

/**
 * One progress bar for a whole download: the sum of bytes received over the sum of the sizes the
 * deployment index gives, across every file of every model. A file served from a cache reports
 * only "done" and counts as complete; files the loader mentions but the index does not list
 * (none, normally) are ignored so the bar never runs past 100 %.
 */
export class AggregateProgress {
  readonly total: number;
  #sizes = new Map<string, number>();
  #loaded = new Map<string, number>();
  #lastPermille = -1;

  constructor(models: readonly InstalledModel[]) {
    for (const m of models) for (const f of m.files) this.#sizes.set(`${m.id}/${f.path}`, f.bytes);
    this.total = [...this.#sizes.values()].reduce((a, b) => a + b, 0);
  }

  get loaded(): number {
    let sum = 0;
    for (const v of this.#loaded.values()) sum += v;
    return sum;
  }

  /** Record an event; true when the bar moved by at least 0.1 % (worth telling the page). */
  update(e: FileEvent): boolean {
    const key = `${e.modelId}/${e.file}`;
    const size = this.#sizes.get(key);
    if (size === undefined) return false;
    const now = e.done ? size : Math.min(size, Math.max(0, e.loaded ?? 0));
    if (now <= (this.#loaded.get(key) ?? 0)) return false;
    this.#loaded.set(key, now);
    const permille = this.total === 0 ? 1000 : Math.floor((1000 * this.loaded) / this.total);
    if (permille === this.#lastPermille) return false;
    this.#lastPermille = permille;
    return true;
  }
}
