/** Compiling a Java `DateTimeFormatter` pattern into tokens (letters, quoted text, optional sections). */
import { TimeError } from './time-error.js';

export type Token = { kind: 'lit'; text: string } | { kind: 'field'; letter: string; count: number } | { kind: 'opt'; tokens: Token[] };

const LETTERS = 'GuyQqMLdDEecahKkHmsSnNAVvzOXxZ';
const patternCache = new Map<string, Token[]>();

/** Parses a `DateTimeFormatter.ofPattern` string into tokens. */
export function compilePattern(pattern: string): Token[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const stack: Token[][] = [[]];
  const top = (): Token[] => stack[stack.length - 1] as Token[];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j += 1;
      const count = j - i;
      if (!LETTERS.includes(c)) throw new TimeError(`Unknown pattern letter: ${c}`);
      validateCount(c, count);
      top().push({ kind: 'field', letter: c, count });
      i = j;
    } else if (c === "'") {
      let j = i + 1;
      let text = '';
      for (;;) {
        if (j >= pattern.length) throw new TimeError(`Pattern ends with an incomplete string literal: ${pattern}`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            text += "'";
            j += 2;
            continue;
          }
          break;
        }
        text += pattern[j];
        j += 1;
      }
      top().push({ kind: 'lit', text: j === i + 1 ? "'" : text });
      i = j + 1;
    } else if (c === '[') {
      const inner: Token[] = [];
      top().push({ kind: 'opt', tokens: inner });
      stack.push(inner);
      i += 1;
    } else if (c === ']') {
      if (stack.length === 1) throw new TimeError('Pattern invalid as it contains ] without previous [');
      stack.pop();
      i += 1;
    } else if (c === '{' || c === '}' || c === '#') {
      throw new TimeError(`Pattern includes reserved character: '${c}'`);
    } else {
      top().push({ kind: 'lit', text: c });
      i += 1;
    }
  }
  const tokens = stack[0] as Token[];
  if (patternCache.size > 200) patternCache.clear();
  patternCache.set(pattern, tokens);
  return tokens;
}

function validateCount(c: string, count: number): void {
  const max: Record<string, number> = {
    G: 5,
    Q: 5,
    q: 5,
    M: 5,
    L: 5,
    d: 2,
    D: 3,
    E: 5,
    e: 5,
    c: 5,
    a: 1,
    h: 2,
    K: 2,
    k: 2,
    H: 2,
    m: 2,
    s: 2,
    S: 9,
    V: 2,
    v: 4,
    z: 4,
    O: 4,
    X: 5,
    x: 5,
    Z: 5,
  };
  const limit = max[c];
  if (limit !== undefined && count > limit) throw new TimeError(`Too many pattern letters: ${c}`);
  if (c === 'V' && count !== 2) throw new TimeError('Pattern letter count must be 2: V');
  if ((c === 'O' && count !== 1 && count !== 4) || (c === 'c' && count === 2)) throw new TimeError(`Pattern letter count invalid: ${c}`);
}
