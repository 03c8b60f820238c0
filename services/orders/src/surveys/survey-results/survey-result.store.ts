import { KeyedSerializer, WriterShards } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { fieldKey } from '../../field-key';
import { AnswerChoices, SurveyResult, surveyResultId, surveyResultModel } from './survey-result.model';

/**
 * The answers of each survey in each village, by answer id, kept as one shard per replica that
 * writes them (WriterShards): answers arrive on every partition, so two replicas add to the same
 * village's results at once, and FerretDB's read-then-write update would lose one of two. A
 * replica's own writes of one document go one at a time. Read: the union of the shards.
 */
@Injectable()
export class SurveyResultStore {
  private readonly results: Model<SurveyResult>;
  private readonly shards: WriterShards;
  private readonly writes = new KeyedSerializer();

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.results = surveyResultModel(connection);
    this.shards = new WriterShards(this.results.collection as never);
  }

  /** Sets one answer's choices (again, for a redelivery: the same value). */
  put(surveyId: string, villageId: string, answerId: string, choices: AnswerChoices): Promise<void> {
    const id = surveyResultId(surveyId, villageId);
    return this.writes.run(id, () =>
      this.shards.writeTo([id], () => ({ answers: {} }), async ([shardId]) => {
        const written = await this.results.collection.updateOne({ _id: shardId } as never, { $set: { [`answers.${fieldKey(answerId)}`]: choices } });
        return written.matchedCount === 1;
      }),
    );
  }

  /** Every answer of the survey in the village, from all shards. */
  async answersOf(surveyId: string, villageId: string): Promise<AnswerChoices[]> {
    const shards = await this.shards.read<SurveyResult>(surveyResultId(surveyId, villageId));
    return Object.values(Object.assign({}, ...shards.map((shard) => shard.answers ?? {})) as Record<string, AnswerChoices>);
  }
}
