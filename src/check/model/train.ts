/**
 * Training of the checker's model (see ./model.ts): softmax regression with L2, full-batch
 * Adam, on binary features scaled to unit length. Small and deterministic (no random
 * initialisation, no shuffling), so the committed model is reproducible from the data.
 */
import { normalize } from '../normalize.js';
import { extractFeatures } from './features.js';
import { type CheckModel, type CheckModelData, createModelFromTable } from './model.js';

/** One training message. `type` null means ordinary. */
export interface TrainItem {
  text: string;
  type: string | null;
}

/** Hyper-parameters (defaults chosen by 5-fold cross-validation, see src/check/model/README.md). */
export interface TrainOptions {
  /** A feature must occur in at least this many messages (rarer ones are names and numbers). */
  minDf?: number;
  /** L2 penalty per weight. */
  l2?: number;
  epochs?: number;
  learningRate?: number;
  /** Weights smaller than this are dropped when the model is stored (keeps the JSON small). */
  prune?: number;
}

export const DEFAULT_TRAIN: Required<TrainOptions> = {
  minDf: 2,
  l2: 1e-5,
  epochs: 300,
  learningRate: 0.05,
  prune: 0.1,
};

/** A trained model with its raw weights. */
export interface Trained {
  model: CheckModel;
  classes: string[];
  bias: Float64Array;
  table: Map<string, Float64Array>;
}

/** Trains on the items. Classes: 'ordinary' then the scam types in sorted order. */
export function trainCheckModel(items: readonly TrainItem[], options: TrainOptions = {}): Trained {
  const o = { ...DEFAULT_TRAIN, ...options };
  const classes = ['ordinary', ...[...new Set(items.map((i) => i.type).filter((t): t is string => !!t))].sort()];
  const k = classes.length;
  const docs = items.map((i) => [...extractFeatures(normalize(i.text)).keys()]);
  const df = new Map<string, number>();
  for (const d of docs) for (const f of d) df.set(f, (df.get(f) ?? 0) + 1);
  const vocab = new Map<string, number>();
  for (const [f, c] of df) if (c >= o.minDf) vocab.set(f, vocab.size);
  const x = docs.map((d) => ({
    idx: Int32Array.from(d.map((f) => vocab.get(f) ?? -1).filter((v) => v >= 0)),
    scale: d.length ? 1 / Math.sqrt(d.length) : 0,
  }));
  const y = items.map((i) => classes.indexOf(i.type ?? 'ordinary'));
  const v = vocab.size;
  const w = new Float64Array(v * k);
  const b = new Float64Array(k);
  // Adam state.
  const mw = new Float64Array(v * k);
  const sw = new Float64Array(v * k);
  const mb = new Float64Array(k);
  const sb = new Float64Array(k);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  const gw = new Float64Array(v * k);
  const gb = new Float64Array(k);
  const z = new Float64Array(k);
  const n = items.length;
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    gw.fill(0);
    gb.fill(0);
    for (let i = 0; i < n; i++) {
      const { idx, scale } = x[i];
      z.set(b);
      for (const f of idx) for (let c = 0; c < k; c++) z[c] += w[f * k + c] * scale;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) max = Math.max(max, z[c]);
      let sum = 0;
      for (let c = 0; c < k; c++) {
        z[c] = Math.exp(z[c] - max);
        sum += z[c];
      }
      for (let c = 0; c < k; c++) {
        const g = (z[c] / sum - (c === y[i] ? 1 : 0)) / n;
        gb[c] += g;
        for (const f of idx) gw[f * k + c] += g * scale;
      }
    }
    for (let j = 0; j < w.length; j++) gw[j] += o.l2 * w[j];
    const c1 = 1 - beta1 ** epoch;
    const c2 = 1 - beta2 ** epoch;
    for (let j = 0; j < w.length; j++) {
      mw[j] = beta1 * mw[j] + (1 - beta1) * gw[j];
      sw[j] = beta2 * sw[j] + (1 - beta2) * gw[j] * gw[j];
      w[j] -= (o.learningRate * (mw[j] / c1)) / (Math.sqrt(sw[j] / c2) + eps);
    }
    for (let c = 0; c < k; c++) {
      mb[c] = beta1 * mb[c] + (1 - beta1) * gb[c];
      sb[c] = beta2 * sb[c] + (1 - beta2) * gb[c] * gb[c];
      b[c] -= (o.learningRate * (mb[c] / c1)) / (Math.sqrt(sb[c] / c2) + eps);
    }
  }
  const table = new Map<string, Float64Array>();
  for (const [f, j] of vocab) {
    const row = w.slice(j * k, j * k + k);
    if (row.some((val) => Math.abs(val) >= o.prune)) {
      // Pruned as stored, so that cross-validation measures the model that is shipped.
      for (let c = 0; c < k; c++) if (Math.abs(row[c]) < o.prune) row[c] = 0;
      table.set(f, row);
    }
  }
  return { model: createModelFromTable(classes, b, table), classes, bias: b, table };
}

/** Weights rounded to this many decimals when stored. */
const DECIMALS = 3;

/** The stored form of a trained model. */
export function serializeModel(t: Trained, meta: Record<string, unknown>): CheckModelData {
  const weights: Record<string, string> = {};
  for (const [f, row] of [...t.table].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const pairs: string[] = [];
    row.forEach((val, c) => {
      const r = Number(val.toFixed(DECIMALS));
      if (r !== 0) pairs.push(`${c}:${r}`);
    });
    if (pairs.length) weights[f] = pairs.join(' ');
  }
  return {
    version: 1,
    classes: t.classes,
    bias: [...t.bias].map((val) => Number(val.toFixed(DECIMALS))),
    weights,
    meta,
  };
}
