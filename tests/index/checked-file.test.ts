import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckedFile } from '../../src/index/checked-file.js';

const dir = await mkdtemp(join(tmpdir(), 'checked-file-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('CheckedFile', () => {
  it('writes text and bytes in the order given, with the checksum and size of what is on disk', async () => {
    // Pieces from tiny to past the 1 MiB buffer, text (with multi-byte characters) and bytes mixed.
    const piece = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.uint8Array({ maxLength: 40 }),
      fc.integer({ min: 1, max: 3 }).map((n) => Buffer.alloc(n * 400_000, n)),
      fc.integer({ min: 1, max: 2 }).map((n) => '诈骗'.repeat(n * 200_000)),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), async (pieces) => {
        const path = join(dir, `f${run++}`);
        const f = await CheckedFile.create(path);
        for (const p of pieces) await f.write(p);
        const sum = await f.close();
        const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : p)));
        const onDisk = await readFile(path);
        expect(onDisk.equals(expected)).toBe(true);
        expect(sum).toEqual({ sha256: createHash('sha256').update(onDisk).digest('hex'), bytes: onDisk.length });
        await rm(path);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses writes after close', async () => {
    const f = await CheckedFile.create(join(dir, 'closed'));
    await f.write('a');
    await f.close();
    await expect(f.write('b')).rejects.toThrow(/is closed/);
    await expect(f.write(Buffer.alloc(2 << 20))).rejects.toThrow(/is closed/);
  });
});
