import { describe, expect, it } from 'vitest';
import { personLevelLabel, productRiskLabel, riskMessages } from '../../src/lib/domain/risk-names';
import { explain, reasons } from '../../src/lib/engine';
import { RISK_LEVEL_LABELS } from '../../src/lib/domain/questionnaire';

describe('one set of risk names', () => {
  it('uses the regulator-style names in both languages', () => {
    expect([1, 2, 3, 4, 5].map((r) => productRiskLabel(r, 'zh-CN'))).toEqual(['R1 低风险', 'R2 中低风险', 'R3 中风险', 'R4 中高风险', 'R5 高风险']);
    expect([1, 2, 3, 4, 5].map((r) => productRiskLabel(r, 'en'))).toEqual([
      'R1 Low risk',
      'R2 Medium-low risk',
      'R3 Medium risk',
      'R4 Medium-high risk',
      'R5 High risk'
    ]);
    expect([1, 2, 3, 4, 5].map((c) => personLevelLabel(c, 'zh-CN'))).toEqual(['C1 保守型', 'C2 谨慎型', 'C3 稳健型', 'C4 积极型', 'C5 激进型']);
    expect([1, 2, 3, 4, 5].map((c) => personLevelLabel(c, 'en'))).toEqual(['C1 Conservative', 'C2 Cautious', 'C3 Balanced', 'C4 Growth', 'C5 Aggressive']);
  });

  it('the badge messages, the questionnaire labels and the reasons say the same thing', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { risk } = riskMessages(locale);
      for (const level of [1, 2, 3, 4, 5] as const) {
        expect(risk.product[level]).toBe(productRiskLabel(level, locale));
        expect(risk.person[level]).toBe(personLevelLabel(level, locale));
        expect(RISK_LEVEL_LABELS[level][locale]).toBe(personLevelLabel(level, locale));
      }
      // the example: the badge said "R2 Low risk" while a reason said "Medium-low risk (R2)"
      expect(explain(reasons.riskMatch(2, 3, true), locale)).toContain(risk.product[2]);
      expect(explain(reasons.riskMatch(2, 3, true), locale)).toContain(risk.person[3]);
      expect(explain(reasons.riskMatch(1, 2, false), locale)).toContain(risk.product[1]);
    }
  });

  it('shows an out-of-range level bare rather than inventing a name', () => {
    expect(productRiskLabel(7, 'en')).toBe('R7');
    expect(personLevelLabel(0, 'zh-CN')).toBe('C0');
  });
});
