import { now } from '@lantern/clock';
import { SurveyClosedV1, SurveyOpenedV1 } from '@lantern/contracts';
import { notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { requireStatus, requireSurvey, SURVEY_ID } from '../domain/survey-guards';
import { SurveyRepository } from '../survey.repository';

/** DRAFT → OPEN (answers accepted) → CLOSED (results final). */
@Injectable()
export class ChangeSurveyStatusHandler {
  constructor(private readonly surveys: SurveyRepository) {}

  open(surveyId: string, principal: Principal) {
    return this.change(surveyId, principal, 'DRAFT', 'opened', (at) => ({ type: SurveyOpenedV1.type, data: { surveyId, openedBy: principal.sub, openedAt: at } }));
  }

  close(surveyId: string, principal: Principal) {
    return this.change(surveyId, principal, 'OPEN', 'closed', (at) => ({ type: SurveyClosedV1.type, data: { surveyId, closedBy: principal.sub, closedAt: at } }));
  }

  private change(surveyId: string, principal: Principal, from: 'DRAFT' | 'OPEN', action: string, event: (at: string) => { type: string; data: Record<string, unknown> }) {
    if (!SURVEY_ID.test(surveyId)) throw notFound(`Survey ${surveyId}`);
    return this.surveys.execute(surveyId, (state) => {
      requireSurvey(state, surveyId, principal);
      requireStatus(state, from, action);
      return [event(now().toISOString())];
    });
  }
}
