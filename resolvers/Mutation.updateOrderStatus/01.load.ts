export { loadOrderRequest as request, loadOrderResponse as response } from '../lib/order-transition';
