/**
 * The EventBridge pattern matcher, row by row from AWS's user guide. Each row cites its page:
 * EP  = "Amazon EventBridge event patterns" (Creating Amazon EventBridge event patterns)
 * CF  = "Content filtering in Amazon EventBridge event patterns"
 * OPS = "Comparison operators for use in event patterns in Amazon EventBridge"
 * NUL = "Matching null values and empty strings in Amazon EventBridge event patterns"
 * ARR = "Arrays in Amazon EventBridge event patterns"
 */
import { describe, expect, it } from 'vitest';
import {
  compileEventPattern,
  InvalidEventPatternError,
  matchesEventPattern,
} from '../../../../local/services/eventbridge/pattern/index.js';

const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated' },
};

const numericEvent = { detail: { 'c-count': 5, 'd-count': 3, 'x-limit': 301.8 } };

type Row = readonly [source: string, what: string, pattern: unknown, event: unknown, expected: boolean];

const rows: readonly Row[] = [
  // Structure and exact values
  [
    'EP',
    'source + detail-type + detail.state',
    { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['terminated'] } },
    ec2Event,
    true,
  ],
  ['EP', 'a different state does not match', { source: ['aws.ec2'], detail: { state: ['running'] } }, ec2Event, false],
  ['EP', 'fields absent from the pattern are ignored', { source: ['aws.ec2'] }, ec2Event, true],
  ['EP', 'matching is case-sensitive', { source: ['AWS.EC2'] }, ec2Event, false],
  ['EP', 'a field the event lacks never matches a value', { detail: { 'no-such-field': ['x'] } }, ec2Event, false],
  [
    'OPS',
    'And: Location "New York" and Day "Monday"',
    { Location: ['New York'], Day: ['Monday'] },
    { Location: 'New York', Day: 'Monday' },
    true,
  ],
  ['OPS', 'And fails when one field differs', { Location: ['New York'], Day: ['Monday'] }, { Location: 'New York', Day: 'Tuesday' }, false],
  ['OPS', 'Or: PaymentType "Credit" or "Debit"', { PaymentType: ['Credit', 'Debit'] }, { PaymentType: 'Debit' }, true],
  ['OPS', 'Numeric equals: Price is 100', { Price: [100] }, { Price: 100 }, true],
  ['OPS', 'a number never matches a string', { Price: [100] }, { Price: '100' }, false],
  ['OPS', 'a string never matches a number', { Price: ['100'] }, { Price: 100 }, false],
  ['CF', 'numbers compare numerically (3.018e2 = 301.8)', { 'x-limit': [3.018e2] }, { 'x-limit': 301.8 }, true],
  ['EP', 'booleans match literally', { detail: { enabled: [true] } }, { detail: { enabled: true } }, true],
  ['EP', 'true does not match "true"', { detail: { enabled: [true] } }, { detail: { enabled: 'true' } }, false],
  // Arrays
  [
    'ARR',
    'an event array matches when any element is in the pattern',
    {
      resources: [
        'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        'arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0',
      ],
    },
    ec2Event,
    true,
  ],
  ['ARR', 'no common element, no match', { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }, ec2Event, false],
  [
    'ARR',
    'arrays of objects: any element matches the nested pattern',
    { detail: { items: { sku: ['B'] } } },
    { detail: { items: [{ sku: 'A' }, { sku: 'B' }] } },
    true,
  ],
  // Null and empty strings
  ['NUL', 'null matches a null value', { detail: { responseElements: [null] } }, { detail: { responseElements: null } }, true],
  ['NUL', 'null does not match a missing field', { detail: { responseElements: [null] } }, { detail: {} }, false],
  ['NUL', 'empty string matches an empty string', { detail: { eventVersion: [''] } }, { detail: { eventVersion: '' } }, true],
  ['NUL', 'empty string does not match null', { detail: { eventVersion: [''] } }, { detail: { eventVersion: null } }, false],
  ['OPS', 'Empty: LastName is empty', { LastName: [''] }, { LastName: '' }, true],
  // Prefix and suffix
  ['CF', 'prefix: time starts with 2017-10-02', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-02T18:43:48Z' }, true],
  ['CF', 'prefix: a different day', { time: [{ prefix: '2017-10-02' }] }, { time: '2017-10-03T18:43:48Z' }, false],
  ['OPS', 'prefix applies to strings only', { Region: [{ prefix: '1' }] }, { Region: 12 }, false],
  [
    'CF',
    'prefix ignoring case: EventB matches EVENTBRIDGE',
    { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] },
    { service: 'EVENTBRIDGE' },
    true,
  ],
  [
    'CF',
    'prefix ignoring case: eventb matches EventBridge',
    { service: [{ prefix: { 'equals-ignore-case': 'eventb' } }] },
    { service: 'EventBridge' },
    true,
  ],
  ['CF', 'suffix: FileName ends with .png', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.png' }, true],
  ['CF', 'suffix is case-sensitive', { FileName: [{ suffix: '.png' }] }, { FileName: 'image.PNG' }, false],
  [
    'CF',
    'suffix ignoring case: .png matches .PNG',
    { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
    { FileName: 'image.PNG' },
    true,
  ],
  [
    'OPS',
    'Ends with (ignore case): tBridge matches EVENTBRIDGE',
    { service: [{ suffix: { 'equals-ignore-case': 'tBridge' } }] },
    { service: 'EVENTBRIDGE' },
    true,
  ],
  // Equals ignore case
  [
    'CF',
    'equals-ignore-case on detail-type',
    { 'detail-type': [{ 'equals-ignore-case': 'ec2 instance state-change notification' }] },
    ec2Event,
    true,
  ],
  ['OPS', 'Equals (ignore case): alice matches ALICE', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'ALICE' }, true],
  ['OPS', 'Equals (ignore case): not a different name', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'Alicia' }, false],
  // Wildcard
  ['CF', 'wildcard: dir/*.png matches dir/init.png', { Filename: [{ wildcard: 'dir/*.png' }] }, { Filename: 'dir/init.png' }, true],
  ['CF', 'wildcard spans path separators', { Filename: [{ wildcard: 'dir/*.png' }] }, { Filename: 'dir/sub/init.png' }, true],
  ['CF', 'wildcard: wrong extension', { Filename: [{ wildcard: 'dir/*.png' }] }, { Filename: 'dir/init.jpg' }, false],
  [
    'CF',
    'wildcard with several stars in an ARN',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }] },
    { EventBusArn: 'arn:aws:events:us-east-1:123456789012:event-bus/stockroom-dev-bus' },
    true,
  ],
  ['CF', 'wildcard: an escaped star is literal', { name: [{ wildcard: 'a\\*b' }] }, { name: 'a*b' }, true],
  ['CF', 'wildcard: an escaped star does not match other text', { name: [{ wildcard: 'a\\*b' }] }, { name: 'axb' }, false],
  ['CF', 'wildcard: regex characters are literal', { name: [{ wildcard: 'v1.0*' }] }, { name: 'v1x0' }, false],
  // Anything-but
  [
    'CF',
    'anything-but a string: running is not initializing',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    { detail: { state: 'running' } },
    true,
  ],
  [
    'CF',
    'anything-but a string: initializing is excluded',
    { detail: { state: [{ 'anything-but': 'initializing' }] } },
    { detail: { state: 'initializing' } },
    false,
  ],
  ['CF', 'anything-but a number', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, { detail: { 'x-limit': 124 } }, true],
  ['CF', 'anything-but a number excludes it', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, { detail: { 'x-limit': 123 } }, false],
  [
    'CF',
    'anything-but a list of strings',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    { detail: { state: 'overloaded' } },
    false,
  ],
  [
    'CF',
    'anything-but a list of strings lets others through',
    { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
    { detail: { state: 'running' } },
    true,
  ],
  [
    'CF',
    'anything-but a list of numbers',
    { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
    { detail: { 'x-limit': 200 } },
    false,
  ],
  [
    'CF',
    'anything-but prefix: init excluded',
    { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    { detail: { state: 'initializing' } },
    false,
  ],
  [
    'CF',
    'anything-but prefix: others pass',
    { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
    { detail: { state: 'running' } },
    true,
  ],
  [
    'OPS',
    'Anything-but (begins with): Region not in the US',
    { Region: [{ 'anything-but': { prefix: 'us-' } }] },
    { Region: 'eu-west-1' },
    true,
  ],
  [
    'CF',
    'anything-but suffix: .txt excluded',
    { detail: { path: [{ 'anything-but': { suffix: '.txt' } }] } },
    { detail: { path: '/var/notes.txt' } },
    false,
  ],
  [
    'OPS',
    'Anything-but (ends with): a .jpg is not a .png',
    { FileName: [{ 'anything-but': { suffix: '.png' } }] },
    { FileName: 'photo.jpg' },
    true,
  ],
  [
    'CF',
    'anything-but ignoring case excludes every casing',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] } },
    { detail: { state: 'INITIALIZING' } },
    false,
  ],
  [
    'CF',
    'anything-but ignoring case, list form',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } },
    { detail: { state: 'Stopped' } },
    false,
  ],
  [
    'CF',
    'anything-but ignoring case lets others through',
    { detail: { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] } },
    { detail: { state: 'running' } },
    true,
  ],
  [
    'CF',
    'anything-but wildcard: */lib/* excluded',
    { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    { FilePath: '/usr/lib/libc.so' },
    false,
  ],
  [
    'CF',
    'anything-but wildcard: other paths pass',
    { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
    { FilePath: '/usr/bin/env' },
    true,
  ],
  [
    'CF',
    'anything-but wildcard list',
    { FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }] },
    { FilePath: '/usr/bin/env' },
    false,
  ],
  ['CF', 'anything-but needs the field to exist', { detail: { state: [{ 'anything-but': 'initializing' }] } }, { detail: {} }, false],
  ['OPS', 'Not: Weather is anything but Raining', { Weather: [{ 'anything-but': ['Raining'] }] }, { Weather: 'Sunny' }, true],
  // Numeric
  [
    'CF',
    'numeric ranges on c-count, d-count, x-limit',
    {
      detail: {
        'c-count': [{ numeric: ['>', 0, '<=', 5] }],
        'd-count': [{ numeric: ['<', 10] }],
        'x-limit': [{ numeric: ['=', 3.018e2] }],
      },
    },
    numericEvent,
    true,
  ],
  [
    'CF',
    'numeric: upper bound is inclusive with <=',
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    { detail: { 'c-count': 5 } },
    true,
  ],
  [
    'CF',
    'numeric: lower bound is exclusive with >',
    { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
    { detail: { 'c-count': 0 } },
    false,
  ],
  ['CF', 'numeric: >= includes the bound', { n: [{ numeric: ['>=', 10] }] }, { n: 10 }, true],
  ['CF', 'numeric: < excludes the bound', { n: [{ numeric: ['<', 10] }] }, { n: 10 }, false],
  ['OPS', 'Numeric (range): Price more than 10 and at most 20', { Price: [{ numeric: ['>', 10, '<=', 20] }] }, { Price: 15.5 }, true],
  ['CF', 'numeric matching works on JSON numbers only', { n: [{ numeric: ['>', 0] }] }, { n: '5' }, false],
  ['CF', 'numeric matching is limited to ±5.0e9', { n: [{ numeric: ['>', 0] }] }, { n: 6e9 }, false],
  // IP addresses
  [
    'CF',
    'cidr: 10.0.0.0/24 contains 10.0.0.255',
    { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    { detail: { sourceIPAddress: '10.0.0.255' } },
    true,
  ],
  [
    'CF',
    'cidr: 10.0.0.0/24 excludes 10.0.1.0',
    { detail: { sourceIPAddress: [{ cidr: '10.0.0.0/24' }] } },
    { detail: { sourceIPAddress: '10.0.1.0' } },
    false,
  ],
  [
    'CF',
    'cidr IPv6: 2001:db8::/64 contains 2001:db8::ff00:42:8329',
    { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } },
    { detail: { sourceIPAddress: '2001:db8::ff00:42:8329' } },
    true,
  ],
  [
    'CF',
    'cidr IPv6: outside the block',
    { detail: { sourceIPAddress: [{ cidr: '2001:db8::/64' }] } },
    { detail: { sourceIPAddress: '2001:db8:0:1::1' } },
    false,
  ],
  ['CF', 'cidr: an IPv4 block never contains an IPv6 address', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '::1' }, false],
  ['CF', 'an IPv6 address matches however it is written', { ip: ['2001:db8:0:0:0:0:0:1'] }, { ip: '2001:db8::1' }, true],
  // Exists
  ['CF', 'exists true: the field is present', { detail: { state: [{ exists: true }] } }, ec2Event, true],
  ['CF', 'exists true: absent field', { detail: { 'c-count': [{ exists: true }] } }, ec2Event, false],
  ['CF', 'exists false: absent field', { detail: { 'c-count': [{ exists: false }] } }, ec2Event, true],
  ['CF', 'exists false: present field', { detail: { state: [{ exists: false }] } }, ec2Event, false],
  [
    'CF',
    'exists works on leaf nodes: an object is not a leaf (exists true)',
    { detail: { 'c-count': [{ exists: true }] } },
    { detail: { 'c-count': { c1: 100 } } },
    false,
  ],
  [
    'CF',
    'exists works on leaf nodes: an object is not a leaf (exists false)',
    { detail: { 'c-count': [{ exists: false }] } },
    { detail: { 'c-count': { c1: 100 } } },
    true,
  ],
  ['NUL', 'a null value exists', { detail: { x: [{ exists: true }] } }, { detail: { x: null } }, true],
  ['OPS', 'Does not exist: ProductName', { ProductName: [{ exists: false }] }, { Price: 1 }, true],
  ['CF', 'a missing parent: its child does not exist', { detail: { 'c-count': [{ exists: false }] } }, { source: 'x' }, true],
  // $or
  [
    'CF',
    '$or: any branch (c-count matches)',
    {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    },
    { detail: { 'c-count': 3 } },
    true,
  ],
  [
    'CF',
    '$or: no branch matches',
    { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }] } },
    { detail: { 'c-count': 9, 'd-count': 11 } },
    false,
  ],
  [
    'CF',
    '$or combined with other fields (AND)',
    { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] },
    { source: 'aws.cloudwatch', namespace: 'AWS/ES' },
    true,
  ],
  [
    'CF',
    '$or does not bypass the other fields',
    { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] },
    { source: 'aws.s3', namespace: 'AWS/EC2' },
    false,
  ],
  [
    'OPS',
    'Or (multiple fields): Location New York or Day Monday',
    { $or: [{ Location: ['New York'] }, { Day: ['Monday'] }] },
    { Location: 'Boston', Day: 'Monday' },
    true,
  ],
  // Several operators in one array are ORed
  ['CF', 'mixed matchers in one leaf: exact or prefix', { detail: { state: ['pending', { prefix: 'term' }] } }, ec2Event, true],
];

describe('EventBridge pattern matching (AWS user guide examples)', () => {
  it.each(rows)('[%s] %s', (_source, _what, pattern, event, expected) => {
    expect(matchesEventPattern(JSON.stringify(pattern), event)).toBe(expected);
  });
});

type InvalidRow = readonly [source: string, pattern: string, reason: string];

// Reasons as EventBridge returns them (PutRule / TestEventPattern InvalidEventPatternException);
// "EB" rows are messages AWS is publicly seen to answer, the rest follow AWS's event-ruler, the
// library EventBridge runs ("Content filtering in Amazon EventBridge event patterns" links it).
const invalid: readonly InvalidRow[] = [
  ['EB', '{"source": "aws.ec2"}', '"source" must be an object or an array'],
  ['EB', '{"source": ["aws.health"], "detail": {}}', 'Empty objects are not allowed'],
  ['ruler', '["aws.ec2"]', 'Filter is not an object'],
  ['ruler', '{"source": []}', 'Empty arrays are not allowed'],
  ['ruler', '{"source": [["a"]]}', 'Match value must be String, number, true, false, or null'],
  ['ruler', '{"source": [{}]}', 'Match expression name not found'],
  ['ruler', '{"source": [{"regex": "a.*"}]}', 'Unrecognized match type regex'],
  ['ruler', '{"source": [{"prefix": "a", "suffix": "b"}]}', 'Only one key allowed in match expression'],
  ['ruler', '{"source": [{"prefix": 1}]}', 'prefix match pattern must be a string'],
  ['ruler', '{"source": [{"suffix": null}]}', 'suffix match pattern must be a string'],
  ['ruler', '{"source": [{"equals-ignore-case": 5}]}', 'equals-ignore-case match pattern must be a string'],
  ['ruler', '{"source": [{"wildcard": "a**b"}]}', 'Consecutive wildcard characters at pos 1'],
  ['ruler', '{"source": [{"wildcard": "a\\\\xb"}]}', 'Invalid escape character at pos 1'],
  ['ruler', '{"source": [{"exists": "yes"}]}', 'exists match pattern must be either true or false.'],
  ['ruler', '{"n": [{"numeric": 5}]}', 'Value of numeric must be an array.'],
  ['ruler', '{"n": [{"numeric": [">", "a"]}]}', 'Value of > must be numeric'],
  ['ruler', '{"n": [{"numeric": ["~", 1]}]}', 'Unrecognized numeric range operator: ~'],
  ['ruler', '{"n": [{"numeric": [">", 0, ">", 5]}]}', 'Bad numeric range operator: >'],
  ['ruler', '{"n": [{"numeric": ["<", 5, ">", 0]}]}', 'Too many elements in numeric expression'],
  ['ruler', '{"n": [{"numeric": [">", 0, "<", 5, "<", 6]}]}', 'Too many terms in numeric range expression'],
  ['ruler', '{"n": [{"numeric": [">", 10, "<", 5]}]}', 'Bottom must be less than top'],
  ['CF', '{"n": [{"numeric": [">", 6e9]}]}', 'Value must be between -5.0E9 and 5.0E9, inclusive'],
  ['ruler', '{"s": [{"anything-but": null}]}', 'Value of anything-but must be an array or single string/number value.'],
  [
    'ruler',
    '{"s": [{"anything-but": ["a", 1]}]}',
    'Inside anything but list, either all values are number or string, mixed type is not supported',
  ],
  ['ruler', '{"s": [{"anything-but": [true]}]}', 'Inside anything but list, start|null|boolean is not supported.'],
  ['ruler', '{"s": [{"anything-but": {"prefix": ""}}]}', 'Null prefix/suffix not allowed'],
  ['ruler', '{"s": [{"anything-but": {"numeric": [">", 1]}}]}', 'Unsupported anything-but pattern: numeric'],
  ['ruler', '{"ip": [{"cidr": "10.0.0.0"}]}', "Malformed CIDR, one '/' required"],
  ['ruler', '{"ip": [{"cidr": "10.0.0.0/33"}]}', 'Malformed CIDR, bad bit count: 33'],
  ['ruler', '{"$or": {"a": ["b"]}}', 'It must be an Array followed with $or.'],
  ['ruler', '{"$or": [{"a": ["b"]}]}', 'There must have at least 2 Objects in $or relationship.'],
  ['ruler', '{"$or": [{"a": ["b"]}, "c"]}', 'Only JSON object is allowed in array of $or relationship.'],
  ['ruler', '{"$or": [{"a": ["b"]}, {"prefix": ["c"]}]}', 'prefix is Ruler reserved fieldName which cannot be used inside $or.'],
  ['EB', "{'source': ['x']}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name"],
];

describe('EventBridge pattern validation', () => {
  it.each(invalid)('[%s] rejects %s', (_source, pattern, reason) => {
    let caught: unknown;
    try {
      compileEventPattern(pattern);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    expect((caught as InvalidEventPatternError).reason).toBe(reason);
    expect((caught as Error).message).toMatch(/^Event pattern is not valid\. Reason: /);
  });

  it('ends the message with the Jackson location AWS reports', () => {
    // cloud-custodian/cloud-custodian#6507 quotes this exact PutRule answer.
    const pattern = '{"source": ["aws.health"], "detail": {}}';
    expect(() => compileEventPattern(pattern)).toThrow(
      `Event pattern is not valid. Reason: Empty objects are not allowed\n at [Source: (String)"${pattern}"; line: 1, column: 40]`,
    );
  });

  it('counts lines and columns in a multi-line pattern', () => {
    expect(() => compileEventPattern('{\n  "source": "x"\n}')).toThrow(/line: 2, column: 16\]$/);
  });

  it('accepts every pattern of the matching table', () => {
    for (const [, , pattern] of rows) expect(() => compileEventPattern(JSON.stringify(pattern))).not.toThrow();
  });
});
