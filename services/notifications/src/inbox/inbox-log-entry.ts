/** What every entry of an inbox log carries: whose log, where in it, and what it is about. */
export interface InboxLogEntry {
  /** `{inbox}#{n}`: reading position n of a log is an `_id` lookup. */
  _id: string;
  inbox: string;
  /** 1, 2, 3, … without gaps, in the order the entries were appended. */
  n: number;
  /** The message the entry is about: one entry per message in each log, however often appended. */
  key: string;
}

export const logEntryId = (inbox: string, n: number) => `${inbox}#${n}`;
