export { registerWarehouseRequest as request, registerWarehouseResponse as response } from '../lib/warehouses';
