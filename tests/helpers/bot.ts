import { Writable } from 'node:stream';
import type { Transformer } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { type BotDeps, createBot } from '../../src/bot/create-bot.js';
import { createLogger } from '../../src/log.js';

export const BOT_INFO: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: '反诈助手',
  username: 'fanzha_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

export const TOKEN = '123456789:AAFakeTokenForTests_abcdefghijk';

export interface Call {
  method: string;
  payload: any;
}

/** Captured log lines, for checking what is (not) logged. */
export function logSink(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, stream };
}

/**
 * A bot whose outgoing API calls are captured by a transformer instead of sent. `fail`
 * makes chosen methods fail like Telegram would.
 */
export function testBot(
  deps: Partial<BotDeps> & Pick<BotDeps, 'engine' | 'sources'>,
  logLevel = 'debug',
  fail: Record<string, { error_code: number; description: string }> = {},
) {
  const calls: Call[] = [];
  const sink = logSink();
  let messageId = 1000;
  const failing = fail;
  const capture: Transformer = async (_prev, method, payload) => {
    calls.push({ method, payload });
    const f = failing[method];
    // A parse error only happens to messages that ask for parsing.
    if (f && (!/can't parse entities/.test(f.description) || 'parse_mode' in (payload as object)))
      return { ok: false, ...f } as any;
    if (method === 'sendMessage')
      return {
        ok: true,
        result: {
          message_id: messageId++,
          date: 0,
          chat: { id: (payload as any).chat_id, type: 'private' },
          text: (payload as any).text,
        },
      } as any;
    return { ok: true, result: true } as any;
  };
  const bot = createBot({
    token: TOKEN,
    botInfo: BOT_INFO,
    logger: createLogger({ level: logLevel, secrets: [TOKEN], destination: sink.stream }),
    retry: { maxRetryAttempts: 1, maxDelaySeconds: 1 },
    apiTransformer: capture,
    ...deps,
  });
  return {
    bot,
    calls,
    logs: sink.lines,
    sent: () => calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload),
  };
}

let updateId = 1;
const user = (lang?: string, id = 7) => ({ id, is_bot: false, first_name: 'Li', language_code: lang });

/** A text message update. */
export function textUpdate(
  text: string,
  opts: {
    lang?: string;
    chatType?: 'private' | 'group' | 'supergroup';
    chatId?: number;
    userId?: number;
    replyToBot?: boolean;
    entities?: any[];
  } = {},
): Update {
  const chatType = opts.chatType ?? 'private';
  const chat =
    chatType === 'private'
      ? { id: opts.chatId ?? opts.userId ?? 7, type: 'private' as const, first_name: 'Li' }
      : { id: opts.chatId ?? -100, type: chatType, title: 'Family' };
  const entities =
    opts.entities ??
    (text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(/\s/)[0].length }] : undefined);
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: chat as any,
      from: user(opts.lang, opts.userId),
      text,
      ...(entities ? { entities } : {}),
      ...(opts.replyToBot
        ? {
            reply_to_message: {
              message_id: 1,
              date: 0,
              chat: chat as any,
              from: { id: BOT_INFO.id, is_bot: true, first_name: 'bot' },
              text: 'x',
            },
          }
        : {}),
    },
  } as Update;
}

/** A callback query update. */
export function callbackUpdate(data: string, lang?: string): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      chat_instance: 'x',
      from: user(lang),
      data,
      message: { message_id: 5, date: 0, chat: { id: 7, type: 'private', first_name: 'Li' } },
    },
  } as Update;
}

/** Any other message update (sticker, photo...). */
export function messageUpdate(extra: Record<string, unknown>): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: 0,
      chat: { id: 7, type: 'private', first_name: 'Li' },
      from: user(),
      ...extra,
    },
  } as Update;
}
