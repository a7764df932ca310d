/** The compiled form of an EventBridge event pattern (what `compile.ts` produces and `match.ts` runs). */
import type { IpRange } from './cidr.js';

export interface NumericBound {
  readonly value: number;
  readonly inclusive: boolean;
}

/** One element of a leaf's array: the leaf matches when any of its matchers does. */
export type LeafMatcher =
  | { readonly op: 'exact-string'; readonly value: string; readonly ip?: bigint; readonly ipVersion?: 4 | 6 }
  | { readonly op: 'exact-number'; readonly value: number }
  | { readonly op: 'exact-literal'; readonly value: boolean | null }
  | { readonly op: 'prefix' | 'suffix' | 'equals-ignore-case'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly op: 'wildcard'; readonly regex: RegExp }
  | { readonly op: 'numeric'; readonly lower?: NumericBound; readonly upper?: NumericBound }
  | { readonly op: 'exists'; readonly value: boolean }
  | { readonly op: 'cidr'; readonly range: IpRange }
  | { readonly op: 'anything-but'; readonly not: NegatedMatcher };

/** What an `anything-but` excludes. */
export type NegatedMatcher =
  | { readonly kind: 'strings'; readonly values: ReadonlySet<string> }
  | { readonly kind: 'numbers'; readonly values: readonly number[] }
  | { readonly kind: 'prefix' | 'suffix'; readonly value: string }
  | { readonly kind: 'equals-ignore-case'; readonly values: readonly string[] }
  | { readonly kind: 'wildcard'; readonly regexes: readonly RegExp[] };

export type FieldPattern =
  { readonly kind: 'leaf'; readonly matchers: readonly LeafMatcher[] } | { readonly kind: 'object'; readonly pattern: ObjectPattern };

export interface ObjectPattern {
  /** Every field must match (AND). */
  readonly fields: ReadonlyMap<string, FieldPattern>;
  /** Each `$or` group: at least one of its alternatives must match. */
  readonly anyOf: readonly (readonly ObjectPattern[])[];
}
