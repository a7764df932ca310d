/**
 * AppSync's scalars with AppSync's validation (devguide `scalars.html`). A value that does not
 * match fails while graphql-js coerces literals and variables, i.e. before any resolver runs.
 * AWSJSON arrives in resolvers parsed and is returned to clients as a JSON string.
 */
import { GraphQLError, Kind, print, type GraphQLScalarType, type GraphQLSchema, type ValueNode } from 'graphql';
import { isIP } from 'node:net';
import { MAX_NESTING, jsonNesting } from './nesting-limit.js';

const OFFSET = '(?:Z|[+-]\\d{2}:\\d{2}(?::\\d{2})?)';
const TIME = '\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?';
const DATE_RE = new RegExp(`^(-?\\d{4,})-(\\d{2})-(\\d{2})(${OFFSET})?$`);
const TIME_RE = new RegExp(`^(${TIME})(${OFFSET})?$`);
const DATETIME_RE = new RegExp(`^(-?\\d{4,})-(\\d{2})-(\\d{2})T(${TIME})(${OFFSET})$`);
// RFC 822-ish addr-spec as AppSync describes it: local@domain, no spaces, one @.
const EMAIL_RE =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const PHONE_RE = /^\+?[0-9][0-9 ()-]*[0-9]$/;

function validDate(y: string, m: string, d: string): boolean {
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const year = Number(y);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

function validTime(t: string): boolean {
  const [h, mi, s] = t.split(':');
  return Number(h) <= 23 && Number(mi) <= 59 && (s === undefined || Number(s.slice(0, 2)) <= 59);
}

function validOffset(o: string | undefined): boolean {
  if (!o || o === 'Z') return true;
  const [h, m, s] = o.slice(1).split(':');
  return Number(h) <= 23 && Number(m) <= 59 && (s === undefined || Number(s) <= 59);
}

type Check = (value: string) => boolean;

const STRING_CHECKS: Record<string, { check: Check; what: string }> = {
  AWSDate: {
    what: 'Date',
    check: (v) => {
      const m = DATE_RE.exec(v);
      return !!m && validDate(m[1]!, m[2]!, m[3]!) && validOffset(m[4]);
    },
  },
  AWSTime: {
    what: 'Time',
    check: (v) => {
      const m = TIME_RE.exec(v);
      return !!m && validTime(m[1]!) && validOffset(m[2]);
    },
  },
  AWSDateTime: {
    what: 'DateTime',
    check: (v) => {
      const m = DATETIME_RE.exec(v);
      return !!m && validDate(m[1]!, m[2]!, m[3]!) && validTime(m[4]!) && validOffset(m[5]);
    },
  },
  AWSEmail: { what: 'Email', check: (v) => v.length <= 320 && EMAIL_RE.test(v) },
  AWSURL: {
    what: 'URL',
    check: (v) => {
      // A scheme is required; AppSync rejects `//` inside the path.
      if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v)) return false;
      try {
        const url = new URL(v);
        return !url.pathname.slice(1).includes('//');
      } catch {
        return false;
      }
    },
  },
  AWSPhone: {
    what: 'Phone',
    check: (v) => {
      if (!PHONE_RE.test(v)) return false;
      const digits = v.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15;
    },
  },
  AWSIPAddress: {
    what: 'IPAddress',
    check: (v) => {
      const [addr, prefix, extra] = v.split('/');
      if (extra !== undefined || !addr) return false;
      const family = isIP(addr);
      if (family === 0) return false;
      if (prefix === undefined) return true;
      if (!/^\d{1,3}$/.test(prefix)) return false;
      return Number(prefix) <= (family === 4 ? 32 : 128);
    },
  },
};

function invalid(scalar: string, what: string, shown: string): GraphQLError {
  return new GraphQLError(`Unable to parse ${shown} as a valid ${what} for ${scalar}.`);
}

function stringScalar(name: string, what: string, check: Check): Pick<GraphQLScalarType, 'serialize' | 'parseValue' | 'parseLiteral'> {
  const coerce = (value: unknown, shown: string): string => {
    if (typeof value !== 'string' || !check(value)) throw invalid(name, what, shown);
    return value;
  };
  return {
    serialize: (value: unknown) => coerce(value, JSON.stringify(value) ?? String(value)),
    parseValue: (value: unknown) => coerce(value, JSON.stringify(value) ?? String(value)),
    parseLiteral: (node: ValueNode) => {
      if (node.kind !== Kind.STRING) throw invalid(name, what, print(node));
      return coerce(node.value, print(node));
    },
  };
}

const timestamp: Pick<GraphQLScalarType, 'serialize' | 'parseValue' | 'parseLiteral'> = {
  serialize: (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid('AWSTimestamp', 'Timestamp', String(value));
    return value;
  },
  parseValue: (value) => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value))
      throw invalid('AWSTimestamp', 'Timestamp', JSON.stringify(value) ?? String(value));
    return value;
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.INT) throw invalid('AWSTimestamp', 'Timestamp', print(node));
    return Number(node.value);
  },
};

/** Parses the JSON text; the resolver gets the parsed value (AppSync behaviour). */
const json: Pick<GraphQLScalarType, 'serialize' | 'parseValue' | 'parseLiteral'> = {
  serialize: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  parseValue: (value) => {
    if (typeof value !== 'string') throw invalid('AWSJSON', 'JSON', JSON.stringify(value) ?? String(value));
    // Resolvers walk the value recursively: bound it as the request itself is bounded.
    if (jsonNesting(value) > MAX_NESTING) throw invalid('AWSJSON', 'JSON', JSON.stringify(value.slice(0, 64)));
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw invalid('AWSJSON', 'JSON', JSON.stringify(value));
    }
  },
  parseLiteral: (node) => {
    if (node.kind !== Kind.STRING) throw invalid('AWSJSON', 'JSON', print(node));
    if (jsonNesting(node.value) > MAX_NESTING) throw invalid('AWSJSON', 'JSON', JSON.stringify(node.value.slice(0, 64)));
    try {
      return JSON.parse(node.value) as unknown;
    } catch {
      throw invalid('AWSJSON', 'JSON', print(node));
    }
  },
};

export const APPSYNC_SCALARS = [
  'AWSDate',
  'AWSTime',
  'AWSDateTime',
  'AWSTimestamp',
  'AWSEmail',
  'AWSJSON',
  'AWSURL',
  'AWSPhone',
  'AWSIPAddress',
] as const;

/** Installs AppSync's coercion on the scalars of a schema built from SDL (which are pass-through). */
export function installAppSyncScalars(schema: GraphQLSchema): GraphQLSchema {
  for (const name of APPSYNC_SCALARS) {
    const type = schema.getType(name) as GraphQLScalarType | undefined;
    if (!type) continue;
    const impl =
      name === 'AWSTimestamp'
        ? timestamp
        : name === 'AWSJSON'
          ? json
          : stringScalar(name, STRING_CHECKS[name]!.what, STRING_CHECKS[name]!.check);
    Object.assign(type, impl);
  }
  return schema;
}

/** For tests and the emulator's own checks. */
export function isValidScalar(name: (typeof APPSYNC_SCALARS)[number], value: string): boolean {
  const entry = STRING_CHECKS[name];
  return entry ? entry.check(value) : false;
}
