export const AlertStatus = {
  ACKNOWLEDGED: 'ACKNOWLEDGED',
  OPEN: 'OPEN',
  RESOLVED: 'RESOLVED'
} as const;

export type AlertStatus = typeof AlertStatus[keyof typeof AlertStatus];
export const AlertType = {
  LOW_STOCK: 'LOW_STOCK',
  OVERSOLD: 'OVERSOLD'
} as const;

export type AlertType = typeof AlertType[keyof typeof AlertType];
export const CustomerImportStatus = {
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  PENDING: 'PENDING',
  RUNNING: 'RUNNING'
} as const;

export type CustomerImportStatus = typeof CustomerImportStatus[keyof typeof CustomerImportStatus];
export const OrderStatus = {
  CANCELED: 'CANCELED',
  DELIVERED: 'DELIVERED',
  PAID: 'PAID',
  PENDING: 'PENDING',
  SHIPPED: 'SHIPPED'
} as const;

export type OrderStatus = typeof OrderStatus[keyof typeof OrderStatus];
export const PartnerKeyStatus = {
  ACTIVE: 'ACTIVE',
  REVOKED: 'REVOKED'
} as const;

export type PartnerKeyStatus = typeof PartnerKeyStatus[keyof typeof PartnerKeyStatus];
export const ProductSort = {
  NAME: 'NAME',
  POPULARITY: 'POPULARITY'
} as const;

export type ProductSort = typeof ProductSort[keyof typeof ProductSort];
export const ReservationStatus = {
  ACTIVE: 'ACTIVE',
  CONFIRMED: 'CONFIRMED',
  EXPIRED: 'EXPIRED',
  RELEASED: 'RELEASED'
} as const;

export type ReservationStatus = typeof ReservationStatus[keyof typeof ReservationStatus];
export const StockMovementReason = {
  ADMIN_SET: 'ADMIN_SET',
  COMMITTED: 'COMMITTED',
  CONFIRMED: 'CONFIRMED',
  EXPIRED: 'EXPIRED',
  RECEIVED: 'RECEIVED',
  RECONCILED: 'RECONCILED',
  RELEASED: 'RELEASED',
  RESERVED: 'RESERVED',
  RESTOCKED: 'RESTOCKED'
} as const;

export type StockMovementReason = typeof StockMovementReason[keyof typeof StockMovementReason];
export const StockStatus = {
  IN_STOCK: 'IN_STOCK',
  LOW_STOCK: 'LOW_STOCK',
  OUT_OF_STOCK: 'OUT_OF_STOCK'
} as const;

export type StockStatus = typeof StockStatus[keyof typeof StockStatus];