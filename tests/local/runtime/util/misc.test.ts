import { describe, expect, it } from 'vitest';
import { escapeJavaScript, urlDecode, urlEncode } from '../../../../local/runtime/util/encoding.js';
import { newFrame, withFrame } from '../../../../local/runtime/frame.js';
import { addResponseHeader, addResponseHeaders } from '../../../../local/runtime/util/http.js';
import { autoKsuid, autoUlid } from '../../../../local/runtime/util/ids.js';
import { createAppSyncModules } from '../../../../local/runtime/util/index.js';
import { matches, translateJavaRegex } from '../../../../local/runtime/util/regex.js';
import { xmlToMap } from '../../../../local/runtime/util/xml.js';
import { update } from '../../../../local/runtime/util/dynamodb-helpers.js';

describe('Java regex translation', () => {
  it.each([
    ['\\Qa.b\\E', 'a.b', true],
    ['\\Qa.b\\E', 'axb', false],
    ['a++b', 'aab', true],
    ['(?>ab|a)c', 'abc', true],
    ['\\s+', '\u00a0', false], // Java's \s is ASCII-only
    ['[a-c[x-z]]+', 'abzy', true],
    ['\\p{Lu}\\p{L}*', 'Émile', true],
    ['a]b}', 'a]b}', true],
    ['\\-\\@\\#', '-@#', true],
    ['(?x) a b # comment', 'ab', true],
    ['x{2,3}?', 'xx', true],
    ['.', '\u0085', false],
    ['\\Aab\\z', 'ab', true],
  ])('%s on %j → %s', (pattern, input, expected) => {
    expect(matches(pattern, input)).toBe(expected);
  });

  it('refuses what JS cannot express', () => {
    expect(() => translateJavaRegex('[a-z&&[^aeiou]]')).toThrow(/intersection/);
    expect(() => translateJavaRegex('\\Gx')).toThrow();
  });
});

describe('encoding', () => {
  it('follows URLEncoder for every ASCII punctuation mark', () => {
    expect(urlEncode(' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~')).toBe(
      '+%21%22%23%24%25%26%27%28%29*%2B%2C-.%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D%7E',
    );
    expect(urlEncode('😀')).toBe('%F0%9F%98%80');
    expect(urlDecode('%F0%9F%98%80+x')).toBe('😀 x');
    expect(urlDecode('%4')).toBeNull();
  });

  it('escapes astral characters as surrogate pairs and keeps DEL', () => {
    expect(escapeJavaScript('😀\u007f\u0001')).toBe('\\uD83D\\uDE00\u007f\\u0001');
  });
});

describe('ids', () => {
  it('encodes the timestamp in the ULID and KSUID prefixes', () => {
    expect(autoUlid(0).slice(0, 10)).toBe('0000000000');
    expect(autoUlid(1469918176385).slice(0, 10)).toBe('01ARYZ6S41'); // ulid spec example
    expect(autoKsuid(1_400_000_000_000)).toHaveLength(27);
  });
});

describe('http response headers', () => {
  it('keeps the last definition and rejects restricted, null and oversized headers', () => {
    const frame = newFrame();
    withFrame(frame, () => {
      addResponseHeader('itemsCount', 7);
      addResponseHeader('ItemsCount', 8);
      addResponseHeaders({ 'Content-Type': 'x', empty: null, obj: { a: 1 } });
      addResponseHeader('big', 'x'.repeat(5000));
    });
    expect(frame.responseHeaders).toEqual({ ItemsCount: '8', obj: '{"a":1}' });
    expect(frame.appendedErrors.map((e) => e.errorType)).toEqual(['ResponseHeaderError', 'ResponseHeaderError', 'ResponseHeaderError']);
  });
});

describe('xml', () => {
  it('handles attributes, entities, CDATA, empty and mixed elements', () => {
    expect(xmlToMap('<a id="7"><b>x &amp; y</b><c/><d><![CDATA[<raw>]]></d><e>true</e>text</a>')).toEqual({
      a: { id: 7, b: 'x & y', c: '', d: '<raw>', e: true, content: 'text' },
    });
    expect(xmlToMap('<a><b></a>')).toBeNull();
  });
});

describe('dynamodb update builder', () => {
  it('sets list items and nested keys, reusing name placeholders', () => {
    expect(
      update({
        key: { id: 1 },
        update: {
          tags: [{ type: 'OPERATION_UPDATE_LIST_ITEM', value: 'x', index: 2 }],
          address: { city: 'Oslo' },
          n: { type: 'OPERATION_INCREMENT', by: 1 },
        },
      })['update'],
    ).toEqual({
      expression: 'SET #expName_1[2] = :expValue_1, #expName_2.#expName_3 = :expValue_2, #expName_4 = #expName_4 + :expValue_3',
      expressionNames: { '#expName_1': 'tags', '#expName_2': 'address', '#expName_3': 'city', '#expName_4': 'n' },
      expressionValues: { ':expValue_1': { S: 'x' }, ':expValue_2': { S: 'Oslo' }, ':expValue_3': { N: 1 } },
    });
  });
});

describe('module surface', () => {
  it('exposes every util member of the 2.1.1 types and no VTL-only helper', () => {
    const { util, dynamodb, extensions, runtime } = createAppSyncModules();
    expect(Object.keys(util).sort()).toEqual(
      [
        'appendError',
        'authType',
        'autoId',
        'autoKsuid',
        'autoUlid',
        'base64Decode',
        'base64Encode',
        'dynamodb',
        'error',
        'escapeJavaScript',
        'http',
        'matches',
        'math',
        'rds',
        'str',
        'time',
        'transform',
        'unauthorized',
        'urlDecode',
        'urlEncode',
        'xml',
      ].sort(),
    );
    expect(util).not.toHaveProperty('isNull');
    expect(util['dynamodb']).not.toHaveProperty('toDynamoDBJson');
    expect(Object.keys(dynamodb).sort()).toEqual(
      [
        'batchDelete',
        'batchGet',
        'batchPut',
        'get',
        'operations',
        'put',
        'query',
        'remove',
        'scan',
        'sync',
        'toBinarySet',
        'toNumberSet',
        'toStringSet',
        'transactGet',
        'transactWrite',
        'update',
      ].sort(),
    );
    expect(Object.keys(extensions).sort()).toEqual([
      'evictFromApiCache',
      'invalidateSubscriptions',
      'setSubscriptionFilter',
      'setSubscriptionInvalidationFilter',
    ]);
    expect(Object.keys(runtime)).toEqual(['earlyReturn']);
    expect(Object.isFrozen(util['time'])).toBe(true);
  });
});
