/**
 * What `startStockroom` takes and what it gives back: the programmatic form of `stockroom start`
 * that `npm start` and the tests share (local/server/start.ts).
 */
import type { FaultController, FaultInjection } from '../../datasources/fault-injection.js';
import type { ConnectionFacts } from '../../services/connection-file.js';
import type { EventBridgeEndpoint } from '../../services/eventbridge/server.js';
import type { SnsEndpoint } from '../../services/sns/server.js';
import type { DevTokenOptions, DevUserPool } from '../auth/dev-jwt.js';
import type { LambdaAuthorizer } from '../auth/lambda-authorizer.js';
import type { LocalIamCredentials } from '../auth/sigv4.js';
import type { Limits } from '../graphql.js';
import type { ConnectionLimits } from '../realtime/connection.js';
import type { RealtimeServer } from '../realtime/server.js';

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  /** Throw-away DynamoDB Local and credentials (nothing persisted). */
  readonly inMemory?: boolean;
  /** Wipe persisted data first. */
  readonly reset?: boolean;
  /** Use a running DynamoDB (tests); nothing is started or stopped. */
  readonly dynamoEndpoint?: string;
  /** Stage of the table names (`stockroom-<stage>-main`); default `local`. */
  readonly stage?: string;
  /** Where persisted state lives; default `<project>/.stockroom`. */
  readonly stateDir?: string;
  /** Load demo data when this is a first start; default true. */
  readonly demoData?: boolean;
  /** Write `<stateDir>/local.json`; default true. */
  readonly writeConnectionFile?: boolean;
  readonly limits?: Partial<Limits>;
  readonly maxBodyBytes?: number;
  /** Overrides the wired authorizer result TTL (tests). */
  readonly authorizerTtlSeconds?: number;
  /** DynamoDB faults to inject from the start (the `--faults` flag); default: `STOCKROOM_FAULTS`. */
  readonly faults?: Partial<FaultInjection>;
  /** Run the wired schedules on their rates (default true); `runFunction` works either way. */
  readonly schedules?: boolean;
  readonly log?: (message: string) => void;
  /** Real-time connection limits and timers (tests shorten the keep-alive and idle timeouts). */
  readonly realtime?: Partial<ConnectionLimits>;
  /** HTTPS + WSS on `port` with the state folder's self-signed certificate (`local/server/tls.ts`). */
  readonly tls?: boolean;
}

export interface Stockroom extends ConnectionFacts {
  readonly port: number;
  /** Where this run's connection facts were written (undefined with `writeConnectionFile: false`). */
  readonly connectionFile: string | undefined;
  readonly stage: string;
  readonly tableName: string;
  readonly dynamoEndpoint: string;
  readonly userPool: DevUserPool;
  readonly authorizer: LambdaAuthorizer | undefined;
  readonly iam: LocalIamCredentials;
  /** A Cognito-shaped dev token (e.g. a non-admin user). */
  issueToken(options: DevTokenOptions): Promise<string>;
  /** DynamoDB faults AWS would raise under contention (transaction conflicts, throttling). */
  readonly faults: FaultController;
  /** Resolves once every change written so far went through the stream functions (ledger...). */
  drainStreams(): Promise<void>;
  /** Invokes a wired function now with its trigger's event shape (a schedule's Scheduled Event). */
  runFunction(name: string): Promise<unknown>;
  /** The `/graphql/realtime` WebSocket server. */
  readonly realtime: RealtimeServer;
  /** The local EventBridge endpoint and its bus (`stockroom-<stage>-bus`): accepted events, DLQ. */
  readonly eventBridge: EventBridgeEndpoint;
  /** The local SNS endpoint (the alert topic) and the messages published to it. */
  readonly sns: SnsEndpoint;
  stop(): Promise<void>;
}
