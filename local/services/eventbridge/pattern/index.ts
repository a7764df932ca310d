/**
 * EventBridge event patterns: validation (AWS's InvalidEventPatternException messages) and
 * matching, for the local bus and its TestEventPattern.
 *
 *   const pattern = compileEventPattern('{"source": ["stockroom.inventory"]}');
 *   matchesEventPattern(pattern, event); // boolean
 */
import type { ObjectPattern } from './types.js';
import { compileEventPattern } from './compile.js';
import { matchesObjectPattern } from './match.js';

export { compileEventPattern, InvalidEventPatternError } from './compile.js';
export type { ObjectPattern as CompiledEventPattern } from './types.js';

/** Matches `event` against a compiled pattern or pattern JSON text (compiled, so validated, first). */
export function matchesEventPattern(pattern: ObjectPattern | string, event: unknown): boolean {
  return matchesObjectPattern(typeof pattern === 'string' ? compileEventPattern(pattern) : pattern, event);
}
