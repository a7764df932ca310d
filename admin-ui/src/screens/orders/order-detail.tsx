/**
 * One order: items, status history, and only the transitions the state machine allows from its
 * status (model/orders/status.ts, the same table the resolvers' conditional write uses). Each
 * write carries `expectedStatus`, so a change made meanwhile elsewhere fails as InvalidTransition.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  CancelOrderDocument,
  OrderDocument,
  UpdateOrderStatusDocument,
  type OrderDetailFragment,
  type OrderStatus,
} from '../../../generated/graphql.js';
import { canTransition, ORDER_STATUSES, restocksOnCancel } from '../../../../model/orders/status.js';
import { useSession } from '../../api/session.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatMoney, formatTime } from '../../ui/format.js';
import { href } from '../../ui/router.js';

/** Lines that a cancel gives back to stock: those committed from a reservation's warehouse. */
function restockLines(order: OrderDetailFragment) {
  return order.reservationId ? order.items.filter((i) => i.warehouseId) : [];
}

export function OrderDetail({ id }: { id: string }) {
  const { api } = useSession();
  const [order, setOrder] = useState<OrderDetailFragment | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const [restocked, setRestocked] = useState<ReturnType<typeof restockLines> | null>(null);

  useEffect(() => {
    setOrder(undefined);
    api
      .request(OrderDocument, { id })
      .then((r) => setOrder(r.order ?? null))
      .catch((e: unknown) => {
        setError(e);
        setOrder(null);
      });
  }, [api, id]);

  async function act(run: () => Promise<OrderDetailFragment>) {
    setBusy(true);
    setError(null);
    try {
      setOrder(await run());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (order === undefined) return <Loading what="the order" />;
  if (order === null)
    return (
      <>
        {error !== null && <ErrorNotice error={error} />}
        <Empty>No order {id}.</Empty>
      </>
    );
  const from = order.status;
  const targets = ORDER_STATUSES.filter((to) => to !== 'CANCELED' && canTransition(from, to));
  const cancelable = canTransition(from, 'CANCELED');
  const giveBack = restocksOnCancel(from) ? restockLines(order) : [];
  return (
    <article>
      <p>
        <a href={href({ name: 'orders' })}>← Orders</a>
      </p>
      <h1>
        Order {order.id}{' '}
        <span class={`order-status ${order.status}`} data-testid="order-status">
          {order.status.toLowerCase()}
        </span>
      </h1>
      <p class="muted">
        Customer {order.customerId}
        {order.partnerId ? `, via partner ${order.partnerId}` : ''} · {formatMoney(order.total, order.currency)} · created{' '}
        {formatTime(order.createdAt)}
      </p>
      {error !== null && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <section aria-labelledby="actions-title">
        <h2 id="actions-title">Actions</h2>
        {targets.length === 0 && !cancelable && <p class="muted">No further status change is possible from {from.toLowerCase()}.</p>}
        <div class="actions">
          {targets.map((to) => (
            <button
              key={to}
              type="button"
              disabled={busy}
              onClick={() =>
                act(
                  async () =>
                    (await api.request(UpdateOrderStatusDocument, { id, status: to as OrderStatus, expectedStatus: from }))
                      .updateOrderStatus,
                )
              }
            >
              Mark {to.toLowerCase()}
            </button>
          ))}
        </div>
        {cancelable && (
          <form
            class="inline-form"
            aria-label="Cancel the order"
            onSubmit={(e) => {
              e.preventDefault();
              const lines = giveBack;
              void act(async () => {
                const canceled = (await api.request(CancelOrderDocument, { id, reason: reason || null })).cancelOrder;
                setRestocked(lines);
                return canceled;
              });
            }}
          >
            <label>
              Reason
              <input type="text" name="reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
            <button type="submit" class="danger" disabled={busy}>
              Cancel order
            </button>
            <p class="muted">
              {giveBack.length > 0
                ? `Canceling gives back ${giveBack.map((l) => `${l.quantity} × ${l.productId} to ${l.warehouseId}`).join(', ')}.`
                : 'This order holds no committed stock: canceling restocks nothing.'}
            </p>
          </form>
        )}
        {restocked && (
          <p role="status">
            {restocked.length > 0
              ? `Restocked: ${restocked.map((l) => `${l.quantity} × ${l.productId} in ${l.warehouseId}`).join(', ')}.`
              : 'Canceled; nothing to restock.'}
          </p>
        )}
      </section>
      <section aria-labelledby="items-title">
        <h2 id="items-title">Items</h2>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col">Warehouse</th>
                <th scope="col" class="num">
                  Quantity
                </th>
                <th scope="col" class="num">
                  Unit price
                </th>
                <th scope="col" class="num">
                  Line total
                </th>
              </tr>
            </thead>
            <tbody>
              {order.items.map((i) => (
                <tr key={`${i.productId}/${i.warehouseId ?? ''}`}>
                  <th scope="row">{i.productId}</th>
                  <td>{i.warehouseId ?? '—'}</td>
                  <td class="num">{i.quantity}</td>
                  <td class="num">{formatMoney(i.unitPrice, order.currency)}</td>
                  <td class="num">{formatMoney(i.lineTotal, order.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">Status history</h2>
        <ol class="history">
          {order.statusHistory.map((h) => (
            <li key={`${h.status}-${h.at}`}>
              <strong>{h.status.toLowerCase()}</strong> {formatTime(h.at)} by {h.actor}
              {h.reason ? ` — ${h.reason}` : ''}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
