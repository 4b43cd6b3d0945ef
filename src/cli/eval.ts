/** `npm run eval [-- --verbose] [-- --golden FILE]`: runs the golden set and prints the figures. */
import { join } from 'node:path';
import { evaluate, formatEval, loadGolden } from '../answer/evaluate.js';
import { PROJECT_ROOT, setupEngine } from '../answer/setup.js';
import { loadConfig } from '../config.js';
import { runCli } from './run.js';

await runCli({
  name: 'eval',
  summary:
    'Runs a question set through the engine and prints hit@1, hit@5, MRR, off-topic accuracy, per category, and latency. The index is built first when missing or stale.',
  options: {
    golden: {
      type: 'string',
      valueName: 'FILE',
      description: 'question set (default: tests/eval/golden.json; the held-out set is tests/eval/heldout.json)',
    },
    verbose: { type: 'boolean', description: 'list every question with its result' },
  },
  async main({ values }) {
    const config = loadConfig(process.env);
    const { deps } = await setupEngine(config);
    const items = loadGolden(values.golden ?? join(PROJECT_ROOT, 'tests', 'eval', 'golden.json'));
    console.log(formatEval(await evaluate(items, deps), values.verbose ?? false));
    return 0;
  },
});
