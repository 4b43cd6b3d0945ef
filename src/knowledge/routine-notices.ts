/**
 * Routine notices, kept as data (issue 7): the ordinary messages people most often ask
 * about — one-time codes, card transaction notices, carrier bills, parcel notices, official
 * anti-fraud reminders, appointment reminders. Recognising them is what lets a warning mean
 * something: a bank code that says 请勿告知他人 is advice, not a scammer's secrecy.
 *
 * A notice stays routine only while nothing disqualifies it: a link to a domain that is not
 * official, a request to call or add someone, a request to pay, or any red flag listed in
 * `disqualifiedBy`. Patterns run on the checker's normalised text (Simplified, lower case).
 */

import { type FlagText, lazyHant } from './red-flags.js';

/** One kind of routine notice. */
export interface RoutineNotice {
  id: string;
  /** The message is this kind when any of these match (and `requires`, if given, too). */
  patterns: RegExp[];
  /** Extra condition that must also match (e.g. the code itself for a one-time code). */
  requires?: RegExp;
  /**
   * Red flag ids that disqualify it. Links to non-official domains, requests to add a
   * private contact and requests to pay disqualify every kind (see the checker).
   */
  disqualifiedBy: string[];
  /**
   * Flags of {@link ALWAYS_DISQUALIFY} that do not disqualify this kind: an anti-fraud
   * reminder names 安全账户 or 共享屏幕 to warn against them.
   */
  exempt?: string[];
  /** Wording that disqualifies it (e.g. a reminder that tells you to transfer money). */
  disqualifiedByText?: RegExp[];
  /** Whether a link to any domain (not a look-alike, IP or unusual ending) is normal in it. */
  linksOk?: boolean;
  /** Whether a link to an official domain is expected in it. */
  officialLinksOk: boolean;
  label: FlagText;
}

// zhHant is converted on first read: building the Simplified→Traditional converter
// costs ~0.1–0.2 s, which a process that answers in Simplified never needs to pay at start.
function t(zh: string, en: string): FlagText {
  return lazyHant(zh, en);
}

/** Flags that make any notice not routine, whatever its kind. */
export const ALWAYS_DISQUALIFY: readonly string[] = [
  'private-channel',
  'pay-first',
  'safe-account',
  'screen-share',
  'asks-code',
  'asks-card',
  'personal-account',
  'odd-payment',
  'short-link',
  'lookalike-domain',
  'ip-link',
  'odd-tld',
  'loan-fee',
  'card-rental',
  'exposure-threat',
  'recovery',
  'credit-repair',
];

/** A request to call back or contact someone (disqualifies notices that never need one). */
export const CALL_REQUEST =
  /(请|速|立即|尽快|马上)?(致电|拨打|回电|联系|来电咨询|咨询电话|客服电话)[^，。！？]{0,6}1[3-9]\d{9}|\+?\d{2,4}[- ]?\d{6,}|(call|text|contact) (us|me|this number|back)/u;

export const ROUTINE_NOTICES: readonly RoutineNotice[] = [
  {
    id: 'otp',
    patterns: [
      /(验证码|校验码|动态码|动态密码|认证码|验证代码|一次性密码|确认码)/u,
      /\b(verification code|one-time (pass)?code|otp|security code|login code|your code is|is your [a-z ]{0,20}code)\b/u,
    ],
    // The code itself: 4–8 digits.
    requires: /(?<!\d)\d{4,8}(?!\d)/u,
    disqualifiedBy: [
      'threat',
      'prize',
      'refund-comp',
      'member-cancel',
      'claims-authority',
      'new-number',
      'borrow-money',
    ],
    officialLinksOk: true,
    label: t('验证码短信', 'One-time code'),
  },
  {
    id: 'card-transaction',
    patterns: [
      /(尾号|末四码|末4码|末四位|卡号末)[^，。]{0,4}\d{4}[^。]{0,40}(消费|支出|收入|入账|转入|转出|交易|刷卡|扣款|支付|存入|取款|还款)/u,
      /(账户|信用卡|借记卡|储蓄卡)[^。]{0,30}(消费|支出|入账|转入|交易)[^。]{0,20}(人民币|元|rmb|cny|台币|nt\$|hk\$)/u,
      /\b(card|account) ending (in )?\d{4}|\b(purchase|transaction|payment) of [$£€]?\d[\d,.]* (at|to|on)\b|\b(debited|credited) (with|by|from)\b/u,
    ],
    disqualifiedBy: [
      'urgency',
      'threat',
      'prize',
      'refund-comp',
      'member-cancel',
      'claims-authority',
      'claims-service',
      'link',
    ],
    officialLinksOk: false,
    label: t('银行卡交易提醒', 'Card transaction notice'),
  },
  {
    id: 'carrier-bill',
    patterns: [
      /(中国移动|中国联通|中国电信|10086|10010|10000|中华电信|台湾大哥大|远传|亚太电信|台湾之星|csl|中国移动香港|smartone|3hk)[^。]{0,60}(话费|账单|余额|流量|套餐|月租|缴费|帐单|电信费|已使用|剩余)/u,
      /(话费|流量|套餐)[^。]{0,20}(余额|已使用|剩余|账单|月结|已出账)/u,
      /\b(your (monthly )?bill|bill (is|of) [$£€]?\d|data (usage|allowance)|mobile (bill|plan))\b/u,
    ],
    disqualifiedBy: ['threat', 'prize', 'points-redeem', 'refund-comp', 'claims-authority', 'bill-fine'],
    officialLinksOk: true,
    label: t('运营商账单', 'Carrier bill'),
  },
  {
    id: 'parcel',
    patterns: [
      /(快递|包裹|取件码|取货码|驿站|菜鸟|丰巢|顺丰|中通|圆通|韵达|申通|极兔|京东物流|邮政|ems|超商取货|到店|7-11|全家|萊尔富|蝦皮|黑猫)[^。]{0,40}(取件|已到|到达|签收|派送|派件|领取|取货|已放|配送|送达)/u,
      /取件码|取货码/u,
      /\b(parcel|package|delivery|shipment)[^.]{0,40}(delivered|out for delivery|ready for (pick ?up|collection)|arrived|collect)/u,
    ],
    disqualifiedBy: ['threat', 'prize', 'refund-comp', 'claims-service', 'member-cancel', 'bill-fine', 'asks-card'],
    officialLinksOk: true,
    label: t('快递通知', 'Parcel notice'),
  },
  {
    id: 'anti-fraud-reminder',
    patterns: [
      /(96110|国家反诈中心|反诈中心|反诈|防诈|警政署|165|反诈骗|防骗|公安局|派出所|警方|刑事警察局)[\s\S]{0,80}(提醒|提示|温馨|谨防|警惕|切勿|不要|勿|劝阻|预警|注意|小心|切记|牢记)/u,
      /(提醒|提示|谨防|警惕|切勿|牢记)[\s\S]{0,80}(96110|国家反诈中心|反诈|防诈|警政署|165|诈骗)/u,
      // Talk about fraud in words a scammer never uses of himself: a warning, a news story passed on.
      /冒充[^，。]{0,12}(诈骗|骗)|诈骗分子|诈骗团伙|骗子|骗局|被骗|上当|反诈|防骗|新闻|报道|\bscammers?\b|\bfraudsters?\b|\bcriminals are\b|fake (texts|messages|calls|emails)/u,
      /\b(anti-?fraud|scam alert|fraud (alert|warning)|beware of scams?|(will|would) never ask you|report (scam|spam|fraud)[a-z ]{0,10}(texts|messages|calls))\b/u,
    ],
    // A reminder names the tricks it warns about; only a real request disqualifies it.
    disqualifiedBy: ['new-number', 'borrow-money'],
    exempt: [
      'pay-first',
      'safe-account',
      'screen-share',
      'asks-code',
      'asks-card',
      'personal-account',
      'odd-payment',
      'loan-fee',
      'card-rental',
      'exposure-threat',
      'credit-repair',
    ],
    disqualifiedByText: [
      /请[^，。！？]{0,8}(转入|转到|汇入|汇款|转账|缴纳|交纳|支付|下载|安装|提供|配合|添加|联系)/u,
      /(您|你)(的)?[^，。！？]{0,10}(涉嫌|涉案|被冻结|已被|将被)/u,
      /(需要|必须|要)(你|您)?把[^，。]{0,6}(钱|资金|存款|余额)[^，。]{0,4}(转|汇|存)/u,
      /\bplease [^.!?]{0,20}(transfer|pay|send|install|download|provide)\b/u,
    ],
    officialLinksOk: true,
    label: t('官方反诈提醒', 'Official anti-fraud reminder'),
  },
  {
    id: 'appointment',
    patterns: [
      /(预约|挂号|就诊|复诊|体检|面试|会议|上课|疫苗|接种|办理业务)[^。]{0,30}(提醒|时间|请准时|请按时|于\d|\d+月\d+日|\d+[:：]\d{2}|明天|今天|后天)/u,
      /\b(appointment|reminder|booking|reservation) [^.]{0,40}(on|at|tomorrow|today|\d{1,2}[:.]\d{2})\b/u,
    ],
    disqualifiedBy: [
      'threat',
      'prize',
      'refund-comp',
      'member-cancel',
      'claims-authority',
      'bill-fine',
      'download-app',
    ],
    officialLinksOk: true,
    label: t('预约提醒', 'Appointment reminder'),
  },
  {
    id: 'marketing',
    // An advertisement with an unsubscribe line. Short links are common in real ones; any
    // request a shop never makes (add a contact, pay first, claim a prize) disqualifies it.
    patterns: [
      /回t退订|退订回t|回复t退订|拒收请回复|回复td|退订请回|\breply stop\b|\btxt stop\b|\bstop to (opt out|unsubscribe|end)\b/u,
    ],
    exempt: ['short-link'],
    linksOk: true,
    disqualifiedBy: [
      'prize',
      'points-redeem',
      'refund-comp',
      'bill-fine',
      'threat',
      'claims-authority',
      'claims-service',
      'member-cancel',
      'task-rebate',
      'high-return',
      'loan-offer',
      'new-number',
      'borrow-money',
      'elite-lure',
      'sex-lure',
      'romance-lure',
      'charity-appeal',
      'transfer-request',
      'off-platform',
      'download-app',
      'emergency-story',
      'guided-operation',
      'top-up',
      'claims-teacher',
      'claims-boss',
      'flight-change',
    ],
    officialLinksOk: true,
    label: t('营销短信', 'Advertisement'),
  },
  {
    id: 'service-notice',
    patterns: [
      /(已成功|成功)(缴费|缴纳|充值|支付|办理|预订|退订|订购)|(缴费|充值|订单|预订)[^。]{0,10}(成功|已完成|已确认)/u,
      /\b(payment (received|successful)|order (confirmed|shipped)|booking confirmed|thank you for your (payment|order))\b/u,
    ],
    disqualifiedBy: [
      'threat',
      'prize',
      'refund-comp',
      'member-cancel',
      'claims-authority',
      'claims-service',
      'bill-fine',
      'urgency',
    ],
    officialLinksOk: true,
    label: t('业务办理回执', 'Service confirmation'),
  },
];
