import { now } from '@lantern/clock';
import { SurveyCreatedV1 } from '@lantern/contracts';
import { badRequest, FieldError } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { StationsRepository } from '../../stations/stations.repository';
import { SurveyRepository } from '../survey.repository';
import { CreateSurveyRequest } from './create-survey.request.dto';

/** Staff draft a survey (DRAFT); it takes answers once opened. */
@Injectable()
export class CreateSurveyHandler {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly stations: StationsRepository,
  ) {}

  /** `surveyId` only from inside the service (the demo seeder's, so a restart finds its survey); callers get a new one. */
  async execute(request: CreateSurveyRequest, principal: Principal, surveyId = `svy_${randomBytes(8).toString('hex')}`) {
    const errors = [...questionErrors(request), ...(await this.villageErrors(request.villageIds))];
    if (errors.length > 0) throw badRequest('The survey is not valid', errors);
    return this.surveys.execute(surveyId, (current) => (current.exists ? [] : [
      {
        type: SurveyCreatedV1.type,
        data: {
          surveyId,
          title: { 'zh-CN': request.title['zh-CN'], en: request.title.en },
          group: request.group,
          villageIds: [...new Set(request.villageIds)],
          anonymous: request.anonymous,
          questions: request.questions.map((question) => ({
            questionId: question.questionId,
            kind: question.kind,
            text: { 'zh-CN': question.text['zh-CN'], en: question.text.en },
            options: (question.options ?? []).map((option) => ({ optionId: option.optionId, text: { 'zh-CN': option.text['zh-CN'], en: option.text.en } })),
            required: question.required ?? true,
          })),
          createdBy: principal.sub,
          createdAt: now().toISOString(),
        },
      },
    ]));
  }

  private async villageErrors(villageIds: string[]): Promise<FieldError[]> {
    const known = new Set((await this.stations.snapshot()).all.map((station) => station.villageId));
    return villageIds.flatMap((id, index) => (known.has(id) ? [] : [{ field: `body.villageIds.${index}`, message: `${id} is not a village of the centre` }]));
  }
}

function questionErrors(request: CreateSurveyRequest): FieldError[] {
  const errors: FieldError[] = [];
  const ids = new Set<string>();
  request.questions.forEach((question, index) => {
    const field = `body.questions.${index}`;
    if (ids.has(question.questionId)) errors.push({ field: `${field}.questionId`, message: 'is used twice' });
    ids.add(question.questionId);
    const options = question.options ?? [];
    const isChoice = question.kind === 'single_choice' || question.kind === 'multiple_choice';
    if (isChoice && options.length < 2) errors.push({ field: `${field}.options`, message: 'a choice question needs 2 to 20 options' });
    if (!isChoice && options.length > 0) errors.push({ field: `${field}.options`, message: 'only choice questions have options' });
    if (new Set(options.map((option) => option.optionId)).size !== options.length) errors.push({ field: `${field}.options`, message: 'option ids must be distinct' });
  });
  return errors;
}
