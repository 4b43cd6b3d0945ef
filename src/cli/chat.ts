/** `npm run chat`: talk to the engine in the terminal, as in Telegram. */
import '../load-env.js';
import { loadConfig } from '../config.js';
import { runTerminalChat } from './terminal-chat.js';

await runTerminalChat(loadConfig(process.env));
