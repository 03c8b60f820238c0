import { z } from 'zod';

/** The shared development secret of local mode: fine on a laptop, refused in production. */
export const DEVELOPMENT_JWT_SECRET = 'lantern-dev-secret';

/** The development key of resident pseudonyms (confidential orders): fine on a laptop, refused in production. */
export const DEVELOPMENT_PSEUDONYM_KEY = 'lantern-dev-pseudonym-key-not-for-production';

/** The development master key of per-person data keys: fine on a laptop, refused in production. */
export const DEVELOPMENT_PERSONAL_DATA_KEY = 'lantern-dev-personal-data-key-not-for-production';

const commaList = z
  .string()
  .min(1)
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

/** Variables every Lantern service understands. Services extend this with their own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535),
  /** Where HTTP listens: loopback unless told otherwise (containers set 0.0.0.0). */
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  MONGO_DB: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a plain database name'),
  /** How long a command waits for the database before it fails (then answered 503 with Retry-After). */
  MONGO_SERVER_SELECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** How long opening a connection (and its first hello) may take; a driver monitor whose heartbeat has no outcome in about twice this is taken as wedged (mongo-monitor-watchdog.ts). */
  MONGO_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  KAFKA_BROKERS: commaList,
  KAFKA_CLIENT_ID: z.string().optional(),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(100).default(6),
  /** HS256 secret of local mode. The default is for development only: refused when NODE_ENV=production (see production-rules.ts). */
  LANTERN_JWT_SECRET: z.string().min(8).default(DEVELOPMENT_JWT_SECRET),
  LANTERN_JWT_ISSUER: z.string().default('lantern'),
  /** The `aud` every token must carry. */
  LANTERN_JWT_AUDIENCE: z.string().min(1).default('lantern'),
  /** Longest token lifetime accepted (`exp − iat`); tokens without `iat` are refused. */
  LANTERN_JWT_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(24 * 3600),
  /** Clock difference tolerated with the token issuer (`exp`, `nbf`, and `iat` in the future). */
  LANTERN_JWT_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(60),
  /** When set, tokens are verified with RS256 against this JWKS instead of the shared secret. */
  LANTERN_JWKS_URL: z.string().url().optional(),
  /**
   * Seals the resident of a confidential order into the per-order pseudonym its events carry
   * (orders seals, notifications opens to tell the resident). Shared by the Lantern services
   * only, never by a downstream system. The default is for development only: refused when
   * NODE_ENV=production (see production-rules.ts).
   */
  LANTERN_PSEUDONYM_KEY: z.string().min(32).default(DEVELOPMENT_PSEUDONYM_KEY),
  /**
   * Wraps the per-person data keys this service stores (`person_keys`, @lantern/privacy), under
   * which personal fields are sealed at rest. Each service may have its own. Refused at its
   * development default when NODE_ENV=production (see production-rules.ts).
   */
  LANTERN_PERSONAL_DATA_KEY: z.string().min(32).default(DEVELOPMENT_PERSONAL_DATA_KEY),
  /** How often a replica drops the day buckets of expired records (dedupe, idempotency): one listCollections, then a drop per expired day. */
  RETENTION_SWEEP_INTERVAL_MS: z.coerce.number().int().min(1000).default(3_600_000),
  OUTBOX_SWEEP_GRACE_MS: z.coerce.number().int().min(0).default(3000),
  /** Consumer group; replicas of a service share it. Defaults to the service name. */
  CONSUMER_GROUP: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'must be a plain group id').optional(),
  /**
   * Where a group that has never committed starts: `earliest` (default) so a new service
   * loses nothing published before it existed; `latest` for throwaway groups such as tests.
   */
  CONSUMER_START_FROM: z.enum(['earliest', 'latest']).default('earliest'),
  CONSUMER_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(3),
  /**
   * How many bytes of records the consumer's fetch waits for, at most CONSUMER_FETCH_MAX_WAIT_MS
   * (kafkajs `minBytes`). 1, the default, takes each record as soon as it is there: for orders,
   * whose claims a journey waits on. Matching and notifications take 64 KB at most 100 ms
   * (below); volunteers and charity-sales 64 KB at most a second: nobody waits on their reactions
   * within the second, and most records they read are other services' events they pass over;
   * taken one at a time, each costs them a fetch and an offset commit.
   */
  CONSUMER_FETCH_MIN_BYTES: z.coerce.number().int().min(1).max(16 * 1024 * 1024).default(1),
  /**
   * The longest a fetch waits for CONSUMER_FETCH_MIN_BYTES (kafkajs `maxWaitTimeInMs`): with
   * more than 1 byte asked, the most a record can wait on the broker before this consumer takes
   * it, and how often an idle consumer asks. Default 1000 (an idle long poll; shutdowns and
   * rebalances are not held up longer). Matching and notifications wait for 64 KB at most 100 ms:
   * an offer then follows its order, and a message its event, within a tenth of a second, and a
   * busy stack sends them a few fetches a second instead of one per record.
   */
  CONSUMER_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(10).max(10_000).default(1000),
  /**
   * How many partitions a consumer handles at once (kafkajs `partitionsConsumedConcurrently`);
   * records of one partition are always handled one after the other, in order. A service reads
   * two to four topics of six partitions each, and a handler spends most of its time waiting on
   * the database: at 3, records of idle partitions queued behind busy ones. Journey driver, 16
   * journeys at a time: 8.71-8.89 journeys/s at 3 (two runs), 9.23-9.47 at 12 (three), 9.15 at 32.
   */
  CONSUMER_PARTITIONS_CONCURRENTLY: z.coerce.number().int().min(1).max(64).default(12),
  CONSUMER_RETRY_TOPIC_ATTEMPTS: z.coerce.number().int().min(0).default(2),
  CONSUMER_RETRY_DELAY_MS: z.coerce.number().int().min(0).default(1000),
  DEADLINE_POLL_INTERVAL_MS: z.coerce.number().int().min(20).default(1000),
  SEED_DEMO_DATA: booleanFlag.default('false'),
  /** A few weeks of orders, ratings and a closed survey, played through the handlers at start (npm start sets it; orders and matching read it). */
  SEED_DEMO_HISTORY: booleanFlag.default('false'),
  /** Largest JSON request body, in bytes; a larger one is answered 413. */
  HTTP_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(64 * 1024 * 1024).default(256 * 1024),
  /** Deepest nesting of objects and arrays in a JSON body; a deeper one is answered 400 before it is parsed. */
  HTTP_JSON_MAX_DEPTH: z.coerce.number().int().min(2).max(256).default(32),
  /**
   * Writes (POST, PUT, PATCH, DELETE) one token subject may make per minute, per replica; more are
   * answered 429 with Retry-After. 0 turns the limit off. High by default so that integrators and
   * the benchmark fit under it; lower it for deployments that face the public.
   */
  /**
   * The URL clients reach this service's API at (its OpenAPI `servers` entry), e.g.
   * `https://api.example.org/orders`. Unset, the document names the gateway's `X-Forwarded-Prefix`
   * of each request, or `/` when called directly.
   */
  OPENAPI_SERVER_URL: z.string().url().optional(),
  WRITE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;
