/**
 * Stock alerts, newest first, by status; live: `onLowStock` puts a new alert at the top (marked
 * "new"), and after a reconnect the list is read again, so an alert opened while the socket was
 * down is not missed. Acknowledge an OPEN alert; each alert links to its item.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  AcknowledgeAlertDocument,
  AlertsDocument,
  OnLowStockDocument,
  type AlertFieldsFragment,
  type AlertStatus,
  type OnLowStockSubscription,
} from '../../../generated/graphql.js';
import { ApiError } from '../../api/errors.js';
import { useSession } from '../../api/session.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatTime } from '../../ui/format.js';
import { LoadMore, usePagedList } from '../../ui/paged-list.js';
import { href } from '../../ui/router.js';
import { StatusSelect } from '../../ui/status-select.js';

const STATUSES: AlertStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];
const TYPE_LABEL = { LOW_STOCK: 'Low stock', OVERSOLD: 'Oversold' } as const;

export function Alerts() {
  const session = useSession();
  const { api } = session;
  const [status, setStatus] = useState<AlertStatus | null>('OPEN');
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | null>(null);
  const list = usePagedList(
    async (nextToken) => {
      const { alerts } = await api.request(AlertsDocument, { status, limit: 50, nextToken });
      return { items: alerts.items, nextToken: alerts.nextToken ?? null };
    },
    [api, status],
    (a) => a.id,
  );

  useEffect(
    () =>
      session.realtime.subscribe(
        OnLowStockDocument.toString(),
        {},
        {
          next: (payload) => {
            const alert = (payload.data as OnLowStockSubscription | null)?.onLowStock;
            if (!alert || (status && alert.status !== status)) return;
            list.setItems((current) => (current ? [alert, ...current.filter((a) => a.id !== alert.id)] : current));
            setFresh((ids) => new Set(ids).add(alert.id));
          },
          error: (errors) => list.setError(new ApiError(errors[0]?.errorType ?? 'Error', errors.map((e) => e.message).join('; '))),
          // Alerts published while the socket was down are not replayed: read the list again.
          onReady: (resumed) => resumed && list.reload(),
        },
      ),
    [session, status],
  );

  async function acknowledge(alert: AlertFieldsFragment) {
    setBusy(alert.id);
    list.setError(null);
    try {
      const { acknowledgeAlert } = await api.request(AcknowledgeAlertDocument, { id: alert.id });
      list.setItems((current) => current?.map((a) => (a.id === alert.id ? acknowledgeAlert : a)));
    } catch (e) {
      list.setError(e);
    } finally {
      setBusy(null);
    }
  }

  const alerts = list.items;
  return (
    <section aria-labelledby="alerts-title">
      <h1 id="alerts-title">Alerts</h1>
      <form class="filters" role="search" aria-label="Filter alerts" onSubmit={(e) => e.preventDefault()}>
        <StatusSelect statuses={STATUSES} value={status} onChange={setStatus} />
      </form>
      {list.error !== null && <ErrorNotice error={list.error} onDismiss={() => list.setError(null)} />}
      {alerts === undefined && <Loading what="alerts" />}
      {alerts !== undefined && alerts.length === 0 && (
        <Empty>{status === 'OPEN' ? 'No open alerts: every item is above its threshold.' : 'No alerts match.'}</Empty>
      )}
      {alerts && alerts.length > 0 && (
        <div class="scroll">
          <table>
            <caption class="sr-only">Stock alerts, newest first; alerts that arrived live are marked “new”</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Type</th>
                <th scope="col" class="num">
                  Available
                </th>
                <th scope="col" class="num">
                  On hand
                </th>
                <th scope="col" class="num">
                  Threshold
                </th>
                <th scope="col">Status</th>
                <th scope="col">Opened</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {alerts.map((a) => (
                <tr key={a.id} data-alert={a.id} data-item={`${a.productId}/${a.warehouseId}`} class={fresh.has(a.id) ? 'changed' : ''}>
                  <th scope="row">
                    <a href={href({ name: 'item', productId: a.productId, warehouseId: a.warehouseId })}>{a.productId}</a> in{' '}
                    {a.warehouseId}
                  </th>
                  <td>
                    <span class={`alert-type ${a.type}`}>{TYPE_LABEL[a.type]}</span>
                  </td>
                  <td class="num">{a.available}</td>
                  <td class="num">{a.onHand}</td>
                  <td class="num">{a.threshold}</td>
                  <td data-col="status">
                    {a.status.toLowerCase()}
                    {a.resolvedAt && <span class="muted"> {formatTime(a.resolvedAt)}</span>}
                  </td>
                  <td>
                    {formatTime(a.createdAt)}
                    {fresh.has(a.id) && <span class="badge"> new</span>}
                  </td>
                  <td>
                    {a.status === 'OPEN' && (
                      <button
                        type="button"
                        disabled={busy !== null}
                        aria-label={`Acknowledge the ${TYPE_LABEL[a.type].toLowerCase()} alert of ${a.productId} in ${a.warehouseId}`}
                        onClick={() => void acknowledge(a)}
                      >
                        Acknowledge
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} what="alerts" />
    </section>
  );
}
