/**
 * The catalogue and the CF factors this device shows, as state. What this device verified before is
 * shown at once; the server only refreshes it, in the background, so a slow or hanging server never
 * keeps the person waiting (fetch-limited.ts). Everything from the server is checked against the root
 * pinned in the build (trust.ts) before it replaces what is shown.
 */
import type { CfModel } from '../cf/model';
import type { Product } from '../domain';
import { cachedCatalogue, syncCatalogue, type CatalogueStatus } from './catalogue-sync';
import type { CandorDB } from './db';
import { cachedFactors, syncFactors, type FactorsStatus } from './factors-sync';
import { trustedRoot, type TrustedRoot } from './trust';

export interface CatalogueSource {
  fetch: typeof fetch;
  /** the root envelope pinned into this build */
  pinnedRoot: string;
  now: () => Date;
}

const versionOf = (s: FactorsStatus): number | null => ('version' in s ? s.version : null);

export class CatalogueState {
  /** something can be shown: the kept copy, or the first answer from the server (a failure included) */
  ready = $state(false);
  products = $state.raw<Product[]>([]);
  status = $state.raw<CatalogueStatus>({ state: 'none', error: '' });
  /** the verified collaborative-filtering factors, once loaded (the engine works without them) */
  cf = $state.raw<CfModel | null>(null);
  factorsStatus = $state.raw<FactorsStatus>({ state: 'none', error: '' });
  productById = $derived(new Map(this.products.map((p) => [p.id, p])));
  /** settles when the server's answer, and the factors for it, have been taken in (or refused) */
  refreshed: Promise<void> = Promise.resolve();
  /** the root the last refresh was checked against (the product vectors are checked against it too) */
  lastRoot: Promise<TrustedRoot> | null = null;

  /**
   * Show the kept copy, then refresh from the server: in the background when something was kept,
   * awaited when nothing was (there is nothing else to show). Resolves once something can be shown.
   */
  async start(db: CandorDB, source: CatalogueSource): Promise<void> {
    const cached = await cachedCatalogue(db);
    const shown = cached?.catalogue ?? null;
    if (cached && shown) {
      // factors before the first list, so that recommendations do not reshuffle under the person's eyes
      const factors = await cachedFactors(db, shown);
      if (factors) [this.cf, this.factorsStatus] = [factors.model, factors.status];
      this.products = shown.products;
      this.status = cached.status;
      this.ready = true;
    }
    const refresh = async (): Promise<void> => {
      const root = trustedRoot(db, source.fetch, source.now(), source.pinnedRoot);
      this.lastRoot = root;
      // the kept copy answers a 304 without being downloaded, parsed or verified again
      const loaded = await syncCatalogue(db, source.fetch, source.now(), root, {}, shown);
      // said at once: the factors below may take their own time limit
      this.status = loaded.status;
      if (!loaded.catalogue) return;
      const factors = await syncFactors(db, source.fetch, source.now(), await root, loaded.catalogue);
      // the list moves only when something new arrived, not when the same versions are confirmed
      const newCatalogue = loaded.catalogue.version !== shown?.version;
      if (newCatalogue || versionOf(factors.status) !== versionOf(this.factorsStatus)) this.cf = factors.model;
      this.factorsStatus = factors.status;
      if (newCatalogue) this.products = loaded.catalogue.products;
    };
    this.refreshed = refresh().catch((e: unknown) => console.error('catalogue refresh failed', e));
    if (!shown) await this.refreshed;
    this.ready = true;
  }
}
