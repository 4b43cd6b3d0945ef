/**
 * The message checker's contract (issue 7): what goes in, what comes out. Shared by the
 * answering engine, the bot and the CLI; keep it stable.
 */

/** The checker's conclusion. Never "safe": `no-signs` only means no typical sign was found. */
export type Verdict = 'scam' | 'suspicious' | 'no-signs';

/** A text in the three languages we answer in. */
export interface Label {
  zh: string;
  zhHant: string;
  en: string;
}

/** One red flag found in a message. */
export interface FlagHit {
  id: string;
  label: Label;
  /** Exact substring of the input that raised the flag. */
  evidence: string;
}

/** Things found in a message, each an exact substring of the input. */
export interface Entities {
  urls: string[];
  phones: string[];
  /** QQ / WeChat / LINE / Telegram / WhatsApp ids, with the app's name as written. */
  accounts: string[];
  amounts: string[];
}

/** A message to check; from Telegram also whether it was forwarded and from whom. */
export interface CheckInput {
  text: string;
  forwarded?: boolean;
  forwardedFrom?: string;
}

/** The checker's answer. */
export interface CheckResult {
  verdict: Verdict;
  /** 0..1, how strongly the red flags point to fraud. */
  score: number;
  redFlags: FlagHit[];
  /** Taxonomy id of src/knowledge/scam-types.ts, when the message is typed. */
  scamType?: string;
  /** Id of a recognised routine-notice kind (src/knowledge/routine-notices.ts), e.g. 'otp'. */
  routine?: string;
  entities: Entities;
}

/** The fixed wording of a `no-signs` verdict. Never call a message "safe". */
export const NO_SIGNS_TEXT: Label = {
  zh: '未发现典型诈骗特征 — 仍请通过官方渠道核实',
  zhHant: '未發現典型詐騙特徵 — 仍請透過官方管道核實',
  en: 'No typical signs of fraud found — still verify through official channels',
};
