import { parseNumeral } from '../vocab/numerals';

/**
 * An age the request states, for the eligibility rules of what is asked about: "给35岁的自己",
 * "我今年35", "孩子5岁", "三十多岁", "I'm 35", "35 years old", "a 35-year-old", "aged 35", "age: 35".
 * Not an age: a future point ("60岁退休", "到60岁", "retire at 65", "by age 60"), a duration
 * ("35年") or an amount. The first age stated wins ("我35岁，想60岁退休" -> 35).
 */

const ZH_NUM = '(\\d{1,3}|[一二两三四五六七八九十百]{1,4})';
const RULES: readonly RegExp[] = [
  new RegExp(`${ZH_NUM}\\s?(?:多|来)?\\s?(?:周岁|岁)(?!以后|之后|以前|之前|前|后|时|的时候|退休|开始|左右退休)`, 'g'),
  new RegExp(`(?:今年|年龄|年纪)\\s?(?:是|为|有|:)?\\s?${ZH_NUM}(?![\\d年月万千百%])`, 'g'),
  /(?<![a-z])(?:i'm|im|i am)\s(\d{1,3})(?![\d%]|\s?(?:k|w|years? (?:from|until|to|away|left|before|of)|months?|weeks?|days?|yrs? (?:from|until|to|away|left)|percent|dollars?|bucks))(?![a-z])/g,
  /(?<![a-z\d])(\d{1,3})[\s-]?(?:years?|yrs?)[\s-]?old(?![a-z])/g,
  /(?<![a-z\d])(\d{1,3})\s?(?:yo|y\/o|y\.o\.)(?![a-z])/g,
  /(?<![a-z])(?:aged|age|my age is|my age:)\s?:?\s?(\d{1,3})(?![\d%])/g
];
/** right before an age: a point in the future, not how old someone is */
const FUTURE_BEFORE = /(?:到|等到|满了?以后|退休|(?<![a-z])(?:at|by|until|till|retire at|retiring at|retirement at|before|after|from))\s?$/;

export function findAge(text: string): number | null {
  let best: { at: number; age: number } | null = null;
  for (const re of RULES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if (FUTURE_BEFORE.test(before)) continue;
      const age = parseNumeral(m[1]!);
      if (age === null || !Number.isInteger(age) || age < 0 || age > 120) continue;
      if (best === null || m.index < best.at) best = { at: m.index, age };
      break;
    }
  }
  return best?.age ?? null;
}
