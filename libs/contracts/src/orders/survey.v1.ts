import { z } from 'zod/v4';
import { entityId, isoTime } from '../common.schemas';
import { defineEvent, streamVersion } from '../event-contract';
import { SOURCES, TOPICS } from '../topics';

// Needs surveys (orders service): staff ask a resident group in some villages what they need,
// and the menu is linked to the findings. A survey's own stream (`svy_…`) holds its lifecycle;
// each answer is a stream of its own (`sva_…`, a keyed hash of survey and resident, so the
// store's primary key lets a resident answer once) and its event carries the choices only —
// never free text, never who answered.

const survey = { topic: TOPICS.orders, source: SOURCES.orders, aggregate: 'survey' } as const;
const answer = { topic: TOPICS.orders, source: SOURCES.orders, aggregate: 'survey answer' } as const;

export const SURVEY_GROUPS = ['elderly', 'children', 'youth', 'women', 'families', 'disabled', 'all'] as const;
export const SURVEY_QUESTION_KINDS = ['single_choice', 'multiple_choice', 'scale', 'free_text'] as const;

const localized = z.object({ 'zh-CN': z.string().min(1).max(500), en: z.string().min(1).max(500) });

export const SurveyCreatedV1 = defineEvent({
  ...survey,
  type: 'lantern.survey.created.v1',
  summary: 'Staff drafted a needs survey for a resident group in some villages (its questions as written by staff).',
  schema: z.object({
    surveyId: entityId,
    version: streamVersion,
    title: localized,
    group: z.enum(SURVEY_GROUPS),
    villageIds: z.array(entityId).min(1),
    anonymous: z.boolean().describe('Anonymous: who answered is never stored beside the answer'),
    questions: z
      .array(
        z.object({
          questionId: entityId,
          kind: z.enum(SURVEY_QUESTION_KINDS),
          text: localized,
          options: z.array(z.object({ optionId: entityId, text: localized })),
          required: z.boolean(),
        }),
      )
      .min(1),
    createdBy: entityId,
    createdAt: isoTime,
  }),
});

export const SurveyOpenedV1 = defineEvent({
  ...survey,
  type: 'lantern.survey.opened.v1',
  summary: 'The survey takes answers from now on.',
  schema: z.object({ surveyId: entityId, version: streamVersion, openedBy: entityId, openedAt: isoTime }),
});

export const SurveyClosedV1 = defineEvent({
  ...survey,
  type: 'lantern.survey.closed.v1',
  summary: 'The survey takes no more answers; its results are final.',
  schema: z.object({ surveyId: entityId, version: streamVersion, closedBy: entityId, closedAt: isoTime }),
});

export const SurveyAnsweredV1 = defineEvent({
  ...answer,
  type: 'lantern.survey.answered.v1',
  summary: 'A resident answered a survey (once). Choices and scale values only: free text stays in the orders service, and who answered is not included.',
  schema: z.object({
    answerId: entityId,
    version: streamVersion,
    surveyId: entityId,
    villageId: entityId,
    group: z.enum(SURVEY_GROUPS),
    choices: z.array(
      z.object({
        questionId: entityId,
        optionIds: z.array(entityId).describe('Chosen options (single and multiple choice)'),
        scale: z.number().int().min(1).max(5).nullable().describe('1–5 (scale questions)'),
        answeredFreeText: z.boolean().describe('A free-text answer was given (its text is not in the event)'),
      }),
    ),
    answeredAt: isoTime,
  }),
});
