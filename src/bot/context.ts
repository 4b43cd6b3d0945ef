/** The bot's context type and the user's interface language. */
import type { Context } from 'grammy';
import type { Logger } from '../log.js';
import type { Language } from '../retrieval/query.js';

/** grammY context with a per-update logger and the user's interface language. */
export type BotContext = Context & { log: Logger; uiLang: Language };

/**
 * The interface language from Telegram's `language_code` (IETF tag): Traditional for
 * zh-Hant, zh-TW, zh-HK and zh-MO; English for en-*; Simplified Chinese otherwise (the
 * bot's audience is Chinese-speaking by default).
 */
export function uiLanguage(code: string | undefined): Language {
  const c = (code ?? '').toLowerCase();
  if (/^zh-(hant|tw|hk|mo)/.test(c)) return 'zh-Hant';
  if (c.startsWith('en')) return 'en';
  return 'zh-Hans';
}

/** Traditional variant to render for a user: Hong Kong forms for zh-HK/zh-MO. */
export function traditionalVariant(code: string | undefined): 'tw' | 'hk' {
  return /^zh-(hk|mo)/i.test(code ?? '') ? 'hk' : 'tw';
}
