import { generationOf } from '../src/inbox/inbox-generations';

/** An inbox collection (`inbox_entries`, `inbox_reads`, …) of the generation that holds messages of causes of this moment. */
export const inboxCollectionNow = (base: string) => `${base}_${generationOf(new Date(), new Date(0))}`;
