import mongoose from 'mongoose';
import { isDatabaseUnavailable } from './database-unavailable';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error('x'), { name }, extra);

describe('isDatabaseUnavailable', () => {
  it('recognises the driver errors of an unreachable database, by their real classes', () => {
    const { MongoServerSelectionError, MongoNetworkError, MongoNetworkTimeoutError, MongoNotConnectedError, MongoTopologyClosedError } = mongoose.mongo;
    // What the driver passes: the topology as it saw it (no servers, no error of its own).
    const description = { servers: new Map(), error: null } as never;
    for (const error of [
      new MongoServerSelectionError('Server selection timed out after 10000 ms', description),
      new MongoNetworkError('connection refused'),
      new MongoNetworkTimeoutError('timed out'),
      new MongoNotConnectedError('not connected'),
      new MongoTopologyClosedError(),
    ]) {
      expect({ name: error.name, unavailable: isDatabaseUnavailable(error) }).toEqual({ name: error.name, unavailable: true });
    }
  });

  it('recognises a primary stepping down, mongoose giving up on its buffer, and a wrapped cause', () => {
    expect(isDatabaseUnavailable(named('MongoServerError', { code: 10107 }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('Operation `events.insertOne()` buffering timed out after 10000ms'), { name: 'MongooseError' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('append failed', { cause: named('MongoPoolClearedError') }))).toBe(true);
  });

  it('recognises a bulk write the lost connection failed (an outbox marker, the first write of a placement), and not one a duplicate key did', () => {
    expect(isDatabaseUnavailable(named('MongoBulkWriteError', { errorResponse: new mongoose.mongo.MongoNetworkError('connect ECONNREFUSED 127.0.0.1:27017') }))).toBe(true);
    expect(isDatabaseUnavailable(named('MongoBulkWriteError', { code: 11000, errorResponse: named('MongoServerError', { code: 11000 }) }))).toBe(false);
  });

  it('leaves request and programming errors alone', () => {
    expect(isDatabaseUnavailable(named('MongoServerError', { code: 11000 }))).toBe(false);
    expect(isDatabaseUnavailable(named('MongoServerError', { code: 2 }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'zh-CN')"))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
