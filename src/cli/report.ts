/**
 * `npm run report [-- --since 7d] [--json]`: what people asked, what the bot could not
 * answer, answers voted down and why, and the topics worth an article — from the record
 * in DATA_DIR.
 */
import '../load-env.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openRecorder, RECORD_FILE } from '../record/open.js';
import { buildReport, parseSince, renderReport } from '../record/report.js';

const USAGE = `Usage: npm run report [-- --since 7d] [--json]
  --since PERIOD  how far back: 24h, 7d (default), 2w
  --json          print the report as one JSON object`;

function main(): number {
  const { values } = parseArgs({
    options: {
      since: { type: 'string', default: '7d' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig(process.env);
  const since = parseSince(values.since);
  if (!existsSync(join(config.dataDir, RECORD_FILE))) {
    console.error(`No record yet in ${config.dataDir} (DATA_DIR): the bot records questions once it runs (RECORD=on).`);
    return 1;
  }
  const recorder = openRecorder(config);
  if (!recorder.enabled) {
    console.error(`The record in ${config.dataDir} cannot be read; see the bot's log for the reason.`);
    return 1;
  }
  const report = buildReport(recorder.read(since), since);
  recorder.close();
  console.log(values.json ? JSON.stringify(report) : renderReport(report));
  return 0;
}

try {
  process.exit(main());
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `report failed: ${(err as Error).message}\n${USAGE}`);
  process.exit(err instanceof ConfigError ? 1 : 2);
}
