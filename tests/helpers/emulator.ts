import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { TelegramServer as TelegramServerType } from 'telegram-test-api/lib/telegramServer.js';

// The package is CommonJS with `module.exports = TelegramServer`; its typings describe an
// ES default export, so load it through require with the class type.
const TelegramServer = createRequire(import.meta.url)('telegram-test-api') as typeof TelegramServerType;
export type Emulator = TelegramServerType;

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts the Telegram Bot API emulator on loopback. */
export async function startEmulator(): Promise<Emulator> {
  const server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 120 });
  await server.start();
  return server;
}

/** Bot messages the emulator holds for a chat. */
export function botMessages(server: Emulator, chatId: number): any[] {
  return server.storage.botMessages.filter((m) => Number(m.message.chat_id) === chatId).map((m) => m.message);
}

/** Waits until `pred` holds (polling), or fails after `ms`. */
export async function waitFor<T>(fn: () => T | undefined | false, ms = 15_000, what = 'condition'): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
