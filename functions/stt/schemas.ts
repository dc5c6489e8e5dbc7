import * as v from 'valibot';
import { LANGS } from '../../shared/lang.ts';

export const LangQuerySchema = v.object({ lang: v.optional(v.picklist(LANGS, 'lang must be zh or en'), 'zh') });
