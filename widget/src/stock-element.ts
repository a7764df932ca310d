/**
 * `<stockroom-stock product="…" [warehouse="…"] [show-count]>`: a stock badge in a shadow root.
 * Themable from outside with CSS custom properties and `::part(badge|dot|label|count)`; the host
 * reflects `status="in-stock|low-stock|out-of-stock|loading|error"` (and `stale` while the
 * connection is down) for selectors. The badge is a polite live region: a change is announced.
 */
import { configFor } from './config.js';
import { LABELS, shownStock, type Shown } from './status.js';
import { createStockHub, type ProductUpdate, type StockHub } from './stock-hub.js';

const STYLE = `:host{display:inline-block;font:var(--stockroom-font,inherit)}
[part~=badge]{display:inline-flex;align-items:center;white-space:pre;padding:var(--stockroom-padding,.15em .6em);border-radius:var(--stockroom-radius,999px);color:var(--c);background:var(--b)}
[part~=dot]{width:.6em;height:.6em;margin-right:.4em;border-radius:50%;background:currentColor}
:host([status=in-stock]){--c:var(--stockroom-in-stock-color,#0b5d2a);--b:var(--stockroom-in-stock-background,#e3f3e8)}
:host([status=low-stock]){--c:var(--stockroom-low-stock-color,#6b4200);--b:var(--stockroom-low-stock-background,#fff1d6)}
:host([status=out-of-stock]){--c:var(--stockroom-out-of-stock-color,#9b1118);--b:var(--stockroom-out-of-stock-background,#fde7e8)}
:host([status=loading]),:host([status=error]){--c:var(--stockroom-muted-color,#3d3d3d);--b:var(--stockroom-muted-background,#eeeeee)}
:host([stale]) [part~=badge]{opacity:var(--stockroom-stale-opacity,.75)}`;

/** One hub per API URL and key on the page: one WebSocket for all widgets that share them. */
const hubs = new Map<string, StockHub>();
function hubFor(apiUrl: string, apiKey: string): StockHub {
  const id = `${apiUrl} ${apiKey}`;
  let hub = hubs.get(id);
  if (!hub) hubs.set(id, (hub = createStockHub({ graphqlUrl: apiUrl, apiKey })));
  return hub;
}

export class StockroomStock extends HTMLElement {
  static readonly observedAttributes = ['product', 'warehouse', 'show-count'];
  private label?: HTMLElement;
  private count?: HTMLElement;
  private stop?: () => void;
  private last?: ProductUpdate;

  connectedCallback(): void {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      root.innerHTML = `<style>${STYLE}</style><span part="badge" role="status" aria-live="polite" aria-atomic="true"><span part="dot" aria-hidden="true"></span><span part="label"></span><span part="count"></span></span>`;
      this.label = root.querySelector<HTMLElement>('[part=label]') ?? undefined;
      this.count = root.querySelector<HTMLElement>('[part=count]') ?? undefined;
    }
    this.watch();
  }

  disconnectedCallback(): void {
    this.stop?.();
    this.stop = undefined;
  }

  attributeChangedCallback(name: string): void {
    // An upgrade reports the initial attributes before connectedCallback: that one watches.
    if (!this.isConnected || !this.shadowRoot) return;
    if (name === 'product') this.watch();
    else this.render();
  }

  private watch(): void {
    this.stop?.();
    this.last = undefined;
    const product = this.getAttribute('product');
    const config = configFor(this);
    if (!product || !config) {
      this.show('error', 0);
      return;
    }
    this.show('loading', 0);
    this.stop = hubFor(config.apiUrl, config.apiKey).watch(product, (update) => {
      this.last = update;
      this.render();
    });
  }

  private render(): void {
    const update = this.last;
    if (!update) return;
    this.toggleAttribute('stale', update.stale);
    if (update.error && update.items.size === 0) return this.show('error', 0);
    const { shown, available } = shownStock(update.items, this.getAttribute('warehouse'));
    this.show(shown, available);
  }

  private show(shown: Shown, available: number): void {
    if (this.getAttribute('status') !== shown) this.setAttribute('status', shown);
    const label = LABELS[shown];
    if (this.label && this.label.textContent !== label) this.label.textContent = label;
    const counted = this.hasAttribute('show-count') && (shown === 'in-stock' || shown === 'low-stock');
    // Part of the label's sentence ("In stock, 12 available"): what the live region announces.
    const count = counted ? `, ${available} available` : '';
    if (this.count && this.count.textContent !== count) this.count.textContent = count;
    this.setAttribute('available', String(available));
  }
}
