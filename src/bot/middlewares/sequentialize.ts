/** One update at a time per chat, so answers arrive in the order questions were asked. */
import { sequentialize } from '@grammyjs/runner';
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

/** Serialises updates of the same chat (updates of different chats still run concurrently). */
export function perChatSequence(): MiddlewareFn<BotContext> {
  return sequentialize<BotContext>((ctx) => ctx.chat?.id.toString());
}
