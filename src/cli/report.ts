/**
 * `npm run report [-- --since 7d] [--json]`: what people asked, what the bot could not
 * answer, answers voted down and why, and the topics worth an article — from the record
 * in DATA_DIR.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { openRecorder, RECORD_FILE } from '../record/open.js';
import { buildReport, parseSince, renderReport } from '../record/report.js';
import { runCli, UsageError } from './run.js';

await runCli({
  name: 'report',
  summary:
    'Summarises the operator record (DATA_DIR/record.db): volume per day, outcomes, intents, scam types, verdicts, declined questions grouped by shared terms, answers voted down with their reasons, the lowest-scoring questions, and topics to add articles about.',
  options: {
    since: { type: 'string', valueName: 'PERIOD', default: '7d', description: 'how far back: 24h, 7d, 2w …' },
    json: { type: 'boolean', description: 'print the report as one JSON object' },
  },
  main: ({ values }) => {
    let since: Date;
    try {
      since = parseSince(values.since ?? '7d');
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const config = loadConfig(process.env);
    if (!existsSync(join(config.dataDir, RECORD_FILE))) {
      process.stderr.write(
        `No record yet in ${config.dataDir} (DATA_DIR): the bot records questions once it runs (RECORD=on).\n`,
      );
      return 1;
    }
    const recorder = openRecorder(config);
    if (!recorder.enabled) {
      process.stderr.write(`The record in ${config.dataDir} cannot be read; see the bot's log for the reason.\n`);
      return 1;
    }
    const report = buildReport(recorder.read(since), since);
    recorder.close();
    process.stdout.write(`${values.json ? JSON.stringify(report) : renderReport(report)}\n`);
    return 0;
  },
});
