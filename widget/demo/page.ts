/** The demo storefront page: a product grid with badges, one script tag, the local API's key. */
import { DEMO_STOREFRONT_PRODUCTS, DEMO_STOREFRONT_WAREHOUSES } from './products.js';

export const WIDGET_SCRIPT_PATH = '/widget/stockroom-stock.js';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function demoPage(config: { readonly graphqlUrl: string; readonly apiKey: string }): string {
  const cards = DEMO_STOREFRONT_PRODUCTS.map(
    (p) => `<li class="card">
      <h2>${escapeHtml(p.name)}</h2>
      <p class="price">${escapeHtml(p.price)}</p>
      <p>Online: <stockroom-stock product="${escapeHtml(p.productId)}" show-count></stockroom-stock></p>
      <ul class="stores">${DEMO_STOREFRONT_WAREHOUSES.map(
        (w) =>
          `<li>${escapeHtml(w.name)}: <stockroom-stock product="${escapeHtml(p.productId)}" warehouse="${escapeHtml(w.warehouseId)}"></stockroom-stock></li>`,
      ).join('')}</ul>
    </li>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Stockroom demo storefront</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
  header, main { max-width: 64rem; margin: 0 auto; padding: 1rem; }
  .grid { list-style: none; padding: 0; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); }
  .card { background: #fff; border: 1px solid #d6d6d6; border-radius: .5rem; padding: 1rem; }
  .card h2 { font-size: 1.1rem; margin: 0 0 .25rem; }
  .price { margin: 0 0 .5rem; font-weight: 600; }
  .stores { list-style: none; padding: 0; margin: 0; display: grid; gap: .25rem; font-size: .9rem; }
  stockroom-stock::part(badge) { font-size: .85rem; }
</style>
</head>
<body>
<header><h1>Demo storefront</h1><p>Live stock badges: <code>&lt;stockroom-stock&gt;</code> from one script tag.</p></header>
<main><ul class="grid">
${cards}
</ul></main>
<script src="${WIDGET_SCRIPT_PATH}" data-api-url="${escapeHtml(config.graphqlUrl)}" data-api-key="${escapeHtml(config.apiKey)}"></script>
</body>
</html>
`;
}
