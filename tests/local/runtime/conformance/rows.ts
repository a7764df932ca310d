/**
 * Conformance rows for the APPSYNC_JS runtime library: resolver code in, EvaluateCode result out.
 * Every row cites where its expected value comes from:
 *   AWS-REC   recorded from AWS EvaluateCode (the public localstack/appsync-utils test snapshots,
 *             __tests__/__snapshots__/*.test.js.snap)
 *   DOC       AWS AppSync Developer Guide page (docs.aws.amazon.com/appsync/latest/devguide/<page>)
 *   TYPES     @aws-appsync/utils@2.1.1 .d.ts
 *   COMMUNITY third-party captures of AWS behaviour
 *   JAVA      the Java library AppSync's behaviour is based on (documented Java semantics)
 *   INFERRED  the emulator's documented choice (docs/local-runtime.md); the row pins it
 */

export interface Row {
  name: string;
  source: string;
  code: string;
  context?: Record<string, unknown>;
  fn?: 'request' | 'response';
  /** The handler's return value (evaluationResult parsed from JSON); `undefined` means no result (null). */
  expected?: unknown;
  /** Pattern the evaluationResult's JSON text must match (random values). */
  expectMatch?: RegExp;
  /** Expected `error.message`; rows without it expect no error. */
  expectedError?: string;
  /** Expected appended errors (outErrors parsed). */
  expectedOutErrors?: unknown[];
}

const HEADER = `import { util, runtime, extensions } from '@aws-appsync/utils';
import * as ddb from '@aws-appsync/utils/dynamodb';
`;

/** A request handler with the given body. */
export const req = (body: string): string => `${HEADER}export function request(ctx) {
  ${body}
}
export function response(ctx) {
  return ctx.result;
}
`;

/** A request handler returning one expression. */
export const ret = (expr: string): string => req(`return ${expr};`);

/** The parsed output of a transform (AWS key order in names/values is unstable, so rows compare parsed values). */
const filter = (src: string): string => ret(`JSON.parse(util.transform.toDynamoDBFilterExpression(${src}))`);
const condition = (src: string): string => ret(`JSON.parse(util.transform.toDynamoDBConditionExpression(${src}))`);
const sub = (...args: string[]): string => ret(`util.transform.toSubscriptionFilter(${args.join(', ')})`);

const TR = 'AWS-REC localstack/appsync-utils transform.test.js.snap';
const SUB = 'AWS-REC localstack/appsync-utils transform-subscription.test.js.snap';
const DDB = 'AWS-REC localstack/appsync-utils index.test.js.snap';
const MOD = 'AWS-REC localstack/appsync-utils index.test.js.snap';
const TIME = 'DOC time-helpers-in-util-time-js.html';

/** `{expression, expressionNames, expressionValues}` shorthand. */
const e = (expression: string, expressionNames: Record<string, string>, expressionValues: Record<string, unknown> = {}) => ({
  expression,
  expressionNames,
  expressionValues,
});
const fg = (...groups: [string, string, unknown][][]) => ({
  filterGroup: groups.map((filters) => ({ filters: filters.map(([fieldName, operator, value]) => ({ fieldName, operator, value })) })),
});

export const rows: Row[] = [
  // ---------------------------------------------------------------- ids
  {
    name: 'util.autoId is a lowercase UUID v4',
    source: 'DOC built-in-util-js.html',
    code: ret('util.autoId()'),
    expectMatch: /^"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"$/,
  },
  {
    name: 'util.autoUlid is 26 Crockford base32 chars',
    source: 'DOC built-in-util-js.html',
    code: ret('util.autoUlid()'),
    expectMatch: /^"[0-7][0-9A-HJKMNP-TV-Z]{25}"$/,
  },
  {
    name: 'util.autoKsuid is 27 base62 chars',
    source: 'DOC built-in-util-js.html',
    code: ret('util.autoKsuid()'),
    expectMatch: /^"[0-9A-Za-z]{27}"$/,
  },
  {
    name: 'util.autoId differs between calls',
    source: 'DOC built-in-util-js.html (random 128-bit UUID)',
    code: ret('util.autoId() === util.autoId()'),
    expected: false,
  },

  // ---------------------------------------------------------------- encoding
  {
    name: 'urlEncode: space is +, * - _ . kept, other reserved chars escaped',
    source: 'DOC built-in-util-js.html + JAVA URLEncoder',
    code: ret(`util.urlEncode("a b*-_.~'!()")`),
    expected: 'a+b*-_.%7E%27%21%28%29',
  },
  {
    name: 'urlEncode: UTF-8 bytes, uppercase hex',
    source: 'JAVA URLEncoder UTF-8',
    code: ret(`util.urlEncode("é/?&=")`),
    expected: '%C3%A9%2F%3F%26%3D',
  },
  {
    name: 'urlDecode reverses urlEncode',
    source: 'DOC built-in-util-js.html + JAVA URLDecoder',
    code: ret(`util.urlDecode("a+b%2Fc%C3%A9")`),
    expected: 'a b/cé',
  },
  {
    name: 'base64Encode encodes UTF-8',
    source: 'DOC built-in-util-js.html (UTF-8)',
    code: ret(`util.base64Encode("hello wörld")`),
    expected: 'aGVsbG8gd8O2cmxk',
  },
  {
    name: 'base64Decode decodes to UTF-8',
    source: 'DOC built-in-util-js.html',
    code: ret(`util.base64Decode("aGVsbG8gd8O2cmxk")`),
    expected: 'hello wörld',
  },
  {
    name: 'escapeJavaScript escapes quotes, slash, backslash and controls',
    source: 'INFERRED commons-lang escapeEcmaScript',
    code: ret(`util.escapeJavaScript("it's \\"x\\"/\\\\\\n\\t")`),
    expected: 'it\\\'s \\"x\\"\\/\\\\\\n\\t',
  },
  {
    name: 'escapeJavaScript writes non-ASCII as uppercase \\u escapes',
    source: 'INFERRED commons-lang escapeEcmaScript',
    code: ret(`util.escapeJavaScript("é€")`),
    expected: '\\u00E9\\u20AC',
  },

  // ---------------------------------------------------------------- errors
  {
    name: 'util.error stops the handler with its message',
    source: 'DOC built-in-util-js.html',
    code: req(`util.error('Item not found', 'NotFound', { id: 1 }); return 'unreached';`),
    expectedError: 'Item not found',
  },
  {
    name: 'util.error with a non-string message is ignored',
    source: 'COMMUNITY aws-appsync-community#384',
    code: req(`util.error(25); return 'continued';`),
    expected: 'continued',
  },
  {
    name: 'util.error with a non-string type is ignored',
    source: 'COMMUNITY aws-appsync-community#384',
    code: req(`util.error('abc', 25); return 'continued';`),
    expected: 'continued',
  },
  {
    name: 'util.appendError records and continues',
    source: 'DOC built-in-util-js.html',
    code: req(`util.appendError('soft', 'Warn', { a: 1 }, { hint: 'x' }); return 'value';`),
    expected: 'value',
    expectedOutErrors: [{ message: 'soft', errorType: 'Warn', data: { a: 1 }, errorInfo: { hint: 'x' } }],
  },
  {
    name: 'util.appendError without a type',
    source: 'DOC built-in-util-js.html',
    code: req(`util.appendError('soft'); return 1;`),
    expected: 1,
    expectedOutErrors: [{ message: 'soft', errorType: null, data: null, errorInfo: null }],
  },
  {
    name: 'appended errors survive a later util.error',
    source: 'DOC built-in-util-js.html',
    code: req(`util.appendError('first'); util.error('second');`),
    expectedError: 'second',
    expectedOutErrors: [{ message: 'first', errorType: null, data: null, errorInfo: null }],
  },
  {
    name: 'util.unauthorized fails with "Unauthorized"',
    source: 'AWS-REC localstack/appsync-utils snapshots',
    code: req(`util.unauthorized(); return 1;`),
    expectedError: 'Unauthorized',
  },
  {
    name: 'util.error in a response handler',
    source: 'DOC resolver-reference-overview-js.html',
    fn: 'response',
    context: { error: { message: 'ddb down', type: 'DynamoDB:InternalServerError' } },
    code: `${HEADER}export function request(ctx) { return {}; }
export function response(ctx) {
  if (ctx.error) { util.error(ctx.error.message, ctx.error.type); }
  return ctx.result;
}
`,
    expectedError: 'ddb down',
  },

  // ---------------------------------------------------------------- authType
  {
    name: 'authType without identity is API key',
    source: 'AWS-REC localstack/appsync-utils authType.test.js.snap',
    code: ret('util.authType()'),
    expected: 'API Key Authorization',
  },
  {
    name: 'authType with resolverContext is Lambda',
    source: 'AWS-REC localstack/appsync-utils authType.test.js.snap',
    context: { identity: { resolverContext: { tenant: 't1' } } },
    code: ret('util.authType()'),
    expected: 'Lambda Authorization',
  },
  {
    name: 'authType with an IAM identity',
    source: 'AWS-REC localstack/appsync-utils authType.test.js.snap',
    context: {
      identity: {
        accountId: '1',
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: ['1.1.1.1'],
        username: 'AROA',
        userArn: 'arn:aws:iam::1:user/x',
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
    },
    code: ret('util.authType()'),
    expected: 'IAM Authorization',
  },
  {
    name: 'authType with a user-pool identity',
    source: 'AWS-REC localstack/appsync-utils authType.test.js.snap',
    context: {
      identity: { sub: 's', issuer: 'i', username: 'u', claims: {}, sourceIp: ['1.1.1.1'], defaultAuthStrategy: 'ALLOW', groups: null },
    },
    code: ret('util.authType()'),
    expected: 'User Pool Authorization',
  },
  {
    name: 'authType with an OIDC identity',
    source: 'AWS-REC localstack/appsync-utils authType.test.js.snap',
    context: { identity: { sub: 's', issuer: 'i', claims: {} } },
    code: ret('util.authType()'),
    expected: 'Open ID Connect Authorization',
  },

  // ---------------------------------------------------------------- matches
  { name: 'matches: doc example', source: 'DOC built-in-util-js.html', code: ret(`util.matches("a*b", "aaaaab")`), expected: true },
  { name: 'matches is a whole-input match', source: 'JAVA Pattern.matches', code: ret(`util.matches("a*b", "aaaaabc")`), expected: false },
  {
    name: 'matches: inline case-insensitive flag',
    source: 'JAVA Pattern (?i)',
    code: ret(`util.matches("(?i)abc", "ABC")`),
    expected: true,
  },
  {
    name: 'matches: POSIX class \\p{Alpha}',
    source: 'JAVA Pattern \\p{Alpha}',
    code: ret(`util.matches("\\\\p{Alpha}+\\\\d{2}", "abc12")`),
    expected: true,
  },
  {
    name: 'matches: email-like pattern with escaped dot',
    source: 'JAVA Pattern',
    code: ret(`[util.matches("[^@]+@[^@]+\\\\.[a-z]{2,}", "a@b.io"), util.matches("[^@]+@[^@]+\\\\.[a-z]{2,}", "a@b")]`),
    expected: [true, false],
  },

  // ---------------------------------------------------------------- time
  {
    name: 'parseFormattedToEpochMilliSeconds: doc example',
    source: TIME,
    code: ret(`util.time.parseFormattedToEpochMilliSeconds("2018-02-02 01:19:22+0800", "yyyy-MM-dd HH:mm:ssZ")`),
    expected: 1517505562000,
  },
  {
    name: 'parseISO8601ToEpochMilliSeconds: doc example',
    source: TIME,
    code: ret(`util.time.parseISO8601ToEpochMilliSeconds("2018-02-01T17:21:05.180+08:00")`),
    expected: 1517476865180,
  },
  {
    name: 'epochMilliSecondsToISO8601: doc example',
    source: TIME,
    code: ret(`util.time.epochMilliSecondsToISO8601(1517943695758)`),
    expected: '2018-02-06T19:01:35.758Z',
  },
  {
    name: 'epochMilliSecondsToSeconds',
    source: TIME,
    code: ret(`util.time.epochMilliSecondsToSeconds(1517943695758)`),
    expected: 1517943695,
  },
  {
    name: 'formatted in UTC with Z: doc example instant',
    source: TIME,
    code: ret(`util.time.epochMilliSecondsToFormatted(1517943695749, "yyyy-MM-dd HH:mm:ssZ")`),
    expected: '2018-02-06 19:01:35+0000',
  },
  {
    name: 'formatted with +08:00: doc example instant',
    source: TIME,
    code: ret(`util.time.epochMilliSecondsToFormatted(1517943695749, "yyyy-MM-dd HH:mm:ssZ", "+08:00")`),
    expected: '2018-02-07 03:01:35+0800',
  },
  {
    name: 'formatted in Australia/Perth',
    source: `${TIME} (zone IDs such as Australia/Perth)`,
    code: ret(`util.time.epochMilliSecondsToFormatted(1517943695749, "yyyy-MM-dd HH:mm:ss", "Australia/Perth")`),
    expected: '2018-02-07 03:01:35',
  },
  {
    name: 'optional [XXX] with a seconds offset truncates the seconds',
    source: 'DOC time-helpers-in-util-time.html (VTL page)',
    code: ret(`util.time.epochMilliSecondsToFormatted(1531347285000, "yyyy-MM-dd[XXX]", "-07:00:30")`),
    expected: '2018-07-11-07:00',
  },
  {
    name: 'optional [XXXXX] prints the offset seconds',
    source: 'DOC time-helpers-in-util-time.html (VTL page)',
    code: ret(`util.time.epochMilliSecondsToFormatted(1531347285000, "yyyy-MM-dd'T'HH:mm:ss[XXXXX]", "-07:00:30")`),
    expected: '2018-07-11T15:14:15-07:00:30',
  },
  {
    name: 'text fields and 12-hour clock',
    source: 'JAVA DateTimeFormatter EEE/MMM/hh/a',
    code: ret(`util.time.epochMilliSecondsToFormatted(1517943695749, "EEE, dd MMM yyyy hh:mm a")`),
    expected: 'Tue, 06 Feb 2018 07:01 PM',
  },
  {
    name: 'X prints Z in UTC, SSS milliseconds',
    source: 'JAVA DateTimeFormatter X/SSS',
    code: ret(`util.time.epochMilliSecondsToFormatted(1517943695749, "HH:mm:ss.SSSX")`),
    expected: '19:01:35.749Z',
  },
  {
    name: 'parse a local time in a zone ID',
    source: `${TIME} (parseFormattedToEpochMilliSeconds with timezone)`,
    code: ret(`util.time.parseFormattedToEpochMilliSeconds("2018-02-07 03:01:35", "yyyy-MM-dd HH:mm:ss", "Australia/Perth")`),
    expected: 1517943695000,
  },
  {
    name: 'nowISO8601 shape',
    source: TIME,
    code: ret('util.time.nowISO8601()'),
    expectMatch: /^"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z"$/,
  },
  { name: 'nowEpochSeconds is an integer', source: TIME, code: ret('util.time.nowEpochSeconds()'), expectMatch: /^\d{10}$/ },
  { name: 'nowEpochMilliSeconds is an integer', source: TIME, code: ret('util.time.nowEpochMilliSeconds()'), expectMatch: /^\d{13}$/ },
  {
    name: 'nowFormatted with an offset zone',
    source: TIME,
    code: ret(`util.time.nowFormatted("yyyy-MM-dd HH:mm:ssZ", "+08:00")`),
    expectMatch: /^"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+0800"$/,
  },

  // ---------------------------------------------------------------- util.dynamodb
  { name: 'toDynamoDB string', source: DDB, code: ret(`util.dynamodb.toDynamoDB("test")`), expected: { S: 'test' } },
  { name: 'toDynamoDB number stays a JSON number', source: DDB, code: ret(`util.dynamodb.toDynamoDB(12345)`), expected: { N: 12345 } },
  { name: 'toDynamoDB boolean', source: DDB, code: ret(`util.dynamodb.toDynamoDB(true)`), expected: { BOOL: true } },
  {
    name: 'toDynamoDB null',
    source: 'DOC dynamodb-helpers-in-util-dynamodb-js.html',
    code: ret(`util.dynamodb.toDynamoDB(null)`),
    expected: { NULL: null },
  },
  { name: 'toString', source: DDB, code: ret(`util.dynamodb.toString("test")`), expected: { S: 'test' } },
  { name: 'toString(null) is null', source: 'TYPES dynamodb-utils.d.ts', code: ret(`util.dynamodb.toString(null)`), expected: null },
  {
    name: 'toStringSet',
    source: DDB,
    code: ret(`util.dynamodb.toStringSet(["foo", "bar", "baz"])`),
    expected: { SS: ['foo', 'bar', 'baz'] },
  },
  { name: 'toNumber', source: DDB, code: ret(`util.dynamodb.toNumber(12345)`), expected: { N: 12345 } },
  {
    name: 'toNumberSet keeps numbers',
    source: DDB,
    code: ret(`util.dynamodb.toNumberSet([1, 23, 4.56])`),
    expected: { NS: [1, 23, 4.56] },
  },
  { name: 'toBinary', source: DDB, code: ret(`util.dynamodb.toBinary("foo")`), expected: { B: 'foo' } },
  {
    name: 'toBinarySet',
    source: DDB,
    code: ret(`util.dynamodb.toBinarySet(["foo", "bar", "baz"])`),
    expected: { BS: ['foo', 'bar', 'baz'] },
  },
  { name: 'toBoolean', source: DDB, code: ret(`util.dynamodb.toBoolean(true)`), expected: { BOOL: true } },
  { name: 'toNull', source: DDB, code: ret(`util.dynamodb.toNull()`), expected: { NULL: null } },
  {
    name: 'toList converts elements',
    source: DDB,
    code: ret(`util.dynamodb.toList(["foo", 123, { bar: "baz" }])`),
    expected: { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] },
  },
  {
    name: 'toMap',
    source: DDB,
    code: ret(`util.dynamodb.toMap({ foo: "bar", baz: 1234, beep: ["boop"] })`),
    expected: { M: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } } },
  },
  {
    name: 'toMapValues',
    source: DDB,
    code: ret(`util.dynamodb.toMapValues({ foo: "bar", baz: 1234, beep: ["boop"] })`),
    expected: { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } },
  },
  {
    name: 'toS3Object with three parameters (compact JSON)',
    source: DDB,
    code: ret(`util.dynamodb.toS3Object("foo", "bar", "baz")`),
    expected: { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' },
  },
  {
    name: 'toS3Object with a version',
    source: DDB,
    code: ret(`util.dynamodb.toS3Object("foo", "bar", "baz", "beep")`),
    expected: { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}' },
  },
  {
    name: 'fromS3ObjectJson reads the S3 object string',
    source: 'DOC dynamodb-helpers-in-util-dynamodb-js.html',
    code: ret(`util.dynamodb.fromS3ObjectJson('{"s3":{"key":"foo","bucket":"bar","region":"baz"}}')`),
    expected: { key: 'foo', bucket: 'bar', region: 'baz' },
  },

  // ---------------------------------------------------------------- util.transform (DynamoDB)
  {
    name: 'filter expression is a JSON string, byte for byte',
    source: TR,
    code: ret(`util.transform.toDynamoDBFilterExpression({ content: { contains: "foo" } })`),
    expected:
      '{"expression":"(contains(#content,:content_contains))","expressionNames":{"#content":"content"},"expressionValues":{":content_contains":{"S":"foo"}}}',
  },
  {
    name: 'condition expression is a JSON string, byte for byte',
    source: TR,
    code: ret(`util.transform.toDynamoDBConditionExpression({ and: [{ id: { attributeExists: false } }] })`),
    expected: '{"expression":"(attribute_not_exists(#id))","expressionNames":{"#id":"id"},"expressionValues":{}}',
  },
  {
    name: 'transform eq',
    source: TR,
    code: filter(`{ v: { eq: "x" } }`),
    expected: e('(#v = :v_eq)', { '#v': 'v' }, { ':v_eq': { S: 'x' } }),
  },
  {
    name: 'transform ne',
    source: TR,
    code: filter(`{ v: { ne: "x" } }`),
    expected: e('(#v <> :v_ne)', { '#v': 'v' }, { ':v_ne': { S: 'x' } }),
  },
  {
    name: 'transform le',
    source: TR,
    code: filter(`{ v: { le: "x" } }`),
    expected: e('(#v <= :v_le)', { '#v': 'v' }, { ':v_le': { S: 'x' } }),
  },
  {
    name: 'transform ge',
    source: TR,
    code: filter(`{ v: { ge: "x" } }`),
    expected: e('(#v >= :v_ge)', { '#v': 'v' }, { ':v_ge': { S: 'x' } }),
  },
  {
    name: 'transform number operand keeps its type',
    source: TR,
    code: filter(`{ v: { eq: 10 } }`),
    expected: e('(#v = :v_eq)', { '#v': 'v' }, { ':v_eq': { N: 10 } }),
  },
  {
    name: 'transform null operand',
    source: TR,
    code: filter(`{ v: { eq: null } }`),
    expected: e('(#v = :v_eq)', { '#v': 'v' }, { ':v_eq': { NULL: null } }),
  },
  {
    name: 'transform object operand',
    source: TR,
    code: filter(`{ v: { eq: { a: 1 } } }`),
    expected: e('(#v = :v_eq)', { '#v': 'v' }, { ':v_eq': { M: { a: { N: 1 } } } }),
  },
  {
    name: 'transform notContains',
    source: TR,
    code: filter(`{ v: { notContains: "x" } }`),
    expected: e('(NOT contains(#v,:v_notContains))', { '#v': 'v' }, { ':v_notContains': { S: 'x' } }),
  },
  {
    name: 'transform beginsWith',
    source: TR,
    code: filter(`{ v: { beginsWith: "x" } }`),
    expected: e('(begins_with(#v,:v_beginsWith))', { '#v': 'v' }, { ':v_beginsWith': { S: 'x' } }),
  },
  {
    name: 'transform between ignores extra bounds',
    source: TR,
    code: filter(`{ v: { between: ["1", "9", "3"] } }`),
    expected: e(
      '(#v BETWEEN :v_between_start AND :v_between_end)',
      { '#v': 'v' },
      { ':v_between_start': { S: '1' }, ':v_between_end': { S: '9' } },
    ),
  },
  {
    name: 'transform in: comma and space',
    source: TR,
    code: filter(`{ v: { in: ["a", "b"] } }`),
    expected: e('(#v IN (:v_in_0, :v_in_1))', { '#v': 'v' }, { ':v_in_0': { S: 'a' }, ':v_in_1': { S: 'b' } }),
  },
  { name: 'transform in: empty list renders (null)', source: TR, code: filter(`{ v: { in: [] } }`), expected: e('(null)', { '#v': 'v' }) },
  {
    name: 'transform attributeExists true',
    source: TR,
    code: filter(`{ v: { attributeExists: true } }`),
    expected: e('(attribute_exists(#v))', { '#v': 'v' }),
  },
  {
    name: 'transform attributeType names',
    source: TR,
    code: filter(`{ a: { attributeType: "_null" }, b: { attributeType: "stringSet" }, c: { attributeType: "map" } }`),
    expected: e(
      '(attribute_type(#a,:a_attributeType)) AND (attribute_type(#b,:b_attributeType)) AND (attribute_type(#c,:c_attributeType))',
      { '#a': 'a', '#b': 'b', '#c': 'c' },
      { ':a_attributeType': { S: 'NULL' }, ':b_attributeType': { S: 'SS' }, ':c_attributeType': { S: 'M' } },
    ),
  },
  {
    name: 'transform size comparison',
    source: TR,
    code: filter(`{ v: { size: { gt: 2 } } }`),
    expected: e('(size(#v) > :v_size_gt)', { '#v': 'v' }, { ':v_size_gt': { N: 2 } }),
  },
  {
    name: 'transform size between',
    source: TR,
    code: filter(`{ v: { size: { between: [1, 3] } } }`),
    expected: e(
      '(size(#v) BETWEEN :v_size_between_start AND :v_size_between_end)',
      { '#v': 'v' },
      { ':v_size_between_start': { N: 1 }, ':v_size_between_end': { N: 3 } },
    ),
  },
  {
    name: 'transform size with a function',
    source: TR,
    code: filter(`{ v: { size: { contains: "x" } } }`),
    expected: e('(contains(size(#v),:v_size_contains))', { '#v': 'v' }, { ':v_size_contains': { S: 'x' } }),
  },
  {
    name: 'transform two comparisons on one size',
    source: TR,
    code: filter(`{ v: { size: { gt: 2, lt: 5 } } }`),
    expected: e('((size(#v) > :v_size_gt) AND (size(#v) < :v_size_lt))', { '#v': 'v' }, { ':v_size_gt': { N: 2 }, ':v_size_lt': { N: 5 } }),
  },
  {
    name: 'transform nested size names the value again',
    source: TR,
    code: filter(`{ v: { size: { size: { gt: 1 } } } }`),
    expected: e('(size(#v) > :v_size_size_gt)', { '#v': 'v' }, { ':v_size_size_gt': { N: 1 } }),
  },
  {
    name: 'transform two top-level fields are not wrapped',
    source: TR,
    code: filter(`{ a: { eq: 1 }, b: { eq: 2 } }`),
    expected: e('(#a = :a_eq) AND (#b = :b_eq)', { '#a': 'a', '#b': 'b' }, { ':a_eq': { N: 1 }, ':b_eq': { N: 2 } }),
  },
  {
    name: 'transform two operators on one field are wrapped',
    source: TR,
    code: filter(`{ v: { ge: 1, le: 5 } }`),
    expected: e('((#v >= :v_ge) AND (#v <= :v_le))', { '#v': 'v' }, { ':v_ge': { N: 1 }, ':v_le': { N: 5 } }),
  },
  {
    name: 'transform and of one member is not wrapped',
    source: TR,
    code: filter(`{ and: [{ a: { eq: 1 } }] }`),
    expected: e('(#a = :and_0_a_eq)', { '#a': 'a' }, { ':and_0_a_eq': { N: 1 } }),
  },
  {
    name: 'transform or of two members',
    source: TR,
    code: filter(`{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }`),
    expected: e('((#a = :or_0_a_eq) OR (#b = :or_1_b_eq))', { '#a': 'a', '#b': 'b' }, { ':or_0_a_eq': { N: 1 }, ':or_1_b_eq': { N: 2 } }),
  },
  {
    name: 'transform not of a group',
    source: TR,
    code: filter(`{ not: { and: [{ a: { eq: 1 } }, { b: { eq: 2 } }] } }`),
    expected: e(
      '(NOT ((#a = :not_and_0_a_eq) AND (#b = :not_and_1_b_eq)))',
      { '#a': 'a', '#b': 'b' },
      { ':not_and_0_a_eq': { N: 1 }, ':not_and_1_b_eq': { N: 2 } },
    ),
  },
  {
    name: 'transform not of a not',
    source: TR,
    code: filter(`{ not: { not: { a: { eq: 1 } } } }`),
    expected: e('(NOT (NOT (#a = :not_not_a_eq)))', { '#a': 'a' }, { ':not_not_a_eq': { N: 1 } }),
  },
  {
    name: 'transform an or inside an and',
    source: TR,
    code: filter(`{ and: [{ or: [{ a: { eq: 1 } }, { b: { eq: 2 } }] }, { c: { eq: 3 } }] }`),
    expected: e(
      '(((#a = :and_0_or_0_a_eq) OR (#b = :and_0_or_1_b_eq)) AND (#c = :and_1_c_eq))',
      { '#a': 'a', '#b': 'b', '#c': 'c' },
      { ':and_0_or_0_a_eq': { N: 1 }, ':and_0_or_1_b_eq': { N: 2 }, ':and_1_c_eq': { N: 3 } },
    ),
  },
  {
    name: 'transform value names carry every nesting level',
    source: TR,
    code: filter(`{ and: [{ or: [{ and: [{ a: { eq: 1 } }] }] }] }`),
    expected: e('(#a = :and_0_or_0_and_0_a_eq)', { '#a': 'a' }, { ':and_0_or_0_and_0_a_eq': { N: 1 } }),
  },
  {
    name: 'transform a field beside a group',
    source: TR,
    code: filter(`{ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }`),
    expected: e('(#a = :a_eq) AND (#b = :and_0_b_eq)', { '#a': 'a', '#b': 'b' }, { ':a_eq': { N: 1 }, ':and_0_b_eq': { N: 2 } }),
  },
  {
    name: 'transform dotted field names are verbatim',
    source: TR,
    code: filter(`{ "a.b": { eq: 1 } }`),
    expected: e('(#a.b = :a.b_eq)', { '#a.b': 'a.b' }, { ':a.b_eq': { N: 1 } }),
  },
  { name: 'transform empty filter', source: TR, code: filter(`{}`), expected: e('', {}) },
  { name: 'transform field without operators keeps its name', source: TR, code: filter(`{ v: {} }`), expected: e('', { '#v': 'v' }) },
  {
    name: 'transform dangling joiner',
    source: TR,
    code: filter(`{ a: { eq: 1 }, b: {} }`),
    expected: e('(#a = :a_eq) AND ', { '#a': 'a', '#b': 'b' }, { ':a_eq': { N: 1 } }),
  },
  {
    name: 'transform dangling joiner inside a group',
    source: TR,
    code: filter(`{ and: [{ a: { eq: 1 } }, {}] }`),
    expected: e('((#a = :and_0_a_eq) AND )', { '#a': 'a' }, { ':and_0_a_eq': { N: 1 } }),
  },
  { name: 'transform not of an empty filter', source: TR, code: filter(`{ not: {} }`), expected: e('(NOT )', {}) },
  {
    name: 'transform: the Amplify update guard as a condition',
    source: TR,
    code: condition(`{ and: [{ id: { attributeExists: true } }, { _version: { eq: 1 } }] }`),
    expected: e(
      '((attribute_exists(#id)) AND (#_version = :and_1__version_eq))',
      { '#id': 'id', '#_version': '_version' },
      { ':and_1__version_eq': { N: 1 } },
    ),
  },
  {
    name: 'transform: negated range as a condition',
    source: TR,
    code: condition(`{ not: { id: { between: ["1", "9"] } } }`),
    expected: e(
      '(NOT (#id BETWEEN :not_id_between_start AND :not_id_between_end))',
      { '#id': 'id' },
      { ':not_id_between_start': { S: '1' }, ':not_id_between_end': { S: '9' } },
    ),
  },
  {
    name: 'transform rejects unreadable filters with null',
    source: TR,
    code: ret(
      `[null, [], "string", { v: { foo: 1 } }, { v: "x" }, { a: { b: { eq: 1 } } }, { and: { a: { eq: 1 } } }, { and: null }, { and: [{ a: { eq: 1 } }, null] }, { not: [{ a: { eq: 1 } }] }, { v: { between: [1] } }, { v: { between: "x" } }, { v: { in: "x" } }, { v: { attributeExists: "yes" } }, { v: { attributeType: "S" } }, { v: { attributeType: "bogus" } }, { v: { size: 3 } }].map((f) => util.transform.toDynamoDBFilterExpression(f))`,
    ),
    expected: Array.from({ length: 17 }, () => null),
  },
  {
    name: 'toElasticsearchQueryDSL: types example',
    source: 'TYPES transform-utils.d.ts example',
    code: ret(
      `JSON.parse(util.transform.toElasticsearchQueryDSL({ upvotes: { ne: 15, range: [10, 20] }, title: { eq: "hihihi", wildcard: "h*i" } }))`,
    ),
    expected: {
      bool: {
        must: [
          { bool: { must: [{ bool: { must_not: { term: { upvotes: 15 } } } }, { range: { upvotes: { gte: 10, lte: 20 } } }] } },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    },
  },

  // ---------------------------------------------------------------- util.transform.toSubscriptionFilter
  { name: 'subscription filter: one operator', source: SUB, code: sub(`{ a: { eq: 1 } }`), expected: fg([['a', 'eq', 1]]) },
  {
    name: 'subscription filter: a field beside an and',
    source: SUB,
    code: sub(`{ z: { eq: 0 }, and: [{ a: { eq: 1 } }] }`),
    expected: fg([
      ['z', 'eq', 0],
      ['a', 'eq', 1],
    ]),
  },
  {
    name: 'subscription filter: dotted path kept',
    source: SUB,
    code: sub(`{ "loc.addr.country": { eq: "USA" } }`),
    expected: fg([['loc.addr.country', 'eq', 'USA']]),
  },
  {
    name: 'subscription filter: two operators are alternatives',
    source: SUB,
    code: sub(`{ a: { eq: 1, ne: 2 } }`),
    expected: fg([['a', 'eq', 1]], [['a', 'ne', 2]]),
  },
  {
    name: 'subscription filter: or nested in and',
    source: SUB,
    code: sub(`{ and: [{ a: { eq: 1 } }, { or: [{ b: { eq: 2 } }, { c: { eq: 3 } }] }] }`),
    expected: fg(
      [
        ['a', 'eq', 1],
        ['b', 'eq', 2],
      ],
      [
        ['a', 'eq', 1],
        ['c', 'eq', 3],
      ],
    ),
  },
  {
    name: 'subscription filter: operators and groups multiply out',
    source: SUB,
    code: sub(
      `{ percentageUp: { lte: 50, gte: 20 }, and: [{ title: { ne: "Book1" } }, { downvotes: { gt: 2000 } }], or: [{ author: { eq: "Admin" } }, { isPublished: { eq: false } }] }`,
    ),
    expected: fg(
      [
        ['percentageUp', 'lte', 50],
        ['title', 'ne', 'Book1'],
        ['downvotes', 'gt', 2000],
        ['author', 'eq', 'Admin'],
      ],
      [
        ['percentageUp', 'lte', 50],
        ['title', 'ne', 'Book1'],
        ['downvotes', 'gt', 2000],
        ['isPublished', 'eq', false],
      ],
      [
        ['percentageUp', 'gte', 20],
        ['title', 'ne', 'Book1'],
        ['downvotes', 'gt', 2000],
        ['author', 'eq', 'Admin'],
      ],
      [
        ['percentageUp', 'gte', 20],
        ['title', 'ne', 'Book1'],
        ['downvotes', 'gt', 2000],
        ['isPublished', 'eq', false],
      ],
    ),
  },
  {
    name: 'subscription filter: membership and containsAny pass through',
    source: SUB,
    code: sub(`{ a: { in: [1, 2] }, b: { notIn: ["x"] }, c: { containsAny: ["x", "y"] } }`),
    expected: fg([
      ['a', 'in', [1, 2]],
      ['b', 'notIn', ['x']],
      ['c', 'containsAny', ['x', 'y']],
    ]),
  },
  {
    name: 'subscription filter: unknown operator passes through',
    source: SUB,
    code: sub(`{ a: { bogus: 1 } }`),
    expected: fg([['a', 'bogus', 1]]),
  },
  {
    name: 'subscription filter: not is a field name',
    source: SUB,
    code: sub(`{ not: { a: { eq: 1 } } }`),
    expected: fg([['not', 'a', { eq: 1 }]]),
  },
  {
    name: 'subscription filter: ignored field inside an and',
    source: SUB,
    code: sub(`{ a: { eq: 1 }, and: [{ b: { eq: 2 } }] }`, `["b"]`),
    expected: fg([['a', 'eq', 1]]),
  },
  {
    name: 'subscription filter: rules are alternatives',
    source: SUB,
    code: sub(`{ a: { eq: 1 } }`, `[]`, `{ r1: { gte: 250 }, r2: { eq: "p" } }`),
    expected: fg(
      [
        ['a', 'eq', 1],
        ['r1', 'gte', 250],
      ],
      [
        ['a', 'eq', 1],
        ['r2', 'eq', 'p'],
      ],
    ),
  },
  {
    name: 'subscription filter: rules on their own',
    source: SUB,
    code: sub(`{}`, `[]`, `{ r1: { eq: 1 } }`),
    expected: fg([['r1', 'eq', 1]]),
  },
  {
    name: 'subscription filter: empty inputs give no group',
    source: SUB,
    code: ret(`[{}, { a: {} }, { and: [] }].map((f) => util.transform.toSubscriptionFilter(f))`),
    expected: [{ filterGroup: [] }, { filterGroup: [] }, { filterGroup: [] }],
  },
  {
    name: 'subscription filter: unreadable inputs give null',
    source: SUB,
    code: ret(`[null, [], '{"a":{"eq":1}}'].map((f) => util.transform.toSubscriptionFilter(f))`),
    expected: [null, null, null],
  },

  // ---------------------------------------------------------------- str / math / xml / http
  {
    name: 'str.normalize nfc composes',
    source: 'TYPES string-utils.d.ts',
    code: ret(`util.str.normalize("e\\u0301", "nfc") === "\\u00e9"`),
    expected: true,
  },
  {
    name: 'str.normalize nfkd decomposes compatibility ligatures',
    source: 'TYPES string-utils.d.ts',
    code: ret(`util.str.normalize("\\ufb01", "nfkd")`),
    expected: 'fi',
  },
  {
    name: 'math.roundNum rounds half up',
    source: 'TYPES math-utils.d.ts',
    code: ret(`[util.math.roundNum(2.5), util.math.roundNum(2.4), util.math.roundNum(-2.5)]`),
    expected: [3, 2, -2],
  },
  {
    name: 'math.minVal / maxVal',
    source: 'TYPES math-utils.d.ts',
    code: ret(`[util.math.minVal(3, 7.5), util.math.maxVal(3, 7.5)]`),
    expected: [3, 7.5],
  },
  {
    name: 'math.randomWithinRange is an integer in range',
    source: 'TYPES math-utils.d.ts; INFERRED inclusive bounds',
    code: ret(`util.math.randomWithinRange(1, 3)`),
    expectMatch: /^[123]$/,
  },
  {
    name: 'math.randomDouble is in [0,1)',
    source: 'TYPES math-utils.d.ts',
    code: ret(`util.math.randomDouble()`),
    expectMatch: /^(0(\.\d+)?|\d(\.\d+)?e-\d+)$/,
  },
  {
    name: 'xml.toMap: types example, numeric text becomes a number',
    source: 'TYPES xml-utils.d.ts example',
    code: ret(
      `util.xml.toMap('<?xml version="1.0" encoding="UTF-8"?><posts><post><id>1</id><title>Getting started with GraphQL</title></post></posts>')`,
    ),
    expected: { posts: { post: { id: 1, title: 'Getting started with GraphQL' } } },
  },
  {
    name: 'xml.toJsonString: repeated elements become a list',
    source: 'DOC VTL xml example; INFERRED org.json list rule',
    code: ret(`util.xml.toJsonString('<posts><post><id>1</id></post><post><id>2</id></post></posts>')`),
    expected: '{"posts":{"post":[{"id":1},{"id":2}]}}',
  },
  {
    name: 'http.copyHeaders drops the restricted headers',
    source: 'DOC http-helpers-in-utils-http-js.html',
    code: ret(
      `util.http.copyHeaders({ host: 'h', connection: 'keep-alive', 'content-length': '3', 'x-custom': 'c', authorization: 'token' })`,
    ),
    expected: { 'x-custom': 'c', authorization: 'token' },
  },
  {
    name: 'http.addResponseHeader with a restricted name yields ResponseHeaderError',
    source: 'DOC http-helpers-in-utils-http.html (ResponseHeaderError)',
    code: req(`util.http.addResponseHeader('x-amz-foo', 'v'); return 1;`),
    expected: 1,
    expectedOutErrors: [
      {
        message: 'Unable to add response header "x-amz-foo": the name is restricted',
        errorType: 'ResponseHeaderError',
        data: null,
        errorInfo: null,
      },
    ],
  },

  // ---------------------------------------------------------------- @aws-appsync/utils/dynamodb
  {
    name: 'ddb.get',
    source: 'AWS-REC localstack/appsync-utils index.test.js.snap',
    code: ret(`ddb.get({ key: { id: "id" } })`),
    expected: { operation: 'GetItem', key: { id: { S: 'id' } } },
  },
  {
    name: 'ddb.put does not copy the key into attributeValues',
    source: MOD,
    code: ret(`ddb.put({ key: { id: "abc" }, item: { value: 10 } })`),
    expected: { operation: 'PutItem', key: { id: { S: 'abc' } }, attributeValues: { value: { N: 10 } } },
  },
  {
    name: 'ddb.remove',
    source: MOD,
    code: ret(`ddb.remove({ key: { id: "test" } })`),
    expected: { operation: 'DeleteItem', key: { id: { S: 'test' } } },
  },
  {
    name: 'ddb.scan passes values through',
    source: MOD,
    code: ret(`ddb.scan({ limit: 10, nextToken: "abc" })`),
    expected: { operation: 'Scan', limit: 10, nextToken: 'abc' },
  },
  {
    name: 'ddb.update with operations.add',
    source: MOD,
    code: ret(`ddb.update({ key: { id: "test" }, update: { age: ddb.operations.add(10) } })`),
    expected: {
      operation: 'UpdateItem',
      key: { id: { S: 'test' } },
      update: {
        expression: 'SET #expName_1 = :expValue_1',
        expressionNames: { '#expName_1': 'age' },
        expressionValues: { ':expValue_1': { N: 10 } },
      },
    },
  },
  {
    name: 'ddb.update with operations.increment',
    source: MOD,
    code: ret(`ddb.update({ key: { id: "test" }, update: { age: ddb.operations.increment(10) } }).update.expression`),
    expected: 'SET #expName_1 = #expName_1 + :expValue_1',
  },
  {
    name: 'ddb.update with operations.decrement',
    source: MOD,
    code: ret(`ddb.update({ key: { id: "test" }, update: { age: ddb.operations.decrement(10) } }).update.expression`),
    expected: 'SET #expName_1 = #expName_1 - :expValue_1',
  },
  {
    name: 'ddb.update with operations.append',
    source: MOD,
    code: ret(`ddb.update({ key: { id: "test" }, update: { values: ddb.operations.append([1, 2, 3]) } }).update`),
    expected: {
      expression: 'SET #expName_1 = list_append(#expName_1, :expValue_1)',
      expressionNames: { '#expName_1': 'values' },
      expressionValues: { ':expValue_1': { L: [{ N: 1 }, { N: 2 }, { N: 3 }] } },
    },
  },
  {
    name: 'ddb.update with operations.prepend',
    source: MOD,
    code: ret(`ddb.update({ key: { id: "test" }, update: { values: ddb.operations.prepend([1, 2, 3]) } }).update.expression`),
    expected: 'SET #expName_1 = list_append(:expValue_1, #expName_1)',
  },
  {
    name: 'ddb.update with operations.replace',
    source: MOD,
    code: ret(`ddb.update({ key: { id: "test" }, update: { obj: ddb.operations.replace({ a: 10 }) } }).update`),
    expected: {
      expression: 'SET #expName_1 = :expValue_1',
      expressionNames: { '#expName_1': 'obj' },
      expressionValues: { ':expValue_1': { M: { a: { N: 10 } } } },
    },
  },
  {
    name: 'ddb.update with plain values and null is one SET',
    source: 'COMMUNITY AWS evaluateCode test of editMyProfile',
    code: ret(`ddb.update({ key: { id: "u1" }, update: { name: "Ann", bio: null, age: 3 } }).update`),
    expected: {
      expression: 'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3',
      expressionNames: { '#expName_1': 'name', '#expName_2': 'bio', '#expName_3': 'age' },
      expressionValues: { ':expValue_1': { S: 'Ann' }, ':expValue_2': { NULL: null }, ':expValue_3': { N: 3 } },
    },
  },
  {
    name: 'operations.* return AWS runtime objects',
    source: MOD,
    code: ret(
      `[ddb.operations.add(1), ddb.operations.replace("r"), ddb.operations.increment(2), ddb.operations.decrement(3), ddb.operations.append([1]), ddb.operations.prepend([2])]`,
    ),
    expected: [
      { type: 'OPERATION_ADD', value: 1 },
      { type: 'OPERATION_REPLACE', value: 'r' },
      { type: 'OPERATION_INCREMENT', by: 2 },
      { type: 'OPERATION_DECREMENT', by: 3 },
      { type: 'OPERATION_APPEND', items: [1] },
      { type: 'OPERATION_PREPEND', items: [2] },
    ],
  },
  {
    name: 'ddb.update with operations.remove renders REMOVE after SET',
    source: 'INFERRED (not recorded from AWS)',
    code: ret(`ddb.update({ key: { id: "t" }, update: { a: 1, b: ddb.operations.remove() } }).update`),
    expected: {
      expression: 'SET #expName_1 = :expValue_1 REMOVE #expName_2',
      expressionNames: { '#expName_1': 'a', '#expName_2': 'b' },
      expressionValues: { ':expValue_1': { N: 1 } },
    },
  },
  {
    name: 'ddb.put condition becomes the parsed expression object',
    source: 'INFERRED (the condition becomes the util.transform filter output)',
    code: ret(`ddb.put({ key: { id: "a" }, item: {}, condition: { id: { attributeExists: false } } }).condition`),
    expected: { expression: '(attribute_not_exists(#id))', expressionNames: { '#id': 'id' }, expressionValues: {} },
  },
  {
    name: 'ddb.query renders key conditions with the transform',
    source: 'INFERRED (not recorded from AWS)',
    code: ret(`ddb.query({ query: { pk: { eq: "P" }, sk: { beginsWith: "S#" } }, limit: 5, scanIndexForward: false })`),
    expected: {
      operation: 'Query',
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'P' }, ':sk_beginsWith': { S: 'S#' } },
      },
      limit: 5,
      scanIndexForward: false,
    },
  },
  {
    name: 'ddb.get projection array',
    source: 'INFERRED (not recorded from AWS)',
    code: ret(`ddb.get({ key: { id: 1 }, projection: ["a", "b.c"] }).projection`),
    expected: { expression: '#a, #b.#c', expressionNames: { '#a': 'a', '#b': 'b', '#c': 'c' } },
  },
  {
    name: 'ddb.transactWrite shapes',
    source: 'INFERRED (not recorded from AWS)',
    code: ret(
      `ddb.transactWrite({ items: [{ putItem: { table: 'T', key: { id: 'a' }, item: { n: 1 } } }, { conditionCheck: { table: 'T', key: { id: 'b' }, condition: { v: { eq: 2 } } } }] })`,
    ),
    expected: {
      operation: 'TransactWriteItems',
      transactItems: [
        { table: 'T', operation: 'PutItem', key: { id: { S: 'a' } }, attributeValues: { n: { N: 1 } } },
        {
          table: 'T',
          operation: 'ConditionCheck',
          key: { id: { S: 'b' } },
          condition: { expression: '(#v = :v_eq)', expressionNames: { '#v': 'v' }, expressionValues: { ':v_eq': { N: 2 } } },
        },
      ],
    },
  },
  {
    name: 'ddb.batchGet shapes',
    source: 'INFERRED (not recorded from AWS)',
    code: ret(`ddb.batchGet({ tables: { T: { keys: [{ id: 'a' }], consistentRead: true } } })`),
    expected: { operation: 'BatchGetItem', tables: { T: { keys: [{ id: { S: 'a' } }], consistentRead: true } } },
  },

  // ---------------------------------------------------------------- runtime.earlyReturn
  {
    name: 'earlyReturn in a unit request handler returns its value',
    source: 'DOC runtime-utils-js.html',
    code: req(`runtime.earlyReturn({ early: true }); return { late: true };`),
    expected: { early: true },
  },
  {
    name: 'earlyReturn with skipTo END in a unit request handler',
    source: 'DOC runtime-utils-js.html',
    code: req(`runtime.earlyReturn([1, 2], { skipTo: 'END' }); return 'late';`),
    expected: [1, 2],
  },
  {
    name: 'earlyReturn from a helper function stops the handler',
    source: 'DOC runtime-utils-js.html',
    code: `${HEADER}function guard(ctx) {
  if (!ctx.args.id) { runtime.earlyReturn(null); }
  return ctx.args.id;
}
export function request(ctx) {
  const id = guard(ctx);
  return { id };
}
export function response(ctx) { return ctx.result; }
`,
    context: { arguments: {} },
    expected: null,
  },
  {
    name: 'earlyReturn after appendError keeps the appended error',
    source: 'DOC runtime-utils-js.html + built-in-util-js.html',
    code: req(`util.appendError('noted'); runtime.earlyReturn('done');`),
    expected: 'done',
    expectedOutErrors: [{ message: 'noted', errorType: null, data: null, errorInfo: null }],
  },

  // ---------------------------------------------------------------- extensions
  {
    name: 'invalidateSubscriptions: a sixth unique call is an error',
    source: 'DOC extensions-js.html (at most 5 unique calls)',
    code: req(
      `['a', 'b', 'c', 'd', 'e', 'f'].forEach((id) => extensions.invalidateSubscriptions({ subscriptionField: 'onX', payload: { id } })); return 1;`,
    ),
    expectedError: 'invalidateSubscriptions can be called with at most 5 unique arguments per request',
  },
  {
    name: 'invalidateSubscriptions: repeated identical calls count once',
    source: 'DOC extensions-js.html (unique calls)',
    code: req(
      `[1, 2, 3, 4, 5, 6, 7].forEach(() => extensions.invalidateSubscriptions({ subscriptionField: 'onX', payload: { id: 'same' } })); return 'ok';`,
    ),
    expected: 'ok',
  },
];
