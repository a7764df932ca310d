/**
 * The stock history of one item as an inline SVG (on hand and available after each ledger
 * movement): no chart library, a few hundred bytes, drawn from the ledger page already loaded.
 */
import type { StockLedgerQuery } from '../../../generated/graphql.js';

type Entry = StockLedgerQuery['stockLedger']['items'][number];

const WIDTH = 600;
const HEIGHT = 140;
const PAD = 24;

function path(values: readonly number[], min: number, max: number): string {
  const span = max - min || 1;
  const step = values.length > 1 ? (WIDTH - 2 * PAD) / (values.length - 1) : 0;
  return values
    .map(
      (v, i) =>
        `${i === 0 ? 'M' : 'L'}${(PAD + i * step).toFixed(1)},${(HEIGHT - PAD - ((v - min) / span) * (HEIGHT - 2 * PAD)).toFixed(1)}`,
    )
    .join(' ');
}

export function StockChart({ entries }: { entries: readonly Entry[] }) {
  if (entries.length < 2) return <p class="muted">The chart appears after two stock movements.</p>;
  const onHand = entries.map((e) => e.onHandAfter);
  const available = entries.map((e) => e.availableAfter);
  const min = Math.min(0, ...available, ...onHand);
  const max = Math.max(...onHand, ...available);
  const last = entries[entries.length - 1]!;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={`Stock history over ${entries.length} movements: on hand now ${last.onHandAfter}, available ${last.availableAfter}`}
      >
        <line x1={PAD} x2={WIDTH - PAD} y1={HEIGHT - PAD} y2={HEIGHT - PAD} class="axis" />
        <text x={PAD} y={HEIGHT - 6} class="tick">
          #{entries[0]!.sequence}
        </text>
        <text x={WIDTH - PAD} y={HEIGHT - 6} class="tick" text-anchor="end">
          #{last.sequence}
        </text>
        <text x={4} y={PAD} class="tick">
          {max}
        </text>
        <path d={path(onHand, min, max)} class="line on-hand" />
        <path d={path(available, min, max)} class="line available" />
      </svg>
      <figcaption>
        <span class="key on-hand">on hand</span> <span class="key available">available</span>
      </figcaption>
    </figure>
  );
}
