import { APP_CONFIG } from '@lantern/config';
import { AggregateRepository, Decide, EventStore, NewEvent, upsertById } from '@lantern/event-store';
import { MONGO_CONNECTION } from '@lantern/http';
import { Inject, Injectable } from '@nestjs/common';
import { Connection, Model } from 'mongoose';
import { createHmac } from 'node:crypto';
import type { OrdersConfig } from '../orders.config';
import { surveyReducer, SurveyState } from './domain/survey.state';
import { SurveyAnswerText, surveyAnswerTextModel } from './survey-answer-text.model';

/** Surveys as event streams (`svy_…`); each answer a one-event stream of its own (`sva_…`). */
@Injectable()
export class SurveyRepository {
  private readonly streams: AggregateRepository<SurveyState>;
  private readonly texts: Model<SurveyAnswerText>;
  private readonly answerKey: string;

  constructor(
    private readonly store: EventStore,
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Inject(APP_CONFIG) config: OrdersConfig,
  ) {
    this.streams = new AggregateRepository(store, surveyReducer);
    this.texts = surveyAnswerTextModel(connection);
    this.answerKey = config.LANTERN_PSEUDONYM_KEY;
  }

  load(surveyId: string) {
    return this.streams.load(surveyId);
  }

  execute(surveyId: string, decide: Decide<SurveyState>) {
    return this.streams.execute(surveyId, decide);
  }

  /**
   * The answer's id: the same for the same resident and survey, unlinkable to the resident without
   * the pseudonym key (refused at its development value in production; the input is labelled so
   * the key's other uses never produce the same value).
   */
  answerIdFor(surveyId: string, residentId: string): string {
    return `sva_${createHmac('sha256', this.answerKey).update(`survey-answer\u0000${surveyId}\u0000${residentId}`).digest('base64url').slice(0, 32)}`;
  }

  /**
   * Appends the answer as version 1 of its own stream: the store's primary key (`{stream}:1`)
   * lets exactly one of any number of concurrent answers by the same resident in — the others
   * get ConcurrencyError. Nothing is ever appended after it, so it writes no stream head.
   */
  appendAnswer(answerId: string, event: NewEvent) {
    return this.store.append(answerId, 0, [event], { writeOnce: true });
  }

  /** Idempotent: a retry writes the same document. */
  async saveAnswerTexts(answer: Omit<SurveyAnswerText, 'createdAt'>): Promise<void> {
    if (answer.texts.length === 0) return;
    const { _id, ...rest } = answer;
    await upsertById(this.texts, _id, { $setOnInsert: { ...rest, createdAt: new Date() } });
  }
}
