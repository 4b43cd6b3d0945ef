/**
 * Opening the operator record from configuration: the SQLite file and key in the data
 * directory. Recording problems never stop the caller: they yield a disabled recorder.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { disabledRecorder, openSqliteRecorder } from './sqlite-recorder.js';
import type { Recorder } from './types.js';
import { loadOrCreateKey } from './user-hash.js';

/** File names of the record inside DATA_DIR. */
export const RECORD_FILE = 'record.db';
export const RECORD_KEY_FILE = 'record.key';

/** Opens the record configured in `config` (or a disabled one when RECORD=off or on error). */
export function openRecorder(config: Pick<Config, 'dataDir' | 'record'>, logger?: Logger): Recorder {
  if (!config.record.enabled) return disabledRecorder;
  try {
    mkdirSync(config.dataDir, { recursive: true });
    const hashKey = config.record.hashKey ?? loadOrCreateKey(join(config.dataDir, RECORD_KEY_FILE));
    return openSqliteRecorder({
      file: join(config.dataDir, RECORD_FILE),
      hashKey,
      retentionDays: config.record.retentionDays,
      storeCheckedMessages: config.record.storeCheckedMessages,
      logger,
    });
  } catch (err) {
    logger?.error({ err }, 'recording disabled: cannot prepare the record in DATA_DIR');
    return disabledRecorder;
  }
}
