export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Until a recipient sets a preference, messages go out in the language of the programme. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';
