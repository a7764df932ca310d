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

export type InventoryItem = {
  __typename?: 'InventoryItem';
  available: Scalars['Int']['output'];
  onHand: Scalars['Int']['output'];
  productId: Scalars['ID']['output'];
  reserved: Scalars['Int']['output'];
  sequence: Scalars['Int']['output'];
  status: StockStatus;
  threshold: Scalars['Int']['output'];
  updatedAt: Scalars['AWSDateTime']['output'];
  version: Scalars['Int']['output'];
  warehouseId: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Compare-and-set of a stock item (admin). */
  setStock: InventoryItem;
};


export type MutationSetStockArgs = {
  input: SetStockInput;
};

export type Query = {
  __typename?: 'Query';
  /** Stock of one product in one warehouse. Storefront key, partners and admins. */
  stockLevel?: Maybe<InventoryItem>;
};


export type QueryStockLevelArgs = {
  productId: Scalars['ID']['input'];
  warehouseId: Scalars['ID']['input'];
};

export type SetStockInput = {
  /** When given, the write only succeeds if the stored version still equals it (VersionConflict otherwise). */
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  onHand: Scalars['Int']['input'];
  productId: Scalars['ID']['input'];
  threshold?: InputMaybe<Scalars['Int']['input']>;
  warehouseId: Scalars['ID']['input'];
};

export type StockStatus =
  | 'IN_STOCK'
  | 'LOW_STOCK'
  | 'OUT_OF_STOCK';
