/** Checkout rules the createOrder steps share: when a reservation may back an order. */
import { fail } from './errors';
import type { ReservationRecord } from '../../model/records';

/** The reservation must be ACTIVE and unexpired to be confirmed: otherwise the reason, typed. */
export function requireConfirmable(record: ReservationRecord, nowEpoch: number): void {
  if (record.status === 'EXPIRED' || (record.status === 'ACTIVE' && record.expiresAtEpoch <= nowEpoch)) {
    fail('The reservation expired.', 'ReservationExpired', { reservationId: record.id, expiresAt: record.expiresAt });
  }
  if (record.status !== 'ACTIVE') {
    fail(`The reservation is ${record.status}; only an ACTIVE reservation can back an order.`, 'InvalidTransition', {
      reservationId: record.id,
      status: record.status,
    });
  }
}
