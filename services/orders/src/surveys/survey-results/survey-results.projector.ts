import { CloudEventOf, SurveyAnsweredV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller, Inject } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { fieldKey } from '../../reports/report-store';
import { SerialWrites } from '../../reports/serial-writes';
import { SurveyResult, surveyResultId, surveyResultModel } from './survey-result.model';

/**
 * Survey results from the answer events. Idempotent without a processed-message record: an answer
 * is set under its id, so a redelivery writes the same value again.
 */
@Controller()
export class SurveyResultsProjector {
  private readonly results: Model<SurveyResult>;
  private readonly writes = new SerialWrites();

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    private readonly store: EventStore,
  ) {
    this.results = surveyResultModel(connection);
  }

  @OnIdempotentEvent(SurveyAnsweredV1)
  async onAnswered(event: CloudEventOf<typeof SurveyAnsweredV1>): Promise<void> {
    const { answerId, surveyId, villageId, choices, version } = event.data;
    // Only this deployment's answers: one on the topic from another sharing the broker has no stream here.
    if (!(await this.store.has(answerId, version))) return;
    await this.writes.run(surveyResultId(surveyId, villageId), (_id) =>
      this.results.collection.updateOne({ _id } as never, { $set: { [`answers.${fieldKey(answerId)}`]: choices } }, { upsert: true }),
    );
  }
}
