/** Benchmark results: throughput and latency percentiles, and ratios against a local limit. */
export interface Measurement {
  readonly name: string;
  readonly requests: number;
  readonly seconds: number;
  readonly throughput: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface BenchReport {
  readonly title: string;
  readonly measurements: readonly Measurement[];
  /** e.g. `{ name: 'stockLevel / raw GetItem', value: 0.72, target: 0.6 }` (throughput ratios). */
  readonly ratios: readonly { name: string; value: number; target?: number }[];
  readonly notes?: readonly string[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `op` `requests` times with `concurrency` workers; latencies per call. */
export async function measure(
  name: string,
  op: () => Promise<void>,
  options: { requests: number; concurrency: number; warmup?: number },
): Promise<Measurement> {
  for (let i = 0; i < (options.warmup ?? 100); i++) await op();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < options.requests) {
        next += 1;
        const t = performance.now();
        await op();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: latencies.length,
    seconds,
    throughput: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
}

export function printReport(report: BenchReport): void {
  const lines = [`\n## ${report.title}`, '', '| measurement | requests | req/s | p50 ms | p95 ms |', '|---|---:|---:|---:|---:|'];
  for (const m of report.measurements)
    lines.push(`| ${m.name} | ${m.requests} | ${m.throughput.toFixed(0)} | ${m.p50Ms.toFixed(2)} | ${m.p95Ms.toFixed(2)} |`);
  if (report.ratios.length) lines.push('');
  for (const r of report.ratios) {
    const verdict =
      r.target === undefined
        ? ''
        : r.value >= r.target
          ? ` (target ≥ ${(r.target * 100).toFixed(0)} %: met)`
          : ` (target ≥ ${(r.target * 100).toFixed(0)} %: NOT met)`;
    lines.push(`- ${r.name}: ${(r.value * 100).toFixed(1)} %${verdict}`);
  }
  for (const n of report.notes ?? []) lines.push(`- ${n}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
