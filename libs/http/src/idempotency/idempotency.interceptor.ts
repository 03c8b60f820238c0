import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { getConnectionToken } from '../mongo-connection.token';
import type { FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { DAY_MS, dayBucket } from '@lantern/event-store';
import type { Logger } from '@lantern/logging';
import { Collection, Connection } from 'mongoose';
import { catchError, defer, from, mergeAll, mergeMap, Observable, of } from 'rxjs';
import { AuthenticatedRequest } from '../auth/auth.decorators';
import { badRequest, conflict, unprocessable } from '../problem/problem';
import { IDEMPOTENCY_RECORDS, IdempotencyRecord } from './idempotency-record.model';
import { YesterdaysKeys } from './yesterdays-keys';

export const IDEMPOTENT_ROUTE = 'lantern:idempotent';

/** This POST honours `Idempotency-Key`: same key + same body → same response; different body → 422. */
export const Idempotent = () => SetMetadata(IDEMPOTENT_ROUTE, true);

export type IdempotentRequest = AuthenticatedRequest & {
  /** Stable per (route, caller, key): handlers derive the ids of what they create from it. */
  idempotencySeed?: string;
};

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** What the interceptor accepts as an Idempotency-Key, for the OpenAPI document. */
export const IDEMPOTENCY_KEY_SCHEMA = { type: 'string', minLength: 1, maxLength: 200, pattern: KEY_PATTERN.source } as const;
/** A pending record older than this belonged to a request that died; the key may be reused. */
const ABANDONED_AFTER_MS = 60_000;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly yesterdaysKeys: YesterdaysKeys;

  constructor(
    private readonly reflector: Reflector,
    @Inject(getConnectionToken()) private readonly connection: Connection,
    logger?: Logger,
  ) {
    this.yesterdaysKeys = new YesterdaysKeys(connection, logger);
  }

  /** The day bucket of records first used at `at` (IDEMPOTENCY_RECORDS_RETENTION). */
  private bucket(at: Date): Collection<IdempotencyRecord> {
    return this.connection.collection<IdempotencyRecord>(dayBucket(IDEMPOTENCY_RECORDS, at)) as unknown as Collection<IdempotencyRecord>;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Every request passes here: the routes that are not @Idempotent() go on at once.
    if (context.getType() !== 'http' || !this.reflector.get<boolean>(IDEMPOTENT_ROUTE, context.getHandler())) return next.handle();
    return from(this.interceptIdempotent(context, next)).pipe(mergeAll());
  }

  private async interceptIdempotent(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw badRequest('Idempotency-Key must be 1-200 visible ASCII characters', [
        { field: 'header.idempotency-key', message: 'must be 1-200 visible ASCII characters' },
      ]);
    }
    const id = `idem:${request.method}:${request.routeOptions.url}:${request.principal?.sub ?? 'anonymous'}:${key}`;
    const requestHash = sha256(`${request.url}\n${canonical(request.body ?? null)}`);
    request.idempotencySeed = sha256(id).slice(0, 24);

    const { replay, records } = await this.claim(id, requestHash);
    if (replay) {
      void reply.header('idempotent-replayed', 'true');
      if (replay.status) void reply.status(replay.status);
      return of(replay.body);
    }
    // Deferred: a failure of what comes next, thrown or emitted, gives the key back (catchError).
    return defer(() => next.handle()).pipe(
      mergeMap((body) =>
        from(
          records
            .updateOne({ _id: id }, { $set: { state: 'done', status: reply.statusCode, body: body ?? null } })
            .then(() => body),
        ),
      ),
      catchError((error) =>
        // A failed request leaves no trace: the caller may fix it and retry with the same key.
        from(records.deleteOne({ _id: id }).then(() => Promise.reject(error))),
      ),
    );
  }

  /**
   * Takes the key for this request, or returns the stored response of an earlier identical one.
   * Insert first, into today's bucket: the primary key decides between two requests racing with
   * the same key. Then yesterday's bucket is read, since a key first used before midnight lives
   * there — only when it may hold the key (YesterdaysKeys): a fresh key costs the insert alone.
   * Only a taken key is read back.
   */
  private async claim(id: string, requestHash: string): Promise<{ replay?: IdempotencyRecord; records: Collection<IdempotencyRecord> }> {
    const now = new Date();
    const today = this.bucket(now);
    const yesterday = this.bucket(new Date(now.getTime() - DAY_MS));
    for (let attempt = 0; attempt < 3; attempt += 1) {
      let taken = false;
      try {
        await today.insertOne({ _id: id, requestHash, state: 'pending', status: null, body: null, createdAt: now } as never);
        taken = true;
      } catch (error) {
        if ((error as { code?: number }).code !== 11000) throw error;
      }
      if (taken) {
        if (!this.yesterdaysKeys.mayHold(id, now)) return { records: today };
        const earlier = await yesterday.findOne({ _id: id } as never);
        if (!earlier) return { records: today };
        // The key was first used yesterday: that record answers, and today's claim is given back.
        let replay: IdempotencyRecord | undefined;
        try {
          replay = this.settle(earlier, requestHash);
        } catch (refusal) {
          await today.deleteOne({ _id: id } as never);
          throw refusal;
        }
        if (!replay) {
          await yesterday.deleteOne({ _id: id } as never); // abandoned yesterday: today's claim stands
          return { records: today };
        }
        await today.deleteOne({ _id: id } as never);
        return { replay, records: yesterday };
      }
      const existing = await today.findOne({ _id: id } as never);
      if (!existing) continue; // its request failed and gave the key back a moment ago
      const replay = this.settle(existing, requestHash);
      if (replay) return { replay, records: today };
      await today.deleteOne({ _id: id } as never); // abandoned: take it over
    }
    throw conflict('A request with this Idempotency-Key is still in progress; retry shortly');
  }

  /** An earlier request with this key: its response (done), 422 (other body), 409 (in progress), or undefined (abandoned). */
  private settle(existing: IdempotencyRecord, requestHash: string): IdempotencyRecord | undefined {
    if (existing.requestHash !== requestHash) {
      throw unprocessable('This Idempotency-Key was already used with a different request body', [
        { field: 'header.idempotency-key', message: 'already used with a different request' },
      ]);
    }
    if (existing.state === 'done') return existing;
    if (Date.now() - existing.createdAt.getTime() < ABANDONED_AFTER_MS) {
      throw conflict('A request with this Idempotency-Key is still in progress; retry shortly');
    }
    return undefined;
  }
}
