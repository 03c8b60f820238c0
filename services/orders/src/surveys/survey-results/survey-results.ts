import { SurveyQuestion } from '../domain/survey.state';
import { AnswerChoices } from './survey-result.model';

export interface QuestionResult {
  questionId: string;
  kind: string;
  answered: number;
  /** Choice questions: how many chose each option. */
  options?: Record<string, number>;
  /** Scale questions: how many gave each value 1–5, and the mean. */
  scale?: { counts: Record<string, number>; mean: number | null };
}

export interface ResultsBlock {
  answers: number;
  questions: QuestionResult[];
}

/** Tallies the answers of one group of respondents (a village, or all) question by question. */
export function tally(questions: SurveyQuestion[], answers: AnswerChoices[]): ResultsBlock {
  return {
    answers: answers.length,
    questions: questions.map((question) => {
      const given = answers.flatMap((choices) => choices.filter((choice) => choice.questionId === question.questionId));
      const result: QuestionResult = { questionId: question.questionId, kind: question.kind, answered: given.length };
      if (question.kind === 'single_choice' || question.kind === 'multiple_choice') {
        result.options = Object.fromEntries(question.options.map((option) => [option.optionId, given.filter((choice) => choice.optionIds.includes(option.optionId)).length]));
      }
      if (question.kind === 'scale') {
        const values = given.flatMap((choice) => (choice.scale === null ? [] : [choice.scale]));
        const counts = Object.fromEntries([1, 2, 3, 4, 5].map((value) => [String(value), values.filter((v) => v === value).length]));
        result.scale = { counts, mean: values.length === 0 ? null : Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100 };
      }
      return result;
    }),
  };
}
