export { loadStockRequest as request, loadStockResponse as response } from '../lib/allocation';
