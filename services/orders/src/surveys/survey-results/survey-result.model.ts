import { EventData, SurveyAnsweredV1 } from '@lantern/contracts';
import { Connection, Model, Schema } from 'mongoose';

export type AnswerChoices = EventData<typeof SurveyAnsweredV1>['choices'];

/**
 * The answers of one survey in one village (`_id` `<surveyId>|<villageId>`), by answer id: the
 * choices only. Read by `_id`, one per village of the survey.
 */
export interface SurveyResult {
  _id: string;
  answers: Record<string, AnswerChoices>;
}

const schema = new Schema<SurveyResult>({ _id: { type: String, required: true }, answers: { type: Object, default: {} } }, { collection: 'survey_results', versionKey: false, minimize: false });

export const surveyResultId = (surveyId: string, villageId: string) => `${surveyId}|${villageId}`;

export const surveyResultModel = (connection: Connection): Model<SurveyResult> =>
  (connection.models.SurveyResult as Model<SurveyResult>) ?? connection.model('SurveyResult', schema);
