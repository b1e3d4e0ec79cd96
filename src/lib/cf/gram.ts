import type { Gram } from './model';

/** One row of X: user `user` interacted with `item` (weight 1 when absent: binary X). */
export interface Interaction {
  readonly user: string;
  readonly item: string;
  readonly weight?: number;
}

/** A user's row of X, sparse: item indices ascending, with their values. */
export interface SparseRow {
  readonly idx: Int32Array;
  readonly val: Float64Array;
}

/** Item ids -> 0..n-1. Ids are sorted (JS default string order) so the index never depends on row order. */
export function buildItemIndex(...itemLists: Iterable<string>[]): Map<string, number> {
  const ids = new Set<string>();
  for (const list of itemLists) for (const id of list) ids.add(id);
  const index = new Map<string, number>();
  [...ids].sort().forEach((id, i) => index.set(id, i));
  return index;
}

/** `itemIds[i]` for an index made by buildItemIndex (or any 0..n-1 bijection). */
export function itemIdsOf(itemIndex: ReadonlyMap<string, number>): string[] {
  const ids = new Array<string>(itemIndex.size);
  for (const [id, i] of itemIndex) {
    if (!Number.isInteger(i) || i < 0 || i >= itemIndex.size || ids[i] !== undefined) {
      throw new Error(`item index is not a bijection onto 0..${itemIndex.size - 1} (item ${id} -> ${i})`);
    }
    ids[i] = id;
  }
  return ids;
}

/**
 * Group interactions into per-user sparse rows of X. A (user, item) pair listed more than once
 * keeps its largest weight (so repeated binary rows stay 1). Items missing from the index throw.
 */
export function userRows(rows: Iterable<Interaction>, itemIndex: ReadonlyMap<string, number>): Map<string, SparseRow> {
  const acc = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const i = itemIndex.get(r.item);
    if (i === undefined) throw new Error(`item ${r.item} is not in the item index`);
    const w = r.weight ?? 1;
    if (!Number.isFinite(w)) throw new Error(`weight for ${r.user}/${r.item} is not finite`);
    let m = acc.get(r.user);
    if (!m) acc.set(r.user, (m = new Map()));
    const prev = m.get(i);
    m.set(i, prev === undefined ? w : Math.max(prev, w));
  }
  const out = new Map<string, SparseRow>();
  for (const [user, m] of acc) {
    const idx = Int32Array.from(m.keys()).sort();
    const val = new Float64Array(idx.length);
    idx.forEach((i, k) => (val[k] = m.get(i) ?? 0));
    out.set(user, { idx, val });
  }
  return out;
}

/** G = XᵀX from per-user sparse rows: Σ over users of x_uᵀx_u, O(Σ nnz_u²). */
export function gramFromRows(rowsByUser: Iterable<SparseRow>, itemIds: readonly string[]): Gram {
  const n = itemIds.length;
  const data = new Float64Array(n * n);
  for (const { idx, val } of rowsByUser) {
    const m = idx.length;
    for (let a = 0; a < m; a++) {
      const ia = idx[a]!;
      const wa = val[a]!;
      if (wa === 0) continue;
      const base = ia * n;
      // upper triangle (idx ascending, so idx[b] >= ia), mirrored below
      for (let b = a; b < m; b++) {
        const at = base + idx[b]!;
        data[at] = data[at]! + wa * val[b]!;
      }
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) data[j * n + i] = data[i * n + j]!;
  return { itemIds: [...itemIds], n, data };
}

/** G = XᵀX from interaction rows (binary or weighted X), accumulated user by user. */
export function gramFromInteractions(rows: Iterable<Interaction>, itemIndex: ReadonlyMap<string, number>): Gram {
  return gramFromRows(userRows(rows, itemIndex).values(), itemIdsOf(itemIndex));
}

/** diag(G) */
export function gramDiagonal(gram: Gram): Float64Array {
  const d = new Float64Array(gram.n);
  for (let i = 0; i < gram.n; i++) d[i] = gram.data[i * gram.n + i]!;
  return d;
}

/** Mean of diag(G) (the average item count for binary X): the scale the λ grid is relative to. */
export function meanDiagonal(gram: Gram): number {
  if (gram.n === 0) return 0;
  let s = 0;
  for (let i = 0; i < gram.n; i++) s += gram.data[i * gram.n + i]!;
  return s / gram.n;
}

/** A Gram from nested arrays (the train CLI's JSON input); checks shape, finiteness and symmetry. */
export function gramFromArrays(itemIds: readonly string[], rows: readonly (readonly number[])[]): Gram {
  const n = itemIds.length;
  if (new Set(itemIds).size !== n) throw new Error('gram: item ids are not unique');
  if (rows.length !== n) throw new Error(`gram: ${rows.length} rows for ${n} item ids`);
  const data = new Float64Array(n * n);
  rows.forEach((row, i) => {
    if (row.length !== n) throw new Error(`gram: row ${i} has ${row.length} entries, expected ${n}`);
    row.forEach((v, j) => {
      if (!Number.isFinite(v)) throw new Error(`gram: entry [${i}][${j}] is not a finite number`);
      data[i * n + j] = v;
    });
  });
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = data[i * n + j]!;
      const b = data[j * n + i]!;
      if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) throw new Error(`gram: not symmetric at [${i}][${j}]`);
    }
  }
  return { itemIds: [...itemIds], n, data };
}
