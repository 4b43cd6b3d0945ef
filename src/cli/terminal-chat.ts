/**
 * The interactive terminal chat: the same engine as the bot, for trying 反诈助手 without
 * Telegram (and what `npm start` opens when no bot token is set and stdin is a terminal).
 */
import { createInterface } from 'node:readline';
import { answer } from '../answer/engine.js';
import { setupEngine } from '../answer/setup.js';
import type { Config } from '../config.js';

const WELCOME = `反诈助手 — 终端对话 / terminal chat
问我骗局怎么运作、收到的消息是不是诈骗、怎样防范。Ask in Chinese or English.
例如 e.g.: 什么是杀猪盘？ · 有人自称警察让我转账到安全账户 · What is a pig butchering scam?
输入 /quit 退出 (or Ctrl-D).`;

/** Runs the chat until the user quits or stdin ends. */
export async function runTerminalChat(config: Config, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout }): Promise<void> {
  const { deps, report } = await setupEngine(config);
  const out = (s: string) => io.output.write(`${s}\n`);
  if (!report.upToDate) out(`(index built: ${report.articles} articles, ${report.passages} passages)`);
  out(WELCOME);
  const rl = createInterface({ input: io.input, output: io.output, terminal: (io.input as NodeJS.ReadStream).isTTY ?? false });
  rl.setPrompt('\n> ');
  rl.prompt();
  // The line iterator buffers lines, so pasted or piped input is not lost while an
  // answer is being computed.
  try {
    for await (const line of rl) {
      const q = line.trim();
      if (q === '/quit' || q === '/exit') break;
      if (q) {
        const a = await answer(q, deps, { maxQuestionChars: config.maxQuestionChars });
        out(`\n${a.text}`);
      }
      rl.prompt();
    }
  } finally {
    rl.close();
  }
}
