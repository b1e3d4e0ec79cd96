import type { Locale } from '../domain/product';
import type { ChatMessage, CheckResult } from './chat';
import type { ExplainItem } from './protocol';

/**
 * A short explanation of the top recommendations, grounded in facts the page passes in. The model
 * may only restate them; the check below refuses a reply that mentions a number the facts do not
 * contain (an invented rate, fee or term), or that runs long.
 */

export const MAX_EXPLANATION_CHARS = 600;

export function explainMessages(items: readonly ExplainItem[], locale: Locale): ChatMessage[] {
  const language = locale === 'zh-CN' ? 'Simplified Chinese' : 'English';
  const facts = items.map((it, i) => `${i + 1}. ${it.name}\n${it.facts.map((f) => `   - ${f}`).join('\n')}`).join('\n');
  return [
    {
      role: 'system',
      content:
        `You explain to a bank customer, in ${language}, in at most three short sentences, why these products were suggested. ` +
        'Use only the facts listed. Do not add numbers, promises, advice or products that are not listed.'
    },
    { role: 'user', content: facts }
  ];
}

const NUMBER = /\d+(?:[.,]\d+)?/g;

export function checkExplanation(output: string, items: readonly ExplainItem[]): CheckResult<string> {
  const text = output.trim();
  if (text.length === 0) return { ok: false, error: 'the model said nothing' };
  if (text.length > MAX_EXPLANATION_CHARS) return { ok: false, error: `the explanation is longer than ${MAX_EXPLANATION_CHARS} characters` };
  const given = new Set(
    items
      .flatMap((it) => [it.name, ...it.facts])
      .flatMap((s) => s.match(NUMBER) ?? [])
      .map((n) => n.replace(',', '.'))
  );
  // list numbering ("1.", "2.") is the model's own, not a fact
  const ordinals = new Set(items.map((_, i) => String(i + 1)));
  const invented = (text.match(NUMBER) ?? []).map((n) => n.replace(',', '.')).filter((n) => !given.has(n) && !ordinals.has(n));
  if (invented.length > 0) return { ok: false, error: `the explanation mentions numbers not in the facts: ${invented.join(', ')}` };
  return { ok: true, value: text };
}
