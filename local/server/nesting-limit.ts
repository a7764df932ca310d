/**
 * A bound on bracket nesting, checked by a flat scan before anything recursive sees the text.
 * graphql-js parses, validates and executes by recursion, so ~3,000 nested selections, list or
 * object literals overflow the stack (a 500) even under the 10,000-token cap. The scan is a
 * loop over characters: it cannot overflow, and it costs one pass over a text already in memory.
 *
 * The limit is the emulator's choice (AWS does not document one): far above any real operation
 * (AppSync's own query depth limit is at most 75), far below what overflows.
 */

/** Deepest `{`/`[`/`(` nesting accepted in a document or a request body. */
export const MAX_NESTING = 200;

/**
 * Deepest bracket nesting of GraphQL text, ignoring brackets inside strings, block strings and
 * comments. Stops counting once past `limit` (the answer is then `limit + 1`).
 */
export function graphqlNesting(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === '"') {
      if (text.startsWith('"""', i)) {
        i += 3;
        while (i < text.length && !text.startsWith('"""', i)) i += text.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        i++;
        while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      }
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return limit + 1;
    } else if (c === '}' || c === ']' || c === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** Deepest object/array nesting of JSON text, ignoring brackets inside strings; stops past `limit`. */
export function jsonNesting(text: string, limit = MAX_NESTING): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    } else if (c === '{' || c === '[') {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return limit + 1;
    } else if (c === '}' || c === ']') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}
