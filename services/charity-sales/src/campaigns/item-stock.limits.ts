/** Most units put on sale at once, by adding an item or restocking it. */
export const MAX_STOCK_ADDED = 1_000_000;
