/**
 * An id as a field name (a report day's entries, a roster's volunteers, a survey's answers, all
 * keyed by id in one document): `.` would nest and `$` would be read as an operator, so both (and
 * the escape character itself) are percent-encoded. Readers use the values, never the names.
 */
export const fieldKey = (id: string): string => id.replace(/[%.$]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
