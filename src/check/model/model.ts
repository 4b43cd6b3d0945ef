/**
 * The checker's statistical model: multinomial logistic regression over
 * {ordinary, each scam type} on the features of ./features.ts, trained by
 * `npm run train:check` (scripts/train-check-model.ts) and stored as sparse JSON beside this
 * file. It only assists the rules (src/check/checker.ts): it can raise a borderline message
 * and help typing, and every verdict still quotes the message.
 */
import type { Normalized } from '../normalize.js';
import { extractFeatures } from './features.js';

/** The stored model: classes[0] is 'ordinary'; weights are sparse "classIndex:weight" lists. */
export interface CheckModelData {
  version: 1;
  classes: string[];
  bias: number[];
  /** feature → space-separated `classIndex:weight` pairs (absent pairs weigh 0). */
  weights: Record<string, string>;
  /** How it was trained (data, sizes, hyper-parameters), for the record. */
  meta?: Record<string, unknown>;
}

/** What the model says about one message. */
export interface ModelPrediction {
  /** Probability that the message is a scam (1 − P(ordinary)). */
  pScam: number;
  /** Most probable scam type and its probability among the scam types (sums to 1 over them). */
  type?: string;
  typeShare: number;
  /** P(type | scam) for every scam type. */
  typeShares: Record<string, number>;
  /** Normalised span of the feature that pushes most towards scam, for quoting. */
  evidence?: [number, number];
}

/** A loaded model: parsed weights ready for scoring. */
export interface CheckModel {
  classes: readonly string[];
  predict(n: Pick<Normalized, 'text'>): ModelPrediction;
}

/** Parses stored model data into a {@link CheckModel}. */
export function loadCheckModel(data: CheckModelData): CheckModel {
  if (data.version !== 1 || data.classes[0] !== 'ordinary')
    throw new Error(`unsupported check model (version ${data.version}, first class ${data.classes[0]})`);
  const k = data.classes.length;
  // Rows are unpacked on first use: a message has a few dozen features of the tens of
  // thousands stored, and unpacking them all cost ~20 ms of every cold start (issue 11).
  const rows = new Map<string, Float64Array>();
  const table: Pick<ReadonlyMap<string, Float64Array>, 'get'> = {
    get(f) {
      let row = rows.get(f);
      if (!row && Object.hasOwn(data.weights, f)) {
        row = new Float64Array(k);
        for (const pair of data.weights[f].split(' ')) {
          const [c, w] = pair.split(':');
          row[Number(c)] = Number(w);
        }
        rows.set(f, row);
      }
      return row;
    },
  };
  return createModelFromTable(data.classes, Float64Array.from(data.bias), table);
}

/** A model from in-memory weights (also used by training and cross-validation). */
export function createModelFromTable(
  classes: readonly string[],
  bias: Float64Array,
  table: Pick<ReadonlyMap<string, Float64Array>, 'get'>,
): CheckModel {
  const k = classes.length;
  return {
    classes,
    predict(n) {
      const feats = extractFeatures(n);
      const present: { row: Float64Array; span: [number, number] }[] = [];
      for (const [f, span] of feats) {
        const row = table.get(f);
        if (row) present.push({ row, span });
      }
      // Binary features scaled to unit length by the count of all features of the text,
      // known or not, exactly as in training.
      const scale = feats.size ? 1 / Math.sqrt(feats.size) : 0;
      const z = Float64Array.from(bias);
      for (const { row } of present) for (let c = 0; c < k; c++) z[c] += row[c] * scale;
      const max = Math.max(...z);
      let sum = 0;
      const p = new Float64Array(k);
      for (let c = 0; c < k; c++) {
        p[c] = Math.exp(z[c] - max);
        sum += p[c];
      }
      for (let c = 0; c < k; c++) p[c] /= sum;
      const pScam = 1 - p[0];
      let best = 1;
      for (let c = 2; c < k; c++) if (p[c] > p[best]) best = c;
      const typeShares: Record<string, number> = {};
      for (let c = 1; c < k; c++) typeShares[classes[c]] = pScam > 0 ? p[c] / pScam : 0;
      let evidence: [number, number] | undefined;
      let top = 0;
      for (const { row, span } of present) {
        const push = row[best] - row[0];
        if (push > top) {
          top = push;
          evidence = span;
        }
      }
      return {
        pScam,
        type: k > 1 ? classes[best] : undefined,
        typeShare: k > 1 ? typeShares[classes[best]] : 0,
        typeShares,
        evidence,
      };
    },
  };
}
