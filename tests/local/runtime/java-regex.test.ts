/**
 * `replace`/`replaceAll` with a string pattern, as APPSYNC_JS runs them: the pattern is a Java
 * regular expression and the replacement Java's (`$n`, `${name}`, `\` escapes). Each case runs
 * inside the resolver sandbox, the way a deployed resolver would call it.
 */
import { describe, expect, it } from 'vitest';
import { loadModule } from '../../../local/runtime/module-loader.js';

/** Evaluates `expression` inside a resolver module and returns its value. */
function inSandbox(expression: string): unknown {
  const mod = loadModule(
    `export function request(ctx) { return { value: ${expression} }; }\nexport function response(ctx) { return ctx; }\n`,
  );
  return (mod.request({}) as { value: unknown }).value;
}

describe('String.prototype.replace / replaceAll in the resolver sandbox', () => {
  it.each([
    // expression, result
    ["'a.b.c'.replaceAll('.', '-')", '-----'],
    ["'a.b.c'.replaceAll('\\\\.', '-')", 'a-b-c'],
    ["'a.b.c'.replace('\\\\.', '-')", 'a-b.c'],
    ["'2024-05-01'.replace('(\\\\d+)-(\\\\d+)-(\\\\d+)', '$3/$2/$1')", '01/05/2024'],
    ["'John Smith'.replace('(?<first>\\\\w+) (?<last>\\\\w+)', '${last}, ${first}')", 'Smith, John'],
    ["'aaa'.replaceAll('a', '\\\\$')", '$$$'],
    ["'x1y22z'.replaceAll('[0-9]+', '#')", 'x#y#z'],
    ["'Hello World'.replaceAll('\\\\p{Upper}', '_')", '_ello _orld'],
    ["'a+b'.replace('\\\\Qa+b\\\\E', 'ok')", 'ok'],
    ["'tab\\there'.replaceAll('\\\\h', ' ')", 'tab here'],
    ["'aaab'.replace('a++b', 'X')", 'X'],
    ["'abc'.replace('(?>a)bc', 'X')", 'X'],
    // Java takes the longest group number that exists: $10 is group 1 then "0" with one group.
    ["'ab'.replace('(a)', '$10')", 'a0b'],
    // A group that did not take part in the match expands to nothing.
    ["'b'.replace('(a)?b', '[$1]')", '[]'],
    // A RegExp is not a string pattern: JavaScript's rules stay.
    ["'a.b'.replace(new RegExp('\\\\.'), '$&$&')", 'a..b'],
  ])('%s → %j', (expression, expected) => {
    expect(inSandbox(expression)).toBe(expected);
  });

  it.each([
    ["'abc'.replace('b', '$2')", 'No group 2'],
    ["'abc'.replace('b', '$x')", 'Illegal group reference'],
    ["'abc'.replace('b', 'x\\\\')", 'character to be escaped is missing'],
    ["'abc'.replace('(?<n>b)', '${m}')", 'No group with name {m}'],
    ["'abc'.replace('(b', 'x')", 'Java regular expression'],
  ])('%s fails as Java does: %s', (expression, message) => {
    expect(() => inSandbox(expression)).toThrow(message);
  });
});
