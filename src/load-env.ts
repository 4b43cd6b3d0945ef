/**
 * Loads `.env` into the environment, quietly: `npm run ask -- --json` must print nothing
 * but JSON on stdout. Imported first by the entry points only (main.ts and src/cli/*).
 */
import { config } from 'dotenv';

config({ quiet: true });
