/**
 * Domain vocabulary as data: the English → Chinese glossary that lets English questions
 * reach Chinese passages, the fraud lexicon that decides whether a question is in scope,
 * the advice patterns that turn quoted advice into tips, and the red flags of suspicious
 * messages. Terms are general to telecom fraud, not fitted to particular questions.
 */

/**
 * English words and phrases → Chinese search terms. Longer phrases are matched first
 * (see {@link translateEnglish}); single words cover the general vocabulary.
 */
export const EN_GLOSSARY: Record<string, string[]> = {
  // Fraud in general
  scam: ['诈骗', '骗局'],
  scams: ['诈骗', '骗局'],
  scammer: ['骗子', '诈骗分子'],
  scammers: ['骗子', '诈骗分子'],
  fraud: ['诈骗'],
  fraudster: ['骗子'],
  fraudsters: ['骗子'],
  con: ['骗局'],
  trick: ['骗局', '套路'],
  tricks: ['套路'],
  cheated: ['被骗'],
  bail: ['保证金'],
  arrested: ['抓获', '逮捕'],
  grandson: ['孙子', '家人'],
  loan: ['贷款'],
  loans: ['贷款'],
  scammed: ['被骗'],
  deceived: ['被骗'],
  victim: ['受害人', '被骗'],
  victims: ['受害群众'],
  'telecom fraud': ['电信网络诈骗', '电诈'],
  'phone scam': ['诈骗电话'],
  'online fraud': ['网络诈骗'],
  'anti-fraud': ['反诈'],
  'anti fraud': ['反诈'],
  hotline: ['96110', '专线'],
  // Money
  money: ['钱', '钱款'],
  transfer: ['转账'],
  transferred: ['转账'],
  remit: ['汇款'],
  wire: ['汇款', '转账'],
  pay: ['转账', '付款'],
  payment: ['转账', '付款'],
  deposit: ['充值'],
  'top up': ['充值'],
  refund: ['退款'],
  loss: ['损失'],
  losses: ['损失'],
  lost: ['损失', '被骗'],
  recover: ['追回', '挽损'],
  recovered: ['追回'],
  'get my money back': ['追回', '挽损'],
  fee: ['费用'],
  fees: ['费用'],
  bank: ['银行'],
  'bank card': ['银行卡'],
  account: ['账户', '账号'],
  accounts: ['账户'],
  password: ['密码'],
  cash: ['现金'],
  'bank staff': ['银行工作人员'],
  teller: ['银行工作人员'],
  freeze: ['冻结', '止付'],
  frozen: ['冻结'],
  // People and channels
  police: ['警察', '民警', '公安'],
  officer: ['警察', '民警'],
  prosecutor: ['检察院'],
  court: ['法院'],
  caller: ['来电', '电话'],
  call: ['电话', '来电'],
  phone: ['电话', '手机'],
  'phone call': ['电话'],
  sms: ['短信'],
  text: ['短信'],
  message: ['短信', '信息'],
  link: ['链接'],
  app: ['App', '软件'],
  wechat: ['微信'],
  'chat group': ['聊天群'],
  group: ['群'],
  boss: ['老板', '总经理', '领导'],
  manager: ['总经理', '领导'],
  ceo: ['总经理'],
  'finance staff': ['财务人员', '财会人员'],
  accountant: ['财务人员', '会计'],
  elderly: ['老年人', '老人'],
  parents: ['老人', '家人'],
  grandma: ['老人', '阿姨'],
  grandpa: ['老人', '大爷'],
  student: ['学生'],
  students: ['学生'],
  children: ['学生', '孩子'],
  kids: ['孩子', '学生'],
  son: ['儿子'],
  abroad: ['国外', '境外'],
  overseas: ['境外'],
  // Actions and advice
  protect: ['防范', '提醒'],
  prevent: ['防范', '防骗'],
  avoid: ['防范', '避免'],
  tips: ['提醒', '防范'],
  advice: ['提醒'],
  verify: ['核实'],
  check: ['核实'],
  report: ['报警'],
  'call the police': ['报警'],
  warning: ['预警', '提醒'],
  warn: ['预警'],
  dissuade: ['劝阻'],
  stop: ['劝阻', '止付'],
  stopped: ['劝阻'],
  prevented: ['劝阻', '避免损失'],
  gang: ['团伙'],
  gangs: ['团伙'],
  caught: ['抓获'],
  cases: ['案件'],
  case: ['案件', '案例'],
  how: ['如何'],
  what: ['什么'],
  'what should i do': ['怎么办', '报警'],
  suspicious: ['可疑', '诈骗'],
  real: ['真'],
  fake: ['冒充', '虚假'],
  impersonate: ['冒充'],
  impersonating: ['冒充'],
  pretend: ['冒充', '自称'],
  claims: ['自称'],
  'safe account': ['安全账户'],
  'arrest warrant': ['逮捕令'],
  // Topics of the scam types (names are in the taxonomy; these are the words around them)
  investment: ['投资', '理财'],
  invest: ['投资', '理财'],
  returns: ['收益', '回报'],
  platform: ['平台'],
  teacher: ['老师'],
  mentor: ['老师'],
  job: ['兼职'],
  'part-time': ['兼职'],
  rebate: ['返利'],
  commission: ['佣金'],
  order: ['刷单'],
  orders: ['刷单'],
  romance: ['交友', '网恋'],
  dating: ['交友', '网恋'],
  boyfriend: ['男友', '交友'],
  girlfriend: ['女友', '交友'],
  love: ['网恋', '交友'],
  flight: ['航班', '机票'],
  ticket: ['机票', '车票'],
  tickets: ['机票', '车票'],
  train: ['车票'],
  cancelled: ['取消'],
  cancellation: ['取消', '退改签'],
  livestream: ['直播间'],
  stream: ['直播'],
  streamer: ['主播'],
  jade: ['玉石'],
  stone: ['原石'],
  stones: ['原石'],
  orphan: ['战争孤儿'],
  orphans: ['战争孤儿'],
  adopt: ['领养'],
  adoption: ['领养'],
  charity: ['公益', '慈善'],
  donation: ['捐款', '公益金'],
  donate: ['捐'],
  socialite: ['名媛'],
  course: ['培训班', '课程'],
  training: ['培训'],
  game: ['游戏'],
  games: ['游戏'],
  skin: ['皮肤'],
  skins: ['皮肤'],
  'two cards': ['两卡'],
  'two-card': ['两卡'],
  'two card': ['两卡'],
  crackdown: ['治理', '打击'],
  governance: ['治理'],
  progress: ['成效'],
  'sim card': ['手机卡'],
  'phone card': ['手机卡'],
  rent: ['出租'],
  lend: ['出借'],
  sell: ['出售'],
  'money laundering': ['洗钱'],
  // Places of the seed articles' cities, so English figures questions reach them.
  wuxi: ['无锡'],
  yongkang: ['永康'],
  jining: ['济宁'],
  chuzhou: ['滁州'],
  customer: ['客服'],
  service: ['客服'],
  support: ['客服'],
  courier: ['快递'],
  parcel: ['快递'],
  delivery: ['快递费'],
  // Credit repair for a fee (虚假征信) and parcel or customs fees asked for in a text (钓鱼短信).
  'credit score': ['征信'],
  'credit report': ['征信'],
  'credit record': ['征信'],
  'credit repair': ['征信修复'],
  'repair my credit': ['征信修复'],
  'fix my credit': ['征信修复'],
  'parcel fee': ['钓鱼', '手续费'],
  'customs fee': ['钓鱼', '手续费'],
  'customs duty': ['钓鱼', '手续费'],
  'redelivery fee': ['钓鱼', '手续费'],
  'fee is due': ['欠费'],
  'fee due': ['欠费'],
  'package is on hold': ['钓鱼'],
  debt: ['债务'],
  debts: ['债务'],
};

/**
 * Chinese words that make a question about fraud or safety. Deliberately excludes place
 * and agency names (无锡, 公安局): naming them is not asking about fraud.
 */
export const FRAUD_LEXICON_ZH = [
  '骗',
  '诈',
  '反诈',
  '96110',
  '转账',
  '汇款',
  '打款',
  '验证码',
  '安全账户',
  '刷单',
  '兼职',
  '返利',
  '垫付',
  '理财',
  '投资',
  '贷款',
  '客服',
  '退款',
  '理赔',
  '中奖',
  '链接',
  '可疑',
  '冒充',
  '自称',
  '假冒',
  '逮捕令',
  '通缉',
  '洗钱',
  '银行卡',
  '手机卡',
  '两卡',
  '断卡',
  '杀猪盘',
  '网恋',
  '交友',
  '退改签',
  '原石',
  '玉石',
  '名媛',
  '公益金',
  '孤儿',
  '领养',
  '游戏账号',
  '皮肤',
  '止付',
  '冻结',
  '劝阻',
  '预警',
  '被盗',
  '盗刷',
  '共享屏幕',
  '屏幕共享',
  '陌生电话',
  '陌生来电',
  '防范',
  '防骗',
  '上当',
  '套路',
  '陷阱',
  '团伙',
  '电诈',
  '报警',
  '追回',
  '挽损',
  '损失',
  '保证金',
  '手续费',
  '充值',
  '提现',
  '高回报',
  '高收益',
  '老师带',
  '带单',
  '荐股',
  '钱袋子',
  '涉诈',
  '警惕',
  '安全吗',
  '靠谱吗',
  '真的吗',
  '可信吗',
  '是真的',
  '老人',
  '老年人',
  '财务',
  '财会',
  '总经理',
  // Police work against fraud: arrests, cases and gangs (not agency or place names).
  '嫌疑人',
  '犯罪',
  '窝点',
  '押解',
  '抓获',
  '破获',
  '案件',
  '发案',
  '警情',
  '打击治理',
  '黑灰产',
  // Openers of common scams: your identity or account is "misused", "involved", "frozen".
  '冒用',
  '盗用',
  '涉嫌',
  '涉案',
  '解冻',
  '征信',
  '医保卡',
  '社保卡',
  '领奖',
  // Debt clearing for a fee, and the Cantonese forms (呃人 = 骗人, 俾钱 = 给钱), as normalised to Simplified.
  '清债',
  '债务',
  '呃人',
  '呃钱',
  '俾钱',
  '俾手续费',
  '关税',
  // The anti-fraud lines of Hong Kong and Taiwan (a bare 165 would match prices and the like).
  '18222',
  '防骗易',
  '165专线',
  '165反诈',
  '165全民防骗',
];

/** English words that make a question about fraud or safety. */
export const FRAUD_LEXICON_EN = [
  'scam',
  'fraud',
  'scammer',
  'fraudster',
  'con ',
  'cheat',
  'trick',
  'phishing',
  'suspicious',
  'safe account',
  'transfer',
  'wire',
  'refund',
  'verification code',
  'otp',
  'password',
  'fake',
  'impersonat',
  'pretend',
  'pig butcher',
  'romance',
  'dating',
  'part-time',
  'part time',
  'brushing',
  'rebate',
  'investment',
  'invest',
  'returns',
  'lottery',
  'prize',
  'orphan',
  'adopt',
  'charity',
  'donation',
  'socialite',
  'skin',
  'game account',
  'bank card',
  'sim card',
  'money mule',
  'launder',
  'police',
  'arrest',
  'warrant',
  'protect',
  'stay safe',
  'victim',
  'lost money',
  'get my money back',
  'hotline',
  '96110',
  'anti-fraud',
  'jade',
  'livestream',
  'flight',
  'ticket',
  'boss',
  'ceo',
  'finance staff',
  'elderly',
  'parents',
  // Asking whether a call or a request is genuine is a safety question; the two-card crackdown in English.
  'legit',
  'genuine',
  'is it real',
  'is this real',
  'move my money',
  'two card',
  'two-card',
  'sim and bank card',
  // Paying to have a credit record "repaired", or a parcel "held" until a fee is paid.
  'credit score',
  'credit report',
  'credit record',
  'credit repair',
  'repair my credit',
  'parcel fee',
  'customs fee',
  'redelivery',
  'package is on hold',
  'debt',
];

/** An advice pattern: a kind of tip recognised in quoted advice, with template wording. */
export interface AdvicePattern {
  id: string;
  /** Matches a Chinese advice sentence of this kind. */
  zh: RegExp;
  /** The tip in English, for English answers (the Chinese sentence is the evidence). */
  en: string;
  /** Scam types the tip is specific to; absent for tips that apply to any scam. */
  types?: string[];
  /**
   * True for patterns that only mention something useful (the 96110 line, bank staff)
   * rather than give advice: inside a story they do not make the sentence a tip.
   */
  mention?: boolean;
}

/** Recognised advice; order is the order tips are shown in. */
export const ADVICE_PATTERNS: AdvicePattern[] = [
  {
    id: 'no-phone-cases',
    zh: /(不可能|不会|绝不).{0,8}(电话|网上).{0,4}办案|安全账户.{0,12}(诈骗|骗)/u,
    en: 'Real police never handle cases over the phone and never ask you to move money to a "safe account".',
    types: ['fake-police'],
  },
  {
    id: 'no-transfer',
    zh: /(不要|不得|切勿|千万别|别).{0,6}(转账|汇款|转出)|钱不要转|不转账/u,
    en: 'Do not transfer money to anyone you only know by phone or online, whatever the reason.',
  },
  {
    id: 'verify',
    zh: /(要|先|多|务必|一定要?|及时)核实|核实.{0,6}(身份|信息)|当面确认|电话确认/u,
    en: 'Before any transfer, verify in person or by calling a number you already know.',
  },
  {
    id: 'too-good',
    zh: /天上不会掉馅饼|高回报|高收益|不具备.{0,6}资质/u,
    en: 'Promises of easy money or high returns are bait; check that a company is licensed.',
    types: ['fake-investment', 'order-brushing', 'romance', 'livestream-jade', 'socialite-training', 'game-account'],
  },
  {
    id: 'brushing-is-fraud',
    zh: /刷单.{0,8}(就是|都是|是)诈骗/u,
    en: 'Any "job" that pays you to brush orders or boost ratings is itself a scam.',
    types: ['order-brushing'],
  },
  {
    id: 'hotline',
    zh: /96110/u,
    en: 'A call from 96110 is the police anti-fraud warning line: answer it and listen.',
    mention: true,
  },
  {
    id: 'bank-staff',
    zh: /银行.{0,10}(警觉|报警|劝)/u,
    en: 'Bank staff are trained to spot fraud: if they question a transfer, stop and listen.',
    mention: true,
  },
  {
    id: 'cards',
    zh: /(出租|出借|出售).{0,6}(银行卡|手机卡)|两卡/u,
    en: 'Never rent, lend or sell your bank or SIM cards: they are used to launder fraud money.',
    types: ['two-cards'],
  },
];

/** A red flag of a suspicious message. */
export interface RedFlag {
  id: string;
  /** Matches the (normalised, Simplified or English lower-case) message. */
  pattern: RegExp;
  zh: string;
  en: string;
}

/** Warning signs looked for in a message the user pasted. */
export const RED_FLAGS: RedFlag[] = [
  {
    id: 'link',
    pattern: /https?:\/\/|www\.|\.(cn|com|net|top|xyz|vip|cc)\b|点击链接|点链接|click (the )?link/iu,
    zh: '含有链接：不要点击来历不明的链接，更不要在其中填写银行卡号、密码或验证码。',
    en: 'It contains a link: do not open unknown links or enter card numbers, passwords or codes in them.',
  },
  {
    id: 'code',
    pattern: /验证码|校验码|动态码|verification code|otp|one-time/iu,
    zh: '索要验证码：验证码就是钱包钥匙，任何人索要都不要给。',
    en: 'It asks for a verification code: never share one, with anyone.',
  },
  {
    id: 'transfer',
    pattern: /转账|汇款|打款|充值|垫付|保证金|手续费|解冻费|transfer|wire|deposit|pay a fee|fee/iu,
    zh: '要求转账或交费：凡是要你先转账、交保证金或手续费的，都要高度警惕。',
    en: 'It asks for a transfer or a fee: any request to pay first is a major warning sign.',
  },
  {
    id: 'safe-account',
    pattern: /安全账户|资金核查|清查资金|safe account/iu,
    zh: '提到“安全账户”：这是冒充公检法诈骗的标志，必然是诈骗。',
    en: 'It mentions a "safe account": that is the hallmark of police-impersonation fraud.',
  },
  {
    id: 'authority',
    pattern: /公安|警察|检察院|法院|通缉|逮捕|涉嫌|洗钱|police|court|arrest|warrant|investigation/iu,
    zh: '自称公检法或说你涉案：公检法不会通过电话、短信办案或要求转账。',
    en: 'It claims to be police or a court, or says you are involved in a case: they never act by phone or ask for money.',
  },
  {
    id: 'refund',
    pattern: /退款|理赔|赔偿|退费|快递丢失|refund|compensation|lost parcel/iu,
    zh: '以退款、理赔为由：正规退款走原平台，不需要你另外操作转账。',
    en: 'It offers a refund or compensation: real refunds go back through the original platform, with nothing for you to pay.',
  },
  {
    id: 'returns',
    pattern: /高回报|高收益|稳赚|保本|日赚|躺赚|带你赚钱|high return|guaranteed|easy money/iu,
    zh: '许诺高收益、稳赚不赔：天上不会掉馅饼。',
    en: 'It promises high or guaranteed returns: there is no free lunch.',
  },
  {
    id: 'job',
    pattern: /兼职|刷单|点赞|做任务|返利|佣金|part-time|part time|commission|task/iu,
    zh: '招募兼职刷单、做任务返利：刷单本身就是诈骗。',
    en: 'It offers part-time tasks with rebates: order brushing is itself a scam.',
  },
  {
    id: 'urgent',
    pattern: /立即|马上|尽快|紧急|今天内|逾期|否则|冻结|注销|urgent|immediately|within 24|frozen|suspended/iu,
    zh: '制造紧迫感（立即、否则冻结）：骗子就是要你来不及思考和核实。',
    en: 'It creates urgency ("immediately", "or it will be frozen"): scammers want you to act before you check.',
  },
  {
    id: 'prize',
    pattern: /中奖|领奖|抽中|奖金|prize|lottery|you (have )?won/iu,
    zh: '通知中奖却要先交钱：真正的奖品不需要先付费。',
    en: 'It announces a prize but wants payment first: real prizes never do.',
  },
  {
    id: 'secrecy',
    pattern: /保密|不要告诉|不得透露|don't tell|do not tell|keep (it )?secret/iu,
    zh: '要求保密、不让告诉家人：这是骗子隔离你的手段。',
    en: 'It asks you to keep it secret: scammers isolate their victims.',
  },
  {
    id: 'screen',
    pattern: /共享屏幕|屏幕共享|下载.{0,6}(app|软件|会议)|screen shar|download/iu,
    zh: '要求下载软件或共享屏幕：对方可借此看到你的密码和验证码。',
    en: 'It asks you to install an app or share your screen: that lets them see your passwords and codes.',
  },
];

/**
 * Fixed next-steps text by language and, for Chinese, by region: the 96110 line and the
 * 国家反诈中心 App exist only in mainland China; Taiwan has the 165 anti-fraud line (police
 * 110), Hong Kong the 18222 防骗易 Anti-Scam Helpline (police 999). Written in Simplified:
 * Traditional answers are converted with the rest of the answer.
 */
export const NEXT_STEPS = {
  zh: '下一步：已经转账的，立即拨打110报警并联系银行止付；拿不准时打96110反诈专线咨询，也可下载“国家反诈中心”App。当心自称能帮你“追回损失”却先收费的人——那也是骗局。',
  tw: '下一步：已经转账的，立即拨打110报警并联系银行止付；拿不准时拨打165反诈骗咨询专线。当心自称能帮你“追回损失”却先收费的人——那也是骗局。',
  hk: '下一步：已经转账的，立即拨打999报警并联系银行止付；拿不准时拨打18222“防骗易”热线咨询。当心自称能帮你“追回损失”却先收费的人——那也是骗局。',
  en: 'Next steps: if you have already paid, call the police and your bank at once to stop the payment (police: 110 in mainland China and Taiwan, 999 in Hong Kong). If unsure, call an anti-fraud hotline: 96110 in mainland China (or use the National Anti-Fraud Center app, 国家反诈中心), 165 in Taiwan, 18222 in Hong Kong. Beware of anyone who offers to recover lost money for a fee: that is another scam.',
} as const;

/**
 * Translates the domain vocabulary of an English question into Chinese search terms,
 * longest phrases first so that "safe account" wins over "account".
 */
let sortedGlossary: [string, string[]][] | undefined;

export function translateEnglish(question: string): string[] {
  let text = ` ${question
    .toLowerCase()
    .replace(/[^a-z0-9\s'-]/g, ' ')
    .replace(/\s+/g, ' ')} `;
  const entries = (sortedGlossary ??= Object.entries(EN_GLOSSARY).sort((a, b) => b[0].length - a[0].length));
  const out: string[] = [];
  for (const [en, zh] of entries) {
    const needle = ` ${en} `;
    if (text.includes(needle)) {
      out.push(...zh);
      text = text.split(needle).join(' ');
    }
  }
  return [...new Set(out)];
}

/**
 * Mainland words that opencc's regional tables leave in Traditional text, and the
 * regional form a reader expects (applied after the phrase table, in order). Taiwan
 * writes 帳 for accounts and transfers (轉帳, 帳戶, 帳號); Hong Kong keeps 賬.
 */
export const REGIONAL_WORDS: Record<'tw' | 'hk', [string, string][]> = {
  tw: [
    ['賬', '帳'],
    ['聯系', '聯絡'],
    ['鏈接', '連結'],
    ['網絡', '網路'],
    ['渠道', '管道'],
    // "Through" official channels is 透過 in Taiwan; 通過 stays where it means "passed" (通過審核).
    ['通過官方', '透過官方'],
    ['通過正規', '透過正規'],
    ['回復', '回覆'],
  ],
  hk: [
    ['聯系', '聯繫'],
    ['鏈接', '連結'],
    ['視頻', '影片'],
    // An SMS is a 短訊 in Hong Kong.
    ['短信', '短訊'],
  ],
};
