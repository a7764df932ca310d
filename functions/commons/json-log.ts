/**
 * Minimal structured JSON logging for the inventory functions (one line per entry, as Lambda's
 * JSON log format expects). Never logs whole events: they can hold personal data.
 */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface JsonLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const ORDER: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export function jsonLogger(source: string): JsonLogger {
  const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    const configured = (process.env['POWERTOOLS_LOG_LEVEL'] ?? 'INFO').toUpperCase() as LogLevel;
    if (ORDER[level] < (ORDER[configured] ?? ORDER.INFO)) return;
    const line = JSON.stringify({ level, message, source, timestamp: new Date().toISOString(), ...fields }, (_k, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message } : v));
    if (level === 'ERROR' || level === 'WARN') console.error(line);
    else console.log(line);
  };
  return {
    debug: (m, f) => write('DEBUG', m, f),
    info: (m, f) => write('INFO', m, f),
    warn: (m, f) => write('WARN', m, f),
    error: (m, f) => write('ERROR', m, f),
  };
}
