// Types for the part of portfolio-allocation (MIT, no bundled types) that src/lib/portfolio/optimise.ts uses.
declare module 'portfolio-allocation' {
  interface MeanVarianceOptions {
    constraints: {
      maxVolatility?: number;
      volatility?: number;
      return?: number;
      minWeights?: number[];
      maxWeights?: number[];
    };
    optimizationMethod?: 'critical-line' | 'gsmo' | 'automatic';
  }
  const PortfolioAllocation: {
    meanVarianceOptimizationWeights(mu: number[], sigma: number[][], opt: MeanVarianceOptions): number[];
  };
  export default PortfolioAllocation;
}
