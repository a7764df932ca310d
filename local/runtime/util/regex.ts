/**
 * Translation of the `java.util.regex.Pattern` dialect to a JS `RegExp` (unicode mode), for
 * `util.matches` (AWS AppSync Developer Guide, "Built-in utilities") and for anything else that must read patterns the Java way
 * (e.g. `String.replace` patterns in APPSYNC_JS, AWS AppSync Developer Guide, "Supported runtime features"). Covered: `\Q…\E`, `\A \z \Z`, `\h \H \R`,
 * `\e \a`, `\x{…}`, octal `\0nn`, POSIX/java `\p{…}` classes, nested class unions `[a[b]]`, atomic
 * groups and possessive quantifiers (both approximated by their plain forms, JS has neither), inline
 * flags `(?i) (?s) (?m) (?x)` (applied to the whole pattern: Node 20 has no scoped modifiers), Java's
 * ASCII-only `\s`, Java's `.` (which also stops at U+0085) and Java's tolerance of `\` before any
 * non-letter, of a bare `]` and of a bare `}`.
 */

const SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const LINE_TERMINATORS = '\\n\\r\\u0085\\u2028\\u2029';
const HSPACE = ' \\t\\xA0\\u1680\\u180E\\u2000-\\u200A\\u202F\\u205F\\u3000';

/** Class bodies (without brackets) for the POSIX and java.lang.Character property names. */
const POSIX: Record<string, string> = {
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
  Space: JAVA_SPACE,
  javaLowerCase: '\\p{Ll}',
  javaUpperCase: '\\p{Lu}',
  javaWhitespace: '\\s',
  javaMirrored: '\\p{Bidi_M}',
  IsAlphabetic: '\\p{Alphabetic}',
  IsLetter: '\\p{L}',
  IsDigit: '\\p{Nd}',
  IsUppercase: '\\p{Uppercase}',
  IsLowercase: '\\p{Lowercase}',
  IsWhite_Space: '\\p{White_Space}',
  IsPunctuation: '\\p{P}',
};

export class JavaRegexError extends Error {}

/** The class body that `\p{name}` stands for, in JS unicode-mode syntax. */
function propertyBody(name: string): string {
  const posix = POSIX[name];
  if (posix !== undefined) return posix;
  // `\p{IsLatin}` / `\p{script=Latin}` → script; `\p{InGreek}` blocks have no JS equivalent.
  let m = /^(?:Is|script=|sc=)([A-Z][A-Za-z_]*)$/.exec(name);
  if (m) return `\\p{Script=${m[1]}}`;
  m = /^(?:general_category=|gc=|Is)?(L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|S[mcko]?|Z[slp]?|C[cfson]?)$/.exec(name);
  if (m) return `\\p{${m[1]}}`;
  throw new JavaRegexError(`Unsupported character property \\p{${name}}`);
}

export interface TranslatedRegex {
  source: string;
  flags: string;
}

/** Translates a Java regex to an equivalent JS source + flags (always with the `u` flag). */
export function translateJavaRegex(pattern: string): TranslatedRegex {
  const flags = new Set<string>(['u']);
  let p = pattern;
  let extended = false;
  // Inline flag groups anywhere: `(?i)`, `(?is)`, `(?-i)` (turning off is ignored).
  p = p.replace(/\(\?([imsxuUd]*)(?:-[imsxuUd]*)?\)/g, (_m, on: string) => {
    for (const f of on) {
      if (f === 'i' || f === 's' || f === 'm') flags.add(f);
      if (f === 'x') extended = true;
    }
    return '';
  });
  let out = '';
  let i = 0;
  const n = p.length;
  const dotAll = (): boolean => flags.has('s');

  /** Reads an escape at p[i] === '\\'; returns JS text valid inside (`inClass`) or outside a class. */
  const escape = (inClass: boolean): string => {
    const c = p[i + 1];
    if (c === undefined) throw new JavaRegexError('Unexpected trailing backslash');
    i += 2;
    switch (c) {
      case 'Q': {
        const end = p.indexOf('\\E', i);
        const lit = end < 0 ? p.slice(i) : p.slice(i, end);
        i = end < 0 ? n : end + 2;
        return [...lit].map((ch) => literal(ch, inClass)).join('');
      }
      case 'A':
        return '(?<![\\s\\S])';
      case 'z':
        return '(?![\\s\\S])';
      case 'Z':
        return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
      case 'h':
        return inClass ? HSPACE : `[${HSPACE}]`;
      case 'H':
        return `[^${HSPACE}]`;
      case 'R':
        return `(?:\\r\\n|[\\n\\x0B\\f\\r${'\\u0085\\u2028\\u2029'}])`;
      case 's':
        return inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      case 'S':
        return inClass ? '\\S' : `[^${JAVA_SPACE}]`;
      case 'e':
        return '\\x1B';
      case 'a':
        return '\\x07';
      case 'G':
        throw new JavaRegexError('\\G is not supported');
      case 'x': {
        if (p[i] === '{') {
          const end = p.indexOf('}', i);
          const hex = p.slice(i + 1, end);
          i = end + 1;
          return `\\u{${hex}}`;
        }
        const hex = p.slice(i, i + 2);
        i += 2;
        return `\\x${hex}`;
      }
      case '0': {
        const m = /^[0-3]?[0-7]{1,2}|^[0-7]{1,2}/.exec(p.slice(i));
        const oct = m ? m[0] : '';
        i += oct.length;
        return literal(String.fromCharCode(parseInt(oct || '0', 8)), inClass);
      }
      case 'p':
      case 'P': {
        let name: string;
        if (p[i] === '{') {
          const end = p.indexOf('}', i);
          name = p.slice(i + 1, end);
          i = end + 1;
        } else {
          name = p[i] ?? '';
          i += 1;
        }
        const body = propertyBody(name);
        if (c === 'P') {
          if (!inClass) return `[^${body}]`;
          if (/^\\p\{[^}]+\}$/.test(body)) return '\\P' + body.slice(2);
          throw new JavaRegexError(`Unsupported \\P{${name}} inside a character class`);
        }
        return inClass ? body : `[${body}]`;
      }
      default:
        if (/[0-9]/.test(c)) return '\\' + c; // back-reference
        if (/[A-Za-z]/.test(c)) return '\\' + c; // \d \w \b \n \t \k<name> … share their meaning
        return literal(c, inClass); // Java allows `\` before any non-letter
    }
  };

  /** A literal character, escaped only where unicode-mode JS requires it. */
  function literal(ch: string, inClass: boolean): string {
    if (inClass) return ch === ']' || ch === '[' || ch === '\\' || ch === '^' || ch === '-' ? '\\' + ch : ch;
    return SYNTAX.has(ch) ? '\\' + ch : ch;
  }

  /** Reads a character class at p[i] === '['; nested classes are unions (flattened). */
  const charClass = (): string => {
    i += 1;
    let negate = false;
    if (p[i] === '^') {
      negate = true;
      i += 1;
    }
    let body = '';
    let first = true;
    while (i < n && !(p[i] === ']' && !first)) {
      const c = p[i] as string;
      if (c === '\\') body += escape(true);
      else if (c === '[') {
        const inner = charClass();
        if (inner.startsWith('[^')) throw new JavaRegexError('Negated nested character classes are not supported');
        body += inner.slice(1, -1);
      } else if (c === '&' && p[i + 1] === '&') throw new JavaRegexError('Character class intersection (&&) is not supported');
      else {
        body += c === ']' ? '\\]' : c === '^' ? '\\^' : c;
        i += 1;
      }
      first = false;
    }
    if (p[i] !== ']') throw new JavaRegexError('Unclosed character class');
    i += 1;
    return `[${negate ? '^' : ''}${body}]`;
  };

  /** Whether the last thing emitted was a quantifier: a following `+` makes it possessive, `?` lazy. */
  let afterQuantifier = false;
  while (i < n) {
    const c = p[i] as string;
    if (extended && /\s/.test(c)) {
      i += 1;
      continue;
    }
    if (extended && c === '#') {
      while (i < n && p[i] !== '\n') i += 1;
      continue;
    }
    const wasQuantifier = afterQuantifier;
    afterQuantifier = false;
    const counted = c === '{' ? /^\{\d+(,\d*)?\}/.exec(p.slice(i)) : null;
    if (c === '\\') out += escape(false);
    else if (c === '[') out += charClass();
    else if (c === '.') {
      out += dotAll() ? '[\\s\\S]' : `[^${LINE_TERMINATORS}]`;
      i += 1;
    } else if (c === '(' && p.startsWith('(?>', i)) {
      out += '(?:'; // atomic group → plain group (approximation)
      i += 3;
    } else if (wasQuantifier && c === '+') {
      i += 1; // possessive quantifier → greedy (approximation)
    } else if (wasQuantifier && c === '?') {
      out += '?'; // lazy quantifier
      i += 1;
    } else if (c === '*' || c === '+' || c === '?') {
      out += c;
      i += 1;
      afterQuantifier = true;
    } else if (counted) {
      out += counted[0];
      i += counted[0].length;
      afterQuantifier = true;
    } else if (c === ']' || c === '}') {
      out += '\\' + c; // Java reads a bare `]`/`}` as a literal
      i += 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return { source: out, flags: [...flags].join('') };
}

const cache = new Map<string, RegExp>();

/** A JS RegExp that matches the whole input exactly when `Pattern.matches(pattern, input)` would. */
export function javaFullMatchRegex(pattern: string): RegExp {
  let re = cache.get(pattern);
  if (!re) {
    const t = translateJavaRegex(pattern);
    // Input-boundary lookarounds instead of ^/$ so that a (?m) flag cannot loosen the anchoring.
    re = new RegExp(`(?<![\\s\\S])(?:${t.source})(?![\\s\\S])`, t.flags);
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  return re;
}

/** `util.matches(pattern, value)`: Java `Pattern.matches` (whole-input match). */
export function matches(pattern: unknown, value: unknown): boolean {
  return javaFullMatchRegex(String(pattern)).test(String(value));
}
