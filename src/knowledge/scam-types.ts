/**
 * The scam taxonomy, kept as data: the kinds of fraud the corpus covers, with names and
 * aliases in Simplified, Traditional and English, and the keywords that signal each one.
 * Used to expand and classify questions, to build the tokenizer's user dictionary, and
 * for the bot's /types menu. Traditional aliases are written out (not converted at run
 * time) because people type regional words (詐騙/詐欺, 網路) that conversion would miss.
 */

/** One kind of scam. */
export interface ScamType {
  id: string;
  /** Chinese name, Simplified. */
  name: string;
  /** Chinese name, Traditional. */
  nameHant: string;
  /** English name. */
  nameEn: string;
  /** Other ways people say it, Simplified (Traditional forms are derived for matching). */
  aliases: string[];
  /** English words and phrases that mean this type, lower case. */
  aliasesEn: string[];
  /** Words from articles and questions that signal this type, Simplified. */
  keywords: string[];
  /** One line in English on how it works, used to frame English answers. */
  summaryEn: string;
  /** One line in Chinese on how it works, used as the gist of an answer. */
  summary: string;
  /** A question a user can tap to ask about this type. */
  exampleQuestion: string;
}

export const SCAM_TYPES: readonly ScamType[] = [
  {
    id: 'fake-customer-service',
    name: '冒充客服',
    nameHant: '冒充客服',
    nameEn: 'Fake customer service',
    aliases: ['冒充客服诈骗', '假客服', '客服诈骗', '冒充电商客服', '冒充快递客服', '退款诈骗', '理赔诈骗'],
    aliasesEn: ['fake customer service', 'customer service scam', 'refund scam', 'fake support', 'impersonating customer service'],
    keywords: ['客服', '退款', '理赔', '输入密码', '快递', '包裹', '会员扣费', '百万保障'],
    summaryEn: 'A caller poses as a shop, courier or platform agent and talks you into "refund" or "fee" transfers or into typing your password.',
    summary: '骗子冒充电商、快递或平台客服，以退款、理赔、取消会员等名义诱导转账或输入密码。',
    exampleQuestion: '接到自称客服说要给我退款的电话怎么办？',
  },
  {
    id: 'fake-police',
    name: '冒充公检法/安全账户',
    nameHant: '冒充公檢法/安全賬戶',
    nameEn: 'Fake police or prosecutors ("safe account")',
    aliases: ['冒充公检法', '冒充警察', '安全账户', '冒充民警', '假警察', '通缉令', '逮捕令', '冒充公安'],
    aliasesEn: ['fake police', 'police impersonation', 'safe account', 'fake officer', 'arrest warrant', 'impersonating police', 'fake prosecutor'],
    keywords: ['警察', '公安', '检察院', '法院', '安全账户', '逮捕令', '通缉', '配合调查', '证件照', '保证金', '电话办案', '洗钱', '身份证', '冒用', '涉嫌', '涉案'],
    summaryEn: 'Someone claiming to be police says you are under investigation and must move your money to a "safe account"; real police never handle cases or ask for transfers by phone.',
    summary: '骗子冒充警察、检察院、法院，称你涉案需配合调查，要求把钱转到“安全账户”；真警察绝不会电话办案、要求转账。',
    exampleQuestion: '有人自称警察说我涉嫌洗钱，要我转账到安全账户，是真的吗？',
  },
  {
    id: 'fake-investment',
    name: '虚假投资理财',
    nameHant: '虛假投資理財',
    nameEn: 'Fake investment and wealth management',
    aliases: ['投资理财诈骗', '理财诈骗', '虚假投资', '投资诈骗', '荐股', '炒股诈骗', '虚假理财平台'],
    aliasesEn: ['investment scam', 'fake investment', 'wealth management scam', 'stock tips scam', 'trading platform scam', 'crypto scam'],
    keywords: ['投资', '理财', '平台', '充值', '老师', '高回报', '荐股', '资质', '汇款', '收益', '炒股', '股票', '赚钱', '带单'],
    summaryEn: 'Fraudsters pose as investment "teachers" or platforms promising high returns, get you to top up an account, then the money cannot be withdrawn.',
    summary: '骗子以“老师”“导师”或理财平台身份许诺高收益，诱导充值投资，之后钱无法取出。',
    exampleQuestion: '网上有老师带我投资理财，说收益很高，靠谱吗？',
  },
  {
    id: 'order-brushing',
    name: '刷单返利/网络兼职',
    nameHant: '刷單返利/網路兼職',
    nameEn: 'Order brushing and fake part-time jobs',
    aliases: ['刷单', '刷单返利', '网络兼职', '兼职刷单', '刷信誉', '点赞返利', '做任务返佣金'],
    aliasesEn: ['order brushing', 'brushing scam', 'part-time job', 'part time job', 'task scam', 'click farming', 'fake job', 'rebate scam', 'online job', 'work from home'],
    keywords: ['刷单', '兼职', '返利', '佣金', '垫付', '任务', '信誉', '电商'],
    summaryEn: 'A "part-time job" pays small rebates for fake orders or likes at first, then asks you to advance larger sums that are never returned.',
    summary: '以网络兼职为名，先让你刷单、点赞拿小额返利，再要求垫付大额资金后拒不返还。',
    exampleQuestion: '网上兼职刷单能赚钱吗？',
  },
  {
    id: 'romance',
    name: '杀猪盘/网络交友',
    nameHant: '殺豬盤/網路交友',
    nameEn: 'Pig butchering (romance investment scam)',
    aliases: ['杀猪盘', '网络交友诈骗', '交友诈骗', '网恋诈骗', '婚恋诈骗', '网恋'],
    aliasesEn: ['pig butchering', 'pig-butchering', 'romance scam', 'dating scam', 'online dating', 'sha zhu pan', 'love scam'],
    keywords: ['杀猪盘', '交友', '网恋', '婚恋', '感情', '男友', '女友', '境外', '团伙'],
    summaryEn: 'Scammers build an online relationship over weeks ("fattening the pig"), then lure the victim into a rigged investment or gambling site and take everything ("the slaughter").',
    summary: '骗子通过网络交友、网恋长期培养感情，再诱导你在虚假平台投资或赌博，最终卷走钱财。',
    exampleQuestion: '什么是杀猪盘？',
  },
  {
    id: 'fake-boss',
    name: '冒充领导/老板',
    nameHant: '冒充領導/老闆',
    nameEn: 'Fake boss or leader',
    aliases: ['冒充领导', '冒充老板', '冒充总经理', '假老板', '冒充熟人', '冒充上司'],
    aliasesEn: ['fake boss', 'boss scam', 'ceo fraud', 'ceo scam', 'impersonating boss', 'business email compromise', 'fake manager', 'finance staff'],
    keywords: ['总经理', '老板', '领导', '财务', '聊天群', '业务单位', '转账', '核实', '会计'],
    summaryEn: 'Someone impersonating your boss (often in a chat group) orders finance staff to pay a "business partner" urgently; always confirm by phone or in person.',
    summary: '骗子冒充公司老板、领导（常拉进聊天群），要求财务人员紧急向“业务单位”转账；务必电话或当面核实。',
    exampleQuestion: '老板在微信群里让我给客户转账，要注意什么？',
  },
  {
    id: 'ticket-refund',
    name: '机票车票退改签',
    nameHant: '機票車票退改簽',
    nameEn: 'Flight or train ticket refund and rebooking',
    aliases: ['机票退改签', '车票退改签', '退改签诈骗', '航班取消', '航班延误诈骗', '改签'],
    aliasesEn: ['flight refund', 'ticket refund', 'flight cancellation', 'flight cancelled', 'flight was cancelled', 'rebooking', 'train ticket', 'airline scam'],
    keywords: ['机票', '车票', '航班', '退改签', '改签', '取消', '出行'],
    summaryEn: 'A message says your flight or train is cancelled and offers a refund or rebooking "compensation" through a link or transfer.',
    summary: '骗子以航班取消、车票改签为由发短信或来电，诱导点链接、转账“办理退改签”。',
    exampleQuestion: '收到短信说我的航班取消了可以退款，是真的吗？',
  },
  {
    id: 'livestream-jade',
    name: '直播间原石/玉石',
    nameHant: '直播間原石/玉石',
    nameEn: 'Livestream raw stone and jade sales',
    aliases: ['直播间原石', '直播卖玉', '玉石诈骗', '原石诈骗', '赌石', '直播带货诈骗'],
    aliasesEn: ['jade scam', 'raw stone', 'livestream scam', 'live stream', 'gemstone scam', 'jade livestream'],
    keywords: ['直播间', '直播', '原石', '玉石', '石头', '主播', '切割', '废石', '高价收购', '赌石'],
    summaryEn: 'A livestream shows "buyers" paying high prices for cut stones; you buy raw stones through the host and they turn out worthless.',
    summary: '直播间里托儿演示“原石开出好玉被高价收购”，诱你高价买原石，切开却是废石。',
    exampleQuestion: '直播间买原石能赚钱吗？',
  },
  {
    id: 'fake-charity',
    name: '网络慈善与领养（战争孤儿）',
    nameHant: '網路慈善與領養（戰爭孤兒）',
    nameEn: 'Fake charity and online adoption ("war orphans")',
    aliases: ['战争孤儿', '网上领养', '慈善诈骗', '领养诈骗', '爱心捐款', '网络慈善'],
    aliasesEn: ['war orphan', 'orphan', 'adoption scam', 'online adoption', 'charity scam', 'fake charity', 'donation scam'],
    keywords: ['战争孤儿', '领养', '慈善', '快递费', '捐款', '爱心'],
    summaryEn: 'Scammers invite you to "adopt" or help a war orphan online, then ask for delivery, paperwork or care fees.',
    summary: '骗子以网上领养“战争孤儿”、慈善救助为名，索要快递费、手续费等。',
    exampleQuestion: '网上说可以领养战争孤儿，要先交快递费，可信吗？',
  },
  {
    id: 'socialite-training',
    name: '名媛培训/公益金',
    nameHant: '名媛培訓/公益金',
    nameEn: 'Socialite training courses and "charity fund" donations',
    aliases: ['名媛培训', '名媛培训班', '公益金', '财富能力', '捐公益金', '线上课程诈骗'],
    aliasesEn: ['socialite training', 'socialite course', 'charity fund', 'wealth mindset course', 'online course scam', 'donation to teacher'],
    keywords: ['名媛', '培训班', '公益金', '捐款', '学员', '老师', '课程', '财富能力'],
    summaryEn: 'An online "socialite" or wealth-mindset course, with fake fellow students, talks you into donating a "charity fund" to the teacher.',
    summary: '以名媛培训、提升财富能力为名开设线上课程，由“学员”带节奏，诱你向“老师”捐公益金。',
    exampleQuestion: '网上名媛培训班让我捐公益金，是不是骗局？',
  },
  {
    id: 'game-account',
    name: '游戏账号与皮肤',
    nameHant: '遊戲帳號與皮膚',
    nameEn: 'Game accounts and free skins',
    aliases: ['游戏账号', '游戏皮肤', '免费领皮肤', '买卖游戏账号', '游戏装备', '游戏诈骗', '免费领取游戏皮肤'],
    aliasesEn: ['game account', 'game skin', 'free skins', 'gaming scam', 'in-game items', 'game items', 'video game'],
    keywords: ['游戏', '账号', '皮肤', '装备', '学生', '免费领取'],
    summaryEn: 'Offers of free skins or cheap game accounts, aimed at students, lead to "unfreezing" or "verification" payments, often with a parent\'s phone.',
    summary: '以免费领游戏皮肤、低价买卖游戏账号为诱饵，骗取学生（常用家长手机）转账。',
    exampleQuestion: '孩子说有人能免费送游戏皮肤，靠谱吗？',
  },
  {
    id: 'two-cards',
    name: '两卡（出租出借银行卡手机卡）',
    nameHant: '兩卡（出租出借銀行卡手機卡）',
    nameEn: 'Renting out bank cards and SIM cards ("two cards")',
    aliases: ['两卡', '断卡', '出租银行卡', '出借银行卡', '出售银行卡', '出租手机卡', '帮信罪', '跑分'],
    aliasesEn: ['two cards', 'bank card rental', 'renting bank card', 'sell bank account', 'money mule', 'sim card', 'lend my bank card', 'rent out'],
    keywords: ['两卡', '断卡', '银行卡', '手机卡', '电话卡', '出租', '出借', '出售', '借给', '租给', '卖给', '收购', '涉诈账户', '洗钱', '帮信'],
    summaryEn: 'Renting, lending or selling your bank or SIM cards lets fraud gangs move stolen money; it is a crime, and the cards are traced back to you.',
    summary: '出租、出借、出售自己的银行卡、手机卡，会被诈骗团伙用来转移赃款，本人也要承担法律责任。',
    exampleQuestion: '把银行卡借给别人用有什么后果？',
  },
];

/** Looks a type up by id. */
export function scamTypeById(id: string): ScamType | undefined {
  return SCAM_TYPES.find((t) => t.id === id);
}
