/**
 * `console.log`/`console.error` in APPSYNC_JS code: EvaluateCode's lines stay as they were
 * (strings raw, arguments joined by a space); the local server prints the CloudWatch form —
 * level, `file:line:column` of the call in the loaded code, every argument JSON-encoded.
 */
import { describe, expect, it } from 'vitest';
import { callSiteOf, cloudWatchLine, jsonArg } from '../../../local/runtime/console-log.js';
import { newFrame, withFrame } from '../../../local/runtime/frame.js';
import { loadModule } from '../../../local/runtime/module-loader.js';

function logsOf(body: string, filename: string) {
  const mod = loadModule(
    `export function request(ctx) {\n${body}\n  return {};\n}\nexport function response(ctx) { return ctx; }\n`,
    filename,
  );
  const frame = newFrame();
  withFrame(frame, () => mod.request({ args: {} }));
  return { logs: frame.logs, cloudWatch: frame.cloudWatchLogs };
}

describe('console in resolver code', () => {
  it.each([
    ['t1.js', "  console.log('loaded', 3);", ['loaded 3'], ['INFO - t1.js:2:11: "loaded" 3']],
    ['t2.js', "  console.error('failed', { id: 'ord_1' });", ['failed {"id":"ord_1"}'], ['ERROR - t2.js:2:11: "failed" {"id":"ord_1"}']],
    [
      't3.js',
      '  console.log(null, true, [1, "a"], undefined);',
      ['null true [1,"a"] undefined'],
      ['INFO - t3.js:2:11: null true [1,"a"] undefined'],
    ],
    ['t4.js', "    console.log('indented');", ['indented'], ['INFO - t4.js:2:13: "indented"']],
    ['t5.js', '  const a = 1;\n  console.log(`a=${a}`);', ['a=1'], ['INFO - t5.js:3:11: "a=1"']],
  ])('%s: %s', (filename, body, logs, cloudWatch) => {
    expect(logsOf(body, filename)).toEqual({ logs, cloudWatch });
  });

  it('reports the column of a call on the first line of the code (the loader’s wrapper does not count)', () => {
    const mod = loadModule(
      "export function request() { console.log('x'); return {}; }\nexport function response(ctx) { return ctx; }\n",
      'first.js',
    );
    const frame = newFrame();
    withFrame(frame, () => mod.request({}));
    expect(frame.cloudWatchLogs).toEqual(['INFO - first.js:1:37: "x"']);
  });
});

describe('the pieces', () => {
  it.each([
    ['a string keeps its quotes', 'x', '"x"'],
    ['undefined', undefined, 'undefined'],
    ['a nested object', { a: [1, { b: null }] }, '{"a":[1,{"b":null}]}'],
    ['a number', 1.5, '1.5'],
  ])('jsonArg: %s', (_name, value, expected) => {
    expect(jsonArg(value)).toBe(expected);
  });

  it.each([
    ['    at request (code.js:4:9)', 0, 'code.js:4:9'],
    ['    at code.js:1:60', 47, 'code.js:1:13'],
    ['no frames here', 0, 'unknown'],
  ])('callSiteOf(%j)', (frame, offset, expected) => {
    expect(callSiteOf(`Error\n${frame}`, offset)).toBe(expected);
  });

  it('cloudWatchLine', () => {
    expect(cloudWatchLine('ERROR', 'code.js:2:3', ['a', 1])).toBe('ERROR - code.js:2:3: "a" 1');
  });
});
