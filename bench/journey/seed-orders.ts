// Existing orders for the "flat with data" measurement: copies of finished journeys (see
// journey-template.ts) written straight into the services' databases while the services are
// stopped, in insertMany batches of 1,000. Each copy gets identifiers of its own — order, resident,
// event, delivery and message ids — of the same shape, so every copied document is a different
// order's, closed, its events published, its stream head and views in step, exactly as the
// services left the original.
import { randomBytes } from 'node:crypto';
import mongoose, { Connection, Types } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { benchInfra } from '../lib/bench-infra';
import { GaveUp, withDeadline } from '../lib/deadline';
import { Doc, isObjectId, JourneyTemplate, TemplateDocument } from './journey-template';

const BATCH = 1_000;
/** Copies generated at a time (~50 documents each): batches of ~1,000 for the per-order collections. */
const COPIES_PER_ROUND = 500;

export interface SeedOutcome {
  /** Orders written (fewer than asked if the time budget ran out). */
  orders: number;
  documents: number;
  seconds: number;
  /** `database.collection` → documents written. */
  byCollection: Record<string, number>;
}

/** A replacement of the same shape: `prefix_<hex>` keeps its prefix and length, UUIDs stay UUIDs. */
export function lookalike(token: string, unique: string, residentId: string): string {
  if (token === residentId) return `res-seed-${unique}`;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(token);
  if (uuid) {
    // 30 hex digits around the version (4) and variant (8) digits: every digit of `unique` is kept
    // (dropping the 13th and 17th made tokens 0x002 and 0x012 of one copy the same UUID).
    const hex = unique.padEnd(30, '0').slice(0, 30);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(12, 15)}-8${hex.slice(15, 18)}-${hex.slice(18, 30)}`;
  }
  const underscore = token.indexOf('_');
  const length = token.length - underscore - 1;
  if (length < unique.length) throw new Error(`cannot copy ${token}: too short to hold a unique id`);
  return `${token.slice(0, underscore + 1)}${unique.padEnd(length, '0').slice(0, length)}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Deep copy with every token replaced in every string (ids, references, texts that quote them). */
function rewrite(value: unknown, pattern: RegExp, replacements: Map<string, string>): unknown {
  if (typeof value === 'string') return value.replace(pattern, (token) => replacements.get(token) ?? token);
  if (Array.isArray(value)) return value.map((item) => rewrite(item, pattern, replacements));
  if (value && typeof value === 'object' && !(value instanceof Date) && !('_bsontype' in value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rewrite(item, pattern, replacements)]));
  }
  return value; // dates, numbers, BSON values
}

class Copier {
  private readonly pattern: RegExp;
  private readonly residentId: string;

  constructor(private readonly template: JourneyTemplate) {
    // Longest first, so that a token inside another (an order id inside an event _id) loses.
    this.pattern = new RegExp([...template.tokens].sort((a, b) => b.length - a.length).map(escape).join('|'), 'g');
    this.residentId = template.tokens[0];
  }

  /** The template's documents for copy number `copy` of the seeding `seeding`. */
  copy(seeding: string, copy: number): TemplateDocument[] {
    const replacements = new Map(
      this.template.tokens.map((token, index) => [token, lookalike(token, `${seeding}${copy.toString(16).padStart(5, '0')}${index.toString(16).padStart(3, '0')}`, this.residentId)]),
    );
    return this.template.documents.map(({ database, collection, doc }) => {
      const copy = rewrite(doc, this.pattern, replacements) as Doc;
      if (isObjectId(doc._id)) copy._id = new Types.ObjectId();
      return { database, collection, doc: copy };
    });
  }
}

/**
 * One insertMany of up to 1,000 documents takes 0.1–2 s here (more on a machine shared with test
 * suites); one that has not answered after this long is not coming back.
 */
const INSERT_DEADLINE_MS = 120_000;
const CLOSE_DEADLINE_MS = 30_000;
const REPORT_EVERY_MS = 15_000;

/** A write the seeder repeats after a lost answer: documents already there (by `_id`) are skipped. */
const onlyDuplicates = (error: unknown) =>
  error instanceof mongoose.mongo.MongoBulkWriteError && [error.writeErrors].flat().every((writeError) => writeError.code === 11000);

/**
 * The seeder's connections, one per database, and what each is writing: an insert that does not
 * answer in time is abandoned with its connection and written once more on a new one, and the
 * progress lines say what is in flight and for how long.
 */
class Writers {
  private readonly connections = new Map<string, Promise<Connection>>();
  private readonly inFlight = new Map<string, number>();

  connectionTo(database: string): Promise<Connection> {
    let connection = this.connections.get(database);
    if (!connection) {
      connection = mongoose.createConnection(benchInfra().mongoUrl, { dbName: database, autoIndex: false }).asPromise();
      this.connections.set(database, connection);
    }
    return connection;
  }

  async insert(database: string, collection: string, docs: Doc[], progress: (message: string) => void): Promise<void> {
    const what = `insertMany of ${docs.length.toLocaleString('en-US')} documents into ${database}.${collection}`;
    this.inFlight.set(what, performance.now());
    try {
      await withDeadline(what, INSERT_DEADLINE_MS, async () => (await this.connectionTo(database)).db!.collection(collection).insertMany(docs as never[]));
    } catch (error) {
      if (!(error instanceof GaveUp)) throw error;
      progress(`  ${error.message}: writing it again on a new connection (what the first one wrote is skipped by _id)`);
      await this.drop(database);
      await withDeadline(`${what}, written again`, INSERT_DEADLINE_MS, async () => {
        await (await this.connectionTo(database)).db!.collection(collection).insertMany(docs as never[], { ordered: false }).catch((failure: unknown) => {
          if (!onlyDuplicates(failure)) throw failure;
        });
      });
    } finally {
      this.inFlight.delete(what);
    }
  }

  /** What is being written now, the longest-running first. */
  describeInFlight(): string {
    const now = performance.now();
    return [...this.inFlight].map(([what, since]) => `${what} (${Math.round((now - since) / 1000)} s)`).join('; ') || 'nothing';
  }

  private async drop(database: string): Promise<void> {
    const connection = this.connections.get(database);
    this.connections.delete(database);
    // Forced: an insert still waiting on it is abandoned, not waited for.
    if (connection) await withDeadline(`the connection to ${database} to close`, CLOSE_DEADLINE_MS, async () => (await connection).close(true)).catch(() => undefined);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((database) => this.drop(database)));
  }
}

/**
 * Writes `orders` copies of the templates (in turn) into their databases; the services must be
 * stopped (they would not know about what is written behind their back until they start). Stops
 * early, at a round of 500, once `budgetMs` has passed: `orders` in the outcome is what was written.
 * Fails, naming the write, if an insert still has no answer after being written twice.
 */
export async function seedOrders(templates: JourneyTemplate[], orders: number, budgetMs: number, progress: (message: string) => void): Promise<SeedOutcome> {
  const started = performance.now();
  const copiers = templates.map((template) => new Copier(template));
  // 6 + 5 + 3 hex digits: this seeding (ids stay unique when it runs twice), the copy, the token.
  const seeding = randomBytes(3).toString('hex');
  const writers = new Writers();
  const byCollection: Record<string, number> = {};
  let documents = 0;
  let written = 0;
  const report = setInterval(() => {
    const seconds = Math.round((performance.now() - started) / 1000);
    progress(`  seeded ${written.toLocaleString('en-US')} of ${orders.toLocaleString('en-US')} orders (${documents.toLocaleString('en-US')} documents, ${seconds} s); writing: ${writers.describeInFlight()}`);
  }, REPORT_EVERY_MS);
  /**
   * One writer per database, all at once. FerretDB keeps a SQLite file per database, so these
   * overlap; more writers per database measured slower (1,800 against 2,800 documents/s). Every
   * database's writes settle before a failure is passed on, so none is left running behind it.
   */
  const write = async (round: Map<string, Map<string, Doc[]>>, copies: number) => {
    const outcomes = await Promise.allSettled(
      [...round].map(async ([database, collections]) => {
        for (const [collection, docs] of collections) {
          for (let from = 0; from < docs.length; from += BATCH) await writers.insert(database, collection, docs.slice(from, from + BATCH), progress);
          byCollection[`${database}.${collection}`] = (byCollection[`${database}.${collection}`] ?? 0) + docs.length;
          documents += docs.length;
        }
      }),
    );
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    written += copies;
  };
  let writing: Promise<void> = Promise.resolve();
  try {
    for (let from = 0; from < orders && performance.now() - started < budgetMs; from += COPIES_PER_ROUND) {
      // The next round is generated while the last one is written.
      const round = new Map<string, Map<string, Doc[]>>();
      const to = Math.min(orders, from + COPIES_PER_ROUND);
      for (let copy = from; copy < to; copy += 1) {
        for (const { database, collection, doc } of copiers[copy % copiers.length].copy(seeding, copy)) {
          const collections = round.get(database) ?? round.set(database, new Map()).get(database)!;
          (collections.get(collection) ?? collections.set(collection, []).get(collection)!).push(doc);
        }
      }
      await writing;
      writing = write(round, to - from);
    }
    await writing;
  } finally {
    clearInterval(report);
    await writing.catch(() => undefined);
    await writers.closeAll();
  }
  return { orders: written, documents, seconds: Math.round(performance.now() - started) / 1000, byCollection };
}
