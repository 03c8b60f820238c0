import { ConflictError, NotFoundError } from '@lantern/errors';
import { hasAnyRole, Principal } from '@lantern/identity';
import { SurveyState, SurveyStatus } from './survey.state';

export const SURVEY_ID = /^svy_[a-f0-9]{16}$/;

/** Staff who run surveys and read their results. */
export const isSurveyStaff = (principal: Principal) => hasAnyRole(principal, ['supervisor', 'committee', 'admin']);

/** 404 for a missing survey, and for a draft to anyone but staff: a draft is not published yet. */
export function requireSurvey(state: SurveyState, surveyId: string, principal: Principal): void {
  if (!state.exists || (state.status === 'DRAFT' && !isSurveyStaff(principal))) throw new NotFoundError(`Survey ${surveyId}`);
}

export function requireStatus(state: SurveyState, expected: SurveyStatus, action: string): void {
  if (state.status !== expected) throw new ConflictError(`Survey ${state.id} is ${state.status}: it cannot be ${action} now`, { currentStatus: state.status });
}
