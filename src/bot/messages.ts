/**
 * @deprecated The interface texts moved to src/i18n/strings.ts (one locale module shared
 * by the bot and the CLI). This re-export keeps features written before the move
 * compiling; import from '../i18n/strings.js' instead. To be removed.
 */
export { COMMANDS, texts } from '../i18n/strings.js';
