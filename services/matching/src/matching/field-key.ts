/**
 * An id as a field name of a map inside a document, so one `$set` / `$unset` of `map.<key>`
 * adds or removes one entry. Ids may hold `.` or start with `$`, which field names may not:
 * base64url has neither (letters, digits, `-`, `_`). The entry keeps the id itself as well.
 */
export const fieldKey = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');
