import * as v from 'valibot';

/** The languages the shop speaks: every reply, name and page comes in these. */
export const LANGS = ['zh', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const LangSchema = v.picklist(LANGS);
