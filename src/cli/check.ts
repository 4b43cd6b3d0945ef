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
import { runCli, UsageError } from './run.js';

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

interface CheckValues {
  json?: boolean;
  lang?: string;
  image?: string;
  record?: boolean;
}

async function main({ values, positionals }: { values: CheckValues; positionals: string[] }): Promise<number> {
  const { json, lang, image } = values;
  const text = positionals.join(' ').trim();
  const recorder = values.record ? openRecorder(loadConfig(process.env)) : undefined;
  if (image) {
    try {
      const ocr = await recognizeImage(image);
      if (!ocr.text.trim()) {
        process.stdout.write(json ? `${JSON.stringify({ ocr, result: null })}\n` : 'No text found in the image.\n');
        return 0;
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
    return 0;
  }

  if (text) {
    const result = checkAndRecord(text, recorder, 'paste');
    process.stdout.write(json ? `${JSON.stringify(result)}\n` : `${formatCheck(result, outputLang(text, lang))}\n`);
    return 0;
  }

  if (!json || process.stdin.isTTY)
    throw new UsageError('no message given (pass it as an argument, or --json with one message per stdin line)');
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const result: CheckResult = checkAndRecord(line, recorder, 'paste');
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
  recorder?.close();
  return 0;
}

await runCli({
  name: 'check',
  summary:
    'Checks a received message (SMS, chat, call script) for signs of fraud: verdict, red flags with the words that raised them, entities. Never says a message is safe.',
  args: '[MESSAGE]',
  options: {
    json: {
      type: 'boolean',
      description: 'print the CheckResult as JSON; without a message, one message per stdin line',
    },
    lang: {
      type: 'string',
      valueName: 'zh|zhHant|en',
      description: "language of the human output (default: the message's)",
    },
    image: {
      type: 'string',
      valueName: 'FILE',
      description: 'read a screenshot offline (tesseract.js) and check its text',
    },
    record: {
      type: 'boolean',
      description: 'also record the check in DATA_DIR/record.db (its text only with STORE_CHECKED_MESSAGES=true)',
    },
  },
  notes:
    'Examples:\n  npm run check -- "【ETC】您的ETC已失效，请点击 http://etc-x.cc 认证"\n  npm run check -- --image screenshot.png\n  npm run check -- --json < messages.txt',
  main,
});
