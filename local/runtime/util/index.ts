/**
 * The runtime library resolver code sees: the `util`, `extensions` and `runtime` globals (also
 * exported by `@aws-appsync/utils`) and the `@aws-appsync/utils/dynamodb` and `/rds` modules.
 * Everything runs in the host realm and is handed to the vm as plain, frozen objects of plain
 * functions: one instance is shared by every loaded resolver, so resolver code must not be able to
 * patch it for the others. VTL-only helpers (`util.isNull`, `toJson`, `toDynamoDBJson`, …) are
 * deliberately absent (AWS AppSync Developer Guide, "Built-in utilities").
 */
import { createDynamoDBModule } from './dynamodb-helpers.js';
import { createDynamoDBUtils } from './dynamodb-values.js';
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './encoding.js';
import { appendError, authType, earlyReturn, error, unauthorized } from './errors.js';
import { createExtensions } from './extensions.js';
import { createHttpUtils } from './http.js';
import { autoId, autoKsuid, autoUlid } from './ids.js';
import { createRdsModule, toJsonObject } from './rds.js';
import { matches } from './regex.js';
import { toSubscriptionFilter } from './subscription-filter.js';
import { createTimeUtils } from './time/index.js';
import { runtimeNow } from '../clock.js';
import { toDynamoDBExpressionString, toElasticsearchQueryDSL } from './transform.js';
import type { PlainObject } from './values.js';
import { xmlToJsonString, xmlToMap } from './xml.js';

export interface AppSyncModules {
  util: Record<string, unknown>;
  extensions: Record<string, unknown>;
  runtime: Record<string, unknown>;
  dynamodb: Record<string, unknown>;
  rds: Record<string, unknown>;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const child of Object.values(v)) deepFreeze(child);
  }
  return v;
}

const NORMALIZATION_FORMS = new Set(['nfc', 'nfd', 'nfkc', 'nfkd']);

function createMathUtils(): PlainObject {
  return {
    // Java Math.round: half up (toward positive infinity), like JS Math.round.
    roundNum: (n: unknown) => Math.round(Number(n)),
    minVal: (a: unknown, b: unknown) => Math.min(Number(a), Number(b)),
    maxVal: (a: unknown, b: unknown) => Math.max(Number(a), Number(b)),
    randomDouble: () => Math.random(),
    /** An integer in [start, end], both ends included [INFERRED: the DOC says "within the range"]. */
    randomWithinRange: (start: unknown, end: unknown) => {
      const lo = Math.ceil(Math.min(Number(start), Number(end)));
      const hi = Math.floor(Math.max(Number(start), Number(end)));
      return lo + Math.floor(Math.random() * (hi - lo + 1));
    },
  };
}

function createStrUtils(): PlainObject {
  return {
    normalize: (value: unknown, form: unknown) => {
      const f = String(form).toLowerCase();
      if (!NORMALIZATION_FORMS.has(f)) throw new Error(`util.str.normalize: unknown normalization type ${String(form)}`);
      return String(value).normalize(f.toUpperCase());
    },
  };
}

export function createAppSyncModules(): AppSyncModules {
  const util: PlainObject = {
    escapeJavaScript,
    urlEncode,
    urlDecode,
    base64Encode,
    base64Decode,
    autoId: () => autoId(),
    autoUlid: () => autoUlid(),
    autoKsuid: () => autoKsuid(),
    unauthorized,
    error,
    appendError,
    matches,
    authType,
    time: createTimeUtils(runtimeNow),
    dynamodb: createDynamoDBUtils(),
    rds: { toJsonObject },
    http: createHttpUtils(),
    xml: { toMap: xmlToMap, toJsonString: xmlToJsonString },
    transform: {
      toDynamoDBFilterExpression: toDynamoDBExpressionString,
      // AWS renders both the same way for every recorded input [AWS-REC].
      toDynamoDBConditionExpression: toDynamoDBExpressionString,
      toElasticsearchQueryDSL,
      toSubscriptionFilter,
    },
    math: createMathUtils(),
    str: createStrUtils(),
  };
  return deepFreeze({
    util,
    extensions: createExtensions(),
    runtime: { earlyReturn },
    dynamodb: createDynamoDBModule(),
    rds: createRdsModule(),
  });
}
