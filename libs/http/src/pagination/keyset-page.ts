import { FilterQuery, Model } from 'mongoose';
import { badRequest } from '../problem/problem';
import { decodeCursor, encodeCursor, Page, PageQuery } from './page';

/** A list's order: by a date field of its read model, ties broken by `_id`. */
export interface KeysetOrder<View> {
  by: keyof View & string;
  direction: 'oldest-first' | 'newest-first';
}

/** Where the previous page ended: the order field's value and the id of the last row shown. */
type Position = { at: unknown; id: unknown };

/** The rows after the cursor's position; a cursor that decodes but does not hold one is forged. */
function resumeAfter<View>(cursor: string | undefined, { by, direction }: KeysetOrder<View>): FilterQuery<View> | undefined {
  const position = decodeCursor<Position>(cursor, ['at', 'id']);
  if (!position) return undefined;
  const at = typeof position.at === 'string' ? new Date(position.at) : new Date(NaN);
  if (typeof position.id !== 'string' || Number.isNaN(at.getTime())) {
    throw badRequest('The cursor is not valid', [{ field: 'query.cursor', message: 'is not a cursor this endpoint issued' }]);
  }
  const past = direction === 'oldest-first' ? '$gt' : '$lt';
  return { $or: [{ [by]: { [past]: at } }, { [by]: at, _id: { [past]: position.id } }] } as FilterQuery<View>;
}

/**
 * One page of a read model in (order field, `_id`) order: the keyset pagination every Lantern list
 * uses. Every condition applies; the cursor (opaque to clients) resumes strictly after the last row
 * shown, so pages neither repeat nor skip rows (ids break ties), however many rows are written
 * meanwhile. One query of `limit + 1` rows tells whether there is a next page.
 */
export async function keysetPage<View extends { _id: string }, Item>(
  views: Model<View>,
  conditions: FilterQuery<View>[],
  order: KeysetOrder<View>,
  page: PageQuery,
  toItem: (row: View) => Item | Promise<Item>,
): Promise<Page<Item>> {
  const resume = resumeAfter(page.cursor, order);
  const all = resume ? [...conditions, resume] : conditions;
  const limit = page.limit ?? 20;
  const sense = order.direction === 'oldest-first' ? 1 : -1;
  const rows = await views
    .find((all.length > 0 ? { $and: all } : {}) as FilterQuery<View>)
    .sort({ [order.by]: sense, _id: sense })
    .limit(limit + 1)
    .lean<View[]>();
  const shown = rows.slice(0, limit);
  const last = rows.length > limit ? shown[shown.length - 1] : undefined;
  return {
    items: await Promise.all(shown.map(toItem)),
    nextCursor: last ? encodeCursor({ at: (last[order.by] as Date).toISOString(), id: last._id }) : null,
  };
}
