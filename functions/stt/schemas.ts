import * as v from 'valibot';

export const LangQuerySchema = v.object({ lang: v.optional(v.picklist(['zh', 'en'], 'lang must be zh or en'), 'zh') });
