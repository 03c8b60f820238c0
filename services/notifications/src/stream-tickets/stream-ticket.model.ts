import { Principal } from '@lantern/identity';
import { Connection, Model, Schema } from 'mongoose';

/**
 * A short-lived, single-use permission to open one SSE stream, for browsers (EventSource cannot
 * send an Authorization header). Only a hash of the ticket is stored: a copy of the database
 * does not hold usable tickets.
 */
export interface StreamTicket {
  /** sha256 of the ticket: redeeming is an `_id` lookup and an `_id` delete. */
  _id: string;
  /** Whose stream it opens: the claims of the token that asked for it. */
  principal: Principal;
  createdAt: Date;
  expiresAt: Date;
}

const schema = new Schema<StreamTicket>(
  {
    _id: { type: String, required: true },
    principal: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'stream_tickets', versionKey: false, minimize: false },
);
// Serves: a replica's one sweep of expired, never-redeemed tickets at its first issue, on MongoDB
// (FerretDB scans a collection holding about one TTL's worth of tickets). No TTL index: FerretDB
// has none; otherwise the replica that issued a ticket deletes it by `_id` once it expired.
schema.index({ expiresAt: 1 });

export const streamTicketModel = (connection: Connection): Model<StreamTicket> =>
  (connection.models.StreamTicket as Model<StreamTicket>) ?? connection.model('StreamTicket', schema);
