/**
 * Detection of advice that contradicts the core anti-fraud rules: transfer money to a
 * "safe account", pay a fee to get money, install a remote-control or meeting app, give a
 * verification code away, keep it secret from family, bank or police.
 *
 * Used twice: at ingest, a sentence of an operator's article that gives such advice is
 * flagged and never quoted (a poisoned or badly scraped file); and on the optional LLM
 * path, any such sentence in the model's answer rejects it. An anti-fraud bot must never
 * relay fraud advice, whoever wrote it.
 *
 * The rules are data (below). A sentence is checked clause by clause (，；：), since
 * Chinese advice and its negation (不要转账) sit in one clause.
 */
import { normalizeForSearch } from './script.js';

/** One dangerous act. */
export interface DangerousAct {
  id: 'transfer' | 'pay' | 'install' | 'share-code' | 'secrecy';
  /** What the act is, for logs and the ingest summary. */
  label: string;
  /** The act itself, matched on the Simplified, lower-case text of a clause. */
  pattern: RegExp;
}

/** The acts the core rules forbid advising. */
export const DANGEROUS_ACTS: DangerousAct[] = [
  {
    id: 'transfer',
    label: 'transfer money',
    pattern: /转账|汇款|打款|转钱|转到|转入|转至|汇到|汇入|存入|把钱.{0,6}(转|汇|存|交)|资金.{0,4}(转|汇)|安全账户/u,
  },
  {
    id: 'pay',
    label: 'pay a fee',
    pattern:
      /(缴纳|支付|交纳|付款|付费|充值|先交|先付|交)(.{0,8})(保证金|解冻金|手续费|费用|押金|税费|会员费|验资|刷流水|流水)|付款|支付/u,
  },
  {
    id: 'install',
    label: 'install an app',
    pattern:
      /(下载|安装|打开|开启|使用).{0,10}(app|软件|应用|屏幕共享|共享屏幕|远程|会议|向日葵|todesk|teamviewer|zoom|链接)|屏幕共享|共享屏幕|点击.{0,6}链接|扫码|扫描.{0,4}二维码/u,
  },
  {
    id: 'share-code',
    label: 'share a verification code or password',
    pattern:
      /(提供|告诉|告知|发送|发给|报给|报出|说出|透露|输入|填写).{0,8}(验证码|动态码|校验码|密码|口令|cvv|卡背后)|(验证码|动态码|校验码|密码|口令).{0,6}(告诉|告知|发给|提供|报给|念给|交给)/u,
  },
];

// Keeping a secret from the people who would stop the fraud: the negation is part of the
// dangerous act here, so it is matched separately.
const SECRECY =
  /(不要|千万别|千万不要|别|不能|不得|切勿|勿|不准|不许|不可).{0,4}(告诉|告知|透露给|透露|让|联系|惊动|通知|跟|和|对|向).{0,6}(家人|家属|亲人|亲友|子女|儿女|老伴|配偶|银行|柜员|柜台|工作人员|民警|警察|警方|公安|派出所|110|96110)|(对|向).{0,6}(家人|家属|亲人|银行|民警|警察|警方).{0,4}(保密|隐瞒)|(保密|隐瞒).{0,4}(家人|家属|亲人|银行|民警|警察|警方)/u;

// A negation in front of the act: 不要转账, 切勿下载, 从不索要验证码.
const NEGATION =
  /不要|不能|不得|不可|不会|不应|不该|不用|无需|不需要|切勿|千万别|别|勿|绝不|决不|从不|从来不|不|没有|没|未|拒绝|警惕|谨防|防止|以免|避免|严禁|禁止|谨慎|小心|冒充|假冒|所谓|声称|谎称|自称|骗子|诈骗|骗局|嫌疑人|犯罪分子|不法分子|对方|陌生/u;

// Who does the act in a descriptive sentence (骗子要求受害人转账): such a clause reports
// the fraud, it does not advise it, unless it tells the reader to comply (按对方要求).
const COMPLY = /按照?|听从|遵照|配合|照做|服从/u;
// Telling the reader to do what the caller says (按对方要求), which no report of a fraud does.
const COMPLY_WITH_CALLER = /(按照?|听从|遵照|配合|服从)(对方|他们|来电|电话里|民警|警官|公安|客服)/u;
// Words that mark a clause as advice to the reader.
const ADVICE =
  /请(?!求)|一定要|务必|必须|应当|应该|赶紧|赶快|立即|立刻|马上|尽快|记得|建议|最好|只有|只要|(?<![需主重只想又还总硬却])要(?![求是你您他她])/u;
// A negation that also cancels 按对方要求 (不按对方要求转账).
const STRICT_NEGATION = /不|别|勿|没|未|拒绝|防止|以免|避免|严禁|禁止|警惕|谨防/u;
// The sentence reports what fraudsters do or names it as fraud, rather than advising it:
// 骗子要求你对家人保密; 凡是要你先交保证金的，都是诈骗.
const REPORTED =
  /(骗子|对方|嫌疑人|犯罪分子|不法分子|诈骗分子|诈骗团伙|歹徒|冒充者|主播|客服|网页|页面|链接)[^，。]{0,8}(要求|让|叫|称|说|诱导|会|逼|要你|显示)|(都|就|均|一律)?是(诈骗|骗局|骗子)/u;

// Characters without which no act or secrecy pattern can match, Simplified and Traditional.
const MAY_MENTION_ACT =
  /[转轉汇匯款账賬存交付缴繳费費充载載装裝开開用共远遠链鏈扫掃码碼密令告诉訴知透露保隐隱瞒瞞让讓联聯惊驚通跟和对對向]/u;

/** True when the clause tells the reader to do something (请, 一定要, 按对方要求…). */
export function isAdviceClause(clause: string): boolean {
  return ADVICE.test(clause) || COMPLY.test(clause);
}

/** A dangerous act found in a clause. */
export interface ActHit {
  id: DangerousAct['id'] | 'secrecy';
  label: string;
  /** The clause it was found in (normalised). */
  clause: string;
  /** True when the clause negates the act (不要转账): safe advice, or a report of the fraud. */
  negated: boolean;
}

/** Splits a sentence into clauses at ，；：、 (and their ASCII forms). */
export function clauses(sentence: string): string[] {
  return sentence
    .split(/[，；：,;:、]/u)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Every dangerous act mentioned in `sentence`, negated or not. */
export function findActs(sentence: string): ActHit[] {
  return findActsIn(normalizeForSearch(sentence));
}

/** {@link findActs} of a sentence already normalised for search (normalising is the slow part). */
function findActsIn(simple: string): ActHit[] {
  const hits: ActHit[] = [];
  for (const clause of clauses(simple)) {
    if (SECRECY.test(clause))
      hits.push({ id: 'secrecy', label: 'keep it secret from family, bank or police', clause, negated: false });
    for (const act of DANGEROUS_ACTS) {
      const m = act.pattern.exec(clause);
      if (!m) continue;
      const before = clause.slice(0, m.index);
      const comply = COMPLY.exec(before);
      const negated = comply ? STRICT_NEGATION.test(before.slice(0, comply.index)) : NEGATION.test(before);
      hits.push({ id: act.id, label: act.label, clause, negated });
    }
  }
  return hits;
}

/**
 * Why `sentence` (from an article) gives advice that contradicts the core rules, or null.
 * A report of what fraudsters do (骗子要求其转账) is not advice; a clause telling the reader
 * to do it (一定要按对方要求把钱转到安全账户) or to keep it from family or bank is.
 */
export function unsafeAdvice(sentence: string): string | null {
  // Cheap test first: most sentences name none of the acts (script conversion is slow).
  if (!MAY_MENTION_ACT.test(sentence)) return null;
  const simple = normalizeForSearch(sentence);
  if (REPORTED.test(simple) && !COMPLY_WITH_CALLER.test(simple)) return null;
  for (const hit of findActsIn(simple)) {
    if (hit.id === 'secrecy') return `advises to ${hit.label}`;
    if (hit.negated) continue;
    // The official anti-fraud app is the one install the rules recommend.
    if (hit.id === 'install' && /反诈/u.test(hit.clause)) continue;
    const advice = ADVICE.test(hit.clause) || COMPLY.test(hit.clause);
    // Money sent "as asked" or to a 安全账户 is the fraud itself; another transfer (to a
    // merchant) is only unsafe when the reader is told to comply with someone.
    if (hit.id === 'transfer' ? (advice && /安全账户/u.test(hit.clause)) || COMPLY.test(hit.clause) : advice)
      return `advises to ${hit.label}`;
  }
  return null;
}
