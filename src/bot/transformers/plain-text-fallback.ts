/**
 * Resends a message as plain text when Telegram cannot parse its HTML (400 "can't parse
 * entities"), so a rendering bug costs formatting, never the answer.
 */
import type { Transformer } from 'grammy';
import type { Logger } from '../../log.js';
import { htmlToPlain } from '../render-html.js';

/** The API transformer; install it under auto-retry. */
export function plainTextFallback(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    const p = payload as Record<string, unknown>;
    if (
      !res.ok &&
      res.error_code === 400 &&
      /can't parse entities/i.test(res.description) &&
      typeof p.text === 'string' &&
      p.parse_mode
    ) {
      log.warn({ method, description: res.description }, 'HTML rejected by Telegram; resending as plain text');
      const { parse_mode: _drop, ...rest } = p;
      return prev(method, { ...rest, text: htmlToPlain(p.text) } as typeof payload, signal);
    }
    return res;
  };
}
