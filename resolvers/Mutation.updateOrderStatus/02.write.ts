export { writeTransitionRequest as request, writeTransitionResponse as response } from '../lib/order-transition';
