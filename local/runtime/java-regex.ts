/**
 * APPSYNC_JS reads the string pattern of `String.prototype.replace`/`replaceAll` as a Java regular
 * expression (AWS AppSync Developer Guide, "Supported runtime features": built-in objects), and its
 * replacement as Java's `Matcher` replacement (`$n`, `${name}`, `\` escapes). This module gives the
 * local runtime the same: the pattern translated to a JavaScript RegExp, the replacement expanded
 * by Java's rules. `replace` replaces the first match (Java's `replaceFirst`), `replaceAll` every one.
 *
 * Java constructs JavaScript lacks are translated: `\Q…\E` quoting, `\A`, `\Z`, `\z`, `\h`, the
 * POSIX classes `\p{Lower}` … `\p{Space}`. Two are approximations (documented in
 * docs/local-runtime.md): possessive quantifiers (`*+`, `++`, `?+`, `{n,m}+`) and atomic groups
 * `(?>…)` run as their greedy, backtracking forms, so a pattern that only fails to match because of
 * possessiveness matches here.
 */

const POSIX: Readonly<Record<string, string>> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r',
};
const HORIZONTAL_SPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** The JavaScript source of a Java regular expression (see the module comment for what differs). */
export function javaPatternToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  // The last thing emitted was a quantifier: a `+` now makes it possessive.
  let quantified = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\') {
      quantified = false;
      const next = pattern[i + 1];
      if (next === undefined) throw new SyntaxError(`Unexpected internal error near index ${i}: ${pattern}`);
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const quoted = end < 0 ? pattern.slice(i + 2) : pattern.slice(i + 2, end);
        out += escapeLiteral(quoted);
        i = end < 0 ? pattern.length : end + 1;
        continue;
      }
      if (next === 'p' || next === 'P') {
        const close = pattern.indexOf('}', i + 3);
        const name = pattern[i + 2] === '{' && close > 0 ? pattern.slice(i + 3, close) : '';
        const range = POSIX[name.startsWith('Is') ? name.slice(2) : name];
        if (range !== undefined) {
          const negated = next === 'P';
          if (negated && inClass)
            throw new SyntaxError(`\\P{${name}} inside a character class is not supported by the local runtime: ${pattern}`);
          out += inClass ? range : `[${negated ? '^' : ''}${range}]`;
          quantified = false;
          i = close;
          continue;
        }
      }
      if (!inClass && next === 'A') out += '^';
      else if (!inClass && next === 'z') out += '$';
      else if (!inClass && next === 'Z') out += '(?=\\n?$)';
      else if (next === 'h') out += inClass ? HORIZONTAL_SPACE : `[${HORIZONTAL_SPACE}]`;
      else out += `\\${next}`;
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      quantified = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      quantified = false;
      out += c;
      // A `]` right after `[` or `[^` is a literal in Java too.
      if (pattern[i + 1] === '^') out += pattern[(i += 1)];
      continue;
    }
    if (c === '(' && pattern.startsWith('(?>', i)) {
      out += '(?:';
      i += 2;
      quantified = false;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      // A group construct: its `?` is not a quantifier.
      out += '(?';
      i += 1;
      quantified = false;
      continue;
    }
    if (c === '+' && quantified) {
      quantified = false;
      continue;
    }
    if (c === '?' && quantified) {
      // Lazy: `*?`, `+?`, `??`, `{n,m}?`.
      out += c;
      quantified = false;
      continue;
    }
    out += c;
    quantified = c === '*' || c === '+' || c === '?' || c === '}';
  }
  return out;
}

/** Java's `Matcher.appendReplacement` expansion of one match. */
function expand(template: string, match: readonly (string | undefined)[], named: Record<string, string | undefined> | undefined): string {
  const groups = match.length - 1;
  let out = '';
  for (let i = 0; i < template.length; i += 1) {
    const c = template[i] as string;
    if (c === '\\') {
      i += 1;
      if (i >= template.length) throw new Error('character to be escaped is missing');
      out += template[i];
      continue;
    }
    if (c !== '$') {
      out += c;
      continue;
    }
    i += 1;
    if (i >= template.length) throw new Error('Illegal group reference: group index is missing');
    if (template[i] === '{') {
      const close = template.indexOf('}', i);
      if (close < 0) throw new Error("named capturing group is missing trailing '}'");
      const name = template.slice(i + 1, close);
      if (!named || !(name in named)) throw new Error(`No group with name {${name}}`);
      out += named[name] ?? '';
      i = close;
      continue;
    }
    const first = template.charCodeAt(i) - 48;
    if (first < 0 || first > 9) throw new Error('Illegal group reference');
    let ref = first;
    // Java takes more digits while the longer number is still a group of the pattern.
    while (i + 1 < template.length) {
      const d = template.charCodeAt(i + 1) - 48;
      if (d < 0 || d > 9 || ref * 10 + d > groups) break;
      ref = ref * 10 + d;
      i += 1;
    }
    if (ref > groups) throw new Error(`No group ${ref}`);
    out += match[ref] ?? '';
  }
  return out;
}

/** `subject.replace(pattern, replacement)` (or `replaceAll` when `all`) as APPSYNC_JS runs it. */
export function javaReplace(subject: string, pattern: string, replacement: unknown, all: boolean): string {
  let regex: RegExp;
  try {
    regex = new RegExp(javaPatternToJs(pattern), all ? 'g' : '');
  } catch (error) {
    throw new SyntaxError(`${error instanceof Error ? error.message : String(error)} (Java regular expression ${JSON.stringify(pattern)})`);
  }
  if (typeof replacement === 'function') return subject.replace(regex, replacement as (...args: unknown[]) => string);
  const template = String(replacement);
  return subject.replace(regex, (...args: unknown[]) => {
    const last = args[args.length - 1];
    const named = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : undefined;
    const captures = args.slice(0, args.length - (named ? 3 : 2)) as (string | undefined)[];
    return expand(template, captures, named);
  });
}
