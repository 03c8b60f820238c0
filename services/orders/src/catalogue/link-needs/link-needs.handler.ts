import { badRequest, FieldError, notFound } from '@lantern/http';
import { Injectable } from '@nestjs/common';
import { SurveyRepository } from '../../surveys/survey.repository';
import { CatalogueRepository } from '../catalogue.repository';
import { ServiceNeed, ServiceOffering } from '../service-offering.model';
import { LinkNeedsRequest } from './link-needs.request.dto';

/** Links a menu service to the needs-survey findings that justify it; every finding must name a real survey question (and option). */
@Injectable()
export class LinkNeedsHandler {
  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly surveys: SurveyRepository,
  ) {}

  async execute(code: string, request: LinkNeedsRequest): Promise<ServiceOffering> {
    if (!(await this.catalogue.findByCode(code))) throw notFound(`Service ${code}`);
    const errors: FieldError[] = [];
    for (const [index, need] of request.needs.entries()) {
      const { state } = await this.surveys.load(need.surveyId);
      const question = state.exists ? state.questions.find((candidate) => candidate.questionId === need.questionId) : undefined;
      if (!state.exists) errors.push({ field: `body.needs.${index}.surveyId`, message: 'is not a survey' });
      else if (!question) errors.push({ field: `body.needs.${index}.questionId`, message: 'is not a question of the survey' });
      else if (need.optionId && !question.options.some((option) => option.optionId === need.optionId)) errors.push({ field: `body.needs.${index}.optionId`, message: 'is not an option of the question' });
    }
    if (errors.length > 0) throw badRequest('The findings do not name survey questions', errors);
    const needs: ServiceNeed[] = request.needs.map((need) => ({
      surveyId: need.surveyId,
      questionId: need.questionId,
      optionId: need.optionId ?? null,
      finding: { 'zh-CN': need.finding['zh-CN'], en: need.finding.en },
    }));
    return (await this.catalogue.setNeeds(code, needs))!;
  }
}
