/** `npm run eval [-- --verbose] [-- --golden FILE]`: runs the golden set and prints the figures. */
import '../load-env.js';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { evaluate, formatEval, loadGolden } from '../answer/evaluate.js';
import { PROJECT_ROOT, setupEngine } from '../answer/setup.js';

const { values } = parseArgs({ options: { golden: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
const config = loadConfig(process.env);
const { deps } = await setupEngine(config);
const items = loadGolden(values.golden ?? join(PROJECT_ROOT, 'tests', 'eval', 'golden.json'));
console.log(formatEval(await evaluate(items, deps), values.verbose));
