/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AlertStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

export type AlertType =
  | 'LOW_STOCK'
  | 'OVERSOLD';

export type CustomerImportStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

export type OrderStatus =
  | 'CANCELED'
  | 'DELIVERED'
  | 'PAID'
  | 'PENDING'
  | 'SHIPPED';

export type PartnerKeyStatus =
  | 'ACTIVE'
  | 'REVOKED';

export type ProductSort =
  | 'NAME'
  | 'POPULARITY';

export type ReceiveStockInput = {
  productId: string | number;
  /** Units received, 1–1,000,000; the item's onHand after the receipt must not exceed 1,000,000,000 (ValidationError otherwise, nothing written). */
  quantity: number;
  /** Why (delivery note, purchase order...); kept in the ledger. */
  reference?: string | null | undefined;
  /** Optional idempotency key: a retry with the same key (within 24 h) adds nothing and returns the item. */
  requestId?: string | number | null | undefined;
  warehouseId: string | number;
};

export type ReservationStatus =
  | 'ACTIVE'
  | 'CONFIRMED'
  | 'EXPIRED'
  | 'RELEASED';

export type SetStockInput = {
  /** When given, the write only succeeds if the stored version still equals it (VersionConflict otherwise). */
  expectedVersion?: number | null | undefined;
  onHand: number;
  productId: string | number;
  threshold?: number | null | undefined;
  warehouseId: string | number;
};

export type StockMovementReason =
  | 'ADMIN_SET'
  | 'COMMITTED'
  | 'CONFIRMED'
  | 'EXPIRED'
  | 'RECEIVED'
  | 'RECONCILED'
  | 'RELEASED'
  | 'RESERVED'
  | 'RESTOCKED';

export type StockStatus =
  | 'IN_STOCK'
  | 'LOW_STOCK'
  | 'OUT_OF_STOCK';

export type UpsertProductInput = {
  attributes?: string | null | undefined;
  /** 1-64 letters, digits, _ or -. */
  category: string;
  /** ISO 4217, e.g. EUR. */
  currency: string;
  /** At most 2,000 characters. */
  description?: string | null | undefined;
  /** The product's id: the same id its stock and orders use (1-64 letters, digits, _ or -). */
  id: string | number;
  /** 1-128 characters, at most 24 distinct words; searchable by the prefix of any word. */
  name: string;
  /** Minor units (cents), 0 to 2,147,483,647. */
  price: number;
};

export type AlertFieldsFragment = { id: string, type: AlertType, productId: string, warehouseId: string, available: number, onHand: number, threshold: number, status: AlertStatus, createdAt: string, resolvedAt: string | null };

export type AlertsQueryVariables = Exact<{
  status?: AlertStatus | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type AlertsQuery = { alerts: { nextToken: string | null, items: Array<{ id: string, type: AlertType, productId: string, warehouseId: string, available: number, onHand: number, threshold: number, status: AlertStatus, createdAt: string, resolvedAt: string | null }> } };

export type AcknowledgeAlertMutationVariables = Exact<{
  id: string | number;
}>;


export type AcknowledgeAlertMutation = { acknowledgeAlert: { id: string, type: AlertType, productId: string, warehouseId: string, available: number, onHand: number, threshold: number, status: AlertStatus, createdAt: string, resolvedAt: string | null } };

export type OnLowStockSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type OnLowStockSubscription = { onLowStock: { id: string, type: AlertType, productId: string, warehouseId: string, available: number, onHand: number, threshold: number, status: AlertStatus, createdAt: string, resolvedAt: string | null } | null };

export type ProductFieldsFragment = { id: string, name: string, description: string | null, price: number, currency: string, category: string, attributes: string | null, popularity: number, version: number, updatedAt: string };

export type ProductsByCategoryQueryVariables = Exact<{
  category: string;
  sort?: ProductSort | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type ProductsByCategoryQuery = { productsByCategory: { nextToken: string | null, items: Array<{ id: string, name: string, description: string | null, price: number, currency: string, category: string, attributes: string | null, popularity: number, version: number, updatedAt: string }> } };

export type SearchProductsQueryVariables = Exact<{
  prefix: string;
  category?: string | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type SearchProductsQuery = { searchProducts: { nextToken: string | null, items: Array<{ id: string, name: string, description: string | null, price: number, currency: string, category: string, attributes: string | null, popularity: number, version: number, updatedAt: string }> } };

export type ProductQueryVariables = Exact<{
  id: string | number;
}>;


export type ProductQuery = { product: { id: string, name: string, description: string | null, price: number, currency: string, category: string, attributes: string | null, popularity: number, version: number, updatedAt: string } | null };

export type UpsertProductMutationVariables = Exact<{
  input: UpsertProductInput;
  expectedVersion?: number | null | undefined;
}>;


export type UpsertProductMutation = { upsertProduct: { id: string, name: string, description: string | null, price: number, currency: string, category: string, attributes: string | null, popularity: number, version: number, updatedAt: string } };

export type ImportFieldsFragment = { id: string, fileName: string, status: CustomerImportStatus, dryRun: boolean, rowsTotal: number | null, rowsRead: number, rowsApplied: number, rowsSkippedOlder: number, rowsInvalid: number, rowsWouldCreate: number, rowsWouldUpdate: number, createdAt: string, uploadExpiresAt: string | null, startedAt: string | null, finishedAt: string | null, failureReason: string | null };

export type StartCustomerImportMutationVariables = Exact<{
  fileName: string;
  dryRun?: boolean | null | undefined;
}>;


export type StartCustomerImportMutation = { startCustomerImport: { importId: string, uploadUrl: string, expiresAt: string } };

export type CustomerImportQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerImportQuery = { customerImport: { id: string, fileName: string, status: CustomerImportStatus, dryRun: boolean, rowsTotal: number | null, rowsRead: number, rowsApplied: number, rowsSkippedOlder: number, rowsInvalid: number, rowsWouldCreate: number, rowsWouldUpdate: number, createdAt: string, uploadExpiresAt: string | null, startedAt: string | null, finishedAt: string | null, failureReason: string | null } | null };

export type CustomerImportReportQueryVariables = Exact<{
  id: string | number;
}>;


export type CustomerImportReportQuery = { customerImport: { id: string, errorReportUrl: string | null } | null };

export type CustomerImportsQueryVariables = Exact<{
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type CustomerImportsQuery = { customerImports: { nextToken: string | null, items: Array<{ id: string, fileName: string, status: CustomerImportStatus, dryRun: boolean, rowsTotal: number | null, rowsRead: number, rowsApplied: number, rowsSkippedOlder: number, rowsInvalid: number, rowsWouldCreate: number, rowsWouldUpdate: number, createdAt: string, uploadExpiresAt: string | null, startedAt: string | null, finishedAt: string | null, failureReason: string | null }> } };

export type OnImportProgressSubscriptionVariables = Exact<{
  importId: string | number;
}>;


export type OnImportProgressSubscription = { onImportProgress: { id: string, fileName: string, status: CustomerImportStatus, dryRun: boolean, rowsTotal: number | null, rowsRead: number, rowsApplied: number, rowsSkippedOlder: number, rowsInvalid: number, rowsWouldCreate: number, rowsWouldUpdate: number, createdAt: string, uploadExpiresAt: string | null, startedAt: string | null, finishedAt: string | null, failureReason: string | null } | null };

export type StockItemFragment = { productId: string, warehouseId: string, onHand: number | null, reserved: number | null, available: number, threshold: number | null, status: StockStatus, version: number, sequence: number, updatedAt: string };

export type ProductStockQueryVariables = Exact<{
  productId: string | number;
}>;


export type ProductStockQuery = { productStock: { productId: string, onHand: number | null, reserved: number | null, available: number, status: StockStatus, items: Array<{ productId: string, warehouseId: string, onHand: number | null, reserved: number | null, available: number, threshold: number | null, status: StockStatus, version: number, sequence: number, updatedAt: string }> } | null };

export type StockLevelQueryVariables = Exact<{
  productId: string | number;
  warehouseId: string | number;
}>;


export type StockLevelQuery = { stockLevel: { productId: string, warehouseId: string, onHand: number | null, reserved: number | null, available: number, threshold: number | null, status: StockStatus, version: number, sequence: number, updatedAt: string } | null };

export type StockLedgerQueryVariables = Exact<{
  productId: string | number;
  warehouseId: string | number;
  sinceSequence?: number | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type StockLedgerQuery = { stockLedger: { nextToken: string | null, items: Array<{ sequence: number, reason: StockMovementReason, actor: string, reference: string | null, onHandDelta: number, reservedDelta: number, onHandAfter: number, reservedAfter: number, availableAfter: number, at: string }> } };

export type SetStockMutationVariables = Exact<{
  input: SetStockInput;
}>;


export type SetStockMutation = { setStock: { productId: string, warehouseId: string, onHand: number | null, reserved: number | null, available: number, threshold: number | null, status: StockStatus, version: number, sequence: number, updatedAt: string } };

export type ReceiveStockMutationVariables = Exact<{
  input: ReceiveStockInput;
}>;


export type ReceiveStockMutation = { receiveStock: { productId: string, warehouseId: string, onHand: number | null, reserved: number | null, available: number, threshold: number | null, status: StockStatus, version: number, sequence: number, updatedAt: string } };

export type CheckConsistencyQueryVariables = Exact<{
  productId: string | number;
  nextToken?: string | null | undefined;
}>;


export type CheckConsistencyQuery = { checkInventoryConsistency: { productId: string, consistent: boolean, complete: boolean | null, nextToken: string | null, items: Array<{ warehouseId: string, onHand: number, reserved: number, available: number, expectedReserved: number, expectedOnHand: number, ledgerBehind: boolean, mismatches: Array<string> }> } };

export type RepairInventoryMutationVariables = Exact<{
  productId: string | number;
  warehouseId: string | number;
  nextToken?: string | null | undefined;
}>;


export type RepairInventoryMutation = { repairInventory: { complete: boolean | null, nextToken: string | null, productId: string, warehouseId: string, onHand: number | null, reserved: number | null, available: number, threshold: number | null, status: StockStatus, version: number, sequence: number, updatedAt: string } };

export type InventoryItemsQueryVariables = Exact<{
  category?: string | null | undefined;
  warehouseId?: string | number | null | undefined;
  status?: StockStatus | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type InventoryItemsQuery = { inventoryItems: { nextToken: string | null, items: Array<{ category: string | null, productId: string, warehouseId: string, onHand: number | null, reserved: number | null, available: number, threshold: number | null, status: StockStatus, version: number, sequence: number, updatedAt: string }> } };

export type InventoryByNameQueryVariables = Exact<{
  prefix: string;
  category?: string | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type InventoryByNameQuery = { searchProducts: { nextToken: string | null, items: Array<{ id: string, name: string, category: string, stock: { items: Array<{ productId: string, warehouseId: string, onHand: number | null, reserved: number | null, available: number, threshold: number | null, status: StockStatus, version: number, sequence: number, updatedAt: string }> } | null }> } };

export type OrderSummaryFragment = { id: string, customerId: string, partnerId: string | null, currency: string, total: number, status: OrderStatus, reservationId: string | null, createdAt: string, updatedAt: string };

export type OrderDetailFragment = { id: string, customerId: string, partnerId: string | null, currency: string, total: number, status: OrderStatus, reservationId: string | null, createdAt: string, updatedAt: string, items: Array<{ productId: string, warehouseId: string | null, quantity: number, unitPrice: number, lineTotal: number }>, statusHistory: Array<{ status: OrderStatus, at: string, actor: string, reason: string | null }> };

export type OrdersQueryVariables = Exact<{
  status?: OrderStatus | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type OrdersQuery = { orders: { nextToken: string | null, items: Array<{ id: string, customerId: string, partnerId: string | null, currency: string, total: number, status: OrderStatus, reservationId: string | null, createdAt: string, updatedAt: string }> } };

export type OrdersByCustomerQueryVariables = Exact<{
  customerId: string | number;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type OrdersByCustomerQuery = { ordersByCustomer: { nextToken: string | null, items: Array<{ id: string, customerId: string, partnerId: string | null, currency: string, total: number, status: OrderStatus, reservationId: string | null, createdAt: string, updatedAt: string }> } };

export type OrderQueryVariables = Exact<{
  id: string | number;
}>;


export type OrderQuery = { order: { id: string, customerId: string, partnerId: string | null, currency: string, total: number, status: OrderStatus, reservationId: string | null, createdAt: string, updatedAt: string, items: Array<{ productId: string, warehouseId: string | null, quantity: number, unitPrice: number, lineTotal: number }>, statusHistory: Array<{ status: OrderStatus, at: string, actor: string, reason: string | null }> } | null };

export type UpdateOrderStatusMutationVariables = Exact<{
  id: string | number;
  status: OrderStatus;
  expectedStatus?: OrderStatus | null | undefined;
}>;


export type UpdateOrderStatusMutation = { updateOrderStatus: { id: string, customerId: string, partnerId: string | null, currency: string, total: number, status: OrderStatus, reservationId: string | null, createdAt: string, updatedAt: string, items: Array<{ productId: string, warehouseId: string | null, quantity: number, unitPrice: number, lineTotal: number }>, statusHistory: Array<{ status: OrderStatus, at: string, actor: string, reason: string | null }> } };

export type CancelOrderMutationVariables = Exact<{
  id: string | number;
  reason?: string | null | undefined;
}>;


export type CancelOrderMutation = { cancelOrder: { id: string, customerId: string, partnerId: string | null, currency: string, total: number, status: OrderStatus, reservationId: string | null, createdAt: string, updatedAt: string, items: Array<{ productId: string, warehouseId: string | null, quantity: number, unitPrice: number, lineTotal: number }>, statusHistory: Array<{ status: OrderStatus, at: string, actor: string, reason: string | null }> } };

export type PartnerKeyFieldsFragment = { keyId: string, partnerId: string, scopes: Array<string>, status: PartnerKeyStatus, createdAt: string, lastUsedAt: string | null, revokedAt: string | null };

export type PartnerKeysQueryVariables = Exact<{
  partnerId?: string | number | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type PartnerKeysQuery = { partnerKeys: { nextToken: string | null, items: Array<{ keyId: string, partnerId: string, scopes: Array<string>, status: PartnerKeyStatus, createdAt: string, lastUsedAt: string | null, revokedAt: string | null }> } };

export type CreatePartnerKeyMutationVariables = Exact<{
  partnerId: string | number;
  scopes: Array<string> | string;
}>;


export type CreatePartnerKeyMutation = { createPartnerKey: { keyId: string, partnerId: string, scopes: Array<string>, createdAt: string, secret: string } };

export type RevokePartnerKeyMutationVariables = Exact<{
  keyId: string | number;
}>;


export type RevokePartnerKeyMutation = { revokePartnerKey: { keyId: string, partnerId: string, scopes: Array<string>, status: PartnerKeyStatus, createdAt: string, lastUsedAt: string | null, revokedAt: string | null } };

export type ReservationFieldsFragment = { id: string, requestId: string, status: ReservationStatus, partnerId: string | null, expiresAt: string, createdAt: string, updatedAt: string, lines: Array<{ productId: string, warehouseId: string, quantity: number }> };

export type ReservationQueryVariables = Exact<{
  id: string | number;
}>;


export type ReservationQuery = { reservation: { id: string, requestId: string, status: ReservationStatus, partnerId: string | null, expiresAt: string, createdAt: string, updatedAt: string, lines: Array<{ productId: string, warehouseId: string, quantity: number }> } | null };

export type ReleaseReservationMutationVariables = Exact<{
  id: string | number;
}>;


export type ReleaseReservationMutation = { releaseReservation: { id: string, requestId: string, status: ReservationStatus, partnerId: string | null, expiresAt: string, createdAt: string, updatedAt: string, lines: Array<{ productId: string, warehouseId: string, quantity: number }> } };

export type ReservationsQueryVariables = Exact<{
  status?: ReservationStatus | null | undefined;
  partnerId?: string | number | null | undefined;
  productId?: string | number | null | undefined;
  limit?: number | null | undefined;
  nextToken?: string | null | undefined;
}>;


export type ReservationsQuery = { reservations: { nextToken: string | null, items: Array<{ id: string, requestId: string, status: ReservationStatus, partnerId: string | null, expiresAt: string, createdAt: string, updatedAt: string, lines: Array<{ productId: string, warehouseId: string, quantity: number }> }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const AlertFieldsFragmentDoc = new TypedDocumentString(`
    fragment AlertFields on Alert {
  id
  type
  productId
  warehouseId
  available
  onHand
  threshold
  status
  createdAt
  resolvedAt
}
    `, {"fragmentName":"AlertFields"}) as unknown as TypedDocumentString<AlertFieldsFragment, unknown>;
export const ProductFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProductFields on Product {
  id
  name
  description
  price
  currency
  category
  attributes
  popularity
  version
  updatedAt
}
    `, {"fragmentName":"ProductFields"}) as unknown as TypedDocumentString<ProductFieldsFragment, unknown>;
export const ImportFieldsFragmentDoc = new TypedDocumentString(`
    fragment ImportFields on CustomerImport {
  id
  fileName
  status
  dryRun
  rowsTotal
  rowsRead
  rowsApplied
  rowsSkippedOlder
  rowsInvalid
  rowsWouldCreate
  rowsWouldUpdate
  createdAt
  uploadExpiresAt
  startedAt
  finishedAt
  failureReason
}
    `, {"fragmentName":"ImportFields"}) as unknown as TypedDocumentString<ImportFieldsFragment, unknown>;
export const StockItemFragmentDoc = new TypedDocumentString(`
    fragment StockItem on InventoryItem {
  productId
  warehouseId
  onHand
  reserved
  available
  threshold
  status
  version
  sequence
  updatedAt
}
    `, {"fragmentName":"StockItem"}) as unknown as TypedDocumentString<StockItemFragment, unknown>;
export const OrderSummaryFragmentDoc = new TypedDocumentString(`
    fragment OrderSummary on Order {
  id
  customerId
  partnerId
  currency
  total
  status
  reservationId
  createdAt
  updatedAt
}
    `, {"fragmentName":"OrderSummary"}) as unknown as TypedDocumentString<OrderSummaryFragment, unknown>;
export const OrderDetailFragmentDoc = new TypedDocumentString(`
    fragment OrderDetail on Order {
  ...OrderSummary
  items {
    productId
    warehouseId
    quantity
    unitPrice
    lineTotal
  }
  statusHistory {
    status
    at
    actor
    reason
  }
}
    fragment OrderSummary on Order {
  id
  customerId
  partnerId
  currency
  total
  status
  reservationId
  createdAt
  updatedAt
}`, {"fragmentName":"OrderDetail"}) as unknown as TypedDocumentString<OrderDetailFragment, unknown>;
export const PartnerKeyFieldsFragmentDoc = new TypedDocumentString(`
    fragment PartnerKeyFields on PartnerKey {
  keyId
  partnerId
  scopes
  status
  createdAt
  lastUsedAt
  revokedAt
}
    `, {"fragmentName":"PartnerKeyFields"}) as unknown as TypedDocumentString<PartnerKeyFieldsFragment, unknown>;
export const ReservationFieldsFragmentDoc = new TypedDocumentString(`
    fragment ReservationFields on Reservation {
  id
  requestId
  status
  partnerId
  expiresAt
  createdAt
  updatedAt
  lines {
    productId
    warehouseId
    quantity
  }
}
    `, {"fragmentName":"ReservationFields"}) as unknown as TypedDocumentString<ReservationFieldsFragment, unknown>;
export const AlertsDocument = new TypedDocumentString(`
    query Alerts($status: AlertStatus, $limit: Int, $nextToken: String) {
  alerts(status: $status, limit: $limit, nextToken: $nextToken) {
    items {
      ...AlertFields
    }
    nextToken
  }
}
    fragment AlertFields on Alert {
  id
  type
  productId
  warehouseId
  available
  onHand
  threshold
  status
  createdAt
  resolvedAt
}`) as unknown as TypedDocumentString<AlertsQuery, AlertsQueryVariables>;
export const AcknowledgeAlertDocument = new TypedDocumentString(`
    mutation AcknowledgeAlert($id: ID!) {
  acknowledgeAlert(id: $id) {
    ...AlertFields
  }
}
    fragment AlertFields on Alert {
  id
  type
  productId
  warehouseId
  available
  onHand
  threshold
  status
  createdAt
  resolvedAt
}`) as unknown as TypedDocumentString<AcknowledgeAlertMutation, AcknowledgeAlertMutationVariables>;
export const OnLowStockDocument = new TypedDocumentString(`
    subscription OnLowStock {
  onLowStock {
    ...AlertFields
  }
}
    fragment AlertFields on Alert {
  id
  type
  productId
  warehouseId
  available
  onHand
  threshold
  status
  createdAt
  resolvedAt
}`) as unknown as TypedDocumentString<OnLowStockSubscription, OnLowStockSubscriptionVariables>;
export const ProductsByCategoryDocument = new TypedDocumentString(`
    query ProductsByCategory($category: String!, $sort: ProductSort, $limit: Int, $nextToken: String) {
  productsByCategory(
    category: $category
    sort: $sort
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      ...ProductFields
    }
    nextToken
  }
}
    fragment ProductFields on Product {
  id
  name
  description
  price
  currency
  category
  attributes
  popularity
  version
  updatedAt
}`) as unknown as TypedDocumentString<ProductsByCategoryQuery, ProductsByCategoryQueryVariables>;
export const SearchProductsDocument = new TypedDocumentString(`
    query SearchProducts($prefix: String!, $category: String, $limit: Int, $nextToken: String) {
  searchProducts(
    prefix: $prefix
    category: $category
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      ...ProductFields
    }
    nextToken
  }
}
    fragment ProductFields on Product {
  id
  name
  description
  price
  currency
  category
  attributes
  popularity
  version
  updatedAt
}`) as unknown as TypedDocumentString<SearchProductsQuery, SearchProductsQueryVariables>;
export const ProductDocument = new TypedDocumentString(`
    query Product($id: ID!) {
  product(id: $id) {
    ...ProductFields
  }
}
    fragment ProductFields on Product {
  id
  name
  description
  price
  currency
  category
  attributes
  popularity
  version
  updatedAt
}`) as unknown as TypedDocumentString<ProductQuery, ProductQueryVariables>;
export const UpsertProductDocument = new TypedDocumentString(`
    mutation UpsertProduct($input: UpsertProductInput!, $expectedVersion: Int) {
  upsertProduct(input: $input, expectedVersion: $expectedVersion) {
    ...ProductFields
  }
}
    fragment ProductFields on Product {
  id
  name
  description
  price
  currency
  category
  attributes
  popularity
  version
  updatedAt
}`) as unknown as TypedDocumentString<UpsertProductMutation, UpsertProductMutationVariables>;
export const StartCustomerImportDocument = new TypedDocumentString(`
    mutation StartCustomerImport($fileName: String!, $dryRun: Boolean) {
  startCustomerImport(fileName: $fileName, dryRun: $dryRun) {
    importId
    uploadUrl
    expiresAt
  }
}
    `) as unknown as TypedDocumentString<StartCustomerImportMutation, StartCustomerImportMutationVariables>;
export const CustomerImportDocument = new TypedDocumentString(`
    query CustomerImport($id: ID!) {
  customerImport(id: $id) {
    ...ImportFields
  }
}
    fragment ImportFields on CustomerImport {
  id
  fileName
  status
  dryRun
  rowsTotal
  rowsRead
  rowsApplied
  rowsSkippedOlder
  rowsInvalid
  rowsWouldCreate
  rowsWouldUpdate
  createdAt
  uploadExpiresAt
  startedAt
  finishedAt
  failureReason
}`) as unknown as TypedDocumentString<CustomerImportQuery, CustomerImportQueryVariables>;
export const CustomerImportReportDocument = new TypedDocumentString(`
    query CustomerImportReport($id: ID!) {
  customerImport(id: $id) {
    id
    errorReportUrl
  }
}
    `) as unknown as TypedDocumentString<CustomerImportReportQuery, CustomerImportReportQueryVariables>;
export const CustomerImportsDocument = new TypedDocumentString(`
    query CustomerImports($limit: Int, $nextToken: String) {
  customerImports(limit: $limit, nextToken: $nextToken) {
    items {
      ...ImportFields
    }
    nextToken
  }
}
    fragment ImportFields on CustomerImport {
  id
  fileName
  status
  dryRun
  rowsTotal
  rowsRead
  rowsApplied
  rowsSkippedOlder
  rowsInvalid
  rowsWouldCreate
  rowsWouldUpdate
  createdAt
  uploadExpiresAt
  startedAt
  finishedAt
  failureReason
}`) as unknown as TypedDocumentString<CustomerImportsQuery, CustomerImportsQueryVariables>;
export const OnImportProgressDocument = new TypedDocumentString(`
    subscription OnImportProgress($importId: ID!) {
  onImportProgress(importId: $importId) {
    ...ImportFields
  }
}
    fragment ImportFields on CustomerImport {
  id
  fileName
  status
  dryRun
  rowsTotal
  rowsRead
  rowsApplied
  rowsSkippedOlder
  rowsInvalid
  rowsWouldCreate
  rowsWouldUpdate
  createdAt
  uploadExpiresAt
  startedAt
  finishedAt
  failureReason
}`) as unknown as TypedDocumentString<OnImportProgressSubscription, OnImportProgressSubscriptionVariables>;
export const ProductStockDocument = new TypedDocumentString(`
    query ProductStock($productId: ID!) {
  productStock(productId: $productId) {
    productId
    onHand
    reserved
    available
    status
    items {
      ...StockItem
    }
  }
}
    fragment StockItem on InventoryItem {
  productId
  warehouseId
  onHand
  reserved
  available
  threshold
  status
  version
  sequence
  updatedAt
}`) as unknown as TypedDocumentString<ProductStockQuery, ProductStockQueryVariables>;
export const StockLevelDocument = new TypedDocumentString(`
    query StockLevel($productId: ID!, $warehouseId: ID!) {
  stockLevel(productId: $productId, warehouseId: $warehouseId) {
    ...StockItem
  }
}
    fragment StockItem on InventoryItem {
  productId
  warehouseId
  onHand
  reserved
  available
  threshold
  status
  version
  sequence
  updatedAt
}`) as unknown as TypedDocumentString<StockLevelQuery, StockLevelQueryVariables>;
export const StockLedgerDocument = new TypedDocumentString(`
    query StockLedger($productId: ID!, $warehouseId: ID!, $sinceSequence: Int, $limit: Int, $nextToken: String) {
  stockLedger(
    productId: $productId
    warehouseId: $warehouseId
    sinceSequence: $sinceSequence
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      sequence
      reason
      actor
      reference
      onHandDelta
      reservedDelta
      onHandAfter
      reservedAfter
      availableAfter
      at
    }
    nextToken
  }
}
    `) as unknown as TypedDocumentString<StockLedgerQuery, StockLedgerQueryVariables>;
export const SetStockDocument = new TypedDocumentString(`
    mutation SetStock($input: SetStockInput!) {
  setStock(input: $input) {
    ...StockItem
  }
}
    fragment StockItem on InventoryItem {
  productId
  warehouseId
  onHand
  reserved
  available
  threshold
  status
  version
  sequence
  updatedAt
}`) as unknown as TypedDocumentString<SetStockMutation, SetStockMutationVariables>;
export const ReceiveStockDocument = new TypedDocumentString(`
    mutation ReceiveStock($input: ReceiveStockInput!) {
  receiveStock(input: $input) {
    ...StockItem
  }
}
    fragment StockItem on InventoryItem {
  productId
  warehouseId
  onHand
  reserved
  available
  threshold
  status
  version
  sequence
  updatedAt
}`) as unknown as TypedDocumentString<ReceiveStockMutation, ReceiveStockMutationVariables>;
export const CheckConsistencyDocument = new TypedDocumentString(`
    query CheckConsistency($productId: ID!, $nextToken: String) {
  checkInventoryConsistency(productId: $productId, nextToken: $nextToken) {
    productId
    consistent
    complete
    nextToken
    items {
      warehouseId
      onHand
      reserved
      available
      expectedReserved
      expectedOnHand
      ledgerBehind
      mismatches
    }
  }
}
    `) as unknown as TypedDocumentString<CheckConsistencyQuery, CheckConsistencyQueryVariables>;
export const RepairInventoryDocument = new TypedDocumentString(`
    mutation RepairInventory($productId: ID!, $warehouseId: ID!, $nextToken: String) {
  repairInventory(
    productId: $productId
    warehouseId: $warehouseId
    nextToken: $nextToken
  ) {
    ...StockItem
    complete
    nextToken
  }
}
    fragment StockItem on InventoryItem {
  productId
  warehouseId
  onHand
  reserved
  available
  threshold
  status
  version
  sequence
  updatedAt
}`) as unknown as TypedDocumentString<RepairInventoryMutation, RepairInventoryMutationVariables>;
export const InventoryItemsDocument = new TypedDocumentString(`
    query InventoryItems($category: String, $warehouseId: ID, $status: StockStatus, $limit: Int, $nextToken: String) {
  inventoryItems(
    category: $category
    warehouseId: $warehouseId
    status: $status
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      ...StockItem
      category
    }
    nextToken
  }
}
    fragment StockItem on InventoryItem {
  productId
  warehouseId
  onHand
  reserved
  available
  threshold
  status
  version
  sequence
  updatedAt
}`) as unknown as TypedDocumentString<InventoryItemsQuery, InventoryItemsQueryVariables>;
export const InventoryByNameDocument = new TypedDocumentString(`
    query InventoryByName($prefix: String!, $category: String, $limit: Int, $nextToken: String) {
  searchProducts(
    prefix: $prefix
    category: $category
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      id
      name
      category
      stock {
        items {
          ...StockItem
        }
      }
    }
    nextToken
  }
}
    fragment StockItem on InventoryItem {
  productId
  warehouseId
  onHand
  reserved
  available
  threshold
  status
  version
  sequence
  updatedAt
}`) as unknown as TypedDocumentString<InventoryByNameQuery, InventoryByNameQueryVariables>;
export const OrdersDocument = new TypedDocumentString(`
    query Orders($status: OrderStatus, $limit: Int, $nextToken: String) {
  orders(status: $status, limit: $limit, nextToken: $nextToken) {
    items {
      ...OrderSummary
    }
    nextToken
  }
}
    fragment OrderSummary on Order {
  id
  customerId
  partnerId
  currency
  total
  status
  reservationId
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<OrdersQuery, OrdersQueryVariables>;
export const OrdersByCustomerDocument = new TypedDocumentString(`
    query OrdersByCustomer($customerId: ID!, $limit: Int, $nextToken: String) {
  ordersByCustomer(customerId: $customerId, limit: $limit, nextToken: $nextToken) {
    items {
      ...OrderSummary
    }
    nextToken
  }
}
    fragment OrderSummary on Order {
  id
  customerId
  partnerId
  currency
  total
  status
  reservationId
  createdAt
  updatedAt
}`) as unknown as TypedDocumentString<OrdersByCustomerQuery, OrdersByCustomerQueryVariables>;
export const OrderDocument = new TypedDocumentString(`
    query Order($id: ID!) {
  order(id: $id) {
    ...OrderDetail
  }
}
    fragment OrderSummary on Order {
  id
  customerId
  partnerId
  currency
  total
  status
  reservationId
  createdAt
  updatedAt
}
fragment OrderDetail on Order {
  ...OrderSummary
  items {
    productId
    warehouseId
    quantity
    unitPrice
    lineTotal
  }
  statusHistory {
    status
    at
    actor
    reason
  }
}`) as unknown as TypedDocumentString<OrderQuery, OrderQueryVariables>;
export const UpdateOrderStatusDocument = new TypedDocumentString(`
    mutation UpdateOrderStatus($id: ID!, $status: OrderStatus!, $expectedStatus: OrderStatus) {
  updateOrderStatus(id: $id, status: $status, expectedStatus: $expectedStatus) {
    ...OrderDetail
  }
}
    fragment OrderSummary on Order {
  id
  customerId
  partnerId
  currency
  total
  status
  reservationId
  createdAt
  updatedAt
}
fragment OrderDetail on Order {
  ...OrderSummary
  items {
    productId
    warehouseId
    quantity
    unitPrice
    lineTotal
  }
  statusHistory {
    status
    at
    actor
    reason
  }
}`) as unknown as TypedDocumentString<UpdateOrderStatusMutation, UpdateOrderStatusMutationVariables>;
export const CancelOrderDocument = new TypedDocumentString(`
    mutation CancelOrder($id: ID!, $reason: String) {
  cancelOrder(id: $id, reason: $reason) {
    ...OrderDetail
  }
}
    fragment OrderSummary on Order {
  id
  customerId
  partnerId
  currency
  total
  status
  reservationId
  createdAt
  updatedAt
}
fragment OrderDetail on Order {
  ...OrderSummary
  items {
    productId
    warehouseId
    quantity
    unitPrice
    lineTotal
  }
  statusHistory {
    status
    at
    actor
    reason
  }
}`) as unknown as TypedDocumentString<CancelOrderMutation, CancelOrderMutationVariables>;
export const PartnerKeysDocument = new TypedDocumentString(`
    query PartnerKeys($partnerId: ID, $limit: Int, $nextToken: String) {
  partnerKeys(partnerId: $partnerId, limit: $limit, nextToken: $nextToken) {
    items {
      ...PartnerKeyFields
    }
    nextToken
  }
}
    fragment PartnerKeyFields on PartnerKey {
  keyId
  partnerId
  scopes
  status
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<PartnerKeysQuery, PartnerKeysQueryVariables>;
export const CreatePartnerKeyDocument = new TypedDocumentString(`
    mutation CreatePartnerKey($partnerId: ID!, $scopes: [String!]!) {
  createPartnerKey(partnerId: $partnerId, scopes: $scopes) {
    keyId
    partnerId
    scopes
    createdAt
    secret
  }
}
    `) as unknown as TypedDocumentString<CreatePartnerKeyMutation, CreatePartnerKeyMutationVariables>;
export const RevokePartnerKeyDocument = new TypedDocumentString(`
    mutation RevokePartnerKey($keyId: ID!) {
  revokePartnerKey(keyId: $keyId) {
    ...PartnerKeyFields
  }
}
    fragment PartnerKeyFields on PartnerKey {
  keyId
  partnerId
  scopes
  status
  createdAt
  lastUsedAt
  revokedAt
}`) as unknown as TypedDocumentString<RevokePartnerKeyMutation, RevokePartnerKeyMutationVariables>;
export const ReservationDocument = new TypedDocumentString(`
    query Reservation($id: ID!) {
  reservation(id: $id) {
    ...ReservationFields
  }
}
    fragment ReservationFields on Reservation {
  id
  requestId
  status
  partnerId
  expiresAt
  createdAt
  updatedAt
  lines {
    productId
    warehouseId
    quantity
  }
}`) as unknown as TypedDocumentString<ReservationQuery, ReservationQueryVariables>;
export const ReleaseReservationDocument = new TypedDocumentString(`
    mutation ReleaseReservation($id: ID!) {
  releaseReservation(id: $id) {
    ...ReservationFields
  }
}
    fragment ReservationFields on Reservation {
  id
  requestId
  status
  partnerId
  expiresAt
  createdAt
  updatedAt
  lines {
    productId
    warehouseId
    quantity
  }
}`) as unknown as TypedDocumentString<ReleaseReservationMutation, ReleaseReservationMutationVariables>;
export const ReservationsDocument = new TypedDocumentString(`
    query Reservations($status: ReservationStatus, $partnerId: ID, $productId: ID, $limit: Int, $nextToken: String) {
  reservations(
    status: $status
    partnerId: $partnerId
    productId: $productId
    limit: $limit
    nextToken: $nextToken
  ) {
    items {
      ...ReservationFields
    }
    nextToken
  }
}
    fragment ReservationFields on Reservation {
  id
  requestId
  status
  partnerId
  expiresAt
  createdAt
  updatedAt
  lines {
    productId
    warehouseId
    quantity
  }
}`) as unknown as TypedDocumentString<ReservationsQuery, ReservationsQueryVariables>;