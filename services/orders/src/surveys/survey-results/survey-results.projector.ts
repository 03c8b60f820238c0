import { CloudEventOf, SurveyAnsweredV1 } from '@lantern/contracts';
import { EventStore } from '@lantern/event-store';
import { OnIdempotentEvent } from '@lantern/messaging';
import { Controller } from '@nestjs/common';
import { SurveyResultStore } from './survey-result.store';

/**
 * Survey results from the answer events. Idempotent without a processed-message record: an answer
 * is set under its id, so a redelivery writes the same value again.
 */
@Controller()
export class SurveyResultsProjector {
  constructor(
    private readonly store: EventStore,
    private readonly results: SurveyResultStore,
  ) {}

  @OnIdempotentEvent(SurveyAnsweredV1)
  async onAnswered(event: CloudEventOf<typeof SurveyAnsweredV1>): Promise<void> {
    const { answerId, surveyId, villageId, choices, version } = event.data;
    // Only this deployment's answers: one on the topic from another sharing the broker has no stream here.
    if (!(await this.store.has(answerId, version))) return;
    await this.results.put(surveyId, villageId, answerId, choices);
  }
}
