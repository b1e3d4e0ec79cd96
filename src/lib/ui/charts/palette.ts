import type { AssetClass } from '../../portfolio/classes';

/** one colour per asset class, distinct for the common colour-vision deficiencies (Okabe–Ito) */
export const CLASS_COLOUR: Record<AssetClass, string> = {
  cash: '#56B4E9',
  bond: '#009E73',
  cn_equity: '#D55E00',
  global_equity: '#0072B2',
  gold: '#E69F00',
  protection: '#CC79A7'
};
