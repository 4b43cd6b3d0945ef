import { createHash } from 'node:crypto';

/**
 * sha256 prefix of a passage text: the key of the embedding reuse. A module of its own so
 * that the preparing workers compute it without loading the index modules.
 */
export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 24);
}
