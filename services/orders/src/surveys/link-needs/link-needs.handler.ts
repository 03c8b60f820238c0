import { MenuServiceNeedsLinkedV1 } from '@lantern/contracts';
import { AggregateRepository, EventStore } from '@lantern/event-store';
import { badRequest, FieldError, notFound } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { CatalogueRepository } from '../../catalogue/catalogue.repository';
import { menuServiceReducer, MenuServiceState, menuServiceStreamId } from '../../catalogue/menu-service-stream';
import { ServiceNeed, ServiceOffering } from '../../catalogue/service-offering.model';
import { SurveyRepository } from '../survey.repository';
import { LinkNeedsRequest } from './link-needs.request.dto';

/**
 * Links a menu service to the needs-survey findings that justify it; every finding must name a
 * real survey question (and option). The change is appended to the entry's stream
 * (`menu-service.needs-linked`: who, for the audit trail) before the catalogue entry takes it.
 */
@Injectable()
export class LinkNeedsHandler {
  private readonly streams: AggregateRepository<MenuServiceState>;

  constructor(
    store: EventStore,
    private readonly catalogue: CatalogueRepository,
    private readonly surveys: SurveyRepository,
  ) {
    this.streams = new AggregateRepository(store, menuServiceReducer);
  }

  async execute(code: string, request: LinkNeedsRequest, principal: Principal): Promise<ServiceOffering> {
    const offering = await this.catalogue.findByCode(code);
    if (!offering) throw notFound(`Service ${code}`);
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
    const linked = { surveyIds: [...new Set(needs.map((need) => need.surveyId))], findings: needs.length, linkedBy: principal.sub, linkedAt: new Date().toISOString() };
    await this.streams.execute(menuServiceStreamId(code), () => [{ type: MenuServiceNeedsLinkedV1.type, data: { serviceCode: code, category: offering.category, ...linked } }]);
    return (await this.catalogue.setNeeds(code, needs))!;
  }
}
