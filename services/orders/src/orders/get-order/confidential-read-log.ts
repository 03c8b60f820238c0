import { MONGO_CONNECTION, Principal } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Connection, Model, Schema } from 'mongoose';

/** One read of a confidential order's details: who, which order, when. Written before the details are answered. */
export interface ConfidentialRead {
  /** `{orderId}:{readAt ms}:{uuid}`: one insert, never updated. */
  _id: string;
  orderId: string;
  readerId: string;
  readerRoles: string[];
  readAt: Date;
}

const schema = new Schema<ConfidentialRead>(
  {
    _id: { type: String, required: true },
    orderId: { type: String, required: true },
    readerId: { type: String, required: true },
    readerRoles: { type: [String], required: true },
    readAt: { type: Date, required: true },
  },
  { collection: 'confidential_reads', versionKey: false },
);

/**
 * The access log of confidential details (issue 13): every answer that contains the free-text
 * details or the feedback comment of a confidential order is recorded first, so a failed record
 * answers 5xx rather than an unaudited read. Append-only: nothing here updates or deletes a record.
 */
@Injectable()
export class ConfidentialReadLog {
  private readonly model: Model<ConfidentialRead>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.model =
      (connection.models.ConfidentialRead as Model<ConfidentialRead>) ?? connection.model<ConfidentialRead>('ConfidentialRead', schema);
  }

  async record(orderId: string, reader: Principal): Promise<void> {
    const readAt = new Date();
    await this.model.collection.insertOne({
      _id: `${orderId}:${readAt.getTime()}:${randomUUID()}`,
      orderId,
      readerId: reader.sub,
      readerRoles: [...reader.roles],
      readAt,
    } as never);
  }
}
