/** `npm run chat`: talk to the engine in the terminal, as in Telegram. */
import { loadConfig } from '../config.js';
import { runCli } from './run.js';
import { runTerminalChat } from './terminal-chat.js';

await runCli({
  name: 'chat',
  summary:
    'Interactive chat in the terminal with the same engine as the Telegram bot. Type a question or paste a message; /help, /types, /tips work as in the bot; /quit or Ctrl-D leaves. The index is built first when missing or stale.',
  async main() {
    await runTerminalChat(loadConfig(process.env));
    return 0;
  },
});
