import { badRequest, decodeCursor, encodeCursor, Page, PageQuery } from '@lantern/http';
import { FilterQuery, Model } from 'mongoose';
import { StreamView } from './stream-view';

/** Where the previous page ended, in a list ordered by a date field, then id. */
type Position = { at: unknown; id: unknown };

/** The rows after the cursor's position; a cursor that decodes but does not hold one is forged. */
function after<View>(cursor: string | undefined, orderBy: string): FilterQuery<View> | undefined {
  const position = decodeCursor<Position>(cursor, ['at', 'id']);
  if (!position) return undefined;
  const at = typeof position.at === 'string' ? new Date(position.at) : new Date(NaN);
  if (typeof position.id !== 'string' || Number.isNaN(at.getTime())) {
    throw badRequest('The cursor is not valid', [{ field: 'query.cursor', message: 'is not a cursor this endpoint issued' }]);
  }
  return { $or: [{ [orderBy]: { $gt: at } }, { [orderBy]: at, _id: { $gt: position.id } }] } as FilterQuery<View>;
}

/**
 * One page of a read model in (orderBy, _id) order: every condition applies, the cursor resumes
 * strictly after the last row shown, so pages neither repeat nor skip rows (ids break ties).
 */
export async function listPage<View extends StreamView, Item>(
  views: Model<View>,
  conditions: FilterQuery<View>[],
  orderBy: keyof View & string,
  page: PageQuery,
  toItem: (row: View) => Item | Promise<Item>,
): Promise<Page<Item>> {
  const resume = after<View>(page.cursor, orderBy);
  const all = resume ? [...conditions, resume] : conditions;
  const limit = page.limit ?? 20;
  const rows = await views
    .find((all.length > 0 ? { $and: all } : {}) as FilterQuery<View>)
    .sort({ [orderBy]: 1, _id: 1 })
    .limit(limit + 1)
    .lean<View[]>();
  const shown = rows.slice(0, limit);
  const last = rows.length > limit ? shown[shown.length - 1] : undefined;
  return {
    items: await Promise.all(shown.map(toItem)),
    nextCursor: last ? encodeCursor({ at: (last[orderBy] as Date).toISOString(), id: last._id }) : null,
  };
}
