/**
 * In groups the bot only acts on what is meant for it: its own commands (`/cmd` or
 * `/cmd@ThisBot`), exact mentions of its username, and replies to its messages. Other
 * `/…` messages (another bot's `/roll`, a file path), `/cmd@OtherBot` and look-alike
 * names (`@ThisBotX`) are ignored.
 */
import type { MiddlewareFn } from 'grammy';
import type { MessageEntity } from 'grammy/types';
import type { BotContext } from '../context.js';

/** Characters allowed in a Telegram username: a mention ends at the first other one. */
const USERNAME_CHAR = /[A-Za-z0-9_]/u;

/** True when `text` mentions exactly `@username` (case-insensitive), not a longer name. */
export function mentionsExactly(text: string, username: string, entities: readonly MessageEntity[] = []): boolean {
  const want = `@${username}`.toLowerCase();
  if (entities.some((e) => e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === want))
    return true;
  // Clients and emulators do not always send entities: scan the text with the same rule.
  const lower = text.toLowerCase();
  for (let i = lower.indexOf(want); i >= 0; i = lower.indexOf(want, i + 1)) {
    const before = i === 0 ? '' : lower[i - 1];
    const after = lower[i + want.length] ?? '';
    if (!USERNAME_CHAR.test(before) && !USERNAME_CHAR.test(after)) return true;
  }
  return false;
}

/**
 * The bot a command is addressed to: '' for a bare `/cmd`, the name after `@` for
 * `/cmd@Name`, undefined when the text is not a command at all (`/usr/bin`, `/ 3`).
 */
export function commandTarget(text: string): string | undefined {
  const m = /^\/[A-Za-z0-9_]{1,32}(?:@([A-Za-z0-9_]+))?(?=$|\s)/u.exec(text);
  return m ? (m[1] ?? '') : undefined;
}

/** True when a command in `text` is addressed to this bot (bare, or `@username`). */
export function isOwnCommand(text: string, username: string): boolean {
  const target = commandTarget(text);
  return target !== undefined && (target === '' || target.toLowerCase() === username.toLowerCase());
}

/** Stops group messages that are not for the bot; private chats pass unchanged. */
export function groupFilter(): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const type = ctx.chat?.type;
    if ((type === 'group' || type === 'supergroup') && ctx.message) {
      const text = ctx.message.text ?? ctx.message.caption ?? '';
      const entities = ctx.message.entities ?? ctx.message.caption_entities ?? [];
      const forUs =
        isOwnCommand(text, ctx.me.username) ||
        mentionsExactly(text, ctx.me.username, entities) ||
        ctx.message.reply_to_message?.from?.id === ctx.me.id;
      if (!forUs) return;
    }
    await next();
  };
}
