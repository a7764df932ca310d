/** A small, strict flag parser: unknown flags and missing values are usage errors. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface FlagSpec {
  readonly [name: string]: 'string' | 'boolean';
}

export function parseFlags<S extends FlagSpec>(
  argv: readonly string[],
  spec: S,
): { [K in keyof S]?: S[K] extends 'boolean' ? boolean : string } {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [rawName, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const kind = spec[rawName];
    if (!kind) throw new UsageError(`unknown flag --${rawName}`);
    if (kind === 'boolean') {
      out[rawName] = inline === undefined ? true : inline !== 'false';
    } else {
      const value = inline ?? argv[i + 1];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${rawName} needs a value`);
      if (inline === undefined) i += 1;
      out[rawName] = value;
    }
  }
  return out as { [K in keyof S]?: S[K] extends 'boolean' ? boolean : string };
}
