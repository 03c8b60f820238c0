import { Connection, Model, Schema } from 'mongoose';

export type Urgency = 'normal' | 'urgent';

export interface LegClocks {
  /** Minutes a social worker has to claim the order. */
  claim: number;
  /** Minutes from claim to fulfilment. */
  fulfil: number;
  /** Minutes the resident has to rate it before it closes by itself. */
  feedback: number;
}

/** One entry of the service menu. `_id` is the service code. */
export interface ServiceOffering {
  _id: string;
  kind: 'regular' | 'professional';
  category: string;
  name: { 'zh-CN': string; en: string };
  targetGroups: ('children' | 'youth' | 'women' | 'elderly' | 'disabled')[];
  privacy: 'public' | 'restricted' | 'confidential';
  sla: Record<Urgency, LegClocks>;
  retiredAt: Date | null;
  /**
   * Version of the entry's menu stream (`svc_{code}`: retired, reinstated…) that `retiredAt`
   * reflects; absent until the first change. A late writer of an older change does not undo a newer one.
   */
  menuVersion?: number;
  /** The needs-survey findings that justify the service on the menu (absent: none linked). */
  needs?: ServiceNeed[];
}

/** A finding of a needs survey a service answers: which survey and question (and option), in words. */
export interface ServiceNeed {
  surveyId: string;
  questionId: string;
  optionId: string | null;
  finding: { 'zh-CN': string; en: string };
}

const schema = new Schema<ServiceOffering>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    category: { type: String, required: true },
    name: { type: Object, required: true },
    targetGroups: { type: [String], required: true },
    privacy: { type: String, required: true },
    sla: { type: Object, required: true },
    retiredAt: { type: Date, default: null },
    menuVersion: { type: Number },
    needs: { type: [Object], default: undefined },
  },
  { collection: 'catalogue', versionKey: false },
);

export const serviceOfferingModel = (connection: Connection): Model<ServiceOffering> =>
  (connection.models.ServiceOffering as Model<ServiceOffering>) ?? connection.model('ServiceOffering', schema);
