/** Orders, newest first: all, by status, or one customer's. */
import { useState } from 'preact/hooks';
import { OrdersByCustomerDocument, OrdersDocument, type OrderStatus } from '../../../generated/graphql.js';
import { ORDER_STATUSES } from '../../../../model/orders/status.js';
import { useSession } from '../../api/session.js';
import { Empty, ErrorNotice, Loading } from '../../ui/feedback.js';
import { formatMoney, formatTime } from '../../ui/format.js';
import { LoadMore, usePagedList } from '../../ui/paged-list.js';
import { href } from '../../ui/router.js';
import { StatusSelect } from '../../ui/status-select.js';

interface Filter {
  status: OrderStatus | null;
  customerId: string;
}

export function OrdersList() {
  const { api } = useSession();
  const [filter, setFilter] = useState<Filter>({ status: null, customerId: '' });
  const [customerInput, setCustomerInput] = useState('');
  const list = usePagedList(
    async (nextToken) => {
      const page = filter.customerId
        ? (await api.request(OrdersByCustomerDocument, { customerId: filter.customerId, limit: 50, nextToken })).ordersByCustomer
        : (await api.request(OrdersDocument, { status: filter.status, limit: 50, nextToken })).orders;
      // ordersByCustomer has no status argument: the status filter applies to its page here.
      const items = filter.customerId && filter.status ? page.items.filter((o) => o.status === filter.status) : page.items;
      return { items, nextToken: page.nextToken ?? null };
    },
    [api, filter],
  );
  const orders = list.items;

  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      <form
        class="filters"
        role="search"
        aria-label="Filter orders"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ ...filter, customerId: customerInput.trim() });
        }}
      >
        <StatusSelect statuses={ORDER_STATUSES} value={filter.status} onChange={(status) => setFilter({ ...filter, status })} />
        <label>
          Customer id
          <input type="search" name="customerId" value={customerInput} onInput={(e) => setCustomerInput(e.currentTarget.value)} />
        </label>
        <button type="submit">Apply</button>
      </form>
      {list.error !== null && <ErrorNotice error={list.error} onDismiss={() => list.setError(null)} />}
      {orders === undefined && <Loading what="orders" />}
      {orders !== undefined && orders.length === 0 && <Empty>No orders match.</Empty>}
      {orders && orders.length > 0 && (
        <div class="scroll">
          <table>
            <caption class="sr-only">Orders, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">
                  Total
                </th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id} data-order={o.id}>
                  <th scope="row">
                    <a href={href({ name: 'order', id: o.id })}>{o.id}</a>
                  </th>
                  <td>{o.customerId}</td>
                  <td>
                    <span class={`order-status ${o.status}`}>{o.status.toLowerCase()}</span>
                  </td>
                  <td class="num">{formatMoney(o.total, o.currency)}</td>
                  <td>{formatTime(o.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMore list={list} what="orders" />
    </section>
  );
}
