/**
 * Red flags of a received message, kept as data (issue 7): what each one looks like, the
 * contexts that cancel it, how much it weighs, and what to tell the reader about it in
 * Simplified, Traditional and English.
 *
 * Patterns run on the checker's normalised copy of the message (src/check/normalize.ts):
 * Simplified characters (Traditional input is converted character by character, so write
 * 账户, 赖, 点数, 汇款 — not phrase-level mainland words only: Taiwanese 簡訊 arrives as 简讯),
 * half-width, lower-case Latin, no zero-width characters. The checker reports the original
 * span behind each match as the flag's evidence.
 */
import { toTraditional } from '../text/script.js';

/** A text in the three languages we answer in. */
export interface FlagText {
  zh: string;
  zhHant: string;
  en: string;
}

/**
 * A text whose Traditional form is converted from `zh` on its first read, then kept
 * (character by character, Taiwan forms: see {@link toTraditional}).
 */
export function lazyHant(zh: string, en: string): FlagText {
  let hant: string | undefined;
  return {
    zh,
    get zhHant() {
      hant ??= toTraditional(zh, 'tw');
      return hant;
    },
    en,
  };
}

/** The families of issue 7, used for grouping and for counting distinct kinds of signs. */
export type FlagFamily =
  | 'private-channel'
  | 'pay-first'
  | 'urgency'
  | 'secrecy'
  | 'remote'
  | 'link'
  | 'safe-account'
  | 'impersonation'
  | 'too-good'
  | 'payment'
  | 'credentials'
  | 'prize-refund'
  | 'loan'
  | 'threat';

/** One red flag. */
export interface RedFlagDef {
  id: string;
  family: FlagFamily;
  /**
   * Regular expressions on the normalised message, most specific first: the first pattern
   * that matches gives the quoted evidence (so 换了新微信 is quoted before 我是你的老同学).
   */
  patterns: RegExp[];
  /**
   * Contexts that cancel a match, tested on the match's clause widened by a few characters
   * either side (e.g. 没有手续费, 我会尽快还你).
   */
  cancel?: RegExp[];
  /** Contexts anywhere in the message that cancel the flag (e.g. a one-time-code notice). */
  cancelMessage?: RegExp[];
  /** Whether a negation just before the match (没有/无需/不会/never …) cancels it; default true. */
  negatable?: boolean;
  /** Raised from the message's links rather than from patterns (see src/check/checker.ts). */
  fromLinks?: boolean;
  /**
   * Strength of the sign, 0..1: roughly how often a message carrying it is a scam.
   * Combined by noisy-or in the checker.
   */
  weight: number;
  /** Short name. */
  label: FlagText;
  /** What it means and what to do, one sentence. */
  explain: FlagText;
}

// Traditional wording is derived character by character from the Simplified text (the
// same conversion the answers use for quotes); English is written, not translated.
// zhHant is converted on first read: building the Simplified→Traditional converter
// costs ~0.1–0.2 s, which a process that answers in Simplified never needs to pay at start.
function t(zh: string, en: string): FlagText {
  return lazyHant(zh, en);
}

/** Apps and channels scammers move a conversation to. */
const CHANNEL =
  '(?:qq|扣扣|微信|威信|薇信|v信|vx|wx|weixin|wechat|line|赖|飞机|纸飞机|telegram|tg|whatsapp|skype|signal|私信|私聊)';

/** A one-time-code notice: its 请勿告知他人 is the bank's advice, not a scammer's secrecy. */
export const OTP_CONTEXT =
  /(验证码|校验码|动态码|动态密码|认证码|验证代码|一次性密码|code|otp)[\s\S]{0,60}(请勿|切勿|勿|不要|千万不要|不得|never|do not|don't)[\s\S]{0,6}(告知|告诉|泄露|透露|提供|转发|给他人|share|tell|give)|(请勿|切勿|勿|不要|never|do not|don't)[\s\S]{0,6}(告知|告诉|泄露|透露|提供|转发|share|tell|give)[\s\S]{0,20}(验证码|校验码|动态码|密码|code|otp)/u;

/** Words that, just before a match in the same clause, negate it (没有手续费, never ask). */
export const NEGATION_BEFORE =
  /(没有|没|无需|无须|毋须|不需要?|不用|不必|不收取?|不涉及|不存在|不会|从不|从来不|绝不|决不|绝对不|不要|切勿|勿|谨防|警惕|小心|严禁|禁止|拒绝|免收|免除|免|并非|不是|\bnever\b|\bnot\b|\bno\b|n't|\bwithout\b|\bbeware\b)/u;
/** Negation-looking phrases that are not negations (不要错过 = don't miss it). */
export const NOT_NEGATION = /(不要|别|千万不要|切勿)错过|不是梦|免费/u;

export const RED_FLAGS: readonly RedFlagDef[] = [
  // ── moving the talk to a private channel ──
  {
    id: 'private-channel',
    family: 'private-channel',
    patterns: [
      new RegExp(`(加|添加|加个|加一下|加下|加我|联系|私信|私聊|扫码加|搜索|搜)[^，。！？\\n]{0,8}${CHANNEL}`, 'u'),
      new RegExp(`${CHANNEL}\\s*(号|id|账号)?\\s*[:：]\\s*@?[a-z0-9_.-]{4,}`, 'u'),
      /(add|contact|message|text|chat with|reach|dm|chatting|talk|continue|move)( me| us| my assistant)?( back)?( on| via| at| over)? (whatsapp|telegram|line|wechat|signal)/u,
      /(whatsapp|telegram|wechat|signal|微信|vx)\s*[:：]?\s*\+\d[\d\s-]{6,}|(wa\.me|t\.me|line\.me|api\.whatsapp\.com|chat\.whatsapp\.com)\/|join (our|my) (free |vip |private )?(whatsapp|telegram|line|wechat) group|\bdm (me|my assistant|us)\b|\b(whatsapp|telegram|signal) me\b/u,
      new RegExp(
        `${CHANNEL}[^，。！？\\n]{0,2}(群|群组)|私信[^，。！？]{0,4}(助理|小助理|客服|主播|老师|群主)|回复\\s*\\d\\s*(加入|进群)`,
        'u',
      ),
      /私(讯|信|聊)我|要的私(讯|信)/u,
    ],
    weight: 0.35,
    label: t('要你加私人联系方式', 'Moves you to a private chat'),
    explain: t(
      '要你加QQ、微信、LINE、Telegram等私下联系：正规机构不会这样办事，这是骗子脱离平台监管的常用手法。',
      'It asks you to continue on WeChat, LINE, Telegram or WhatsApp: real organisations do not do this; scammers move you away from the platform that could protect you.',
    ),
  },
  // ── paying before receiving ──
  {
    id: 'pay-first',
    family: 'pay-first',
    patterns: [
      /解冻金|解冻费|保证金|公益金|手续费|税费|激活费|工本费|认证费|验资|验证金|刷[^，。]{0,3}流水|流水费|押金|预付款|入会费|会员费|公证费|包装费|服务费|通道费|提现费|附加费|清关费|政审费|打码量|(缴纳|先交|支付)[^，。]{0,6}(所得税|税费|税款)|缴纳[^，。]{0,6}(费|金)/u,
      /先[^，。！？]{0,6}(交|付|缴|转|汇|充值|充|打|储值)[^，。！？]{0,6}(\d|钱|费|金|款|元|块|订金|定金)|(只需|只要|仅需)[^，。]{0,4}(付|交|支付|缴|承担)[^，。]{0,10}(费|钱)|(先|要|需要?|请|得)(交|付|缴|出)[^，。]{0,4}(一笔|一点|点)[^，。]{0,6}(费|钱|款)|支付[^，。]{0,6}(运费|保险费|清关费|关税)|(转|付|汇)[^，。]{0,4}\$?\d+[^，。]{0,4}(验证|认证|激活)|(自己|先)出钱|先(购买|买)[^，。]{0,6}(保险|会员|服务|激活码|卡)/u,
      /(upfront|processing|release|clearance|customs|activation|unlock|handling|transfer|registration|insurance|legal|admin|administration|delivery|shipping|verification) (fee|charge|deposit)|withdrawal tax|to release (your )?(funds|money)/u,
      /pay [^.!?]{0,30}(first|upfront|in advance|before)/u,
      /海关税|关税|customs (tax|duty)|(one-off|one-time|flat|small) fee of|冻结费|律师费/u,
    ],
    cancel: [
      /(免|无|零|不收|没有|不需要?|无需)[^，。]{0,4}(手续费|服务费|押金|费用)/u,
      /(手续费|服务费)[^，。]{0,2}0(\.0+)?元?/u,
      /(我|我们|咱们)[^，。]{0,2}先(付|交|垫|转)/u,
    ],
    weight: 0.45,
    label: t('要你先交钱', 'Asks you to pay first'),
    explain: t(
      '要你先交解冻金、保证金、手续费、税费之类才能拿到钱：正规机构放款、兑奖、退款都不需要你先付钱。',
      'It asks for a deposit, fee or tax before you receive anything: real loans, prizes and refunds never need you to pay first.',
    ),
  },
  {
    id: 'credit-repair',
    family: 'pay-first',
    patterns: [
      /征信修复|修复征信|洗白|联征[^，。]{0,8}不良|纳入[^，。]{0,6}征信|(白条|金条|校园贷|花呗|借呗|学生贷)[^，。]{0,10}(注销|关闭)|credit (restoration|repair)|remove negative|reported (as delinquent )?to (all )?(the )?credit bureaus|credit score (dropped|fell)|消除(逾期|不良)|注销[^，。]{0,6}(校园贷|账户|贷款|京东金条|金条|白条|花呗|借呗)|关闭[^，。]{0,4}(校园贷|学生账户)|影响[^，。]{0,6}(征信|信用评分|信用分数|信用记录)|上征信|征信(有|会)?(问题|污点|受损|黑名单)|(fix|repair|clean) (your )?credit/u,
      /信用(报告|记录)[^，。]{0,8}(异常|不良)|异常记录|信用不良|联合征信|(免费|帮你|为您|专员)[^，。]{0,4}修复|credit (file|report|history) (shows|has|contains)|erase (them|the defaults|your defaults|the records)|remove (the |your )?defaults/u,
    ],
    weight: 0.5,
    label: t('拿征信做文章', 'Plays on your credit record'),
    explain: t(
      '说能修复征信、注销校园贷账户，或吓你会影响征信：征信只能通过中国人民银行征信中心等官方渠道查询和异议，没有“修复”这门生意。',
      'It offers to repair your credit record or close a "student loan account", or threatens your credit score: only the official credit bureau handles records, and nobody can "repair" them for a fee.',
    ),
  },
  // ── urgency and threats ──
  {
    id: 'urgency',
    family: 'urgency',
    patterns: [
      /(立即|立刻|马上|尽快|速|务必|赶紧|赶快|抓紧)[^，。！？\n]{0,4}(转账|转|汇款|汇|打款|付款|缴|支付|处理|联系|点击|登录|验证|办理|还款|充值|激活|回电|致电|电|回复|领取|下载|添加|加|认证|更新|操作|至|前往|办)/u,
      /限时|仅限今[天日]|今[天日](内|之内|截止|前)|(今日|今天|明天|\d+小时)前|截止今[天日]|(\d+|[一二两三半])\s*个?(小时|分钟)内|过期(作废|失效|清零)|名额有限|名额只剩|仅剩\d+个?名额|最后一天|倒计时/u,
      /\b(urgent|urgently|immediately|act now|right away|within \d+ ?(hours?|hrs|minutes|days)|expires? (today|soon|tonight)|before it expires|final notice|last chance|today only|tonight only)\b/u,
    ],
    cancel: [
      /(我|俺)[^，。]{0,3}(尽快|马上|立刻|立即)[^，。]{0,2}(还|转给?你|汇给?你|打给你)/u,
      /(尽快|马上)(还给?你|还钱给你|回复你|回你)/u,
    ],
    weight: 0.2,
    label: t('催你马上行动', 'Rushes you'),
    explain: t(
      '催你立即、限时处理：骗子要你来不及思考和核实，越急越要停下来先问人。',
      'It pushes you to act immediately or before a deadline: scammers want you to act before you can check. The more urgent, the more reason to pause.',
    ),
  },
  {
    id: 'threat',
    family: 'threat',
    patterns: [
      /逾期|冻结|通缉|逮捕|拘留|起诉|传票|立案|黑名单|停机|停电|停水|断电|断水|吊销|扣分|强制执行|上门催收|法律责任|坐牢|影响(子女|家人|孩子)|账户异常|异常登录|涉嫌|刑案|锁定|停用|洗黑钱|涉及[^，。]{0,6}案|身份证[^，。]{0,6}(被盗用|被冒用|盗用|冒用)|查出[^，。]{0,10}(银行卡|护照|违禁|毒品)/u,
      /\b(suspended|frozen|blocked|locked|arrest(ed)?|warrant|lawsuit|legal action|penalt(y|ies)|overdue|deactivated|disconnected)\b/u,
      /\b(banned|permanently (deleted|closed|suspended))\b|列入[^，。]{0,4}(黑名单|不良)/u,
    ],
    weight: 0.25,
    label: t('用后果吓你', 'Threatens consequences'),
    explain: t(
      '用冻结、逾期、停机、涉嫌犯罪等后果吓你：先挂断或不回复，自己打官方电话核实。',
      'It threatens freezing, arrest, disconnection or penalties: stop, and check by calling the official number yourself.',
    ),
  },
  // ── secrecy ──
  {
    id: 'secrecy',
    family: 'secrecy',
    patterns: [
      /(不要|别|不能|不许|不准|切勿|勿|不得)[^，。！？]{0,4}(告诉|告知|透露|声张|说给|联系|讲|说)[^，。！？]{0,4}(家人|家里|任何人|别人|他人|其他人|亲友|朋友|银行|警察|民警|老公|老婆|父母|爸妈|子女|同事)/u,
      /(不要|别|不能|千万别)(跟|和|对|让)[^，。！？]{0,4}(家人|爸妈|父母|任何人|别人|家里|老公|老婆|银行|妈妈|爸爸)[^，。！？]{0,2}(讲|说|知道|提)|保密|别在群里说|不要在群里说|先别打电话|不要打电话|对[^，。]{0,4}(家人|银行)保密|秘密调查|保密协议|不要声张|单独(接听|处理)|找个没人的地方/u,
      /\b(don't|do not|never) (tell|inform|contact) (anyone|your family|the bank|the police|anybody)|keep (this|it) (secret|confidential|between us)|confidential investigation|(don't|do not) tell (mom|mum|dad|mother|father|your parents|grandpa|grandma)|(don't|do not) call,? (just )?text|can'?t talk (right )?now/u,
      /(此事|这件事)[^，。]{0,2}(暂不|不要|不能|先别)对外|暂不对外/u,
    ],
    negatable: false,
    cancelMessage: [OTP_CONTEXT],
    weight: 0.45,
    label: t('要你保密', 'Asks you to keep it secret'),
    explain: t(
      '要你对家人、银行保密：这是骗子隔离你、防止别人拦下你的手段；越让你保密，越要告诉家人。',
      'It asks you to keep it from your family or bank: scammers isolate their victims so nobody stops them. Tell someone.',
    ),
  },
  // ── screen sharing, apps, meetings ──
  {
    id: 'screen-share',
    family: 'remote',
    patterns: [
      /共享屏幕|屏幕共享|开启共享|打开共享|远程控制|远程协助|向日葵|todesk|teamviewer|anydesk|腾讯会议|zoom|钉钉会议|会议号|会议室号|视频会议/u,
      /screen ?shar|share (your|my|the) screen|remote (access|control|desktop)/u,
    ],
    weight: 0.55,
    label: t('要你共享屏幕或进会议', 'Asks for screen sharing or a meeting app'),
    explain: t(
      '要你共享屏幕、开远程或进视频会议：对方能看到你的验证码和密码，直接把钱转走。',
      'It asks you to share your screen, allow remote control or join a meeting app: they can then see your codes and passwords and move your money.',
    ),
  },
  {
    id: 'download-app',
    family: 'remote',
    patterns: [
      /(下载|安装|注册)[^，。！？]{0,12}(app|软件|客户端|应用|平台|apk|安装包|钉钉|飞书|zoom|腾讯会议|向日葵|todesk|teams|skype|邀请码)|邀请码|referral code|invitation code/u,
      /\.apk\b|(download|install) (the |this |our |an? )?(app|application|apk|software)/u,
    ],
    weight: 0.3,
    label: t('要你下载App', 'Asks you to install an app'),
    explain: t(
      '要你下载陌生App或注册某个平台：诈骗App里的“余额”“收益”都是假的，正规App只从官方应用商店下载。',
      'It asks you to install an app or sign up on a platform: balances and profits in scam apps are fake; install apps only from official stores.',
    ),
  },
  {
    id: 'guided-operation',
    family: 'remote',
    patterns: [
      /(我|我们)?(教你|指导你|带你|一步步)[^，。！？]{0,4}(操作|办理|设置)|按(照)?我(说|的指引|的指示|的步骤)[^，。！？]{0,4}(操作|做|办)|跟着我(操作|做)|(follow|do exactly) (my|our) (instructions|steps)|(i|we)('ll| will) (walk|guide) you|fraud team will call you|按我(的)?提示操作/u,
      /(到|去|前往)[^，。]{0,6}atm|atm[^，。]{0,4}(操作|解除|取消|设定)|依[^，。]{0,3}(专员|客服)[^，。]{0,3}指示|一步一步(教|带)|(don't|do not) hang up|stay on the line/u,
    ],
    weight: 0.35,
    label: t('要你按他的指引操作', 'Wants to guide you step by step'),
    explain: t(
      '对方要“一步步教你操作”手机、网银或支付App：这是在远程操纵你自己把钱转走，立即停止。',
      'They want to walk you through steps on your phone, bank or payment app: that is how they get you to move the money yourself. Stop.',
    ),
  },
  // ── links (raised from the message's links) ──
  {
    id: 'link',
    family: 'link',
    patterns: [],
    fromLinks: true,
    weight: 0.12,
    label: t('含有链接', 'Contains a link'),
    explain: t(
      '含有链接：不要点开来历不明的链接，更不要在里面填写银行卡号、密码或验证码；去官方App或官网自己查。',
      'It contains a link: do not open links you did not expect, and never enter card numbers, passwords or codes in them; go to the official app or site yourself.',
    ),
  },
  {
    id: 'short-link',
    family: 'link',
    patterns: [],
    fromLinks: true,
    weight: 0.35,
    label: t('短链接', 'Shortened link'),
    explain: t(
      '用短链接隐藏真实网址：你看不到它会把你带到哪里，正规通知很少这样发。',
      'It uses a short link that hides the real address: you cannot see where it leads.',
    ),
  },
  {
    id: 'lookalike-domain',
    family: 'link',
    patterns: [],
    fromLinks: true,
    weight: 0.6,
    label: t('仿冒网址', 'Look-alike web address'),
    explain: t(
      '网址里有银行、平台或政府的名字，却不是它们的官方域名：这是仿冒的钓鱼网站。',
      'The address contains the name of a bank, platform or government body but is not its official domain: a phishing site.',
    ),
  },
  {
    id: 'ip-link',
    family: 'link',
    patterns: [],
    fromLinks: true,
    weight: 0.5,
    label: t('数字IP网址', 'Link to a bare IP address'),
    explain: t(
      '链接是一串数字IP而不是域名：正规机构不会用这种地址。',
      'The link is a bare IP address instead of a domain name: real organisations do not use these.',
    ),
  },
  {
    id: 'odd-tld',
    family: 'link',
    patterns: [],
    fromLinks: true,
    weight: 0.35,
    label: t('可疑域名后缀', 'Unusual domain ending'),
    explain: t(
      '网址用.top、.xyz、.vip之类廉价后缀：钓鱼网站常用，正规银行和政府网站不会用。',
      'The address ends in a cheap domain like .top, .xyz or .vip, common for phishing and never used by banks or governments.',
    ),
  },
  // ── safe account ──
  {
    id: 'safe-account',
    family: 'safe-account',
    patterns: [
      /(转|移|存)[^，。]{0,6}(到|入)[^，。]{0,6}(安全|保护)(账户|账号)|安全账户|安全账号|国家账户|国家安全账户|清查账户|资金清查|资金核查|核查资金|清查资金|监管账户|\bsafe account|secure (government )?account|protected account/u,
    ],
    weight: 0.9,
    label: t('“安全账户”', '"Safe account"'),
    explain: t(
      '提到“安全账户”：公检法没有安全账户，也从不要求转账，凡是让你转到安全账户的都是诈骗。',
      'It mentions a "safe account": police and courts have no such thing and never ask for transfers. This is always a scam.',
    ),
  },
  // ── impersonation ──
  {
    id: 'claims-authority',
    family: 'impersonation',
    patterns: [
      /(我是|我系|我们是|这里是|这边是|本人是|自称)[^，。！？]{0,8}(入境处|移民局|公安部|警署|公安|警察|民警|警官|派出所|检察院|检察官|法院|法官|刑侦|网警|经侦|公安局|警局|警察局|社保局|医保局|税务局|海关|卫健委|市场监管|银保监|金融监管|证监会|警政署|地检署|调查局|健保署|监理站)/u,
      /(公安局|派出所|检察院|法院|刑侦大队|网警|经侦|警察局|医保局|社保局|地检署|警政署)[^，。！？]{0,8}(通知|来电|调查|办案|传唤|告知你|联系你)|涉嫌[^，。]{0,8}(洗钱|诈骗|犯罪|贩毒|违法)|逮捕令|通缉令|冻结令|协查|配合调查|电话笔录|视频笔录|做笔录|移交警方|转接[^，。]{0,4}(公安|警方|派出所|警察|刑事)|洽刑事|转驳[^，。]{0,4}(公安|警|警署|公安部)/u,
      /\b(this is|i am|we are) (the |a |an )?(police|officer|detective|inspector|irs|hmrc|fbi|customs|court)|police officer|(irs|hmrc|fbi|interpol) (agent|officer|department)/u,
      /涉案(账户|账号|资金)|列为[^，。]{0,4}(嫌疑人|涉案)/u,
    ],
    weight: 0.45,
    label: t('自称公检法或政府部门', 'Claims to be police or a government body'),
    explain: t(
      '自称公安、检察院、法院或社保医保等部门，说你涉案：公检法不会电话办案、不会网上发逮捕令、更不会要你转账。',
      'It claims to be the police, a court or a government office and says you are involved in a case: they never handle cases by phone or ask for money.',
    ),
  },
  {
    id: 'claims-service',
    family: 'impersonation',
    patterns: [
      /(我是|我系|我们是|这里是|这边是|本人是|自称)[^，。！？]{0,10}(客服|工作人员|职员|售后|理赔专员|专员)/u,
      /(淘宝|天猫|京东|拼多多|抖音|快手|支付宝|微信|美团|闲鱼|唯品会|苏宁|银行|快递|物流|顺丰|中通|圆通|韵达|航空|平台|官方)[^，。！？]{0,4}客服/u,
      /\b(this is|i am|we are) [^.!?]{0,20}(customer (service|support)|support team|help ?desk)|(amazon|paypal|apple|microsoft|netflix|bank) (support|security|security team|customer service)|(our|the) fraud (team|department)|press [0-9] to (speak|talk|connect|cancel)/u,
      /(steam|discord|game|epic) (admin|support|staff|moderator)|contact the [a-z]+ admin|accidentally reported (you|your)/u,
    ],
    weight: 0.25,
    label: t('自称客服或平台', 'Claims to be customer service'),
    explain: t(
      '自称平台、快递或银行客服：挂断后自己打官方电话或在官方App里核实，不要用对方给的号码和链接。',
      'It claims to be a shop, courier or bank agent: hang up and check in the official app or on the official number, never through what they give you.',
    ),
  },
  {
    id: 'member-cancel',
    family: 'impersonation',
    patterns: [
      /误(开通|开|办|订)|(不小心|自动|默认)[^，。]{0,4}(开通|开了|订阅|办理)|每个?月[^，。]{0,6}扣|(如果|若|如)不(取消|关闭)|百万保障|(取消|关闭|解除)[^，。！？]{0,8}(会员|自动扣费|扣费|百万保障|保障服务|代理|分期|订阅)|(会员|服务)[^，。]{0,6}(自动续费|每月扣费|将扣费|扣除)|每月[^，。]{0,4}扣[^，。]{0,4}(元|费)|解除分期|分期付款设定错误|重复扣/u,
      /(cancel|stop) [^.!?]{0,20}(subscription|membership|auto-?renew)|(subscription|membership) (will be )?(renewed|charged)|charged by mistake|auto-?renew|to cancel,? (call|click|press|reply)/u,
      /(设定|设置|升级|误设)成?[^，。]{0,4}(vip|会员)|连续扣款|重复(开票|扣款|扣费|下单)|操作(错误|失误)/u,
    ],
    weight: 0.45,
    label: t('“误开会员/要扣费，帮你取消”', '"Cancel a membership or charge"'),
    explain: t(
      '说你误开了会员、将被自动扣费，要帮你取消：这是冒充客服的开场白，取消从来不需要转账或共享屏幕。',
      'It says you were signed up to a membership or will be charged, and offers to cancel it: a fake customer-service opening; cancelling never needs a transfer.',
    ),
  },
  {
    id: 'claims-boss',
    family: 'impersonation',
    patterns: [
      /(我是|我就是)[^，。！？]{0,6}(你们)?(老板|领导|董事长|总经理|经理|主任|局长|校长|班主任|[王李张刘陈杨赵黄周吴孙徐马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤](总|局|处|董|主任|书记|校长))|from: (ceo|boss|director|manager)\b|(老板|领导|总经理|董事长)[^，。！？]{0,10}(让你|要你|叫你)[^，。]{0,6}(转|付|打款|汇)|(it'?s|this is) (your )?(boss|ceo|manager|director)|your (boss|manager|ceo|director)\b/u,
      /(^|\n)\s*(老板|领导|董事长|总经理|校长|[王李张刘陈杨赵黄周吴孙徐马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤](总|董|局))[:：][^\n]{0,30}(转|付|汇|打款|合同款|货款)/u,
      /(集团|公司)?财务总监|备用金[^，。]{0,12}(转|汇)|临时账户|我(马上|正在|在)(登机|开会)|\b(cfo|ceo)\b[^!?]{0,120}\b(wire|payment|transfer)\b|confidential (acquisition|deal|transaction)|urgent wire/u,
    ],
    weight: 0.35,
    label: t('冒充老板或领导', 'Claims to be your boss'),
    explain: t(
      '自称老板、领导，要你转账或办事：任何转账要求都先当面或打原有电话核实。',
      'It claims to be your boss or a manager asking for a payment: confirm in person or on the number you already have.',
    ),
  },
  {
    id: 'new-number',
    family: 'impersonation',
    patterns: [
      // The change of number itself, then the story around it, then who they claim to be.
      /这是我(的)?新(号码|手机号|手机|微信号|微信|账号|号|line)?|(换了?|新)[^，。！？]{0,3}(号码|手机号|号|微信|账号|line|赖|qq)|原来的(号|手机|微信)[^，。]{0,6}(不用|停用|丢|坏)|用[^，。]{0,4}(同学|朋友|同事)的(号|手机)/u,
      /\b((this is|here'?s) my new (phone |mobile )?number|new (phone |mobile )?number|changed my (number|phone)|(texting|messaging) (you )?from (a|my) (new|friend'?s) (phone|number))\b/u,
      /手机(掉|丢|坏|摔)[^，。]{0,4}|(line|微信|qq|账号)[^，。]{0,4}被盗|信号不好|支付限额|转账限额/u,
      /\b((lost|dropped|broke|smashed|cracked) my (phone|wallet)|my phone (is |got )?(broken|smashed|lost|stolen)|phone (fell|went) in(to)? the (toilet|water|bath))/u,
      /猜猜我是谁|还记得我吗|我是(你|妳)(的)?(高中|初中|小学|大学|国小|国中)?(同桌|儿子|女儿|孙子|孙女|同学|老同学|朋友|表哥|表姐|表弟|表妹|外甥|侄子|舅舅|叔叔|阿姨)/u,
      /\b(it'?s [a-z]+ from (uni|school|college|work)|it'?s me,? (mum|mom|dad))\b/u,
    ],
    // A warning about the trick (165: 假冒親友借錢詐騙增加，遇到換號借錢…) names it, not uses it.
    cancel: [
      /(借钱|换号|新号|亲友|熟人)[^，。]{0,4}(诈骗|骗局)|假冒[^，。]{0,6}(亲友|熟人|借钱)|遇到[^，。]{0,4}(换号|借钱)/u,
    ],
    weight: 0.35,
    label: t('“换了新号”的熟人', 'A "new number" from someone you know'),
    explain: t(
      '自称亲友、同学换了新号：打对方原来的号码或视频确认是本人，再谈借钱。',
      'Someone you know says they have a new number: call their old number or video-call them before anything else.',
    ),
  },
  {
    id: 'emergency-story',
    family: 'impersonation',
    patterns: [
      /出车祸|车祸|和解|突发(疾病|急病)|(正在|在)[^，。]{0,4}抢救|急需(手术费|医药费|住院费|保释金)|被(拘留|抓|扣)了?|(in|at) (the )?hospital|car accident|been arrested|\bbail\b|(police|they) (are )?holding me|got into trouble/u,
    ],
    weight: 0.35,
    label: t('说亲人出了急事', 'A sudden emergency'),
    explain: t(
      '说你的亲人出了车祸、生病抢救、被拘留，急需用钱：挂断后直接打给亲人本人或学校、医院核实。',
      'It says someone close to you had an accident, is in hospital or was arrested and needs money now: hang up and call them, or the school or hospital, yourself.',
    ),
  },
  {
    id: 'borrow-money',
    family: 'impersonation',
    patterns: [
      /借[^，。！？]{0,4}(钱|点|我|给我)|急用钱|手头紧|周转一下|\bhelp me pay\b|can you (pay|transfer|send|cover)\b|帮我(转|垫|付|交)|先转我|转我\d|代收[^，。]{0,8}验证码|(lend|send) me (some )?(money|\$|£|€)|need (some )?money (urgently|now|asap)|need (you )?to pay (a|the|this|my) (bill|invoice)|pay (a|the|this) (bill|invoice) for me/u,
    ],
    // A warning about the trick (165: 假冒親友借錢詐騙增加，遇到換號借錢…) names it, not uses it.
    cancel: [
      /(借钱|换号|新号|亲友|熟人)[^，。]{0,4}(诈骗|骗局)|假冒[^，。]{0,6}(亲友|熟人|借钱)|遇到[^，。]{0,4}(换号|借钱)/u,
    ],
    weight: 0.25,
    label: t('借钱或代付', 'Asks to borrow or pay for them'),
    explain: t(
      '开口借钱或让你代付：先用原来的联系方式或当面确认对方身份。',
      'It asks to borrow money or have you pay for something: confirm who it is through a channel you already trust.',
    ),
  },
  {
    id: 'claims-teacher',
    family: 'impersonation',
    patterns: [
      /(股票|炒股|投资|理财|带单|荐股|证券|基金|期货|外汇|数字货币)[^，。！？]{0,8}(老师|导师|助理|分析师|大师)|(老师|导师|助理|分析师)[^，。！？]{0,8}(带单|荐股|带你|指导|喊单|推票|选股|布局|操作|直播)|跟着[^，。]{0,2}(老师|导师)|机构主力|主力资金|联合操盘|投顾/u,
      /(教你|带你)[^，。]{0,6}(外汇|黄金|期货|数字货币|虚拟币|炒币|投资)/u,
    ],
    weight: 0.35,
    label: t('“老师”带你投资', 'An investment "teacher"'),
    explain: t(
      '有“老师”“导师”“助理”带你炒股投资：这是投资诈骗的标准角色，正规券商不会拉群荐股。',
      'An investment "teacher" or "assistant" will guide you: a standard role in investment scams; licensed brokers do not recruit in chat groups.',
    ),
  },
  // ── too-good offers ──
  {
    id: 'high-return',
    family: 'too-good',
    patterns: [
      /高收益|高回报|高额回报|稳赚|保本|日赚|(?<!\d)日入(?!账)|月入[^，。]{0,2}(万|千|过万)|躺赚|轻松赚|零风险|无风险|翻倍|稳赚不赔|内幕|(平台|系统|网站)[^，。]{0,4}漏洞|博彩|下注|内部规律|原始股|区块链项目|[一二三两\d]+个?月回本|保底|翻[一二三四五六七八九十百\d]+倍|包赢|稳赢|必中|(又|已经|今天|昨天)赚了[^，。]{0,2}\d|漏洞[^，。]{0,4}(稳|赚)|数据分析师|(教你|带你)[^，。]{0,10}赚|中签率|[三四五六七八九]连板|月收益[^，。]{0,2}\d+%|赚[了咗]?[^，。]{0,2}(五成|[一二三四五六七八九]成|\d+%|翻倍)|一刀穷一刀富|切开[^，。]{0,4}(就是|必出)|开出[^，。]{0,6}(帝王绿|冰种|玻璃种)|飙股|明牌|涨停|牛股|黑马股|必涨|暴涨|翻番|百分之百收益|收益率[^，。]{0,4}\d{2,}%/u,
      /\b(guaranteed (profit|return|income)s?|risk[- ]free|double your (money|investment)|high (return|yield)s?|earn (up to )?[$£€]?\d[\d,]*( ?[-–] ?[$£€]?\d[\d,]*)? ?(per|a|\/|each) ?(day|hour|week)|passive income|100% (profit|return)|insider (tip|info|backing|information)|guaranteed \d+% (daily|a day|per day|weekly|a week|monthly)|\d+(\.\d+)?% (every|each|per|a) day|mining pool|\$\d[\d,]* ?[-–] ?\$\d[\d,]* (daily|a day|per day|weekly)|arbitrage|members made \d+%|worth \$[\d,]+ once cut)/u,
      /每[月周天日][^，。]{0,4}(分红|配息|派息|利息)|配息\d|保证不(亏|赔)|不会亏|亏了算我|返本|养老(基金|项目)|康养项目|海外基金|(持牌|正规)[^，。]{0,4}平台[^，。]{0,20}赚|\b(trading )?signals? (group|with)\b|shares signals|\+\d+% (last|this) (week|month)|(gold|forex|crypto) trading app|pre-?sale allocation/u,
    ],
    weight: 0.4,
    label: t('许诺高收益', 'Promises easy or guaranteed money'),
    explain: t(
      '许诺高收益、稳赚、内幕消息：天上不会掉馅饼，保证赚钱的都是骗局。',
      'It promises high, guaranteed or insider returns: nobody can guarantee profits; this is the bait.',
    ),
  },
  {
    id: 'task-rebate',
    family: 'too-good',
    patterns: [
      /刷单|刷信誉|刷销量|刷礼物|冲榜|双倍返|打字员|录入员|充\d+返\d+|做得越多赚得越多|点赞员|一个赞\d|一单\d|先做[^，。]{0,3}单|提现秒到|(like|watch) [a-z ]{0,20}videos? and earn|(app|product|hotel) review tasks|complete [a-z ]{0,10}tasks|earn \$?\d+ per (like|task|review)|(rate|like|review) (and like |and rate )?products|点赞[^，。]{0,8}(返|佣金|元|赚)|关注[^，。]{0,6}(返|佣金|元|赚)|做任务|返利|返佣|佣金|垫付|兼职[^，。！？]{0,10}(日结|日赚|元|轻松|在家|手机)|(手机|在家)[^，。]{0,4}(兼职|赚钱)|\b(task|order) (scam|commission)|\bcommission\b|work from home|like (videos|posts) (for|and earn)|part[- ]time (job|work)/u,
      /体验官|(写|给|打)[^，。]{0,8}(五星)?好评|五星好评|订阅[^，。]{0,6}(频道|账号)[^，。]{0,6}截图|截图[^，。]{0,6}(即可)?(获得|领取|返)|一天可(做|接)\d+个?任务|\b(app|data|product|rating) optimi[sz](er|ers|ation)\b|boost (app |product )?ratings|hiring [^.!?]{0,30}from home[^.!?]{0,30}(daily|weekly) pay/u,
    ],
    weight: 0.45,
    label: t('刷单、做任务返利', 'Paid tasks or order brushing'),
    explain: t(
      '招人刷单、点赞、做任务返佣金：刷单本身就是诈骗，开头的小额返利是为了让你垫付大钱。',
      'It offers commissions for orders, likes or tasks: the first small payouts are bait to get you to advance large sums.',
    ),
  },
  {
    id: 'free-offer',
    family: 'too-good',
    patterns: [
      /免费(领|送|领取|赠送|获得)|0元(领|购|送)|零元购|白送|无门槛[^，。]{0,4}(领|送)|\bfree (gift|iphone|money|cash|reward)|claim your (free|gift|reward)|free [\d,]+ |free (v-?bucks|robux|skins?)/u,
    ],
    weight: 0.25,
    label: t('免费领取', 'Something for free'),
    explain: t(
      '“免费领取”是诱饵：之后往往要你加人、下载App或先交一笔钱。',
      '"Free" is the bait: next comes a contact to add, an app to install or a fee to pay.',
    ),
  },
  // ── unusual payment ──
  {
    id: 'odd-payment',
    family: 'payment',
    patterns: [
      /usdt|泰达币|虚拟币|虚拟货币|比特币|数字货币|币安|礼品卡|购物卡|充值卡|点卡|游戏点数|超商[^，。]{0,6}(点数|代码)|买点数|转数快|scratch (them|the cards?|off)|photos? of the (cards?|codes?)|\b(cash ?app|venmo|zelle|gift ?cards?|itunes|google play cards?|steam card|bitcoin|btc|crypto ?(wallet|currency)|wire transfer|western union|moneygram)\b/u,
    ],
    weight: 0.4,
    label: t('不寻常的付款方式', 'Unusual way to pay'),
    explain: t(
      '要你用虚拟币、礼品卡、游戏点数付款：这些付出去就追不回，正规机构不这样收钱。',
      'It wants payment in crypto, gift cards or game points: money paid this way cannot be recovered, and real organisations do not ask for it.',
    ),
  },
  {
    id: 'top-up',
    family: 'payment',
    patterns: [
      /(先|你|在平台|平台上?|账户里?)[^，。！？]{0,4}(充值|充|投|入金|存入)[^，。！？]{0,3}(\d|一|两|几|点)|(top up|deposit) [^.!?]{0,20}(on|to|into) (the |my |this |our )?(platform|app|account)|open an account on (his|her|my|our|the|this) (platform|app|site|exchange)/u,
    ],
    weight: 0.35,
    label: t('要你往平台里充钱', 'Asks you to top up on a platform'),
    explain: t(
      '要你往某个平台或App里充值、入金：诈骗平台上的余额和收益都是假的，钱充进去就提不出来。',
      'It asks you to top up money on a platform or app: balances and gains on scam platforms are fake, and the money cannot be withdrawn.',
    ),
  },
  {
    id: 'off-platform',
    family: 'too-good',
    patterns: [
      /私下(交易|转账|付款|支付)|(绕过|绕开|脱离|不走)平台|内部渠道|(原价|专柜价?|市场价)[^，。！？]{0,4}\d+[^，。！？]{0,12}(只要|仅需|现价|仅售|只卖)|(pay|deal) (outside|off) (the )?(platform|app)|too good to be true|middleman site|escrow site|i'?m (overseas|abroad|out of the country)[^.!?]{0,60}(send|pay|wire|deposit)|mail you the keys|签署[^，。]{0,6}(金流|协议)|金流服务|认证才能收款|不走[^，。]{0,4}(担保|平台)|(pay|payment) (via|by|with|through) (zelle|cash ?app|venmo|gift cards?|wire|bank transfer)[^.!?]{0,10}first|(指定|专用)的?(交易|担保)(平台|网站|网)|(去|到)[^，。]{0,8}(担保网|交易网|担保平台)|付款后[^，。]{0,10}(找群主|私聊|截图)|群主登记/u,
      /赔本|亏本(清仓|甩卖|出|卖)|清仓价|(仅|只)(接受|收)[^，。]{0,4}(atm|转账|汇款)|汇款后[^，。]{0,6}(出货|发货)/u,
    ],
    weight: 0.4,
    label: t('超低价或私下交易', 'Too cheap, or off the platform'),
    explain: t(
      '价格低得离谱，或要你绕开平台私下付款：离开平台就没有任何保障，这是虚假购物的典型做法。',
      'The price is far too low, or it asks you to pay outside the platform: off the platform you have no protection.',
    ),
  },
  {
    id: 'transfer-request',
    family: 'payment',
    patterns: [
      /(转|汇|打)(给)?(我|我们|他|她|对方|一下)?[^，。！？]{0,4}(\d[\d,]*(\.\d+)?|[一二两三四五六七八九十百千]+)\s*(万|千|元|块|美元|usdt|u\b|(?=到|给|至|进))|先转你|你再转给|(朋友|同事|人)[^，。]{0,4}(会)?(去|来|上门)(拿|取|收)(钱|款)|转到你(那边|那里|卡上)/u,
      /\b(wire|send|transfer|pay)\b[^.!?]{0,20}[$£€]\s?\d|\b(by|via) (bank |wire )?transfer\b|\b(by|via) wire\b/u,
    ],
    cancel: [/(我|我们|咱们)[^，。]{0,3}(转|汇|打|付)(给)?你/u],
    weight: 0.2,
    label: t('要你转账', 'Asks you to send money'),
    explain: t(
      '开口要你转账汇款：先用原来的电话或当面核实对方是谁、钱用在哪里。',
      'It asks you to send money: confirm who is asking and why, through a channel you already trust.',
    ),
  },
  {
    id: 'romance-lure',
    family: 'too-good',
    patterns: [
      /看了你的资料|很喜欢(和|跟)你聊天|想找个真心|真心过日子|离异带[^，。]{0,3}孩子|(我是|我在)[^，。]{0,8}(军人|美军|军医|维和|驻守|驻扎|战地)|wrong number[^!?]{0,40}(lovely|nice|cute|chat|beautiful)|we matched|matched (on|last)|my uncle (runs|works|is)|saw your profile|widow(ed|er)?\b|oil rig|(us |u\.s\. )?army (captain|doctor|general|officer)|gold bars|diplomat(ic)?|you seem (lovely|nice|sweet)|i trade crypto|(soldier|army doctor|peacekeeping|oil rig)/u,
      /认真交往|想[^，。]{0,4}(跟|和)你交往|结婚基金|一起存钱|our future together|build (a |our )?future|let me teach you|my aunt showed me/u,
    ],
    weight: 0.3,
    label: t('陌生人示好', 'A stranger getting close'),
    explain: t(
      '陌生人主动示好、谈感情、讲身世（军人、医生、离异）：网恋对象一谈投资或要钱，就是杀猪盘。',
      'A stranger is warm and personal (a soldier, a doctor, a "wrong number"): once an online friend talks money or investing, it is a romance scam.',
    ),
  },
  {
    id: 'charity-appeal',
    family: 'pay-first',
    patterns: [
      /扫码捐款|献爱心|转发[^，。]{0,4}群|功德无量|救灾专户|急需[^，。]{0,4}(援助|手术费|救助)|(领养|送养)[^，。]{0,10}(费|钱)|every \$\d+ helps|send (your )?donations?|donations? via|donate now|every dollar matched|donate [^.!?]{0,20}(to charity )?through you/u,
      /求好心人|好心人[^，。]{0,4}帮|救命钱|善心人士/u,
    ],
    weight: 0.35,
    label: t('募捐或领养要钱', 'A donation or adoption appeal'),
    explain: t(
      '以救助、捐款、领养为名要你付钱：只通过民政部门登记的慈善组织官方渠道捐款。',
      "It asks for money for a cause, a rescue or an adoption: give only through registered charities' official channels.",
    ),
  },
  {
    id: 'elite-lure',
    family: 'too-good',
    patterns: [
      /名媛|上流社会|(结识|认识)[^，。]{0,4}(富豪|企业家|高净值|优质男士)|高净值人士|保证脱单|财富能力|high-society|meet millionaires|socialite/u,
    ],
    weight: 0.45,
    label: t('名媛、上流社交培训', '"High-society" training'),
    explain: t(
      '名媛培训、结识富豪之类课程或社群：收高价学费、“公益金”，承诺的圈子和机会都不存在。',
      '"Socialite" or high-society courses and groups: they take fees and "donations" for connections that do not exist.',
    ),
  },
  {
    id: 'sex-lure',
    family: 'too-good',
    patterns: [
      /聊点刺激|刺激的(视频|聊天)|果聊|裸聊|视频[^，。]{0,4}(脱|裸)|(video|cam) (chat|call)[^.!?]{0,20}(naughty|sexy|fun)/u,
    ],
    weight: 0.4,
    label: t('色诱视频聊天', 'A sexual video-chat lure'),
    explain: t(
      '陌生人邀你“刺激”视频聊天：对方会录屏并以此敲诈你，还常让你装一个窃取通讯录的App。',
      'A stranger invites you to an intimate video chat: it is recorded for blackmail, often with an app that steals your contacts.',
    ),
  },
  {
    id: 'personal-account',
    family: 'payment',
    patterns: [
      /(转|汇|打)(到|入|进|给)?[^，。！？]{0,10}(验证|核验|核查|清查|监管|指定|专用)的?(账户|账号|卡)|扫[^，。]{0,4}(我|我的|下面|这个|我发的)[^，。]{0,4}(二维码|收款码)|把余额转|个人账户|私人账户|对私账户|个人银行卡|到我的[^，。]{0,4}(账户|卡|账号)|户名[:：]\s*[\u4e00-\u9fff]{2,4}(?![\u4e00-\u9fff]{3})|(朋友|老婆|老公|亲戚|同事|家人|表哥|表姐|舅舅)[^，。]{0,2}(个|的)?(账户|账号|银行卡|卡)|(my )?(friend|cousin|wife|husband|brother|sister)'s (bank )?account|(转|汇|打)(到|入|进)[^，。！？]{0,6}(我|指定|以下|这个|下面)(的)?(账户|卡|银行卡|账号)|\bpersonal (bank )?account\b/u,
      /(个人|私人)卡|按[^，。]{0,4}(她|他)给的(账号|账户|卡号)|转到我[^，。]{0,4}(卡|账户)/u,
    ],
    weight: 0.4,
    label: t('转到个人账户', 'Pay into a personal account'),
    explain: t(
      '要你把钱转到个人或“指定”账户：正规机构只收对公账户的钱，不会让你转给个人。',
      'It asks you to pay into a personal or "designated" account: real organisations do not collect money that way.',
    ),
  },
  // ── credential requests ──
  {
    id: 'asks-code',
    family: 'credentials',
    patterns: [
      /(提供|告诉|告知|发送|发给|发我|报给|报一下|念|读|输入|提交|截图|回复|给我)[^，。！？]{0,6}(验证码|校验码|动态码|短信码|支付密码|银行卡密码|密码)/u,
      /(提供|告诉|给我|发给我)[^，。！？]{0,16}(密码|登入名称|登录名|网银账号)/u,
      /(验证码|校验码|动态码)[^。！？]{0,12}(发给|告诉|报给|给我|发我|截图|念给|念一下|读给)|代收[^，。]{0,8}(验证码|简讯|短信)|扫码登[录入][^，。]{0,6}(你的)?(账号|帐号)/u,
      /\b(send|share|tell|give|provide|read|forward)( me| us)? (the |your |that )?(\d-digit )?(code|otp|verification code|password|pin)\b/u,
      /connect (your )?wallet|(seed|recovery) phrase|(need|want) (the |that )?(code|otp) (we|i|that)/u,
    ],
    cancelMessage: [OTP_CONTEXT],
    weight: 0.55,
    label: t('索要验证码或密码', 'Asks for a code or password'),
    explain: t(
      '索要验证码或密码：验证码和密码就是你钱包的钥匙，任何人索要都不能给，包括自称客服、警察的人。',
      'It asks for a verification code or password: these are the keys to your money; never give them to anyone, including "staff" or "police".',
    ),
  },
  {
    id: 'asks-card',
    family: 'credentials',
    patterns: [
      /(重新)?(验证|认证|核实)[^，。]{0,2}(身份|身分|账户资料|个人资料)|(填写|提交|输入|更新)[^，。]{0,6}(账户|银行|个人|收款)(资料|信息|账号)|(提供|告诉|填写|输入|提交|登记|核对|上传)[^，。！？]{0,6}(信用卡|银行卡号|银行卡|卡号|身份证号|身份证|账号密码|cvv|安全码|有效期|手持身份证|人脸)/u,
      /\b(enter|confirm|verify|update|provide|submit)( your)? (card (number|details)|bank (details|account)|account details|cvv|ssn|social security|personal (details|information)|(delivery |shipping )?address|payment (details|information|method))|(reply|respond) with your (bank|account|card|personal) details/u,
    ],
    weight: 0.45,
    label: t('索要银行卡或身份信息', 'Asks for card or identity details'),
    explain: t(
      '要你填写或提供银行卡号、身份证等信息：在陌生链接或对陌生人，一律不要提供。',
      'It asks you to enter or give card numbers or identity details: never do so on a link you received or to a caller.',
    ),
  },
  // ── prizes, points, refunds, compensation, bills ──
  {
    id: 'prize',
    family: 'prize-refund',
    patterns: [
      /中奖|抽中|幸运(用户|观众|粉丝|客户)|领奖|奖品|大奖|奖金|获得[^，。]{0,6}(奖|大礼|礼包)|\b(you('ve| have)? won|winner|prize|lottery|jackpot|selected to receive)\b/u,
    ],
    weight: 0.35,
    label: t('说你中奖了', 'Says you won a prize'),
    explain: t(
      '通知你中奖：没参加过的抽奖不会中奖，要先交税费、手续费的奖都是假的。',
      'It says you won a prize: you cannot win a draw you never entered, and a prize that needs a fee is fake.',
    ),
  },
  {
    id: 'points-redeem',
    family: 'prize-refund',
    patterns: [
      /积分[^，。！？]{0,10}(兑换|清零|过期|到期|即将|失效)|兑换[^，。]{0,6}(礼品|现金|话费)|点数[^，。]{0,4}(兑换|到期|过期)|\b(points? (will )?(expire|redeem)|redeem (your )?(points|reward))/u,
    ],
    weight: 0.4,
    label: t('积分兑换', 'Points about to expire'),
    explain: t(
      '说你的积分即将清零、可兑换礼品或现金并附链接：这是钓鱼短信，查积分请用官方App。',
      'It says your points are about to expire or can be redeemed through a link: a phishing message; check points in the official app.',
    ),
  },
  {
    id: 'refund-comp',
    family: 'prize-refund',
    patterns: [
      /退款|理赔|赔偿|赔付|补偿|退费|退税|补贴|补助|助学金|\b(government )?grant\b|退还|双倍赔|快递(丢失|丢了|破损)|包裹(丢失|丢了|破损|异常)|\b(refund|compensation|reimburse(ment)?|tax rebate|claim your money)\b/u,
    ],
    weight: 0.25,
    label: t('退款、理赔或补贴', 'Offers a refund or compensation'),
    explain: t(
      '主动说要给你退款、理赔、补贴：真退款原路退回，不需要你另外转账、下载软件或提供验证码。',
      'It offers a refund, compensation or subsidy: real refunds go back the way you paid, with nothing for you to pay, install or share.',
    ),
  },
  {
    id: 'bill-fine',
    family: 'prize-refund',
    patterns: [
      // The stated problem within its clause first: it is what the reader should see quoted.
      /etc[^，。！？]{0,8}(失效|认证|停用|过期|异常|禁用)|(医保卡|社保卡|健保卡)[^，。！？]{0,10}(冻结|停用|异常|失效|盗刷|年审|冒用)|(包裹|邮件|快递|邮包)[^。]{0,20}(暂停|无法|未能)(派送|投递|配送)/u,
      /(欠费|未缴|逾期未缴|罚款|罚单|违章)[^。！？\n]{0,30}(停水|停电|停气|停机|扣分|滞纳金|年审|吊销|强制执行)/u,
      // The bill word is quoted to the end of its clause (q): the link is quoted by the link flags.
      /(?<q>水费|电费|燃气费|煤气费|话费|通行费|etc|罚款|罚单|违章|罚锾|欠费|未缴|逾期未缴|交通违规|违停|医保卡|社保卡|健保卡)[^。！？\n]{0,40}(点击|链接|网址|http|www\.|查看详情)/u,
      /\b(unpaid|outstanding|overdue) (toll|bill|fine|invoice|balance)|toll (payment|violation)|(parking|traffic) (fine|ticket|violation)/u,
    ],
    weight: 0.4,
    label: t('账单、罚款或证件“异常”', 'A bill, fine or card "problem"'),
    explain: t(
      '说你欠水电费、有交通罚款、ETC或医保卡异常并让你点链接处理：查询缴费只走官方App或营业厅。',
      'It says you owe a bill or fine, or that your toll or health card has a problem, and sends you to a link: pay only through official apps or offices.',
    ),
  },
  {
    id: 'flight-change',
    family: 'prize-refund',
    patterns: [
      /(航班|班机|列车|车次)[^。！？]{0,12}(取消|延误|停飞|故障)[^。！？]{0,30}(改签|退票|退款|赔偿|补偿|理赔|联系|致电|点击)|(flight|train) [^!?]{0,20}(cancel+ed|delayed)[^!?]{0,60}(refund|compensation|rebook|call|click)/u,
    ],
    weight: 0.5,
    label: t('航班取消要你办退改签', 'Flight cancelled, "rebook here"'),
    explain: t(
      '说航班取消、可改签赔偿并给你电话或链接：只通过航空公司官方App或官方电话核实。',
      "It says your flight is cancelled and offers rebooking or compensation by phone or link: check only in the airline's own app or number.",
    ),
  },
  {
    id: 'recovery',
    family: 'prize-refund',
    patterns: [
      /(损失|被骗)[^，。]{0,12}(已[^，。]{0,6})?追回|victims? of (online )?(scams?|fraud)[^.!?]{0,40}(receive|recover|compensation|refund)|refund program|recovery (firm|agency|service|expert)s?|(traced|tracked) (the|your) (crypto|money|funds)|get (it|your money|your funds) back|追回[^，。]{0,6}(损失|被骗|款项|资金|钱)|挽回损失|退赃|追款|帮你追回|帮助追回|被骗[^，。]{0,8}(追回|退回|找回)|\brecover (your )?(lost |stolen )?(funds|money|crypto)|fund recovery/u,
      /(追回|挽回)[^，。]{0,4}(律师|团队|专家|机构)|资金追回|asset recovery|recover(ed)? (your |the )?(funds|money|losses)/u,
    ],
    weight: 0.5,
    label: t('帮你追回损失', 'Offers to recover lost money'),
    explain: t(
      '说能帮你追回被骗的钱：追赃只由公安机关办理，不收任何费用，先收费的“追款”是二次诈骗。',
      'It offers to recover money you lost: only the police do that, for free; "recovery" services that charge are a second scam.',
    ),
  },
  {
    id: 'exposure-threat',
    family: 'threat',
    patterns: [
      /(视讯|视频|画面)[^，。]{0,8}(录下|录了|录屏)|(影片|视频|照片)[^，。]{0,8}(传给|发给|寄给)[^，。]{0,6}(亲友|家人|通讯录|所有)|通讯录[^，。]{0,6}(在我手上|在我这|都在)|裸聊|不雅视频|私密视频|私密照|裸照|(视频|照片)[^，。]{0,6}(曝光|发给|群发)|通讯录[^，。]{0,10}(曝光|发给|群发|每一个人)|\b(sextortion|intimate (video|photos?)|we recorded you|send (it|the video) to (all )?your contacts)|(post|send|share) it [^.!?]{0,30}(family|friends|contacts|school|colleagues)|i('ve| have) (got|recorded) your video/u,
      /视频[^，。]{0,10}技术处理|通讯录[^，。]{0,6}(都有|我都有|的人)|不想出名|裸露(影片|视频|照片)|寄(送)?给[^，。]{0,6}(同事|家人|亲友|公司)|发给你的(家人|同事|通讯录|亲友)/u,
    ],
    weight: 0.75,
    label: t('以曝光私密视频相要挟', 'Threatens to expose intimate images'),
    explain: t(
      '拿私密视频或照片威胁要发给你的亲友：不要转账，付了钱只会被继续勒索，保留证据立即报警。',
      'It threatens to send intimate videos or photos to your contacts: do not pay, paying only brings more demands; keep the evidence and report it.',
    ),
  },
  {
    id: 'card-rental',
    family: 'payment',
    patterns: [
      /(办|开)[^，。]{0,8}(手机卡|银行卡|电话卡)[^，。]{0,8}(交给|给我们|借给|卖给)|(use|borrow|rent) your (bank )?account|send the rest (to us|back)|帮(我|忙)收[^，。]{0,6}(货款|款|钱)|到账后[^，。]{0,4}转给|好处费|出租[^，。]{0,2}(账户|存折)|存折|提款卡|(receiv|accept)\w* (payments|money|funds) (into|to|through) your (bank )?account|forward(ing)? (them|the money|the funds) on\b|forward(ing)? (the money|the funds)|money mule|(办|开)[^，。]{0,4}(两|几|一)?张卡[^，。]{0,6}(借|给|租)|走个?流水|走个?账|过个?账|(注册|办|开)[^，。]{0,6}(支付宝|微信|银行卡|手机卡|账号)[^。]{0,20}(辛苦费|报酬|账号我)|账号我(自己)?用|(出租|出借|出售|收购|租用|高价收|借用|回收)[^，。！？]{0,6}(银行卡|手机卡|电话卡|对公账户|微信号|支付宝账号|u盾|电话号码)|跑分|租卡|收卡/u,
      /用你的(银行卡|卡)[^，。]{0,8}(走|过|收)[^，。]{0,4}(账|钱|款)|走[几一两\d]+笔(账|流水)|(收到|进来)的钱[^，。]{0,6}(再)?转出去|(每张|一张)卡[^，。]{0,4}(酬劳|报酬|给你|\d)|金融卡[^，。]{0,12}(转寄|寄送|寄到|寄出)/u,
    ],
    weight: 0.6,
    label: t('租借买卖银行卡、手机卡', 'Renting or buying bank or SIM cards'),
    explain: t(
      '要租、借、买你的银行卡、手机卡或账号：这是为诈骗团伙洗钱，本人要承担刑事责任（帮信罪）。',
      'It wants to rent, borrow or buy your bank card, SIM or account: this launders fraud money, and you are criminally liable.',
    ),
  },
  // ── loans that need money first ──
  {
    id: 'loan-fee',
    family: 'loan',
    patterns: [
      /(贷款|借款|额度|放款|下款|提现|到账)[^。！？]{0,30}(解冻|保证金|手续费|验资|刷流水|先交|先付|先购买|保险|押金|会员费|工本费|征信|账户(被)?冻结|填写错误|银行卡号错误)/u,
      /(解冻金|保证金|验资|刷流水|解冻)[^。！？]{0,30}(贷款|借款|放款|下款|额度|到账)/u,
      /\bloan[^.!?]{0,40}(fee|deposit|insurance|upfront)/u,
    ],
    weight: 0.55,
    label: t('贷款要先交钱', 'A loan that needs money first'),
    explain: t(
      '贷款还没到手就要交解冻金、保证金、手续费或“刷流水”：正规贷款放款前不收任何费用。',
      'The loan asks for a deposit, fee or "unfreezing" payment before it is paid out: real lenders never charge before paying.',
    ),
  },
  {
    id: 'loan-offer',
    family: 'loan',
    patterns: [
      /免联征|免保人|当天拨款|利息超低|超低利息|无抵押|免抵押|无担保|免息|低息|秒批|秒下款|秒到账|黑户(也)?可[贷借]|不看征信|不查征信|额度[^，。]{0,6}(已|已经)?(批|下|通过|审批)|放款|\b(instant|quick|easy|guaranteed) (loan|approval)|pre-?approved|no credit check/u,
    ],
    weight: 0.3,
    label: t('轻松贷款', 'An easy loan'),
    explain: t(
      '主动推送无抵押、秒批、不看征信的贷款：正规贷款要审核，不会这样招揽。',
      'It offers an instant, no-check loan out of the blue: real lenders check before lending and do not advertise like this.',
    ),
  },
];

/**
 * Not a pattern flag: raised by the checker when its statistical model finds the message
 * very like known scams although no pattern matched; its evidence is the most telling phrase.
 */
export const MODEL_FLAG: { id: string; label: FlagText; explain: FlagText } = {
  id: 'resembles-scam',
  label: t('与已知诈骗信息相似', 'Resembles known scam messages'),
  explain: t(
    '这条信息的用词与已知的诈骗信息很相似，请先通过官方渠道核实，不要转账或提供个人信息',
    'The wording of this message is very like known scam messages: verify through official channels before paying or giving any details',
  ),
};

/** Looks a red flag up by id. */
export function redFlagById(id: string): RedFlagDef | undefined {
  return RED_FLAGS.find((f) => f.id === id);
}

// ───────── link data ─────────

/** URL shorteners: the real destination is hidden. */
export const URL_SHORTENERS: readonly string[] = [
  't.cn',
  'url.cn',
  'dwz.cn',
  'suo.im',
  'suo.nz',
  'bit.ly',
  'tinyurl.com',
  'goo.gl',
  'is.gd',
  'ow.ly',
  'cutt.ly',
  'rb.gy',
  't.ly',
  'tiny.cc',
  's.id',
  'shorturl.at',
  'reurl.cc',
  'ppt.cc',
  'lihi.cc',
  'lihi1.cc',
  'lihi.io',
  'pse.is',
  'tinyurl.hu',
  'bit.do',
  'rebrand.ly',
  'v.gd',
  'x.co',
  '0rz.tw',
  'u.nu',
  'w.url.cn',
  'c.tb.cn',
  'sohu.gg',
  'mrw.so',
  'j.mp',
  'buff.ly',
  'soo.gd',
  'tw.gg',
  'reurl.tw',
];

/** Top-level domains seldom used by banks, carriers or governments and common in phishing. */
export const UNUSUAL_TLDS: readonly string[] = [
  'top',
  'xyz',
  'vip',
  'cc',
  'icu',
  'club',
  'buzz',
  'live',
  'work',
  'loan',
  'win',
  'bid',
  'online',
  'site',
  'fun',
  'cyou',
  'sbs',
  'cfd',
  'rest',
  'lol',
  'monster',
  'shop',
  'click',
  'link',
  'quest',
  'bond',
  'ltd',
  'pw',
  'tk',
  'ml',
  'ga',
  'cf',
  'gq',
  'mobi',
  'asia',
  'today',
  'life',
  'pro',
  'website',
  'space',
  'store',
  'tech',
  'info',
  'biz',
  'ink',
  'wang',
  'ren',
  'kim',
  'xin',
  'gd',
  'su',
  'ws',
];

/**
 * Brands and the registrable domains that really belong to them. A host that contains a
 * brand's token but whose domain is not one of these is a look-alike.
 */
export const BRAND_DOMAINS: Readonly<Record<string, readonly string[]>> = {
  icbc: ['icbc.com.cn', 'icbc.com'],
  ccb: ['ccb.com', 'ccb.cn'],
  boc: ['boc.cn', 'bankofchina.com'],
  abchina: ['abchina.com'],
  cmbchina: ['cmbchina.com', 'cmbc.com.cn'],
  bankcomm: ['bankcomm.com'],
  psbc: ['psbc.com'],
  '95588': ['icbc.com.cn'],
  '95533': ['ccb.com'],
  '95555': ['cmbchina.com'],
  '10086': ['10086.cn'],
  '10010': ['10010.com', 'chinaunicom.cn'],
  '12123': ['122.gov.cn', '12123.gov.cn'],
  '12306': ['12306.cn'],
  '12367': ['12367.gov.cn'],
  etc: ['etcsd.com', 'etc.cn'],
  taobao: ['taobao.com', 'tb.cn'],
  tmall: ['tmall.com'],
  alipay: ['alipay.com', 'alipay.cn'],
  jd: ['jd.com', 'jd.hk', '3.cn'],
  pinduoduo: ['pinduoduo.com', 'yangkeduo.com'],
  wechat: ['wechat.com', 'qq.com'],
  weixin: ['qq.com', 'weixin.com'],
  douyin: ['douyin.com'],
  kuaishou: ['kuaishou.com'],
  apple: ['apple.com', 'apple.com.cn', 'icloud.com'],
  icloud: ['icloud.com', 'apple.com'],
  paypal: ['paypal.com', 'paypal.me'],
  amazon: ['amazon.com', 'amazon.cn', 'amazon.co.uk', 'amazon.co.jp', 'amazon.de'],
  netflix: ['netflix.com'],
  microsoft: ['microsoft.com', 'live.com', 'office.com'],
  dhl: ['dhl.com'],
  fedex: ['fedex.com'],
  usps: ['usps.com'],
  royalmail: ['royalmail.com'],
  auspost: ['auspost.com.au'],
  hsbc: ['hsbc.com', 'hsbc.com.hk', 'hsbc.co.uk', 'hsbc.com.cn'],
  chase: ['chase.com'],
  wellsfargo: ['wellsfargo.com'],
  sfexpress: ['sf-express.com', 'sf-express.com.cn'],
  'sf-express': ['sf-express.com'],
  nike: ['nike.com', 'nike.com.cn'],
  hkpost: ['hkpost.hk', 'hongkongpost.hk'],
  fortnite: ['fortnite.com', 'epicgames.com'],
  roblox: ['roblox.com'],
  steam: ['steampowered.com', 'steamcommunity.com'],
  chunghwa: ['cht.com.tw', 'post.gov.tw'],
  taipower: ['taipower.com.tw'],
  mvdis: ['mvdis.gov.tw'],
  npa: ['npa.gov.tw'],
  gov: [],
};

/** Domains of official bodies and large services whose links are not a sign by themselves. */
export const OFFICIAL_DOMAIN_SUFFIXES: readonly string[] = [
  'gov.cn',
  'gov.tw',
  'gov.hk',
  'gov.mo',
  'gov',
  'gov.uk',
  'gov.au',
  'gov.sg',
  'edu.cn',
  'edu.tw',
  'edu.hk',
  ...Object.values(BRAND_DOMAINS).flat(),
  'qq.com',
  'weibo.com',
  'baidu.com',
  'mps.gov.cn',
  'cyberpolice.cn',
  '96110.cn',
  'chinapost.com.cn',
  'ems.com.cn',
  'cainiao.com',
  'zto.com',
  'yto.net.cn',
  'yundaex.com',
  'sto.cn',
  '189.cn',
  'chinaunicom.com',
  'chinamobile.com',
  'fetnet.net',
  'taiwanmobile.com',
  'aptg.com.tw',
  'google.com',
  'youtube.com',
  'github.com',
  'wikipedia.org',
  'meituan.com',
  'ctrip.com',
  'hkpost.hk',
  'gov.hk',
  'hkma.gov.hk',
];
