/** The error `util.time` raises for unusable patterns, zones and text (Java's DateTimeException). */
export class TimeError extends Error {}
