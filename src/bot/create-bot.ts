/**
 * The Telegram bot, built (never started) from its dependencies. One grammY Composer per
 * feature, an error boundary around them, the catch-all last. Starting (polling or
 * webhook) is src/bot/start.ts's job, called from src/main.ts.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { sequentialize } from '@grammyjs/runner';
import { Bot, Composer, GrammyError, HttpError, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { AnswerOptions } from '../answer/engine.js';
import type { Answer } from '../answer/types.js';
import { SCAM_TYPES } from '../knowledge/scam-types.js';
import type { Logger } from '../log.js';
import type { SourceLookup } from '../retrieval/sources.js';
import { toTraditional } from '../text/script.js';
import { traditionalVariant, uiLanguage, type BotContext } from './context.js';
import { texts } from './messages.js';
import { citationKeyboard, escapeHtml, htmlToPlain, parseSourceCallback, renderAnswerHtml, renderPassageHtml, splitMessage } from './render-html.js';

/** What the bot needs. */
export interface BotDeps {
  token: string;
  /** The answering engine (or a fake in tests). */
  answer: (question: string, opts: AnswerOptions) => Promise<Answer>;
  sources: SourceLookup;
  logger: Logger;
  /** Known bot identity: skips getMe (tests, or a faster start). */
  botInfo?: UserFromGetMe;
  /** Bot API server; default Telegram's. */
  apiRoot?: string;
  rateLimitPerMinute?: number;
  maxQuestionChars?: number;
  /** Bounds of automatic retries of failed API calls (429, 5xx, network). */
  retry?: { maxRetryAttempts: number; maxDelaySeconds: number };
  /** Log message texts (only with debug logging). */
  logMessageText?: boolean;
  /**
   * Installed first, so it sits closest to the network, under retries and the plain-text
   * fallback: tests use it to capture or fail outgoing calls.
   */
  apiTransformer?: Transformer;
}

/** The bot's commands, per language, for setMyCommands. */
export const COMMANDS = {
  zh: [
    { command: 'start', description: '开始使用反诈助手' },
    { command: 'types', description: '常见骗局类型' },
    { command: 'tips', description: '防骗提醒' },
    { command: 'help', description: '使用帮助' },
  ],
  en: [
    { command: 'start', description: 'Start the anti-fraud assistant' },
    { command: 'types', description: 'Common scam types' },
    { command: 'tips', description: 'Safety tips' },
    { command: 'help', description: 'How to use' },
  ],
};

/**
 * Resends a message as plain text when Telegram cannot parse its HTML (400 "can't parse
 * entities"), so a rendering bug costs formatting, never the answer.
 */
export function plainTextFallback(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    const p = payload as Record<string, unknown>;
    if (!res.ok && res.error_code === 400 && /can't parse entities/i.test(res.description) && typeof p.text === 'string' && p.parse_mode) {
      log.warn({ method, description: res.description }, 'HTML rejected by Telegram; resending as plain text');
      const { parse_mode: _drop, ...rest } = p;
      return prev(method, { ...rest, text: htmlToPlain(p.text) } as typeof payload, signal);
    }
    return res;
  };
}

function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof GrammyError) return { kind: 'telegram', method: err.method, code: err.error_code, description: err.description };
  if (err instanceof HttpError) return { kind: 'network', message: err.message };
  return { kind: 'internal', message: (err as Error)?.message, stack: (err as Error)?.stack };
}

/** Builds the bot. Does not contact Telegram. */
export function createBot(deps: BotDeps): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, { botInfo: deps.botInfo, client: deps.apiRoot ? { apiRoot: deps.apiRoot } : undefined });
  const log = deps.logger;
  // grammY runs the last installed transformer first: the seam goes in first (innermost).
  if (deps.apiTransformer) bot.api.config.use(deps.apiTransformer);
  bot.api.config.use(plainTextFallback(log));
  bot.api.config.use(autoRetry(deps.retry ?? { maxRetryAttempts: 3, maxDelaySeconds: 10 }));

  // Per-update context: a child logger and the user's interface language.
  bot.use(async (ctx, next) => {
    ctx.uiLang = uiLanguage(ctx.from?.language_code);
    ctx.log = log.child({ update_id: ctx.update.update_id, chat_type: ctx.chat?.type, chat_id: ctx.chat?.id });
    const t0 = performance.now();
    await next();
    ctx.log.debug({ ms: Math.round(performance.now() - t0) }, 'update handled');
  });
  // One update at a time per chat, so answers arrive in the order questions were asked.
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));

  // Edits and channel posts are ignored on purpose: answering an edit would repeat an
  // answer, and the bot is not meant to run in channels.
  bot.on(['edited_message', 'channel_post', 'edited_channel_post'], (ctx) => ctx.log.debug('edit or channel post ignored'));

  // In groups, only commands, mentions of the bot and replies to it are for the bot.
  bot.use(async (ctx, next) => {
    const type = ctx.chat?.type;
    if ((type === 'group' || type === 'supergroup') && ctx.message) {
      const text = ctx.message.text ?? ctx.message.caption ?? '';
      const username = ctx.me.username.toLowerCase();
      const isCommand = text.startsWith('/');
      const mentions = text.toLowerCase().includes(`@${username}`);
      const repliesToBot = ctx.message.reply_to_message?.from?.id === ctx.me.id;
      if (!isCommand && !mentions && !repliesToBot) return;
    }
    await next();
  });

  // Per-user rate limit; the notice is sent once per window, not for every message.
  const noticed = new Map<number, number>();
  const windowMs = 60_000;
  bot.use(
    limit<BotContext, never>({
      timeFrame: windowMs,
      limit: deps.rateLimitPerMinute ?? 20,
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: async (ctx) => {
        const id = ctx.from?.id ?? 0;
        const now = Date.now();
        ctx.log.info('rate limited');
        if (ctx.callbackQuery) {
          await ctx.answerCallbackQuery({ text: htmlToPlain(texts(ctx.uiLang).rateLimited) }).catch(() => undefined);
          return;
        }
        if ((noticed.get(id) ?? 0) > now - windowMs) return;
        // Forget users whose window has passed, so the map stays small on a busy bot.
        if (noticed.size > 10_000) for (const [u, t] of noticed) if (t <= now - windowMs) noticed.delete(u);
        noticed.set(id, now);
        await ctx.reply(texts(ctx.uiLang).rateLimited).catch((err: unknown) => ctx.log.warn({ err: describeError(err) }, 'rate-limit notice failed'));
      },
    }),
  );

  const features = new Composer<BotContext>();
  features.use(commandsFeature(deps));
  features.use(typesFeature(deps));
  features.use(sourcesFeature(deps));
  features.use(askFeature(deps));
  features.use(nonTextFeature());
  bot.errorBoundary(async (err) => {
    const ctx = err.ctx;
    ctx.log.error({ err: describeError(err.error) }, 'handler failed');
    await ctx.reply(texts(ctx.uiLang).error).catch(() => undefined);
  }, features);

  // Catch-all, last: callback buttons nobody handled (old or tampered) get a notice.
  bot.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: texts(ctx.uiLang).staleSource, show_alert: false }).catch(() => undefined);
  });

  bot.catch((err) => {
    err.ctx.log?.error({ err: describeError(err.error) }, 'unhandled error');
  });
  return bot;
}

/** Shows "typing…" without ever delaying or breaking the answer if it fails. */
function typing(ctx: BotContext): void {
  ctx.replyWithChatAction('typing').catch((err: unknown) => ctx.log.debug({ err: describeError(err) }, 'sendChatAction failed (ignored)'));
}

/** Answers a question in the chat: HTML parts, source buttons on the last one. */
async function sendAnswer(ctx: BotContext, deps: BotDeps, question: string, opts: Partial<AnswerOptions> = {}): Promise<void> {
  typing(ctx);
  if (deps.logMessageText) ctx.log.debug({ question }, 'question');
  const a = await deps.answer(question, {
    maxQuestionChars: deps.maxQuestionChars ?? 2000,
    traditionalVariant: traditionalVariant(ctx.from?.language_code),
    ...opts,
  });
  ctx.log.info({ in_scope: a.inScope, language: a.language, citations: a.citations.length, mode: a.mode, fallback: a.fallbackReason, answer_ms: Math.round(a.ms) }, 'answered');
  const parts = splitMessage(renderAnswerHtml(a));
  const keyboard = citationKeyboard(a);
  const replyTo = ctx.msg && ctx.chat?.type !== 'private' ? { reply_parameters: { message_id: ctx.msg.message_id, allow_sending_without_reply: true } } : {};
  for (let i = 0; i < parts.length; i++) {
    const last = i === parts.length - 1;
    await ctx.reply(parts[i], {
      parse_mode: 'HTML',
      link_preview_options: { is_disabled: true },
      ...(i === 0 ? replyTo : {}),
      ...(last && keyboard ? { reply_markup: keyboard } : {}),
    });
  }
}

function commandsFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.command('start', async (ctx) => {
    const t = texts(ctx.uiLang);
    const kb = { keyboard: t.examples.map((e) => [{ text: e }]), resize_keyboard: true, one_time_keyboard: true, is_persistent: false };
    await ctx.reply(`${t.welcome}\n\n${escapeHtml(t.examplesTitle)}`, { parse_mode: 'HTML', reply_markup: ctx.chat.type === 'private' ? kb : undefined });
  });
  c.command('help', (ctx) => ctx.reply(texts(ctx.uiLang).help, { parse_mode: 'HTML' }));
  c.command('tips', (ctx) => sendAnswer(ctx, deps, texts(ctx.uiLang).tipsQuestion, { language: ctx.uiLang }));
  return c;
}

function typesFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  const label = (lang: BotContext['uiLang'], t: (typeof SCAM_TYPES)[number]) => (lang === 'en' ? t.nameEn : lang === 'zh-Hant' ? t.nameHant : t.name);
  c.command('types', async (ctx) => {
    const rows = SCAM_TYPES.map((t) => [{ text: label(ctx.uiLang, t), callback_data: `t:${t.id}` }]);
    await ctx.reply(texts(ctx.uiLang).typesIntro, { reply_markup: { inline_keyboard: rows } });
  });
  c.callbackQuery(/^t:([a-z0-9-]{1,40})$/, async (ctx) => {
    const type = SCAM_TYPES.find((t) => t.id === ctx.match[1]);
    if (!type) {
      await ctx.answerCallbackQuery({ text: texts(ctx.uiLang).staleSource });
      return;
    }
    await ctx.answerCallbackQuery().catch(() => undefined);
    const q = ctx.uiLang === 'en' ? `What is the ${type.nameEn} scam and how does it work?` : ctx.uiLang === 'zh-Hant' ? toTraditional(type.exampleQuestion) : type.exampleQuestion;
    await sendAnswer(ctx, deps, q);
  });
  return c;
}

function sourcesFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.callbackQuery(/^p:/, async (ctx) => {
    const parsed = parseSourceCallback(ctx.callbackQuery.data);
    const view = parsed && deps.sources.view(parsed.passageId);
    if (!parsed || !view) {
      ctx.log.info({ valid: !!parsed }, 'stale or malformed source button');
      await ctx.answerCallbackQuery({ text: texts(ctx.uiLang).staleSource });
      return;
    }
    await ctx.answerCallbackQuery().catch(() => undefined);
    const t = (s: string) => (parsed.lang === 'zh-Hant' ? toTraditional(s) : s);
    const html = renderPassageHtml(
      { ...view, title: t(view.title), paragraph: t(view.paragraph), section: view.section && t(view.section), place: view.place && t(view.place) },
      parsed.lang,
    );
    for (const part of splitMessage(html)) await ctx.reply(part, { parse_mode: 'HTML' });
  });
  return c;
}

function askFeature(deps: BotDeps): Composer<BotContext> {
  const c = new Composer<BotContext>();
  c.on(['message:text', 'message:caption'], async (ctx) => {
    let text = (ctx.message.text ?? ctx.message.caption ?? '').trim();
    if (text.startsWith('/')) {
      // An unknown command: show how to use the bot, unless it was meant for another bot.
      const target = /^\/\w+@(\w+)/.exec(text)?.[1];
      if (target && target.toLowerCase() !== ctx.me.username.toLowerCase()) return;
      await ctx.reply(texts(ctx.uiLang).help, { parse_mode: 'HTML' });
      return;
    }
    text = text.replace(new RegExp(`@${ctx.me.username}\\b`, 'gi'), '').trim();
    if (!text) {
      await ctx.reply(texts(ctx.uiLang).help, { parse_mode: 'HTML' });
      return;
    }
    await sendAnswer(ctx, deps, text);
  });
  return c;
}

function nonTextFeature(): Composer<BotContext> {
  const c = new Composer<BotContext>();
  // Stickers, photos without a caption, voice, documents, locations...: a hint.
  c.on('message', (ctx) => ctx.reply(texts(ctx.uiLang).nonText));
  return c;
}
