/**
 * Hash routes (`#/inventory`, `#/items/<product>/<warehouse>`, `#/orders/<id>` …): the app is
 * static files, so links and reloads work on the CloudFront origin without rewrite rules.
 */
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'inventory' }
  | { name: 'item'; productId: string; warehouseId: string }
  | { name: 'orders' }
  | { name: 'order'; id: string }
  | { name: 'reservations' }
  | { name: 'keys' }
  | { name: 'imports' }
  | { name: 'import'; id: string }
  | { name: 'alerts' }
  | { name: 'catalog' };

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((p) => decodeURIComponent(p));
  const [first, second, third] = parts;
  if (first === 'items' && second && third) return { name: 'item', productId: second, warehouseId: third };
  if (first === 'orders' && second) return { name: 'order', id: second };
  if (first === 'orders') return { name: 'orders' };
  if (first === 'reservations') return { name: 'reservations' };
  if (first === 'keys') return { name: 'keys' };
  if (first === 'imports' && second) return { name: 'import', id: second };
  if (first === 'imports') return { name: 'imports' };
  if (first === 'alerts') return { name: 'alerts' };
  if (first === 'catalog') return { name: 'catalog' };
  return { name: 'inventory' };
}

export function href(route: Route): string {
  switch (route.name) {
    case 'item':
      return `#/items/${encodeURIComponent(route.productId)}/${encodeURIComponent(route.warehouseId)}`;
    case 'order':
      return `#/orders/${encodeURIComponent(route.id)}`;
    case 'inventory':
      return '#/inventory';
    case 'import':
      return `#/imports/${encodeURIComponent(route.id)}`;
    default:
      return `#/${route.name}`;
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
