import { OrderPlacedV1, validateEventData } from '@lantern/contracts';
import { eventDocumentId, StoredEvent, storedEventModel } from '@lantern/event-store';
import { orderPlacedData } from '@lantern/testing';
import { randomUUID } from 'node:crypto';
import { Connection } from 'mongoose';
import { withDeadline } from './deadline';

/** One insertMany of 1,000 events: 0.1–2 s here; one with no answer after this has hung. */
const INSERT_DEADLINE_MS = 120_000;

const BATCH = 1000;
export const SEED_STREAM_LENGTH = 10;

/** A valid stored event (contract-checked data, every indexed field written), already published. */
export function storedEvent(streamId: string, version: number, published = true): StoredEvent {
  const time = new Date();
  return {
    _id: eventDocumentId(streamId, version),
    streamId,
    version,
    eventId: randomUUID(),
    type: OrderPlacedV1.type,
    data: validateEventData(OrderPlacedV1.type, { ...orderPlacedData(streamId, { residentId: 'res-bench' }), version }) as Record<string, unknown>,
    time,
    correlationId: null,
    causationId: null,
    traceparent: null,
    actor: null,
    publishedAt: published ? time : null,
  };
}

/** Whole streams of `length` events, as insertable documents. */
export function streamsOf(prefix: string, streams: number, length = SEED_STREAM_LENGTH, published = true): StoredEvent[] {
  return Array.from({ length: streams }, (_, index) => `${prefix}_${index}`).flatMap((streamId) =>
    Array.from({ length }, (_, offset) => storedEvent(streamId, offset + 1, published)),
  );
}

export async function insertEvents(connection: Connection, documents: StoredEvent[]): Promise<void> {
  const events = storedEventModel(connection).collection;
  for (let from = 0; from < documents.length; from += BATCH) {
    const batch = documents.slice(from, from + BATCH);
    await withDeadline(`insertMany of ${batch.length} events into ${connection.name}.events`, INSERT_DEADLINE_MS, events.insertMany(batch as never[], { ordered: false }));
  }
}

/**
 * Grows the `events` collection from `current` to at least `target` documents with published
 * 10-event streams; returns the new size. (Callers keep the count: a count on FerretDB scans.)
 */
export async function growEventsTo(connection: Connection, current: number, target: number): Promise<number> {
  const streams = Math.ceil(Math.max(0, target - current) / SEED_STREAM_LENGTH);
  const prefix = `seed_${randomUUID().slice(0, 8)}`;
  const perBatch = BATCH / SEED_STREAM_LENGTH;
  for (let from = 0; from < streams; from += perBatch) {
    await insertEvents(connection, streamsOf(`${prefix}_${from}`, Math.min(perBatch, streams - from)));
  }
  return current + streams * SEED_STREAM_LENGTH;
}
