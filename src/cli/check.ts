/**
 * `npm run check -- "text"`: checks one message and prints the verdict, the red flags with
 * their evidence, and the entities. `--json` prints the CheckResult; with `--json` and no
 * text, one message per stdin line gives one JSON object per line. `--image FILE` reads a
 * screenshot offline (tesseract.js) and checks its text. `--lang en|zhHant|zh` picks the
 * language of the human output (default: from the message's script).
 */
import { createInterface } from 'node:readline';
import { checkMessage } from '../check/checker.js';
import { formatCheck, type LabelLang } from '../check/format.js';
import { closeDefaultOcr, recognizeImage } from '../check/ocr.js';
import type { CheckResult } from '../check/types.js';
import { loadConfig } from '../config.js';
import { openRecorder } from '../record/open.js';
import type { Recorder, RecordSource } from '../record/types.js';
import { detectLanguage } from '../retrieval/query.js';

const USAGE = `usage: npm run check -- [--json] [--lang zh|zhHant|en] [--record] "message"
       npm run check -- [--json] [--record] --image FILE
       npm run check -- --json [--record] < messages.txt      (one message per line → one JSON per line)
  --record  also record the check in the operator record (DATA_DIR/record.db; the message
            text itself is kept only with STORE_CHECKED_MESSAGES=true)`;

/** The record, when --record is given (reads the configuration only then). */
function recorderFor(args: string[]): Recorder | undefined {
  return args.includes('--record') ? openRecorder(loadConfig(process.env)) : undefined;
}

/** Checks `text`, recording the result when a recorder is given. */
function checkAndRecord(text: string, recorder: Recorder | undefined, source: RecordSource): CheckResult {
  const t0 = performance.now();
  const result = checkMessage(text);
  recorder?.record({
    source,
    text,
    language: detectLanguage(text),
    intent: 'check-message',
    scamType: result.scamType,
    outcome: 'checked',
    verdict: result.verdict,
    redFlags: result.redFlags.map((f) => f.id),
    latencyMs: performance.now() - t0,
  });
  return result;
}

function outputLang(text: string, forced?: string): LabelLang {
  if (forced === 'en' || forced === 'zhHant' || forced === 'zh') return forced;
  const l = detectLanguage(text);
  return l === 'en' ? 'en' : l === 'zh-Hant' ? 'zhHant' : 'zh';
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const langAt = args.indexOf('--lang');
  const lang = langAt >= 0 ? args[langAt + 1] : undefined;
  const imageAt = args.indexOf('--image');
  const image = imageAt >= 0 ? args[imageAt + 1] : undefined;
  if (imageAt >= 0 && !image) throw new Error('--image needs a file');
  const skip = new Set([...(langAt >= 0 ? [langAt, langAt + 1] : []), ...(imageAt >= 0 ? [imageAt, imageAt + 1] : [])]);
  const text = args
    .filter((a, i) => !skip.has(i) && a !== '--json' && a !== '--record')
    .join(' ')
    .trim();

  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  const recorder = recorderFor(args);
  if (image) {
    try {
      const ocr = await recognizeImage(image);
      if (!ocr.text.trim()) {
        process.stdout.write(json ? `${JSON.stringify({ ocr, result: null })}\n` : 'No text found in the image.\n');
        return;
      }
      const result = checkAndRecord(ocr.text, recorder, 'photo');
      if (json) process.stdout.write(`${JSON.stringify({ ocr, result })}\n`);
      else
        process.stdout.write(
          `Read from the image (${ocr.ms} ms, confidence ${ocr.confidence.toFixed(2)}):\n${ocr.text}\n\n${formatCheck(result, outputLang(ocr.text, lang))}\n`,
        );
    } finally {
      await closeDefaultOcr();
    }
    return;
  }

  if (text) {
    const result = checkAndRecord(text, recorder, 'paste');
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatCheck(result, outputLang(text, lang))}\n`);
    return;
  }

  if (!json || process.stdin.isTTY) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const result: CheckResult = checkAndRecord(line, recorder, 'paste');
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main().catch((err: unknown) => {
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  process.stderr.write(`check failed: ${err instanceof Error ? err.message : String(err)}${cause}\n`);
  process.exitCode = 1;
});
