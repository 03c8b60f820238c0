import { now } from '@lantern/clock';
import { SurveyAnsweredV1 } from '@lantern/contracts';
import { ConcurrencyError } from '@lantern/event-store';
import { badRequest, conflict, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { answerErrors } from '../domain/survey-answer.rules';
import { requireStatus, requireSurvey, SURVEY_ID } from '../domain/survey-guards';
import { SurveyRepository } from '../survey.repository';
import { AnswerSurveyRequest } from './answer-survey.request.dto';

/**
 * A resident answers an open survey, once: the answer is the first event of a stream named by a
 * keyed hash of survey and resident, so of any number of concurrent submissions one is stored
 * and the others are 409 (the event store's primary key decides, no check-then-write).
 */
@Injectable()
export class AnswerSurveyHandler {
  constructor(private readonly surveys: SurveyRepository) {}

  async execute(surveyId: string, principal: Principal, request: AnswerSurveyRequest): Promise<{ surveyId: string; answeredAt: string }> {
    if (!SURVEY_ID.test(surveyId)) throw notFound(`Survey ${surveyId}`);
    const { state } = await this.surveys.load(surveyId);
    requireSurvey(state, surveyId, principal);
    requireStatus(state, 'OPEN', 'answered');
    const errors = answerErrors(state.questions, request.answers);
    if (!state.villageIds.includes(request.villageId)) errors.unshift({ field: 'body.villageId', message: `must be one of the survey's villages: ${state.villageIds.join(', ')}` });
    if (errors.length > 0) throw badRequest('The answers do not fit the survey', errors);

    const answerId = this.surveys.answerIdFor(surveyId, principal.sub);
    const answeredAt = now().toISOString();
    const choices = request.answers.map((answer) => ({ questionId: answer.questionId, optionIds: answer.optionIds ?? [], scale: answer.scale ?? null, answeredFreeText: !!answer.text }));
    try {
      await this.surveys.appendAnswer(answerId, { type: SurveyAnsweredV1.type, data: { answerId, surveyId, villageId: request.villageId, group: state.group, choices, answeredAt } });
    } catch (error) {
      if (error instanceof ConcurrencyError) throw conflict(`You have already answered survey ${surveyId}`);
      throw error;
    }
    // After the append: free text never sits beside an answer that lost.
    const texts = request.answers.flatMap((answer) => (answer.text ? [{ questionId: answer.questionId, text: answer.text }] : []));
    await this.surveys.saveAnswerTexts({ _id: answerId, surveyId, residentId: state.anonymous ? null : principal.sub, texts });
    return { surveyId, answeredAt };
  }
}
