import { Connection, Model, Schema } from 'mongoose';

/**
 * The free-text answers of one survey answer (`_id` = answer id), personal data kept like an
 * order's details: beside the stream, never in an event. `residentId` only for a named survey.
 */
export interface SurveyAnswerText {
  _id: string;
  surveyId: string;
  residentId: string | null;
  texts: { questionId: string; text: string }[];
  createdAt: Date;
}

const schema = new Schema<SurveyAnswerText>(
  {
    _id: { type: String, required: true },
    surveyId: { type: String, required: true },
    residentId: { type: String, default: null },
    texts: { type: [Object], required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'survey_answer_texts', versionKey: false },
);

export const surveyAnswerTextModel = (connection: Connection): Model<SurveyAnswerText> =>
  (connection.models.SurveyAnswerText as Model<SurveyAnswerText>) ?? connection.model('SurveyAnswerText', schema);
