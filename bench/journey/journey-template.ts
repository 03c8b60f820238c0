// What one finished order journey left in the five services' databases, read back so that the
// seeder can write thousands of copies of it (seed-orders.ts). Copying real documents, written by
// the services themselves through the real event path, keeps the seeded data valid without the
// bench knowing any service's schema: events, stream heads, views, matching's cases, inbox
// messages… whatever a journey writes today.
//
// A document belongs to the journey when it mentions one of the journey's identifiers — its order
// id and resident id to begin with, then every id-like value (UUID, or `prefix_<hex>`: event,
// delivery and message ids) of the documents found, until no new document turns up — and its _id
// is one of them or id-like itself (`msg_<hash of event and recipient>`). A document that mentions
// the journey under a name-like _id (a per-worker counter, say) is shared by many orders and is
// left alone: copying it would only overwrite it.
import mongoose, { Connection } from 'mongoose';
import { benchInfra } from '../lib/bench-infra';
import { SERVICE_NAMES, ServiceStack } from './service-processes';

/**
 * Book-keeping rather than data: dedupe records of handled messages (read only by the _id of a
 * new message), outbox markers (a copied one would be published) and timers (a finished journey
 * has none; a copied one would fire).
 */
export const NOT_COPIED = new Set(['processed_messages', 'outbox_markers', 'deadlines', 'deadline_firings']);

const ID_LIKE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[a-z]{2,6}_[0-9a-f]{12,}\b/g;

export type Doc = Record<string, unknown> & { _id: unknown };

export interface TemplateDocument {
  database: string;
  collection: string;
  doc: Doc;
}

export interface JourneyTemplate {
  /** The identifiers a copy replaces (the resident's first, then the order's, then the rest). */
  tokens: string[];
  documents: TemplateDocument[];
}

export interface TemplateCapture {
  templates: JourneyTemplate[];
  /** `service.collection` → documents per journey. */
  perJourney: Record<string, number>;
  /** Collections whose documents mention a journey without being its own (not copied). */
  shared: string[];
}

export const isObjectId = (value: unknown) => typeof value === 'object' && value !== null && (value as { _bsontype?: string })._bsontype === 'ObjectId';

function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) value.forEach((item) => strings(item, into));
  else if (value && typeof value === 'object' && !(value instanceof Date) && !('_bsontype' in value)) Object.values(value).forEach((item) => strings(item, into));
  return into;
}

const mentions = (text: string, tokens: Set<string>) => [...tokens].some((token) => text.includes(token));
const ownId = (id: string, tokens: Set<string>) => mentions(id, tokens) || new RegExp(`^(${ID_LIKE.source})$`).test(id) || id.startsWith('ObjectId:');

interface Loaded {
  service: string;
  database: string;
  collection: string;
  doc: Doc;
  text: string;
  id: string;
}

async function loadAll(stack: ServiceStack): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const service of SERVICE_NAMES) {
    const { database } = stack[service];
    const connection: Connection = mongoose.createConnection(benchInfra().mongoUrl, { dbName: database, autoIndex: false });
    try {
      await connection.asPromise();
      const db = connection.db!;
      for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        if (NOT_COPIED.has(name.replace(/_\d{8}$/, ''))) continue; // day buckets (processed_messages_{yyyymmdd}) too
        // Small: these databases hold the demo data and this run's few journeys.
        for (const doc of (await db.collection(name).find({}).toArray()) as Doc[]) {
          const id = isObjectId(doc._id) ? `ObjectId:${String(doc._id)}` : strings(doc._id).join('\n');
          loaded.push({ service, database, collection: name, doc, text: strings(doc).join('\n'), id });
        }
      }
    } finally {
      await connection.close();
    }
  }
  return loaded;
}

/** The documents of each of these finished journeys, from the services' databases. */
export async function captureJourneys(stack: ServiceStack, journeys: { orderId: string; residentId: string }[]): Promise<TemplateCapture> {
  const all = await loadAll(stack);
  const perJourney: Record<string, number> = {};
  const shared = new Set<string>();
  const templates = journeys.map(({ orderId, residentId }) => {
    const tokens = new Set([residentId, orderId]);
    const chosen = new Set<Loaded>();
    for (let grown = true; grown; ) {
      grown = false;
      for (const item of all) {
        if (chosen.has(item) || !mentions(item.text, tokens)) continue;
        if (!ownId(item.id, tokens)) {
          shared.add(`${item.service}.${item.collection}`);
          continue;
        }
        chosen.add(item);
        grown = true;
        for (const found of item.text.match(ID_LIKE) ?? []) tokens.add(found);
      }
    }
    for (const item of chosen) perJourney[`${item.service}.${item.collection}`] = (perJourney[`${item.service}.${item.collection}`] ?? 0) + 1 / journeys.length;
    return { tokens: [...tokens], documents: [...chosen].map(({ database, collection, doc }) => ({ database, collection, doc })) };
  });
  return { templates, perJourney, shared: [...shared].filter((name) => !(name in perJourney)) };
}
