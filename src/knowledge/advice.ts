/**
 * How answers read the news as data: what makes a run of sentences a real case (its
 * start and its outcome), what makes a quoted sentence police advice, which figures are
 * about stopping payments and recovering money, and which guide page serves which
 * question. General to Chinese police reporting, not fitted to one article; no victim's
 * name appears here.
 */

/**
 * A sentence that opens a case: a date or time marker, or a person described the way
 * police reports describe victims (曹先生, 程大叔, 陈某某, 财务人员小金, 居民).
 */
export const CASE_START =
  /\d{1,2}月(\d{1,2}日|初|底|中旬)?|(今年|去年|前年)(初|底|\d+月)|近日|前不久|前段时间|就在前一天|当天|[\u4e00-\u9fff](先生|女士|大叔|阿姨|阿婆|大爷|某某)|(人员|员工|学生|儿子|女儿)小[\u4e00-\u9fff]|居民|市民/u;

/**
 * A sentence that opens a new story (a date, 近日, 前不久): after a lead that already told
 * its outcome, such a sentence is the next case, not the rest of this one. 就在前一天 and
 * 当天 refer back to the lead, so they are not here.
 */
export const NEW_CASE = /\d{1,2}月(\d{1,2}日|初|底|中旬)|(今年|去年|前年)(初|底|\d+月)|近日|前不久|前段时间/u;

/** A named person in a sentence: it tells a story, it is not a statistic. */
export const PERSON =
  /[\u4e00-\u9fff](先生|女士|大叔|阿姨|阿婆|大爷|某某)|(人员|员工|学生|儿子|女儿)小[\u4e00-\u9fff]/u;

/** Words of police statistics: a figure about cases, losses, arrests or warnings. */
export const STAT_WORDS =
  /案件|发案|破获|破案|抓获|止付|劝阻|避免|损失|追回|同比|下降|上升|挽损|冻结|返还|预警|团伙|涉案|嫌疑人|警情|知晓率|金额|宣讲|走访/u;

/** Fraud words one of the sentences of a case must hold (else it is a rescue or a lost wallet). */
export const CASE_FRAUD = /被骗|诈骗|骗子|骗局|转账|汇款|损失|劝阻|止损|报警|识破|上当/u;

/** A sentence that tells how a case ended: loss avoided or recovered, victim woke up, gang caught. */
export const CASE_OUTCOME =
  /避免(了)?.{0,12}(损失|上当)|止损|挽损|挽回(了)?(损失|钱款)|追回|返还|醒悟|觉醒|唤醒|识破|明白过来|清醒过来|意识到自己(差点|遭遇|被骗|上当)|还未转账|制止|抓获|摧毁|全额/u;

/**
 * Words of advice in a news sentence. Not a bare 提醒: narratives say 一番提醒让她醒悟;
 * 警方提醒 is advice.
 */
export const ADVICE_WORDS =
  /(警方|民警|公安|我们)提醒|提醒(广大|大家|市民|群众)|不要|切勿|千万|一定要|一定是|警惕|牢记|不可能|必然是诈骗|就是诈骗|天上不会掉馅饼|不得转账/u;

/** Advice a quoted saying must hold to be a tip (not 不可能 alone: "手机不可能失而复得" is thanks). */
export const ADVICE_STRONG = /不要|切勿|千万|警惕|天上不会掉馅饼|就是诈骗|必然是诈骗|不得转账|一定是/u;

/**
 * A description of the police's publicity work, not advice: 队员们…参观…, 通过发放…开展宣传,
 * 开展专项宣传10场, 走进社区/校园, 座谈会. Quoted under "what the police say" only when it also
 * holds a rule ({@link ADVICE_STRONG}).
 */
export const CAMPAIGN =
  /队员|参观|发放|宣传(活动|单|册|资料|海报|品|折页|10场)|开展.{0,12}(宣传|宣讲|讲座|活动)|(专项|精准|集中|上门)宣传|走进.{0,6}(社区|校园|企业|村)|座谈会|推进会|讲座|宣讲|工作法|机制|夜市直播|专班|全覆盖|形成闭环|筑牢/u;

/** Figures about stopping payments and getting money back: what a victim asks about. */
export const RECOVERY_FACT = /止付|冻结|追回|返还|挽损|挽回|资金管控/u;

/** A sentence carrying a figure (a count, an amount or a share). */
export const FIGURE = /\d[\d.,]*\s*(万|亿|%|％|起|名|人|个|元|次|余|条|家|场)/u;

/**
 * Longest case we quote, in sentences: long enough for setup, trick and outcome (the
 * longest real case in the seeds runs 7 sentences), short enough to stay one story.
 */
export const MAX_CASE_SENTENCES = 8;

/** Longest case we quote, in characters; beyond it a "case" is a report of many. */
export const MAX_CASE_CHARS = 480;

/**
 * A story told over several short paragraphs (lead quote, what happened, the police
 * arriving, the outcome): at most this many paragraphs, sentences and characters. The
 * longest such story in the seeds (a fake police officer's badge photo, four paragraphs)
 * runs 10 sentences and about 600 characters; beyond these a run is a report of many.
 */
export const MAX_STORY_PARAGRAPHS = 4;
export const MAX_STORY_SENTENCES = 12;
export const MAX_STORY_CHARS = 680;

/** The subject of a story that police reports leave unnamed (当事人, 一名老人). */
export const STORY_SUBJECT = /当事人|一名(老人|男子|女子|市民|居民|学生)/u;

/** Openings of a paragraph that goes on with the story before it (据悉，当天…; 与此同时…). */
export const STORY_CONTINUES = /^(据悉|据了解|经了解|与此同时|随后|此后|事后|当天|原来)/u;

/** Guide pages of the situations people ask about (seeds/guide/<lang>/<id>.md). */
export const SITUATION_PAGES = {
  victims: 'after-scammed',
  elderly: 'protect-elderly',
  students: 'students',
  finance: 'finance-staff',
  hotline: 'hotline-96110',
  app: 'anti-fraud-app',
  verify: 'verify-someone',
} as const;

/** Who a "protect" question is about. */
export type Audience = 'elderly' | 'students' | 'finance';

/** Words naming each audience, in Simplified and English (lower case). */
export const AUDIENCE_WORDS: Record<Audience, RegExp> = {
  elderly:
    /父母|爸妈|爸爸|妈妈|老爸|老妈|我爸|我妈|老人|长辈|老年|爷爷|奶奶|外公|外婆|姥姥|姥爷|parents?\b|mum|mom\b|dad\b|grand(ma|pa|mother|father|parents)|elderly|old(er)? (people|folks)/u,
  students: /孩子|学生|儿子|女儿|大学生|留学|校园|child|children|kids?\b|son\b|daughter|students?\b|teen/u,
  finance: /财务|会计|出纳|员工|公司.{0,4}(转账|付款)|staff|employees?|accountants?|finance|bookkeeper|cashier/u,
};

/**
 * Scam types whose real cases suit an audience's page, so a protect answer can show one:
 * finance staff meet fake bosses; students abroad meet fake police and young people game
 * trades; older people meet fake police, fake charity and investment pitches (the
 * groups 公安部 publicity names for each audience).
 */
export const AUDIENCE_CASE_TYPES: Record<Audience, string[]> = {
  finance: ['fake-boss'],
  students: ['fake-police', 'game-account', 'order-brushing'],
  elderly: ['fake-police', 'fake-charity', 'fake-investment', 'livestream-jade'],
};

/** The most common types (公安部's high-incidence list), shown first for "what scams are there". */
export const COMMON_TYPES = [
  'order-brushing',
  'fake-investment',
  'fake-shopping',
  'fake-customer-service',
  'fake-loan',
  'fake-credit',
  'fake-boss',
  'fake-acquaintance',
  'fake-police',
  'romance',
  'game-account',
];

/**
 * How many rules a "what scams are there" answer quotes: one screen, one source button
 * each, leaving one of the answer's six citations for what the reports say.
 */
export const TYPES_RULES_SHOWN = 5;
