export { loadWarehousesRequest as request, loadWarehousesResponse as response } from '../lib/allocation';
