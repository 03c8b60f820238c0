import { EventData, SurveyClosedV1, SurveyCreatedV1, SurveyOpenedV1 } from '@lantern/contracts';
import { Reducer } from '@lantern/event-store';

export type SurveyStatus = 'DRAFT' | 'OPEN' | 'CLOSED';
type Created = EventData<typeof SurveyCreatedV1>;
export type SurveyQuestion = Created['questions'][number];

export interface SurveyState {
  exists: boolean;
  id: string;
  status: SurveyStatus;
  title: Created['title'];
  group: Created['group'];
  villageIds: string[];
  anonymous: boolean;
  questions: SurveyQuestion[];
  createdBy: string;
  createdAt: string;
  openedAt: string | null;
  closedAt: string | null;
}

/** A survey's stream: created (DRAFT) → opened (OPEN) → closed (CLOSED). */
export const surveyReducer: Reducer<SurveyState> = {
  initial: () => ({ exists: false }) as SurveyState,
  apply(state, event) {
    switch (event.type) {
      case SurveyCreatedV1.type: {
        const data = event.data as Created;
        return {
          exists: true,
          id: data.surveyId,
          status: 'DRAFT',
          title: data.title,
          group: data.group,
          villageIds: data.villageIds,
          anonymous: data.anonymous,
          questions: data.questions,
          createdBy: data.createdBy,
          createdAt: data.createdAt,
          openedAt: null,
          closedAt: null,
        };
      }
      case SurveyOpenedV1.type:
        return { ...state, status: 'OPEN', openedAt: (event.data as EventData<typeof SurveyOpenedV1>).openedAt };
      case SurveyClosedV1.type:
        return { ...state, status: 'CLOSED', closedAt: (event.data as EventData<typeof SurveyClosedV1>).closedAt };
      default:
        return state;
    }
  },
};
