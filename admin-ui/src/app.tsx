/** The shell: sign-in, then the navigation and the screen of the current route. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { createSession, SessionContext, type LiveStatus, type Session } from './api/session.js';
import { cognitoCurrentUser, type TokenSource } from './auth/cognito.js';
import { devCurrentUser } from './auth/dev.js';
import { SignIn } from './auth/sign-in.js';
import type { AppConfig } from './config.js';
import { InventoryTable } from './screens/inventory/inventory-table.js';
import { ImportsScreen } from './screens/imports/imports-screen.js';
import { ItemPage } from './screens/item/item-page.js';
import { OrderDetail } from './screens/orders/order-detail.js';
import { OrdersList } from './screens/orders/orders-list.js';
import { PartnerKeys } from './screens/partner-keys.js';
import { Reservations } from './screens/reservations.js';
import { Alerts } from './screens/alerts/alerts.js';
import { Catalog } from './screens/catalog/catalog.js';
import { Loading } from './ui/feedback.js';
import { href, useRoute, type Route } from './ui/router.js';

const NAV: { label: string; route: Route; matches: Route['name'][] }[] = [
  { label: 'Inventory', route: { name: 'inventory' }, matches: ['inventory', 'item'] },
  { label: 'Alerts', route: { name: 'alerts' }, matches: ['alerts'] },
  { label: 'Orders', route: { name: 'orders' }, matches: ['orders', 'order'] },
  { label: 'Reservations', route: { name: 'reservations' }, matches: ['reservations'] },
  { label: 'Catalog', route: { name: 'catalog' }, matches: ['catalog'] },
  { label: 'Imports', route: { name: 'imports' }, matches: ['imports', 'import'] },
  { label: 'Partner keys', route: { name: 'keys' }, matches: ['keys'] },
];

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'item':
      return <ItemPage productId={route.productId} warehouseId={route.warehouseId} />;
    case 'orders':
      return <OrdersList />;
    case 'order':
      return <OrderDetail id={route.id} />;
    case 'reservations':
      return <Reservations />;
    case 'keys':
      return <PartnerKeys />;
    case 'imports':
      return <ImportsScreen selectedId={null} />;
    case 'import':
      return <ImportsScreen selectedId={route.id} />;
    case 'alerts':
      return <Alerts />;
    case 'catalog':
      return <Catalog />;
    default:
      return <InventoryTable />;
  }
}

function LiveIndicator({ session }: { session: Session }) {
  // The socket opens with the first live screen; until then there is nothing to connect.
  const [status, setStatus] = useState<LiveStatus | 'idle'>('idle');
  useEffect(() => session.onLiveStatus(setStatus), [session]);
  return (
    <span class={`live ${status}`} role="status" aria-live="polite">
      {status === 'connected'
        ? 'Live'
        : status === 'connecting'
          ? 'Connecting…'
          : status === 'idle'
            ? 'Live updates idle'
            : 'Offline: reconnecting'}
    </span>
  );
}

export function App({ config }: { config: AppConfig }) {
  const [user, setUser] = useState<TokenSource | null | undefined>(undefined);
  const route = useRoute();
  useEffect(() => {
    if (config.mode === 'local') setUser(devCurrentUser() ?? null);
    else void cognitoCurrentUser(config).then((u) => setUser(u ?? null));
  }, [config]);
  const session = useMemo(() => (user ? createSession(config.graphqlUrl, user) : null), [user, config]);

  if (user === undefined) return <Loading what="your session" />;
  if (!session) return <SignIn config={config} onSignedIn={setUser} />;
  return (
    <SessionContext.Provider value={session}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <strong class="brand">Stockroom</strong>
        <nav aria-label="Sections">
          {NAV.map((n) => (
            <a key={n.label} href={href(n.route)} aria-current={n.matches.includes(route.name) ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <LiveIndicator session={session} />
        <button
          type="button"
          class="secondary"
          onClick={() => {
            session.user.signOut();
            setUser(null);
          }}
        >
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Screen route={route} />
      </main>
    </SessionContext.Provider>
  );
}
