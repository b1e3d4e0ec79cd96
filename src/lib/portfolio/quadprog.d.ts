// Types for quadprog (MIT, no bundled types): Goldfarb–Idnani's dual method, 1-indexed arrays as in R's quadprog.
declare module 'quadprog' {
  interface QpResult {
    solution: number[];
    value: number[];
    /** empty when solved; otherwise why not ("constraints are inconsistent, no solution!", …) */
    message: string;
  }
  /** minimise ½xᵀDx − dᵀx subject to Aᵀx ≥ b, the first `meq` constraints as equalities */
  export function solveQP(Dmat: number[][], dvec: number[], Amat: number[][], bvec: number[], meq?: number): QpResult;
}
