/**
 * The bot's features, in the order they see an update. Each is one file exporting a
 * factory `(deps: BotDeps) => Composer<BotContext>` ({@link Feature}).
 *
 * To add a feature:
 * 1. write `src/bot/features/<name>.ts` exporting `<name>Feature(deps: BotDeps)` that returns a
 *    Composer (put any new dependency in BotDeps, src/bot/deps.ts, as an optional field);
 * 2. add it to {@link FEATURES} below at the place its handlers must win: a handler that
 *    answers an update stops it from reaching the features after it (e.g. a check of
 *    forwarded messages goes before `ask`; anything handling documents or photos before
 *    `nonText`, which answers every remaining message);
 * 3. put its texts in src/i18n/ and its tests in tests/bot/.
 */
import type { Feature } from '../deps.js';
import { adminFeature } from './admin.js';
import { askFeature } from './ask.js';
import { checkFeature } from './check.js';
import { commandsFeature } from './commands.js';
import { feedbackFeature } from './feedback.js';
import { nonTextFeature } from './non-text.js';
import { sourcesFeature } from './sources.js';
import { typesFeature } from './types.js';

/** Default feature order. Commands and buttons first, free text next, the catch-all hint last. */
export const FEATURES: readonly Feature[] = [
  commandsFeature,
  typesFeature,
  sourcesFeature,
  feedbackFeature,
  // Before nonText: text documents are articles for admins (others get a refusal).
  adminFeature,
  // /check, forwarded messages, photos and image documents: before ask and nonText.
  checkFeature,
  askFeature,
  nonTextFeature,
];
