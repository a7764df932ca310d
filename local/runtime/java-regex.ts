/**
 * APPSYNC_JS reads the string pattern of `String.prototype.replace`/`replaceAll` as a Java regular
 * expression (AWS AppSync Developer Guide, "Supported runtime features": built-in objects), and its
 * replacement as Java's `Matcher` replacement (`$n`, `${name}`, `\` escapes). This module gives the
 * local runtime the same: the pattern translated to a JavaScript RegExp, the replacement expanded
 * by Java's rules. `replace` replaces the first match (Java's `replaceFirst`), `replaceAll` every one.
 *
 * The pattern goes through the same Java-to-JavaScript translation as `util.matches`
 * (`util/regex.ts`: `\Q…\E`, `\A \z \Z`, `\h`, `\p{…}`, inline flags; possessive quantifiers and
 * atomic groups approximated by their plain forms); this module adds Java's replacement rules.
 */

import { translateJavaRegex } from './util/regex.js';

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
    const translated = translateJavaRegex(pattern);
    regex = new RegExp(translated.source, `${translated.flags}${all ? 'g' : ''}`);
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
