/**
 * The interactive terminal chat: the same engine as the bot, for trying 反诈助手 without
 * Telegram (and what `npm start` opens when no bot token is set and stdin is a terminal).
 * Like the bot it understands /help, /types and /tips as commands; /quit leaves.
 */
import { createInterface } from 'node:readline';
import { answer } from '../answer/engine.js';
import { setupEngine } from '../answer/setup.js';
import type { Config } from '../config.js';
import { scamTypeLabel, scamTypeQuestion, texts } from '../i18n/strings.js';
import { SCAM_TYPES } from '../knowledge/scam-types.js';
import type { Language } from '../retrieval/query.js';

/** Where the chat reads and writes, and its interface language (default Simplified; answers follow each question's language). */
export interface TerminalChatOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  lang?: Language;
}

/** What a line of input is: a command of the chat, or a question for the engine. */
export type ChatLine =
  | { kind: 'quit' | 'help' | 'types' | 'tips' | 'unknown-command' }
  | { kind: 'question'; text: string }
  | { kind: 'empty' };

/** Classifies a line: `/quit`, `/exit`, `/help`, `/start`, `/types`, `/tips` are commands; other `/word`s are unknown commands. */
export function parseChatLine(line: string): ChatLine {
  const text = line.trim();
  if (!text) return { kind: 'empty' };
  const cmd = /^\/([A-Za-z]+)$/u.exec(text)?.[1]?.toLowerCase();
  if (cmd === undefined) return { kind: 'question', text };
  if (cmd === 'quit' || cmd === 'exit') return { kind: 'quit' };
  if (cmd === 'help' || cmd === 'start') return { kind: 'help' };
  if (cmd === 'types' || cmd === 'tips') return { kind: cmd };
  return { kind: 'unknown-command' };
}

/** The /types list: each type's name and the question to ask about it. */
export function typesList(lang: Language): string {
  const t = texts(lang);
  return [
    t.terminalTypesIntro,
    ...SCAM_TYPES.map(
      (s, i) => `  ${String(i + 1).padStart(2)}. ${scamTypeLabel(lang, s)} — ${scamTypeQuestion(lang, s)}`,
    ),
  ].join('\n');
}

/** Runs the chat until the user quits or stdin ends. */
export async function runTerminalChat(
  config: Config,
  io: TerminalChatOptions = { input: process.stdin, output: process.stdout },
): Promise<void> {
  const lang = io.lang ?? 'zh-Hans';
  const t = texts(lang);
  const { deps, report } = await setupEngine(config);
  const out = (s: string) => io.output.write(`${s}\n`);
  if (!report.upToDate) out(t.indexBuilt(report.articles, report.passages));
  out(t.terminalWelcome);
  const rl = createInterface({
    input: io.input,
    output: io.output,
    terminal: (io.input as NodeJS.ReadStream).isTTY ?? false,
  });
  rl.setPrompt('\n> ');
  rl.prompt();
  // Piped input ends while buffered lines are still being answered; prompting after the
  // end throws on Node 24 ("readline was closed"), so prompt only while input is open.
  let inputEnded = false;
  rl.once('close', () => {
    inputEnded = true;
  });
  const ask = async (q: string, language?: Language) =>
    out(`\n${(await answer(q, deps, { maxQuestionChars: config.maxQuestionChars, language })).text}`);
  // The line iterator buffers lines, so pasted or piped input is not lost while an
  // answer is being computed.
  try {
    for await (const line of rl) {
      const l = parseChatLine(line);
      if (l.kind === 'quit') break;
      if (l.kind === 'help' || l.kind === 'unknown-command') out(`\n${t.terminalHelp}`);
      else if (l.kind === 'types') out(`\n${typesList(lang)}`);
      else if (l.kind === 'tips') await ask(t.tipsQuestion, lang);
      else if (l.kind === 'question') await ask(l.text);
      if (!inputEnded) rl.prompt();
    }
  } finally {
    rl.close();
  }
}
