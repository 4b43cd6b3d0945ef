/**
 * User ids are never stored: only a keyed hash (HMAC-SHA256), so that votes can be made
 * idempotent per user and volume counted per user without a table that maps back to a
 * Telegram account. The key is generated on first run and kept beside the record (mode
 * 0600), or given by the operator (RECORD_HASH_KEY) so several replicas agree.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** Bytes of a generated key. 32 bytes matches SHA-256's block security. */
const KEY_BYTES = 32;
/** Hex characters of the stored hash: 64 bits is plenty to tell users apart, and short. */
const HASH_CHARS = 16;

/** Reads the key file, or creates it with a random key. */
export function loadOrCreateKey(file: string): string {
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length >= 16) return key;
    throw new Error(
      `The record key file ${file} is empty or too short: delete it to generate a new one (old user hashes will no longer match).`,
    );
  }
  const key = randomBytes(KEY_BYTES).toString('hex');
  // Written whole to a private temporary file, then linked into place: link() fails if
  // another process got there first, and then its file is already complete to read.
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${key}\n`, { mode: 0o600 });
    linkSync(tmp, file);
    return key;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateKey(file);
    throw new Error(`Cannot write the record key file ${file}: check that DATA_DIR is writable.`, { cause: err });
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Returns a function that hashes a user id with `key`. */
export function userHasher(key: string): (userId: number | string) => string {
  return (userId) => createHmac('sha256', key).update(String(userId)).digest('hex').slice(0, HASH_CHARS);
}
