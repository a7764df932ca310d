export { loadReservationRequest as request, loadReservationResponse as response } from '../lib/reservation-steps';
