import { FieldError } from '@lantern/errors';
import { SurveyQuestion } from './survey.state';

export interface GivenAnswer {
  questionId: string;
  optionIds?: string[];
  scale?: number;
  text?: string;
}

/**
 * Checks a resident's answers against the survey's questions: every answer names a question
 * once and fits its kind, every required question is answered. Returns what is wrong, by field.
 */
export function answerErrors(questions: SurveyQuestion[], answers: GivenAnswer[]): FieldError[] {
  const errors: FieldError[] = [];
  const byId = new Map(questions.map((question) => [question.questionId, question]));
  const seen = new Set<string>();
  answers.forEach((answer, index) => {
    const field = `body.answers.${index}`;
    const question = byId.get(answer.questionId);
    if (!question) return errors.push({ field: `${field}.questionId`, message: 'is not a question of this survey' });
    if (seen.has(answer.questionId)) return errors.push({ field: `${field}.questionId`, message: 'is answered twice' });
    seen.add(answer.questionId);
    const options = new Set(question.options.map((option) => option.optionId));
    const chosen = answer.optionIds ?? [];
    switch (question.kind) {
      case 'single_choice':
      case 'multiple_choice':
        if (chosen.length === 0 || (question.kind === 'single_choice' && chosen.length !== 1)) {
          errors.push({ field: `${field}.optionIds`, message: question.kind === 'single_choice' ? 'must name exactly one option' : 'must name at least one option' });
        } else if (chosen.some((id) => !options.has(id)) || new Set(chosen).size !== chosen.length) {
          errors.push({ field: `${field}.optionIds`, message: 'must be distinct options of the question' });
        }
        break;
      case 'scale':
        if (answer.scale === undefined) errors.push({ field: `${field}.scale`, message: 'is required for a scale question (1–5)' });
        break;
      case 'free_text':
        if (!answer.text) errors.push({ field: `${field}.text`, message: 'is required for a free-text question' });
        break;
    }
    if (question.kind !== 'scale' && answer.scale !== undefined) errors.push({ field: `${field}.scale`, message: 'is for scale questions only' });
    if (question.kind !== 'free_text' && answer.text !== undefined) errors.push({ field: `${field}.text`, message: 'is for free-text questions only' });
    if ((question.kind === 'scale' || question.kind === 'free_text') && answer.optionIds !== undefined) errors.push({ field: `${field}.optionIds`, message: 'is for choice questions only' });
  });
  for (const question of questions) {
    if (question.required && !seen.has(question.questionId)) errors.push({ field: 'body.answers', message: `question ${question.questionId} is required` });
  }
  return errors;
}
