import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SEEDS_DIR } from './seeds.js';

const dirs: string[] = [];
// After the whole file, not after each test: concurrent tests of a file share this list.
afterAll(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A temporary directory, removed after the test file. */
export function tmp(prefix = 'fzzs-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A temporary copy of the seeds directory. */
export function seedsCopy(): string {
  const d = join(tmp(), 'seeds');
  cpSync(SEEDS_DIR, d, { recursive: true });
  return d;
}
