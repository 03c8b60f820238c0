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
function lookalike(token: string, unique: string, residentId: string): string {
  if (token === residentId) return `res-seed-${unique}`;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(token);
  if (uuid) {
    const hex = unique.padEnd(32, '0').slice(0, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
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
 * Writes `orders` copies of the templates (in turn) into their databases; the services must be
 * stopped (they would not know about what is written behind their back until they start). Stops
 * early, at a round of 500, once `budgetMs` has passed: `orders` in the outcome is what was written.
 */
export async function seedOrders(templates: JourneyTemplate[], orders: number, budgetMs: number, progress: (message: string) => void): Promise<SeedOutcome> {
  const started = performance.now();
  const copiers = templates.map((template) => new Copier(template));
  // 6 + 5 + 3 hex digits: this seeding (ids stay unique when it runs twice), the copy, the token.
  const seeding = randomBytes(3).toString('hex');
  const connections = new Map<string, Promise<Connection>>();
  const connectionTo = (database: string) => {
    let connection = connections.get(database);
    if (!connection) connections.set(database, (connection = mongoose.createConnection(benchInfra().mongoUrl, { dbName: database, autoIndex: false }).asPromise()));
    return connection;
  };
  const byCollection: Record<string, number> = {};
  let documents = 0;
  let lastReport = performance.now();
  /**
   * One writer per database, all at once. FerretDB keeps a SQLite file per database, so these
   * overlap; more writers per database measured slower (1,800 against 2,800 documents/s).
   */
  const write = async (round: Map<string, Map<string, Doc[]>>) => {
    await Promise.all(
      [...round].map(async ([database, collections]) => {
        const db = (await connectionTo(database)).db!;
        for (const [collection, docs] of collections) {
          for (let from = 0; from < docs.length; from += BATCH) await db.collection(collection).insertMany(docs.slice(from, from + BATCH) as never[]);
          byCollection[`${database}.${collection}`] = (byCollection[`${database}.${collection}`] ?? 0) + docs.length;
          documents += docs.length;
        }
      }),
    );
  };
  let writing: Promise<void> = Promise.resolve();
  let written = 0;
  try {
    for (let from = 0; from < orders && performance.now() - started < budgetMs; from += COPIES_PER_ROUND) {
      // The next round is generated while the last one is written.
      const round = new Map<string, Map<string, Doc[]>>();
      for (let copy = from; copy < Math.min(orders, from + COPIES_PER_ROUND); copy += 1) {
        for (const { database, collection, doc } of copiers[copy % copiers.length].copy(seeding, copy)) {
          const collections = round.get(database) ?? round.set(database, new Map()).get(database)!;
          (collections.get(collection) ?? collections.set(collection, []).get(collection)!).push(doc);
        }
      }
      await writing;
      writing = write(round);
      written = Math.min(orders, from + COPIES_PER_ROUND);
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        progress(`  seeded ${from.toLocaleString('en-US')} of ${orders.toLocaleString('en-US')} orders (${documents.toLocaleString('en-US')} documents, ${Math.round((performance.now() - started) / 1000)} s)`);
      }
    }
    await writing;
  } finally {
    await writing.catch(() => undefined);
    await Promise.all([...connections.values()].map(async (connection) => (await connection).close()));
  }
  return { orders: written, documents, seconds: Math.round(performance.now() - started) / 1000, byCollection };
}
