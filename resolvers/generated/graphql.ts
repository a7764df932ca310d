export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  AWSDate: { input: string; output: string; }
  AWSDateTime: { input: string; output: string; }
  AWSEmail: { input: string; output: string; }
  AWSIPAddress: { input: string; output: string; }
  AWSJSON: { input: unknown; output: unknown; }
  AWSPhone: { input: string; output: string; }
  AWSTime: { input: string; output: string; }
  AWSTimestamp: { input: number; output: number; }
  AWSURL: { input: string; output: string; }
};

/** A stock alert of one item: opened when available falls to or below the threshold (LOW_STOCK) or below zero (OVERSOLD), resolved when it rises above the threshold. */
export type Alert = {
  __typename?: 'Alert';
  /** The item's counters when the alert opened. */
  available: Scalars['Int']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  onHand: Scalars['Int']['output'];
  productId: Scalars['ID']['output'];
  resolvedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  status: AlertStatus;
  threshold: Scalars['Int']['output'];
  type: AlertType;
  warehouseId: Scalars['ID']['output'];
};

export type AlertConnection = {
  __typename?: 'AlertConnection';
  items: Array<Alert>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type AlertInput = {
  available: Scalars['Int']['input'];
  createdAt: Scalars['AWSDateTime']['input'];
  id: Scalars['ID']['input'];
  onHand: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
  resolvedAt?: InputMaybe<Scalars['AWSDateTime']['input']>;
  status: AlertStatus;
  threshold: Scalars['Int']['input'];
  type: AlertType;
  warehouseId: Scalars['ID']['input'];
};

export type AlertStatus =
  | 'ACKNOWLEDGED'
  | 'OPEN'
  | 'RESOLVED';

export type AlertType =
  | 'LOW_STOCK'
  | 'OVERSOLD';

export type CommitStockInput = {
  /** 1–100 lines; lines for the same product and warehouse are summed, to at most 10,000 per product and warehouse. */
  lines: Array<ReservationLineInput>;
  requestId: Scalars['ID']['input'];
};

export type ConsistencyReport = {
  __typename?: 'ConsistencyReport';
  /** False while holds remain to be counted: pass nextToken back to continue (null from older servers). */
  complete?: Maybe<Scalars['Boolean']['output']>;
  /** False (with empty items) until the check is complete. */
  consistent: Scalars['Boolean']['output'];
  items: Array<ItemConsistency>;
  /** Opaque, server-side continuation of this check (15 minutes, single use); null when complete. */
  nextToken?: Maybe<Scalars['String']['output']>;
  productId: Scalars['ID']['output'];
};

export type CreateOrderInput = {
  /** An ISO 4217 currency code, e.g. EUR. */
  currency: Scalars['String']['input'];
  /** Letters, digits, `_` and `-`, 3–64 characters, starting with a letter or digit. */
  customerId: Scalars['ID']['input'];
  /** Idempotency key (or the Idempotency-Key header; both given must agree): a duplicate within 24 h returns the original order. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** 1–50 items; the whole input must serialize to at most 1,024 UTF-8 bytes (which caps real orders well below 50 items). */
  items: Array<OrderItemInput>;
  /** Checkout: confirm this ACTIVE reservation and commit its stock in the same transaction. Its per-product totals must equal the items' quantities. */
  reservationId?: InputMaybe<Scalars['ID']['input']>;
};

/** A new key: `secret` is the full key to hand to the partner, shown this one time. */
export type CreatedPartnerKey = {
  __typename?: 'CreatedPartnerKey';
  createdAt: Scalars['AWSDateTime']['output'];
  keyId: Scalars['ID']['output'];
  partnerId: Scalars['ID']['output'];
  scopes: Array<Scalars['String']['output']>;
  secret: Scalars['String']['output'];
};

export type Customer = {
  __typename?: 'Customer';
  createdAt: Scalars['AWSDateTime']['output'];
  email: Scalars['String']['output'];
  firstName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  lastName?: Maybe<Scalars['String']['output']>;
  /** E.164. */
  phone?: Maybe<Scalars['String']['output']>;
  /** The source's updated_at (or the file's LastModified): the newest wins. */
  updatedAt: Scalars['AWSDateTime']['output'];
};

export type CustomerConnection = {
  __typename?: 'CustomerConnection';
  items: Array<Customer>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type CustomerImport = {
  __typename?: 'CustomerImport';
  createdAt: Scalars['AWSDateTime']['output'];
  dryRun: Scalars['Boolean']['output'];
  /** A presigned GET of imports/errors/<id>.csv (row, column, reason, line), made when read; null without invalid rows. */
  errorReportUrl?: Maybe<Scalars['String']['output']>;
  failureReason?: Maybe<Scalars['String']['output']>;
  fileName: Scalars['String']['output'];
  finishedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Rows written (in a dry run: 0). */
  rowsApplied: Scalars['Int']['output'];
  rowsInvalid: Scalars['Int']['output'];
  rowsRead: Scalars['Int']['output'];
  /** Rows whose updated_at was not newer than the stored customer's. */
  rowsSkippedOlder: Scalars['Int']['output'];
  /** Known once the whole file has been read. */
  rowsTotal?: Maybe<Scalars['Int']['output']>;
  /** Dry run: rows that would create a customer. */
  rowsWouldCreate: Scalars['Int']['output'];
  /** Dry run: rows that would update a customer. */
  rowsWouldUpdate: Scalars['Int']['output'];
  startedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  status: CustomerImportStatus;
  /** When the upload link of startCustomerImport expires (null for a job created on arrival of a dropped file). A job with no file 15 minutes after it is FAILED. */
  uploadExpiresAt?: Maybe<Scalars['AWSDateTime']['output']>;
};

export type CustomerImportConnection = {
  __typename?: 'CustomerImportConnection';
  items: Array<CustomerImport>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type CustomerImportStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'PENDING'
  | 'RUNNING';

export type CustomerImportUpload = {
  __typename?: 'CustomerImportUpload';
  expiresAt: Scalars['AWSDateTime']['output'];
  importId: Scalars['ID']['output'];
  /** PUT the file's bytes here (Content-Type text/csv). */
  uploadUrl: Scalars['String']['output'];
};

export type ImportProgressInput = {
  createdAt: Scalars['AWSDateTime']['input'];
  dryRun: Scalars['Boolean']['input'];
  /** The error report's key (the subscriber's errorReportUrl is signed from it). */
  errorReportKey?: InputMaybe<Scalars['String']['input']>;
  failureReason?: InputMaybe<Scalars['String']['input']>;
  fileName: Scalars['String']['input'];
  finishedAt?: InputMaybe<Scalars['AWSDateTime']['input']>;
  id: Scalars['ID']['input'];
  rowsApplied: Scalars['Int']['input'];
  rowsInvalid: Scalars['Int']['input'];
  rowsRead: Scalars['Int']['input'];
  rowsSkippedOlder: Scalars['Int']['input'];
  rowsTotal?: InputMaybe<Scalars['Int']['input']>;
  rowsWouldCreate: Scalars['Int']['input'];
  rowsWouldUpdate: Scalars['Int']['input'];
  startedAt?: InputMaybe<Scalars['AWSDateTime']['input']>;
  status: CustomerImportStatus;
  uploadExpiresAt?: InputMaybe<Scalars['AWSDateTime']['input']>;
};

export type InventoryItem = {
  __typename?: 'InventoryItem';
  available: Scalars['Int']['output'];
  /** The product's category (null when the item has none; listed as "uncategorized" by inventoryItems). */
  category?: Maybe<Scalars['String']['output']>;
  /** Only repairInventory sets this: false while its holds are still being counted (nothing written yet). */
  complete?: Maybe<Scalars['Boolean']['output']>;
  /** Only repairInventory sets this: the opaque continuation to pass back while complete is false. */
  nextToken?: Maybe<Scalars['String']['output']>;
  /** Partners, admins and IAM only: the storefront key reads null with an Unauthorized error (nullable so that its selection of available and status never errors). */
  onHand?: Maybe<Scalars['Int']['output']>;
  productId: Scalars['ID']['output'];
  /** Partners, admins and IAM only (see onHand). */
  reserved?: Maybe<Scalars['Int']['output']>;
  sequence: Scalars['Int']['output'];
  status: StockStatus;
  /** Partners, admins and IAM only (see onHand). */
  threshold?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
  warehouseId: Scalars['ID']['output'];
};

export type InventoryItemConnection = {
  __typename?: 'InventoryItemConnection';
  items: Array<InventoryItem>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type ItemConsistency = {
  __typename?: 'ItemConsistency';
  available: Scalars['Int']['output'];
  /** The sum of the ledger's onHand movements. */
  expectedOnHand: Scalars['Int']['output'];
  /** What ACTIVE reservations hold. */
  expectedReserved: Scalars['Int']['output'];
  /** The ledger trails the item (change-stream lag): onHand was not compared. */
  ledgerBehind: Scalars['Boolean']['output'];
  ledgerSequence: Scalars['Int']['output'];
  mismatches: Array<Scalars['String']['output']>;
  onHand: Scalars['Int']['output'];
  reserved: Scalars['Int']['output'];
  sequence: Scalars['Int']['output'];
  warehouseId: Scalars['ID']['output'];
};

export type LedgerEntry = {
  __typename?: 'LedgerEntry';
  /** Who: admin:<user>, partner:<id> or system:<function>. */
  actor: Scalars['String']['output'];
  at: Scalars['AWSDateTime']['output'];
  availableAfter: Scalars['Int']['output'];
  onHandAfter: Scalars['Int']['output'];
  onHandDelta: Scalars['Int']['output'];
  reason: StockMovementReason;
  reference?: Maybe<Scalars['String']['output']>;
  reservedAfter: Scalars['Int']['output'];
  reservedDelta: Scalars['Int']['output'];
  sequence: Scalars['Int']['output'];
};

export type LedgerPage = {
  __typename?: 'LedgerPage';
  items: Array<LedgerEntry>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Acknowledges an OPEN alert (admin): InvalidTransition from any other status, NotFound for an unknown id. */
  acknowledgeAlert: Alert;
  /** Cancels a PENDING or PAID order; an order created from a reservation gets its committed stock back (ledger reason RESTOCKED) in the same transaction. */
  cancelOrder: Order;
  /** Decrements stock directly, without a prior hold. Idempotent on `requestId`. */
  commitStock: StockCommit;
  /** Turns a hold into a permanent decrement (checkout succeeded). Fails with ReservationExpired after `expiresAt`. */
  confirmReservation: Reservation;
  /** Creates an order (partners: orders:write, plus inventory:reserve with a reservationId). Idempotent on `idempotencyKey` or the `Idempotency-Key` header for 24 h, and on an identical payload for 15 s. With a reservationId, the order, the reservation's confirmation and its stock commit are one transaction. */
  createOrder: Order;
  /** Issues a partner API key (admin). The secret is in this response only; the server keeps a salted hash. */
  createPartnerKey: CreatedPartnerKey;
  /** Moves the deadline of an ACTIVE hold to now + ttlSeconds (at most 24 h after it was created). */
  extendReservation: Reservation;
  /** Internal (IAM): pushes one alert to onLowStock subscribers (the low-stock alerter calls it). Changes nothing. */
  publishAlert?: Maybe<Alert>;
  /** Internal (IAM): pushes an import job's progress to its subscribers (the ingest job calls it). Changes nothing. */
  publishImportProgress?: Maybe<CustomerImport>;
  /** Internal (IAM): pushes an order after a status change to its subscribers (the stream publisher calls it). Changes nothing. */
  publishOrderChange?: Maybe<Order>;
  /** Internal (IAM): pushes one stock change to its subscribers (the stream publisher calls it). Changes nothing. */
  publishStockChange?: Maybe<StockChange>;
  /** Adds received units to a stock item (admin). */
  receiveStock: InventoryItem;
  /** Releases an ACTIVE hold. Repeating it returns the released reservation. */
  releaseReservation: Reservation;
  /** Sets reserved to what ACTIVE reservations hold (ledger reason RECONCILED) (admin). Bounded per call: while `complete` is false nothing was written; call again with the returned `nextToken`. */
  repairInventory: InventoryItem;
  /** Holds stock for every line at once, or for none. Idempotent on `requestId` for 24 hours. */
  reserveStock: Reservation;
  /** Revokes a partner API key at once (admin). Repeating it returns the revoked key. */
  revokePartnerKey: PartnerKey;
  /** Compare-and-set of a stock item (admin). Below `reserved` is allowed and reported as oversold. */
  setStock: InventoryItem;
  /** Creates a PENDING import job (a dry run only validates) and a presigned S3 PUT for the file (valid 15 minutes). */
  startCustomerImport: CustomerImportUpload;
  /** Moves an order along PENDING → PAID → SHIPPED → DELIVERED (a conditional write). With `expectedStatus`, only from that status. */
  updateOrderStatus: Order;
  /** Creates or replaces a product (admin). With `expectedVersion`, only if the stored version still equals it (0: only if new); VersionConflict otherwise. */
  upsertProduct: Product;
};


export type MutationAcknowledgeAlertArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
};


export type MutationCommitStockArgs = {
  input: CommitStockInput;
};


export type MutationConfirmReservationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCreateOrderArgs = {
  input: CreateOrderInput;
};


export type MutationCreatePartnerKeyArgs = {
  partnerId: Scalars['ID']['input'];
  scopes: Array<Scalars['String']['input']>;
};


export type MutationExtendReservationArgs = {
  id: Scalars['ID']['input'];
  ttlSeconds: Scalars['Int']['input'];
};


export type MutationPublishAlertArgs = {
  input: AlertInput;
};


export type MutationPublishImportProgressArgs = {
  input: ImportProgressInput;
};


export type MutationPublishOrderChangeArgs = {
  input: OrderChangeInput;
};


export type MutationPublishStockChangeArgs = {
  input: StockChangeInput;
};


export type MutationReceiveStockArgs = {
  input: ReceiveStockInput;
};


export type MutationReleaseReservationArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRepairInventoryArgs = {
  nextToken?: InputMaybe<Scalars['String']['input']>;
  productId: Scalars['ID']['input'];
  warehouseId: Scalars['ID']['input'];
};


export type MutationReserveStockArgs = {
  input: ReserveStockInput;
};


export type MutationRevokePartnerKeyArgs = {
  keyId: Scalars['ID']['input'];
};


export type MutationSetStockArgs = {
  input: SetStockInput;
};


export type MutationStartCustomerImportArgs = {
  dryRun?: InputMaybe<Scalars['Boolean']['input']>;
  fileName: Scalars['String']['input'];
};


export type MutationUpdateOrderStatusArgs = {
  expectedStatus?: InputMaybe<OrderStatus>;
  id: Scalars['ID']['input'];
  status: OrderStatus;
};


export type MutationUpsertProductArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  input: UpsertProductInput;
};

export type Order = {
  __typename?: 'Order';
  createdAt: Scalars['AWSDateTime']['output'];
  currency: Scalars['String']['output'];
  customerId: Scalars['ID']['output'];
  id: Scalars['ID']['output'];
  items: Array<OrderItem>;
  /** The partner that created it; null when an admin did. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  reservationId?: Maybe<Scalars['ID']['output']>;
  status: OrderStatus;
  /** Every status the order has had, oldest first. */
  statusHistory: Array<OrderStatusChange>;
  total: Scalars['Int']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
};

/** An order as stored after a change: every field of Order (the publisher selects them all). */
export type OrderChangeInput = {
  createdAt: Scalars['AWSDateTime']['input'];
  currency: Scalars['String']['input'];
  customerId: Scalars['ID']['input'];
  id: Scalars['ID']['input'];
  items: Array<OrderChangeItemInput>;
  partnerId?: InputMaybe<Scalars['ID']['input']>;
  reservationId?: InputMaybe<Scalars['ID']['input']>;
  status: OrderStatus;
  statusHistory: Array<OrderStatusChangeInput>;
  total: Scalars['Int']['input'];
  updatedAt: Scalars['AWSDateTime']['input'];
};

export type OrderChangeItemInput = {
  lineTotal: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
  quantity: Scalars['Int']['input'];
  unitPrice: Scalars['Int']['input'];
  warehouseId?: InputMaybe<Scalars['ID']['input']>;
};

export type OrderConnection = {
  __typename?: 'OrderConnection';
  items: Array<Order>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type OrderItem = {
  __typename?: 'OrderItem';
  lineTotal: Scalars['Int']['output'];
  productId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  unitPrice: Scalars['Int']['output'];
  /** The warehouse the units were committed from; null when the order did not come from a reservation. */
  warehouseId?: Maybe<Scalars['ID']['output']>;
};

export type OrderItemInput = {
  productId: Scalars['ID']['input'];
  /** 1–100. */
  quantity: Scalars['Int']['input'];
  /** Minor units, ≥ 0. */
  unitPrice: Scalars['Int']['input'];
};

export type OrderStatus =
  | 'CANCELED'
  | 'DELIVERED'
  | 'PAID'
  | 'PENDING'
  | 'SHIPPED';

export type OrderStatusChange = {
  __typename?: 'OrderStatusChange';
  /** Who: admin:<user> or partner:<id>. */
  actor: Scalars['String']['output'];
  at: Scalars['AWSDateTime']['output'];
  reason?: Maybe<Scalars['String']['output']>;
  status: OrderStatus;
};

export type OrderStatusChangeInput = {
  actor: Scalars['String']['input'];
  at: Scalars['AWSDateTime']['input'];
  reason?: InputMaybe<Scalars['String']['input']>;
  status: OrderStatus;
};

export type PartnerKey = {
  __typename?: 'PartnerKey';
  createdAt: Scalars['AWSDateTime']['output'];
  keyId: Scalars['ID']['output'];
  /** Last successful authorization (updated at most once a minute). */
  lastUsedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  partnerId: Scalars['ID']['output'];
  revokedAt?: Maybe<Scalars['AWSDateTime']['output']>;
  scopes: Array<Scalars['String']['output']>;
  status: PartnerKeyStatus;
};

export type PartnerKeyPage = {
  __typename?: 'PartnerKeyPage';
  items: Array<PartnerKey>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type PartnerKeyStatus =
  | 'ACTIVE'
  | 'REVOKED';

export type Product = {
  __typename?: 'Product';
  attributes?: Maybe<Scalars['AWSJSON']['output']>;
  category: Scalars['String']['output'];
  createdAt: Scalars['AWSDateTime']['output'];
  currency: Scalars['String']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Distinct orders that included the product. */
  popularity: Scalars['Int']['output'];
  /** Minor units (cents). */
  price: Scalars['Int']['output'];
  /** Its stock in every warehouse (as productStock); null when it has none. */
  stock?: Maybe<ProductStock>;
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
};

export type ProductConnection = {
  __typename?: 'ProductConnection';
  items: Array<Product>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type ProductSort =
  | 'NAME'
  | 'POPULARITY';

export type ProductStock = {
  __typename?: 'ProductStock';
  /** Sum over the warehouses; a whole number (Float, see onHand). Negative when oversold. */
  available: Scalars['Float']['output'];
  items: Array<InventoryItem>;
  /** Sum over the warehouses. Always a whole number; Float because the sum can pass Int's 2^31−1 (each item is capped at 1,000,000,000). Partners, admins and IAM only (null with an Unauthorized error for the storefront key). */
  onHand?: Maybe<Scalars['Float']['output']>;
  productId: Scalars['ID']['output'];
  /** Sum over the warehouses; a whole number (Float, see onHand). Partners, admins and IAM only. */
  reserved?: Maybe<Scalars['Float']['output']>;
  status: StockStatus;
};

export type Query = {
  __typename?: 'Query';
  /** Stock alerts, all or those in one status, newest first (admin). `limit` 1–100 (default 20). */
  alerts: AlertConnection;
  /** Recomputes reserved from ACTIVE reservations and onHand from the ledger, and reports every mismatch (admin). Bounded per call: while `complete` is false, call again with the returned `nextToken` (docs/api.md). */
  checkInventoryConsistency: ConsistencyReport;
  /** A customer by id (admin). */
  customer?: Maybe<Customer>;
  /** A customer import job by id (admin). */
  customerImport?: Maybe<CustomerImport>;
  /** Customer import jobs, newest first. `limit` 1–100 (default 20). */
  customerImports: CustomerImportConnection;
  /** Customers by email (lowercased prefix match; all of them without a prefix), email order. `limit` 1–100 (default 20). */
  customers: CustomerConnection;
  /** Inventory items, filtered by any of category (absent category = "uncategorized"), warehouse and status (admin). Served by indexes, never a scan. `limit` 1–100 (default 20); a page may hold fewer items than `limit` while `nextToken` is non-null. */
  inventoryItems: InventoryItemConnection;
  /** An order by id (strongly consistent). Partners (orders:read) see only their own; another partner's order reads as missing. */
  order?: Maybe<Order>;
  /** All orders, or those in one status, newest first (admin). `limit` 1–100 (default 20). */
  orders: OrderConnection;
  /** A customer's orders, newest first, optionally created within [from, to]. `limit` 1–100 (default 20). Partners list only their own orders. */
  ordersByCustomer: OrderConnection;
  /** Partner API keys (admin), newest last per partner; secrets are never returned here. */
  partnerKeys: PartnerKeyPage;
  /** A product by id (strongly consistent). Open to every auth mode. */
  product?: Maybe<Product>;
  /** A product's stock in every warehouse, with totals: one strongly consistent read. Null when the product has no stock records. */
  productStock?: Maybe<ProductStock>;
  /** One category's products, most popular first (default) or by name (case- and accent-insensitive). `limit` 1–100 (default 20). */
  productsByCategory: ProductConnection;
  /** Popular products the customer has not bought, favouring the categories they buy from (admins; partners with orders:read, from their own orders of the customer). `limit` 1–50 (default 10). */
  recommendations: Array<Product>;
  /** A reservation. Partners see only their own. */
  reservation?: Maybe<Reservation>;
  /** Reservations, newest first (admin): all, or one partner's, optionally in one status and holding one product. `limit` 1–100 (default 20) counts the index entries read: a page can hold fewer items (even none) while `nextToken` is set. */
  reservations: ReservationConnection;
  /** Products with a name word starting with `prefix` (one word; case- and accent-insensitive: "cafe" finds "Café Crème"), optionally in one category, in word order. `limit` 1–100 (default 20). */
  searchProducts: ProductConnection;
  /** Stock movements of one item after `sinceSequence` (exclusive), oldest first. */
  stockLedger: LedgerPage;
  /** Stock of one product in one warehouse (strongly consistent). Storefront key, partners and admins. */
  stockLevel?: Maybe<InventoryItem>;
};


export type QueryAlertsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<AlertStatus>;
};


export type QueryCheckInventoryConsistencyArgs = {
  nextToken?: InputMaybe<Scalars['String']['input']>;
  productId: Scalars['ID']['input'];
};


export type QueryCustomerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomerImportArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCustomerImportsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QueryCustomersArgs = {
  emailPrefix?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
};


export type QueryInventoryItemsArgs = {
  category?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<StockStatus>;
  warehouseId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};


export type QueryOrdersArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<OrderStatus>;
};


export type QueryOrdersByCustomerArgs = {
  customerId: Scalars['ID']['input'];
  from?: InputMaybe<Scalars['AWSDateTime']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['AWSDateTime']['input']>;
};


export type QueryPartnerKeysArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  partnerId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProductStockArgs = {
  productId: Scalars['ID']['input'];
};


export type QueryProductsByCategoryArgs = {
  category: Scalars['String']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  sort?: InputMaybe<ProductSort>;
};


export type QueryRecommendationsArgs = {
  customerId: Scalars['ID']['input'];
  limit?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryReservationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryReservationsArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  partnerId?: InputMaybe<Scalars['ID']['input']>;
  productId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<ReservationStatus>;
};


export type QuerySearchProductsArgs = {
  category?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  prefix: Scalars['String']['input'];
};


export type QueryStockLedgerArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
  nextToken?: InputMaybe<Scalars['String']['input']>;
  productId: Scalars['ID']['input'];
  sinceSequence?: InputMaybe<Scalars['Int']['input']>;
  warehouseId: Scalars['ID']['input'];
};


export type QueryStockLevelArgs = {
  productId: Scalars['ID']['input'];
  warehouseId: Scalars['ID']['input'];
};

export type ReceiveStockInput = {
  productId: Scalars['ID']['input'];
  /** Units received, 1–1,000,000; the item's onHand after the receipt must not exceed 1,000,000,000 (ValidationError otherwise, nothing written). */
  quantity: Scalars['Int']['input'];
  /** Why (delivery note, purchase order...); kept in the ledger. */
  reference?: InputMaybe<Scalars['String']['input']>;
  /** Optional idempotency key: a retry with the same key (within 24 h) adds nothing and returns the item. */
  requestId?: InputMaybe<Scalars['ID']['input']>;
  warehouseId: Scalars['ID']['input'];
};

export type Reservation = {
  __typename?: 'Reservation';
  createdAt: Scalars['AWSDateTime']['output'];
  expiresAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  lines: Array<ReservationLine>;
  /** The partner that made it; null when an admin did. */
  partnerId?: Maybe<Scalars['ID']['output']>;
  requestId: Scalars['ID']['output'];
  status: ReservationStatus;
  updatedAt: Scalars['AWSDateTime']['output'];
};

export type ReservationConnection = {
  __typename?: 'ReservationConnection';
  items: Array<Reservation>;
  nextToken?: Maybe<Scalars['String']['output']>;
};

export type ReservationLine = {
  __typename?: 'ReservationLine';
  productId: Scalars['ID']['output'];
  quantity: Scalars['Int']['output'];
  warehouseId: Scalars['ID']['output'];
};

export type ReservationLineInput = {
  productId: Scalars['ID']['input'];
  /** 1–10,000. The limit holds after summing too: lines of one product for the same warehouse (after allocation) add up to at most 10,000 (ValidationError naming the lines otherwise). */
  quantity: Scalars['Int']['input'];
  /** Without a warehouse, the line goes to the warehouse with the most available stock that can serve all of it. */
  warehouseId?: InputMaybe<Scalars['ID']['input']>;
};

export type ReservationStatus =
  | 'ACTIVE'
  | 'CONFIRMED'
  | 'EXPIRED'
  | 'RELEASED';

export type ReserveStockInput = {
  /** 1–100 lines; lines for the same product and warehouse are summed, to at most 10,000 per product and warehouse. */
  lines: Array<ReservationLineInput>;
  /** The client's idempotency key: a retry with the same key returns the original reservation. */
  requestId: Scalars['ID']['input'];
  /** Hold time, 60–86,400 seconds. Default 900 (15 minutes). */
  ttlSeconds?: InputMaybe<Scalars['Int']['input']>;
};

export type SetStockInput = {
  /** When given, the write only succeeds if the stored version still equals it (VersionConflict otherwise). */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  onHand: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
  threshold?: InputMaybe<Scalars['Int']['input']>;
  warehouseId: Scalars['ID']['input'];
};

/** One stock item after a change, in the item's order (`sequence`). */
export type StockChange = {
  __typename?: 'StockChange';
  /** When the change was written (updatedAt of the item). */
  at?: Maybe<Scalars['AWSDateTime']['output']>;
  available?: Maybe<Scalars['Int']['output']>;
  onHand?: Maybe<Scalars['Int']['output']>;
  productId: Scalars['ID']['output'];
  reason?: Maybe<StockMovementReason>;
  reserved?: Maybe<Scalars['Int']['output']>;
  /** The item's change sequence: a client that saw n and receives n+2 missed a change. */
  sequence: Scalars['Int']['output'];
  status?: Maybe<StockStatus>;
  threshold?: Maybe<Scalars['Int']['output']>;
  warehouseId: Scalars['ID']['output'];
};

export type StockChangeInput = {
  at: Scalars['AWSDateTime']['input'];
  available: Scalars['Int']['input'];
  onHand: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
  reason?: InputMaybe<StockMovementReason>;
  reserved: Scalars['Int']['input'];
  sequence: Scalars['Int']['input'];
  status: StockStatus;
  threshold: Scalars['Int']['input'];
  warehouseId: Scalars['ID']['input'];
};

export type StockCommit = {
  __typename?: 'StockCommit';
  createdAt: Scalars['AWSDateTime']['output'];
  id: Scalars['ID']['output'];
  lines: Array<ReservationLine>;
  partnerId?: Maybe<Scalars['ID']['output']>;
  requestId: Scalars['ID']['output'];
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

export type Subscription = {
  __typename?: 'Subscription';
  /** Live progress of one import job (every 1,000 rows or second, and when it ends). */
  onImportProgress?: Maybe<CustomerImport>;
  /** Alerts as the low-stock alerter opens them (admins). */
  onLowStock?: Maybe<Alert>;
  /** A customer's orders as they are created and change status (admins; partners with orders:read, only their own orders). */
  onOrderStatusChanged?: Maybe<Order>;
  /** Changes of one product (in one warehouse when warehouseId is given). */
  onStockChanged?: Maybe<StockChange>;
  /** Changes of any of 1–10 products (AppSync's filter limits; open one subscription per 10 products). */
  onStockChangedForProducts?: Maybe<StockChange>;
};


export type SubscriptionOnImportProgressArgs = {
  importId: Scalars['ID']['input'];
};


export type SubscriptionOnOrderStatusChangedArgs = {
  customerId: Scalars['ID']['input'];
};


export type SubscriptionOnStockChangedArgs = {
  productId: Scalars['ID']['input'];
  warehouseId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionOnStockChangedForProductsArgs = {
  productIds: Array<Scalars['ID']['input']>;
};

export type UpsertProductInput = {
  attributes?: InputMaybe<Scalars['AWSJSON']['input']>;
  /** 1-64 letters, digits, _ or -. */
  category: Scalars['String']['input'];
  /** ISO 4217, e.g. EUR. */
  currency: Scalars['String']['input'];
  /** At most 2,000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  /** The product's id: the same id its stock and orders use (1-64 letters, digits, _ or -). */
  id: Scalars['ID']['input'];
  /** 1-128 characters, at most 24 distinct words; searchable by the prefix of any word. */
  name: Scalars['String']['input'];
  /** Minor units (cents), 0 to 2,147,483,647. */
  price: Scalars['Int']['input'];
};
