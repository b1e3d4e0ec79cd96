/** Made-up product-series names (系列名), each with a natural English rendering. */
export interface Series {
  zh: string;
  en: string;
}

const s = (zh: string, en: string): Series => ({ zh, en });

/** cash-management wealth products and money-market funds */
export const CASH_SERIES: readonly Series[] = [
  s('日日盈', 'Daily Yield'),
  s('天天鑫', 'Everyday Plus'),
  s('薪金宝', 'Payday Saver'),
  s('随心享', 'Anytime'),
  s('活钱管家', 'Cash Keeper'),
  s('零钱宝', 'Spare Change'),
  s('现金添利', 'Cash Plus'),
  s('易钱包', 'Easy Wallet')
];

/** wealth-management product lines */
export const WEALTH_SERIES: readonly Series[] = [
  s('稳享', 'Steady'),
  s('安鑫', 'Secure Gain'),
  s('恒益', 'Constant Yield'),
  s('睿盈', 'Smart Return'),
  s('鑫悦', 'Golden Joy'),
  s('丰润', 'Rich Harvest'),
  s('悦享', 'Joyful'),
  s('臻选', 'Select'),
  s('朝阳', 'Sunrise'),
  s('和盈', 'Harmony')
];

/** fund names */
export const FUND_SERIES: readonly Series[] = [
  s('稳健', 'Steady'),
  s('安享', 'Secure'),
  s('恒利', 'Constant'),
  s('裕丰', 'Prosper'),
  s('鑫悦', 'Bright'),
  s('嘉盈', 'Fine Yield'),
  s('安泰', 'Stable'),
  s('睿远', 'Vision'),
  s('优选', 'Select'),
  s('汇盈', 'Confluence'),
  s('远见', 'Foresight'),
  s('价值', 'Value')
];

/** insurance plans */
export const PLAN_SERIES: readonly Series[] = [
  s('守护', 'Guardian'),
  s('安康', 'Wellbeing'),
  s('倍护', 'Double Care'),
  s('康瑞', 'Vital Care'),
  s('福满', 'Full Blessing'),
  s('金佑', 'Golden Shield'),
  s('长安', 'Lasting Peace'),
  s('鑫享', 'Prosperity'),
  s('如意', 'Ruyi')
];
