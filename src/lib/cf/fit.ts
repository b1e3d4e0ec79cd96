import { fitEase } from './ease';
import { DEFAULT_NEIGHBOURS, fitItemKnn } from './itemknn';
import type { AnyCfModel, CfAlgo, Gram } from './model';
import { fitPopularity } from './popularity';
import { fitPureSvd } from './puresvd';

export interface HyperParams {
  lambda?: number;
  dim?: number;
  neighbours?: number;
}

/** Fit any model from G with explicit hyper-parameters (λ for EASE and d for PureSVD are required). */
export function fitModel(algo: CfAlgo, gram: Gram, params: HyperParams = {}): AnyCfModel {
  switch (algo) {
    case 'ease':
      if (params.lambda === undefined) throw new Error('ease needs lambda');
      return fitEase(gram, params.lambda);
    case 'puresvd':
      if (params.dim === undefined) throw new Error('puresvd needs dim');
      return fitPureSvd(gram, params.dim);
    case 'itemknn':
      return fitItemKnn(gram, params.neighbours ?? DEFAULT_NEIGHBOURS);
    case 'pop':
      return fitPopularity(gram);
  }
}
