/** Insurance: critical illness (重疾险), medical (百万医疗), accident, term life, annuity, education. */
import { ACCIDENT_INSURERS, LIFE_INSURERS, MEDICAL_INSURERS } from './issuers';
import { grouped, moneyEn, moneyZh, pct, round2, roundTo, termEn, termZh } from './format';
import { makeProduct, popularity, type SubtypeSpec } from './product';
import { PLAN_SERIES } from './series';

const criticalIllness: SubtypeSpec = {
  kind: 'insurance',
  subtype: 'critical_illness',
  weight: 8,
  build({ rng, id, cycle, index }) {
    const ins = cycle(LIFE_INSURERS);
    const plan = cycle(PLAN_SERIES);
    const cover = rng.pick([300000, 500000, 500000, 1000000]);
    // whole life, or 20 / 30 years
    const term = [null, 360, 240][index % 3] ?? null;
    const diseases = rng.pick([110, 120, 135, 150]);
    const maxAge = rng.pick([50, 55, 60]);
    const perTenThousand = term === null ? rng.between(130, 170) : term === 360 ? rng.between(70, 95) : rng.between(50, 70);
    const premium = roundTo((cover / 10000) * perTenThousand, 10);
    const coveredZh = term === null ? '保障终身' : `保障${termZh(term)}`;
    const coveredEn = term === null ? 'for life' : `for ${termEn(term)}`;
    return makeProduct({
      id: id(`ins-ci-${term === null ? 'life' : `${term / 12}y`}-${ins.code}`),
      kind: 'insurance',
      subtype: 'critical_illness',
      issuer: ins,
      name: { 'zh-CN': `${ins.zhShort}${plan.zh}重大疾病保险（2026版）`, en: `${ins.enShort} ${plan.en} Critical Illness Insurance (2026)` },
      description: {
        'zh-CN': `${ins.zhShort}重疾险，覆盖${diseases}种重大疾病及轻症、中症，确诊即一次性赔付${moneyZh(cover)}，${coveredZh}。30岁参考年缴保费约${grouped(premium)}元，出生满28天至${maxAge}周岁可投保。`,
        en: `Critical-illness cover from ${ins.en} for ${diseases} serious conditions plus milder stages, paying a lump sum of ${moneyEn(cover)} on diagnosis, ${coveredEn}. A 30-year-old pays about ${moneyEn(premium)} a year; anyone from 28 days old to ${maxAge} can apply.`
      },
      riskLevel: 1,
      expectedReturn: null,
      termMonths: term,
      minAmount: premium,
      liquidity: 'low',
      eligibility: { minAge: 0, maxAge },
      tags: ['protection', 'health', 'family', 'long-term'],
      popularity: popularity(rng, 0.55, ins),
      // critical-illness claims within the first 90 days are not covered: the usual 等待期
      kindFields: { premium: { amount: premium, period: 'year' }, coverage: cover, waitingPeriodDays: 90, premiumYears: rng.pick([20, 30]) }
    });
  }
};

const medical: SubtypeSpec = {
  kind: 'insurance',
  subtype: 'medical',
  weight: 8,
  build({ rng, id, cycle }) {
    const ins = cycle(MEDICAL_INSURERS);
    const plan = cycle(PLAN_SERIES);
    const cover = rng.pick([2000000, 3000000, 4000000, 6000000]);
    const premium = roundTo(rng.between(220, 520), 10);
    const maxAge = rng.pick([60, 65, 70]);
    const renew = rng.pick([6, 20, 20]);
    return makeProduct({
      id: id(`ins-medical-${ins.code}`),
      kind: 'insurance',
      subtype: 'medical',
      issuer: ins,
      name: { 'zh-CN': `${ins.zhShort}${plan.zh}百万医疗险（2026版）`, en: `${ins.enShort} ${plan.en} Million Medical Insurance (2026)` },
      description: {
        'zh-CN': `${ins.zhShort}百万医疗险，住院和特殊门诊费用最高报销${moneyZh(cover)}，年免赔额1万元，重疾不设免赔，保证续保${renew}年。30岁参考保费约${premium}元/年，出生满28天至${maxAge}周岁可投保。`,
        en: `Million-yuan medical cover from ${ins.en} paying hospital and specialist outpatient bills up to ${moneyEn(cover)}, with a CNY 10,000 annual deductible (none for critical illness) and guaranteed renewal for ${renew} years. A 30-year-old pays about ${moneyEn(premium)} a year; ages 28 days to ${maxAge} can apply.`
      },
      riskLevel: 1,
      expectedReturn: null,
      termMonths: 12,
      minAmount: premium,
      liquidity: 'low',
      eligibility: { minAge: 0, maxAge },
      tags: ['protection', 'health', 'family', 'affordable'],
      popularity: popularity(rng, 0.72, ins),
      kindFields: { premium: { amount: premium, period: 'year' }, coverage: cover, waitingPeriodDays: 30 },
      extra: { guaranteedRenewalYears: renew }
    });
  }
};

const ACCIDENT_STYLES = [
  { id: 'general', zh: '综合意外险', en: 'Personal Accident Insurance', minAge: 18, maxAge: 65, term: 12 },
  { id: 'senior', zh: '老年意外险', en: 'Senior Accident Insurance', minAge: 50, maxAge: 80, term: 12 },
  { id: 'travel', zh: '境外旅行意外险', en: 'Overseas Travel Accident Insurance', minAge: 18, maxAge: 75, term: 1 }
] as const;

const accident: SubtypeSpec = {
  kind: 'insurance',
  subtype: 'accident',
  weight: 6,
  build({ rng, id, cycle, index }) {
    const ins = cycle(ACCIDENT_INSURERS);
    const st = ACCIDENT_STYLES[index % ACCIDENT_STYLES.length] ?? ACCIDENT_STYLES[0];
    const travel = st.id === 'travel';
    const cover = travel ? rng.pick([500000, 1000000]) : rng.pick([300000, 500000, 1000000]);
    const premium = travel ? roundTo(rng.between(60, 160), 10) : st.id === 'senior' ? roundTo(rng.between(150, 300), 10) : roundTo(rng.between(80, 260), 10);
    const descZh = travel
      ? `${ins.zhShort}境外旅行意外险，保障期1个月，意外身故伤残最高赔付${moneyZh(cover)}，含境外紧急救援和医疗费用，适合出国旅游和商务出行。参考保费约${premium}元，${st.minAge}至${st.maxAge}周岁可投保。`
      : `${ins.zhShort}${st.zh}，意外身故伤残最高赔付${moneyZh(cover)}，另含意外医疗和住院津贴，保障1年。参考年保费约${premium}元，${st.minAge}至${st.maxAge}周岁可投保。`;
    const descEn = travel
      ? `Overseas travel accident cover from ${ins.en} for one month, paying up to ${moneyEn(cover)} for accidental death or disability, with emergency assistance and medical costs abroad. About ${moneyEn(premium)} a trip; ages ${st.minAge} to ${st.maxAge} can apply.`
      : `One year of ${st.id === 'senior' ? 'accident cover for older people' : 'accident cover'} from ${ins.en}, paying up to ${moneyEn(cover)} for accidental death or disability plus accident medical bills and a hospital allowance. About ${moneyEn(premium)} a year; ages ${st.minAge} to ${st.maxAge} can apply.`;
    return makeProduct({
      id: id(`ins-accident-${st.id}-${ins.code}`),
      kind: 'insurance',
      subtype: 'accident',
      issuer: ins,
      name: { 'zh-CN': `${ins.zhShort}${rng.pick(['安心', '畅行', '护航', '无忧'])}${st.zh}`, en: `${ins.enShort} ${st.en}` },
      description: { 'zh-CN': descZh, en: descEn },
      riskLevel: 1,
      expectedReturn: null,
      termMonths: st.term,
      minAmount: premium,
      liquidity: 'low',
      eligibility: { minAge: st.minAge, maxAge: st.maxAge },
      tags: ['protection', 'affordable', travel && 'travel', travel && 'global', st.id === 'senior' && 'seniors'],
      popularity: popularity(rng, travel ? 0.4 : 0.5, ins),
      // accidents are covered from the first day; a travel policy is paid once per trip
      kindFields: { premium: { amount: premium, period: travel ? 'single' : 'year' }, coverage: cover, waitingPeriodDays: 0 }
    });
  }
};

const termLife: SubtypeSpec = {
  kind: 'insurance',
  subtype: 'term_life',
  weight: 6,
  build({ rng, id, cycle, index }) {
    const ins = cycle(LIFE_INSURERS);
    const plan = cycle(PLAN_SERIES);
    const term = index % 2 === 0 ? 240 : 360;
    const cover = rng.pick([500000, 1000000, 1000000, 2000000, 3000000]);
    const premium = roundTo((cover / 10000) * (term === 240 ? rng.between(8, 11) : rng.between(11, 15)), 10);
    const maxAge = rng.pick([55, 60]);
    return makeProduct({
      id: id(`ins-termlife-${term / 12}y-${ins.code}`),
      kind: 'insurance',
      subtype: 'term_life',
      issuer: ins,
      name: { 'zh-CN': `${ins.zhShort}${plan.zh}定期寿险`, en: `${ins.enShort} ${plan.en} Term Life Insurance` },
      description: {
        'zh-CN': `${ins.zhShort}定期寿险，保障${termZh(term)}，身故或全残赔付${moneyZh(cover)}，为家庭收入和房贷兜底。30岁参考年缴保费约${grouped(premium)}元，18至${maxAge}周岁可投保。`,
        en: `Term life cover from ${ins.en} for ${termEn(term)}, paying ${moneyEn(cover)} on death or total disability to protect your family's income and mortgage. A 30-year-old pays about ${moneyEn(premium)} a year; ages 18 to ${maxAge} can apply.`
      },
      riskLevel: 1,
      expectedReturn: null,
      termMonths: term,
      minAmount: premium,
      liquidity: 'low',
      eligibility: { minAge: 18, maxAge },
      tags: ['protection', 'family', 'long-term'],
      popularity: popularity(rng, 0.4, ins),
      // premiums are paid over the whole term, the common 期交 arrangement for term life
      kindFields: { premium: { amount: premium, period: 'year' }, coverage: cover, waitingPeriodDays: 90, premiumYears: term / 12 }
    });
  }
};

const annuity: SubtypeSpec = {
  kind: 'insurance',
  subtype: 'annuity',
  weight: 8,
  build({ rng, id, cycle, index }) {
    const ins = cycle(LIFE_INSURERS);
    const plan = cycle(PLAN_SERIES);
    const payYears = rng.pick([3, 5, 10]);
    const payoutAge = rng.pick([60, 65]);
    const rate = round2(rng.between(2.0, 2.5));
    const premium = rng.pick([10000, 12000, 20000, 30000, 50000]);
    const pension = index % 4 === 3;
    return makeProduct({
      id: id(`ins-annuity-${pension ? 'pension-' : ''}${payYears}p-${ins.code}`),
      kind: 'insurance',
      subtype: 'annuity',
      issuer: ins,
      name: pension
        ? { 'zh-CN': `${ins.zhShort}${plan.zh}个人养老年金保险`, en: `${ins.enShort} ${plan.en} Personal Pension Annuity` }
        : { 'zh-CN': `${ins.zhShort}${plan.zh}养老年金保险`, en: `${ins.enShort} ${plan.en} Retirement Annuity` },
      description: {
        'zh-CN': `${ins.zhShort}${pension ? '个人养老金专属' : ''}养老年金保险，${payYears}年交，每年${moneyZh(premium)}起，${payoutAge}岁起按月或按年领取，保证领取20年、活多久领多久，长期预期内部收益率约${pct(rate)}%。${pension ? '可用个人养老金账户资金购买，缴费可在个税前扣除；' : ''}交费期内退保会损失部分本金，适合为退休做长期储备。`,
        en: `A ${pension ? 'personal-pension ' : ''}retirement annuity from ${ins.en}: pay ${moneyEn(premium)} or more a year for ${payYears} years, then draw an income from age ${payoutAge} for life (at least 20 years guaranteed), with a long-run internal return of about ${pct(rate)}% a year. ${pension ? 'It can be bought from a personal pension account with tax relief on contributions, and surrendering' : 'Surrendering'} early loses part of what you paid, so treat it as long-term retirement savings.`
      },
      riskLevel: 2,
      expectedReturn: rate,
      termMonths: null,
      minAmount: premium,
      liquidity: 'low',
      eligibility: { minAge: 18, maxAge: payoutAge - 5 },
      tags: ['low-risk', 'retirement', 'income', 'guaranteed', 'long-term', pension && 'tax-advantaged'],
      popularity: popularity(rng, 0.42, ins),
      kindFields: { premium: { amount: premium, period: 'year' }, premiumYears: payYears },
      extra: { payoutAge }
    });
  }
};

const education: SubtypeSpec = {
  kind: 'insurance',
  subtype: 'education',
  weight: 6,
  build({ rng, id, cycle }) {
    const ins = cycle(LIFE_INSURERS);
    const plan = cycle(PLAN_SERIES);
    const payYears = rng.pick([5, 10]);
    const maxChildAge = rng.pick([10, 12, 14]);
    const rate = round2(rng.between(1.9, 2.4));
    const premium = rng.pick([6000, 10000, 12000, 20000]);
    const term = rng.pick([180, 216]);
    return makeProduct({
      id: id(`ins-edu-${payYears}p-${ins.code}`),
      kind: 'insurance',
      subtype: 'education',
      issuer: ins,
      name: { 'zh-CN': `${ins.zhShort}${plan.zh}少儿教育年金保险`, en: `${ins.enShort} ${plan.en} Children's Education Annuity` },
      description: {
        'zh-CN': `${ins.zhShort}少儿教育年金，为出生满28天至${maxChildAge}周岁的孩子投保，${payYears}年交、每年${moneyZh(premium)}起，孩子18至21岁每年领取大学教育金，长期预期内部收益率约${pct(rate)}%。投保人需年满18周岁，交费期内投保人身故可豁免后续保费。`,
        en: `An education annuity from ${ins.en} for children aged 28 days to ${maxChildAge}: pay ${moneyEn(premium)} or more a year for ${payYears} years, and the child receives a university fund every year from 18 to 21, with a long-run internal return of about ${pct(rate)}% a year. The parent buying it must be an adult, and later premiums are waived if the parent dies during the payment period.`
      },
      riskLevel: 2,
      expectedReturn: rate,
      termMonths: term,
      minAmount: premium,
      liquidity: 'low',
      eligibility: { minAge: 18, maxAge: 55 },
      tags: ['low-risk', 'education', 'family', 'guaranteed', 'long-term', 'income'],
      popularity: popularity(rng, 0.35, ins),
      kindFields: { premium: { amount: premium, period: 'year' }, premiumYears: payYears },
      extra: { insuredAge: { min: 0, max: maxChildAge } }
    });
  }
};

export const INSURANCE_SUBTYPES: readonly SubtypeSpec[] = [criticalIllness, medical, accident, termLife, annuity, education];
