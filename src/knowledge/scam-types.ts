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
  /** A message of this type, as received (used by tests and the /types menu). */
  exampleMessage: string;
  /**
   * How the message checker types a message (src/check/classify.ts). One `strong` match
   * is enough; otherwise two different `weak` groups (or a weak group plus a red flag in
   * `flags`) are needed, so a single generic word (老师, 课程, police) never types a text.
   */
  typing: TypeSignals;
}

/** Typing evidence for one scam type, on the checker's normalised (Simplified, lower-case) text. */
export interface TypeSignals {
  /** Specific to this type: one match types the message. */
  strong: RegExp[];
  /** Groups of generic words; each group counts once. */
  weak: RegExp[];
  /** Red flag ids (src/knowledge/red-flags.ts) that support this type. */
  flags: string[];
}

export const SCAM_TYPES: readonly ScamType[] = [
  {
    id: 'fake-customer-service',
    name: '冒充客服',
    nameHant: '冒充客服',
    nameEn: 'Fake customer service',
    aliases: ['冒充客服诈骗', '假客服', '客服诈骗', '冒充电商客服', '冒充快递客服', '退款诈骗', '理赔诈骗'],
    aliasesEn: [
      'fake customer service',
      'customer service scam',
      'refund scam',
      'fake support',
      'impersonating customer service',
    ],
    keywords: ['客服', '退款', '理赔', '输入密码', '快递', '包裹', '会员扣费', '百万保障'],
    summaryEn:
      'A caller poses as a shop, courier or platform agent and talks you into "refund" or "fee" transfers or into typing your password.',
    summary: '骗子冒充电商、快递或平台客服，以退款、理赔、取消会员等名义诱导转账或输入密码。',
    exampleQuestion: '接到自称客服说要给我退款的电话怎么办？',
    exampleMessage:
      '您好，我是快手客服，您之前误开通了快手会员，如果不取消每月将自动扣费800元，我帮您取消，请打开支付宝按我说的操作。',
    typing: {
      strong: [
        /(银行|bank)[^，。]{0,4}(职员|工作人员|staff)|降权|资金流水核验|配合[^，。]{0,6}(核验|验证)|(提升|提高|提额)[^，。]{0,6}额度|额度[^，。]{0,6}(提升|提高)|资产验证|fraud (team|department)|did you (just )?(attempt|try|make)|质检不合格|商品[^，。]{0,2}下架|(双倍|三倍|加倍)(赔偿|理赔|赔付)|冒充客服|假客服|误(开通|开|订)|(不小心|自动|默认)[^，。]{0,4}(开通|开了|订阅)|每个?月[^，。]{0,6}扣|(如果|若)不(取消|关闭)|百万保障|(取消|关闭)[^，。]{0,8}(会员|自动扣费|代理|保障服务)|(快递|包裹)[^，。]{0,4}(丢失|丢了|破损)[^，。]{0,12}(理赔|赔偿|退款)|解除分期|分期付款设定错误|重复扣款/u,
      ],
      weak: [
        /客服|售后|专员|customer (service|support)|amazon|prime/u,
        /会员|扣费|订单|商品|快递|包裹|淘宝|京东|拼多多|抖音|快手|order|subscription|auto-?renew/u,
      ],
      flags: ['member-cancel', 'refund-comp', 'screen-share', 'claims-service', 'guided-operation'],
    },
  },
  {
    id: 'fake-police',
    name: '冒充公检法/安全账户',
    nameHant: '冒充公檢法/安全賬戶',
    nameEn: 'Fake police or prosecutors ("safe account")',
    aliases: ['冒充公检法', '冒充警察', '安全账户', '冒充民警', '假警察', '通缉令', '逮捕令', '冒充公安'],
    aliasesEn: [
      'fake police',
      'police impersonation',
      'safe account',
      'fake officer',
      'arrest warrant',
      'impersonating police',
      'fake prosecutor',
    ],
    keywords: [
      '警察',
      '公安',
      '检察院',
      '法院',
      '安全账户',
      '逮捕令',
      '通缉',
      '配合调查',
      '证件照',
      '保证金',
      '电话办案',
      '洗钱',
      '身份证',
      '冒用',
      '涉嫌',
      '涉案',
    ],
    summaryEn:
      'Someone claiming to be police says you are under investigation and must move your money to a "safe account"; real police never handle cases or ask for transfers by phone.',
    summary: '骗子冒充警察、检察院、法院，称你涉案需配合调查，要求把钱转到“安全账户”；真警察绝不会电话办案、要求转账。',
    exampleQuestion: '有人自称警察说我涉嫌洗钱，要我转账到安全账户，是真的吗？',
    exampleMessage:
      '我是市公安局民警，你的身份证涉嫌一起洗钱案，现对你电话笔录，请立即把资金转入安全账户配合调查，不要告诉家人。',
    typing: {
      strong: [
        /电子传票|法务部|拘提|detective [a-z]+ with|staff at your bank are involved/u,
        /安全账户|监管账户|safe account|secure account/u,
        // A call about a frozen health-insurance or social-security card impersonates the
        // government office (医保局/社保局), however it goes on; a text with a link is phishing.
        /(打电话|来电|电话(里|上|说|通知)|接到[^，。]{0,4}电话|按键|按\d|转人工|语音)[^。]{0,20}(医保|社保|健保)[^。]{0,12}(冻结|停用|异常|盗刷|冒用|违规|骗保|封存)|(医保|社保|健保)[^。]{0,12}(冻结|停用|异常|盗刷|冒用|违规|骗保|封存)[^。]{0,24}(按键|按\d|转人工|转接)/u,
        /\b(call|calls|called|calling|phoned|phone call|voicemail|robocall|press \d)\b[^.!?]{0,50}(medicare|medicaid|social security|\bssn\b)[^.!?]{0,40}(suspend|frozen|freez|block|compromis|misuse|fraud)|(medicare|medicaid|social security|\bssn\b)[^.!?]{0,40}(suspend|frozen|freez|block|compromis|misuse)[^.!?]{0,60}(press \d|speak to an? (agent|officer)|call (us|back|this number))/u,
        /(转接|转驳)[^，。]{0,4}(公安|警方|警察|派出所|侦查|警署)|入境处|洗黑钱|安全账户|洽刑事|刑事组|涉及刑案|冒充公检法|逮捕令|通缉令|涉嫌[^，。]{0,6}(洗钱|犯罪|诈骗案)|资金(清查|核查)|电话笔录|视频笔录|配合调查|safe account|secure account|arrest warrant/u,
      ],
      weak: [
        /公安|警察|民警|检察院|检察官|法院|警官|刑侦|刑事|网警|社保局|医保局|police|court|prosecutor|officer|social security|medicare|medicaid|\bssn\b|hmrc|\birs\b|fbi/u,
        /洗钱|涉案|涉嫌|冻结|调查|传唤|刑案|笔录|investigat|money laundering|warrant|arrest|drug|tax fraud|suspended/u,
      ],
      flags: ['claims-authority', 'safe-account', 'secrecy'],
    },
  },
  {
    id: 'fake-investment',
    name: '虚假投资理财',
    nameHant: '虛假投資理財',
    nameEn: 'Fake investment and wealth management',
    aliases: ['投资理财诈骗', '理财诈骗', '虚假投资', '投资诈骗', '荐股', '炒股诈骗', '虚假理财平台'],
    aliasesEn: [
      'investment scam',
      'fake investment',
      'wealth management scam',
      'stock tips scam',
      'trading platform scam',
      'crypto scam',
    ],
    keywords: [
      '投资',
      '理财',
      '平台',
      '充值',
      '老师',
      '高回报',
      '荐股',
      '资质',
      '汇款',
      '收益',
      '炒股',
      '股票',
      '赚钱',
      '带单',
    ],
    summaryEn:
      'Fraudsters pose as investment "teachers" or platforms promising high returns, get you to top up an account, then the money cannot be withdrawn.',
    summary: '骗子以“老师”“导师”或理财平台身份许诺高收益，诱导充值投资，之后钱无法取出。',
    exampleQuestion: '网上有老师带我投资理财，说收益很高，靠谱吗？',
    exampleMessage: '機構主力聯合操盤，佈局明日漲停，免費領取請添加line：stock888',
    typing: {
      strong: [
        /新股申购|申购资格|机构版|概念股|主升段|领取名单|养老基金|康养项目|海外基金|配息|每[月周][^，。]{0,4}分红|开户入金|pre-?sale|token allocation|connect your wallet|same trading group|shares signals/u,
        /区块链|回本|原始股|认购|mining pool|staking|荐股|飙股|明牌|内幕消息|带单|喊单|联合操盘|机构主力|主力资金|涨停|股票群|投资群|炒股群|牛股|虚假投资|投顾|stock tips?|trading signals?/u,
      ],
      weak: [
        /投资|理财|炒股|股票|基金|期货|外汇|数字货币|虚拟币|黄金|usdt|invest|stock|crypto|trading|bullion/u,
        /老师|导师|助理|分析师|teacher|mentor|analyst/u,
        /收益|回报|盈利|赚|profit|return|matured/u,
      ],
      flags: ['high-return', 'claims-teacher', 'download-app'],
    },
  },
  {
    id: 'order-brushing',
    name: '刷单返利/网络兼职',
    nameHant: '刷單返利/網路兼職',
    nameEn: 'Order brushing and fake part-time jobs',
    aliases: ['刷单', '刷单返利', '网络兼职', '兼职刷单', '刷信誉', '点赞返利', '做任务返佣金'],
    aliasesEn: [
      'order brushing',
      'brushing scam',
      'part-time job',
      'part time job',
      'task scam',
      'click farming',
      'fake job',
      'rebate scam',
      'online job',
      'work from home',
    ],
    keywords: ['刷单', '兼职', '返利', '佣金', '垫付', '任务', '信誉', '电商'],
    summaryEn:
      'A "part-time job" pays small rebates for fake orders or likes at first, then asks you to advance larger sums that are never returned.',
    summary: '以网络兼职为名，先让你刷单、点赞拿小额返利，再要求垫付大额资金后拒不返还。',
    exampleQuestion: '网上兼职刷单能赚钱吗？',
    exampleMessage: '招聘网络兼职，手机刷单点赞，一单返佣金5-30元，日结，垫付后立即返还本金，加QQ 123456789 详谈。',
    typing: {
      strong: [
        /体验官|五星好评|写好评|订阅[^，。]{0,6}频道|一天可做\d+个?任务|app optimi[sz]ers?|boost (app |product )?ratings/u,
        /打字员|录入员|充\d+返\d+|点赞员|一个赞|earn \$?\d+ per (like|task|review)|刷信誉|刷销量|做任务|按赞|点赞|留评|好评返现|刷礼物|冲榜|combination order|rate and like|like products|点赞[^，。]{0,8}(返|佣金|元)|返佣|垫付|order brushing|task scam/u,
      ],
      weak: [
        /兼职|日结|打工|居家|在家|宝妈|part[- ]time|work from home|remote|hiring|no experience/u,
        /佣金|返利|提成|commission/u,
        /任务|点赞|关注|评论|tasks?\b|like (videos|posts)/u,
      ],
      flags: ['task-rebate'],
    },
  },
  {
    id: 'romance',
    name: '杀猪盘/网络交友',
    nameHant: '殺豬盤/網路交友',
    nameEn: 'Pig butchering (romance investment scam)',
    aliases: ['杀猪盘', '网络交友诈骗', '交友诈骗', '网恋诈骗', '婚恋诈骗', '网恋'],
    aliasesEn: [
      'pig butchering',
      'pig-butchering',
      'romance scam',
      'dating scam',
      'online dating',
      'sha zhu pan',
      'love scam',
    ],
    keywords: ['杀猪盘', '交友', '网恋', '婚恋', '感情', '男友', '女友', '境外', '团伙'],
    summaryEn:
      'Scammers build an online relationship over weeks ("fattening the pig"), then lure the victim into a rigged investment or gambling site and take everything ("the slaughter").',
    summary: '骗子通过网络交友、网恋长期培养感情，再诱导你在虚假平台投资或赌博，最终卷走钱财。',
    exampleQuestion: '什么是杀猪盘？',
    exampleMessage:
      '亲爱的，我发现这个平台有漏洞，我舅舅在里面做数据分析，稳赚不赔，你先充一万试试，我们的未来就靠它了。',
    typing: {
      strong: [
        /认真交往|结婚基金|our future together|build our future|good morning handsome|寄了?[^，。]{0,4}(生日)?礼物[^。]{0,30}(海关|关税|税)/u,
        /杀猪盘|网恋|婚恋|美军|军医|军人|维和|驻守|离异|真心过日子|找个真心|看了你的资料|wrong number|we matched|saw your profile|widowed|oil rig|army|soldier|gold bars|金条|dating app|博彩|pig[- ]butcher|romance scam/u,
      ],
      weak: [
        /交友|男友|女友|男朋友|女朋友|亲爱的|宝贝|宝宝|哥哥|约会|dating|darling|sweetheart|my love|lovely/u,
        /感情|结婚|见面|未来|婚房|信任你|我们一起|以后|陪我|love|marry/u,
        /博彩|赌博|彩票|平台|投资|漏洞|casino|invest/u,
      ],
      flags: ['high-return', 'romance-lure', 'top-up'],
    },
  },
  {
    id: 'fake-boss',
    name: '冒充领导/老板',
    nameHant: '冒充領導/老闆',
    nameEn: 'Fake boss or leader',
    aliases: ['冒充领导', '冒充老板', '冒充总经理', '假老板', '冒充熟人', '冒充上司'],
    aliasesEn: [
      'fake boss',
      'boss scam',
      'ceo fraud',
      'ceo scam',
      'impersonating boss',
      'business email compromise',
      'fake manager',
      'finance staff',
    ],
    keywords: ['总经理', '老板', '领导', '财务', '聊天群', '业务单位', '转账', '核实', '会计'],
    summaryEn:
      'Someone impersonating your boss (often in a chat group) orders finance staff to pay a "business partner" urgently; always confirm by phone or in person.',
    summary: '骗子冒充公司老板、领导（常拉进聊天群），要求财务人员紧急向“业务单位”转账；务必电话或当面核实。',
    exampleQuestion: '老板在微信群里让我给客户转账，要注意什么？',
    exampleMessage: '我是王总，这是我新微信。我现在在开会不方便接电话，你马上给这个供应商账户转38万货款，合同明天补。',
    typing: {
      strong: [
        /财务总监|备用金|临时账户|\bcfo\b|confidential acquisition|urgent wire|首付款[^，。]{0,6}(急|付)|我马上登机/u,
        /我是[^，。]{0,6}(学校|班)的?[^，。]{0,2}老师|(我是|我就是)[^，。]{0,4}(你们)?(老板|领导|董事长|总经理|[王李张刘陈杨赵黄周吴孙徐马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤](总|局|董|处|校长|主任))|(^|\n)\s*(老板|领导|董事长|总经理|校长|[王李张刘陈杨赵黄周吴孙徐马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤](总|董|局))[:：]|from: ceo|from the office|冒充(领导|老板)|(老板|领导|总经理|董事长|[王李张刘陈杨赵黄周吴]总)[^，。]{0,10}(让你|要你|叫你)[^，。]{0,6}(转|付|打款|汇)|ceo fraud/u,
      ],
      weak: [
        /老板|领导|总经理|董事长|经理|[王李张刘陈杨赵黄周吴]总|\bboss\b|\bceo\b|manager|director/u,
        /转账|打款|汇款|付款|垫付|财务|会计|合同|供应商|业务单位|货款|transfer|wire|supplier|vendor|invoice|gift cards?/u,
      ],
      flags: ['claims-boss'],
    },
  },
  {
    id: 'ticket-refund',
    name: '机票车票退改签',
    nameHant: '機票車票退改簽',
    nameEn: 'Flight or train ticket refund and rebooking',
    aliases: ['机票退改签', '车票退改签', '退改签诈骗', '航班取消', '航班延误诈骗', '改签'],
    aliasesEn: [
      'flight refund',
      'ticket refund',
      'flight cancellation',
      'flight cancelled',
      'flight was cancelled',
      'rebooking',
      'train ticket',
      'airline scam',
    ],
    keywords: ['机票', '车票', '航班', '退改签', '改签', '取消', '出行'],
    summaryEn:
      'A message says your flight or train is cancelled and offers a refund or rebooking "compensation" through a link or transfer.',
    summary: '骗子以航班取消、车票改签为由发短信或来电，诱导点链接、转账“办理退改签”。',
    exampleQuestion: '收到短信说我的航班取消了可以退款，是真的吗？',
    exampleMessage:
      '【航空公司】尊敬的旅客，您预订的CA1234航班因机械故障取消，请致电4008-123-456办理改签，每人可获300元补偿。',
    typing: {
      strong: [
        /(高铁|火车|车)票[^，。]{0,10}(重复开票|退款|取消)|重复开票|(机票|航班)[^，。]{0,10}(取消|管制)[^。]{0,20}(赔偿|退)/u,
        /退改签|机票客服|航空公司客服|退票|(航班|班机)[^，。]{0,10}(取消|延误|停飞)|flight [^.]{0,20}(cancel+ed|rescheduled|delayed)/u,
      ],
      weak: [/航班|机票|车票|航空|班机|flight|airline/u, /改签|退票|取消|延误|rebook|cancel/u],
      flags: ['flight-change'],
    },
  },
  {
    id: 'livestream-jade',
    name: '直播间原石/玉石',
    nameHant: '直播間原石/玉石',
    nameEn: 'Livestream raw stone and jade sales',
    aliases: ['直播间原石', '直播卖玉', '玉石诈骗', '原石诈骗', '赌石', '直播带货诈骗'],
    aliasesEn: ['jade scam', 'raw stone', 'livestream scam', 'live stream', 'gemstone scam', 'jade livestream'],
    keywords: ['直播间', '直播', '原石', '玉石', '石头', '主播', '切割', '废石', '高价收购', '赌石'],
    summaryEn:
      'A livestream shows "buyers" paying high prices for cut stones; you buy raw stones through the host and they turn out worthless.',
    summary: '直播间里托儿演示“原石开出好玉被高价收购”，诱你高价买原石，切开却是废石。',
    exampleQuestion: '直播间买原石能赚钱吗？',
    exampleMessage: '直播间今晚原石特价，开出帝王绿当场高价回收，下单前私信主播加微信，先付定金锁货。',
    typing: {
      strong: [
        /翡翠原料|翡翠[^，。]{0,6}(原料|赌|清仓|鉴定)|赌了?[^，。]{0,4}亏/u,
        /原石|赌石|玉石|翡翠[^，。]{0,6}(直播|开出)|raw stone|jadeite|raw jade/u,
      ],
      weak: [/直播间?|主播|livestream|live stream/u, /石头|翡翠|jade|\bgem/u],
      flags: [],
    },
  },
  {
    id: 'fake-charity',
    name: '网络慈善与领养（战争孤儿）',
    nameHant: '網路慈善與領養（戰爭孤兒）',
    nameEn: 'Fake charity and online adoption ("war orphans")',
    aliases: ['战争孤儿', '网上领养', '慈善诈骗', '领养诈骗', '爱心捐款', '网络慈善'],
    aliasesEn: [
      'war orphan',
      'orphan',
      'adoption scam',
      'online adoption',
      'charity scam',
      'fake charity',
      'donation scam',
    ],
    keywords: ['战争孤儿', '领养', '慈善', '快递费', '捐款', '爱心'],
    summaryEn:
      'Scammers invite you to "adopt" or help a war orphan online, then ask for delivery, paperwork or care fees.',
    summary: '骗子以网上领养“战争孤儿”、慈善救助为名，索要快递费、手续费等。',
    exampleQuestion: '网上说可以领养战争孤儿，要先交快递费，可信吗？',
    exampleMessage: '乌克兰战争孤儿急需领养，您只需支付2000元快递费和手续费，孩子就能送到您家。',
    typing: {
      strong: [
        /求好心人|救命钱|relief fund|100% goes to|善心人士|流浪(狗|猫)/u,
        /战争孤儿|领养[^，。]{0,6}孤儿|war orphan/u,
      ],
      weak: [/领养|送养|慈善|爱心|孤儿|救助|救灾|灾民|捐款|charity|donat|orphan|relief/u],
      flags: ['charity-appeal', 'pay-first'],
    },
  },
  {
    id: 'socialite-training',
    name: '名媛培训/公益金',
    nameHant: '名媛培訓/公益金',
    nameEn: 'Socialite training courses and "charity fund" donations',
    aliases: ['名媛培训', '名媛培训班', '公益金', '财富能力', '捐公益金', '线上课程诈骗'],
    aliasesEn: [
      'socialite training',
      'socialite course',
      'charity fund',
      'wealth mindset course',
      'online course scam',
      'donation to teacher',
    ],
    keywords: ['名媛', '培训班', '公益金', '捐款', '学员', '老师', '课程', '财富能力'],
    summaryEn:
      'An online "socialite" or wealth-mindset course, with fake fellow students, talks you into donating a "charity fund" to the teacher.',
    summary: '以名媛培训、提升财富能力为名开设线上课程，由“学员”带节奏，诱你向“老师”捐公益金。',
    exampleQuestion: '网上名媛培训班让我捐公益金，是不是骗局？',
    exampleMessage: '名媛培训班招收学员，提升财富能力，课程结束前请向老师捐公益金表达心意。',
    typing: { strong: [/名媛|公益金|财富能力|socialite/u], weak: [], flags: [] },
  },
  {
    id: 'game-account',
    name: '游戏账号与皮肤',
    nameHant: '遊戲帳號與皮膚',
    nameEn: 'Game accounts and free skins',
    aliases: ['游戏账号', '游戏皮肤', '免费领皮肤', '买卖游戏账号', '游戏装备', '游戏诈骗', '免费领取游戏皮肤'],
    aliasesEn: ['game account', 'game skin', 'free skins', 'gaming scam', 'in-game items', 'game items', 'video game'],
    keywords: ['游戏', '账号', '皮肤', '装备', '学生', '免费领取'],
    summaryEn:
      'Offers of free skins or cheap game accounts, aimed at students, lead to "unfreezing" or "verification" payments, often with a parent\'s phone.',
    summary: '以免费领游戏皮肤、低价买卖游戏账号为诱饵，骗取学生（常用家长手机）转账。',
    exampleQuestion: '孩子说有人能免费送游戏皮肤，靠谱吗？',
    exampleMessage: '免费领取王者荣耀限定皮肤！添加客服QQ，扫码登录后游戏账号会被冻结，需要交300元解冻费。',
    typing: {
      strong: [
        /收号|虚宝|坐骑|派送到你的角色|挂的那个号|accidentally reported your (steam|game|epic|discord)?\s*account|steam admin/u,
        /游戏[^，。]{0,6}(账号|皮肤|装备|币|点券|道具)|(皮肤|装备|点券)[^，。]{0,6}(免费|领取|交易|解冻|账号|低价|出售)|王者号|游戏号|交易猫|代练|代充|首充|原神|王者荣耀|账号我要(收|买|了)|(买|收)你的[^，。]{0,6}(号|账号)|game (account|skin)|free skins?|robux|roblox|fortnite|minecraft|v-?bucks/u,
      ],
      weak: [
        /游戏|王者|原神|和平精英|蛋仔|天堂|皮肤|steam|\bgame/u,
        /账号|皮肤|装备|交易|解冻|账号冻结|充值|\baccount\b/u,
      ],
      flags: ['free-offer'],
    },
  },
  {
    id: 'two-cards',
    name: '两卡（出租出借银行卡手机卡）',
    nameHant: '兩卡（出租出借銀行卡手機卡）',
    nameEn: 'Renting out bank cards and SIM cards ("two cards")',
    aliases: ['两卡', '断卡', '出租银行卡', '出借银行卡', '出售银行卡', '出租手机卡', '帮信罪', '跑分'],
    aliasesEn: [
      'two cards',
      'bank card rental',
      'renting bank card',
      'sell bank account',
      'money mule',
      'sim card',
      'lend my bank card',
      'rent out',
    ],
    keywords: [
      '两卡',
      '断卡',
      '银行卡',
      '手机卡',
      '电话卡',
      '出租',
      '出借',
      '出售',
      '借给',
      '租给',
      '卖给',
      '收购',
      '涉诈账户',
      '洗钱',
      '帮信',
    ],
    summaryEn:
      'Renting, lending or selling your bank or SIM cards lets fraud gangs move stolen money; it is a crime, and the cards are traced back to you.',
    summary: '出租、出借、出售自己的银行卡、手机卡，会被诈骗团伙用来转移赃款，本人也要承担法律责任。',
    exampleQuestion: '把银行卡借给别人用有什么后果？',
    exampleMessage: '高价收购银行卡、手机卡，一套每天日结300元，不影响正常使用，跑分稳定，有意者加微信。',
    typing: {
      strong: [
        /收包裹[^，。]{0,8}金融卡|每张卡酬劳|走几笔账|收到的钱再转出去|用你的银行卡/u,
        /(办|开)[^，。]{0,8}(手机卡|银行卡|电话卡)[^，。]{0,8}(交给|给我们|借给|卖给)|(use|borrow|rent) your (bank )?account|帮(我|忙)收[^，。]{0,6}(货款|款|钱)|到账后[^，。]{0,4}转给|好处费|(出租|出借|出售|收购|租用|高价收|回收)[^，。]{0,6}(银行卡|手机卡|电话卡|对公账户|微信号|u盾|账户|帐户)|(办|开)[^，。]{0,4}(两|几|一)?张卡|走个?流水|存折|提款卡|实名认证[^。]{0,20}(辛苦费|报酬|账号我)|帮我注册[^，。]{0,6}(支付宝|微信|银行卡)|forward(ing)? (them|the money)|receiving payments into your|跑分|租卡|两卡|帮信|money mule/u,
      ],
      weak: [
        /银行卡|手机卡|电话卡|对公账户|u盾|收款码|bank card|sim card/u,
        /出租|出借|出售|收购|借用|高价收|日结|rent|sell/u,
      ],
      flags: ['card-rental'],
    },
  },
  {
    id: 'fake-shopping',
    name: '虚假购物服务',
    nameHant: '虛假購物服務',
    nameEn: 'Fake shopping and services',
    aliases: ['虚假购物', '网购诈骗', '低价代购', '代购诈骗', '虚假网店', '钓鱼购物网站'],
    aliasesEn: [
      'fake shop',
      'fake online shop',
      'shopping scam',
      'online shopping scam',
      'fake store',
      'too cheap to be true',
    ],
    keywords: ['代购', '低价', '网店', '定金', '发货'],
    summaryEn:
      'A shop, seller or "buying agent" offers goods far below the market price, takes payment off the platform or through a fake shop link, and never delivers.',
    summary: '骗子以低价代购、特价商品、虚假网店为诱饵，诱导你绕开平台私下付款或在钓鱼链接里下单，收钱后不发货。',
    exampleQuestion: '朋友圈有人低价代购名牌包，要先付全款，靠谱吗？',
    exampleMessage: '亲，专柜原价8999的包包，内部渠道只要899，库存不多，加微信私下转账更便宜，付全款当天发货。',
    typing: {
      strong: [
        /黄牛|内场票|预购|抢先价|(仅|只)(接受|收)[^，。]{0,4}atm|汇款后[^，。]{0,6}(出货|发货)|selected to receive [^.]{0,30}for just|just \$\d+(\.\d+)? shipping/u,
        /mail you the keys|i'?m overseas|room is yours|flatmate|卖货便|金流服务|签署[^，。]{0,6}协议|买家[:：]|加盟费|代理费|微商代理|低价代购|内部价|内购|员工价|私下转|直接转我|不走平台|不走[^，。]{0,4}担保|二手|99新|i'?m selling|moving abroad|原价转让|(卖家|seller)[:：]|付款后[^，。]{0,10}(找群主|截图)|群主登记|代购[^，。]{0,8}(定金|全款|付款)|内部渠道|(原价|专柜价?)[^，。]{0,6}\d+[^，。]{0,12}(只要|仅需|现价|仅售)|(绕过|绕开|脱离)平台|私下(交易|转账|付款)|too good to be true/u,
      ],
      weak: [
        /代购|低价|特价|清仓|秒杀|抢购|正品|限量|折扣|库存|名牌|门票|转让|cheap|discount|% off|clearance|for sale|puppies|sale\b/u,
        /付款|定金|订金|全款|下单|发货|购买|\bbuy\b|\border\b|deposit|shop now|reserve/u,
      ],
      flags: ['private-channel', 'personal-account', 'lookalike-domain'],
    },
  },
  {
    id: 'fake-loan',
    name: '虚假贷款',
    nameHant: '虛假貸款',
    nameEn: 'Fake loans',
    aliases: ['虚假贷款', '贷款诈骗', '网贷诈骗', '解冻金', '无抵押贷款诈骗', '虚假网贷'],
    aliasesEn: ['loan scam', 'fake loan', 'advance fee loan', 'loan fee scam', 'instant loan scam'],
    keywords: ['贷款', '网贷', '放款', '解冻金', '刷流水', '验资'],
    summaryEn:
      'A "lender" promises an easy loan, then demands an unfreezing fee, deposit or proof of funds before paying out, and the loan never arrives.',
    summary:
      '骗子以无抵押、秒到账贷款为诱饵，再以账户冻结、刷流水、验资为由要你先交解冻金、保证金、手续费，钱交了贷款也拿不到。',
    exampleQuestion: '网上贷款说要先交解冻金才能放款，是骗局吗？',
    exampleMessage:
      '您的贷款20万元已审批通过，但银行卡号填写错误导致资金冻结，请先交一笔解冻金5000元，加微信给你发一个链接办理。',
    typing: {
      strong: [
        /拨款认证|撥款認證|信贷已拨款|放款专员|(借款|贷款)[^，。]{0,8}审批[^。]{0,20}(vip|会员|费用)/u,
        /解冻金|刷流水|验资|(贷款|借款|放款|下款|额度)[^。]{0,30}(解冻|保证金|手续费|先交|押金|会员费|工本费|填写错误|冻结)|loan[^.]{0,40}(fee|deposit|insurance)/u,
      ],
      weak: [
        /贷款|借款|放款|下款|拨款|额度|网贷|\bloans?\b|\blend/u,
        /无抵押|低息|免息|秒批|秒到账|不看征信|黑户|免联征|免保人|利息|instant|pre-?approved|approved|no credit check/u,
      ],
      flags: ['loan-fee', 'loan-offer', 'pay-first'],
    },
  },
  {
    id: 'fake-credit',
    name: '虚假征信',
    nameHant: '虛假徵信',
    nameEn: 'Fake credit-record services',
    aliases: ['虚假征信', '征信诈骗', '征信修复', '注销校园贷', '消除不良记录'],
    aliasesEn: ['credit repair scam', 'credit record scam', 'student loan account scam', 'fix my credit'],
    keywords: ['征信', '校园贷', '征信修复', '注销账户'],
    summaryEn:
      'A caller says an old "student loan account" will ruin your credit record unless you close it, or offers to repair your record, and has you move money to "clear" it.',
    summary: '骗子称你开通过校园贷、金条等账户不注销会影响征信，或声称能修复征信，诱导你借钱转到其指定账户“清空额度”。',
    exampleQuestion: '有人说我的校园贷账户不注销会影响征信，要我转账，怎么办？',
    exampleMessage:
      '您好，我是京东金融客服，您大学期间开通的校园贷账户未注销，会严重影响个人征信，需要把额度清零，请按我的指引操作。',
    typing: {
      strong: [
        /联合征信|信用(报告|记录)[^，。]{0,8}(异常|不良)|异常记录|信用不良|credit file|erase (them|the defaults|your defaults)|defaults?\b[^.]{0,40}(erase|remove)/u,
        /征信修复|学生贷款[^，。]{0,6}(异常|注销)|信用评分|credit bureaus|credit restoration|修复征信|注销[^，。]{0,8}(校园贷|学生账户|金条|白条|花呗|借呗|账户)|校园贷|消除(逾期|不良)|影响[^，。]{0,6}征信|(fix|repair) (your )?credit/u,
      ],
      weak: [/征信|信用|credit (record|score|report|bureau)/u, /注销|关闭|修复|清零|额度|逾期|close|remove/u],
      flags: ['credit-repair'],
    },
  },
  {
    id: 'fake-acquaintance',
    name: '冒充亲友熟人',
    nameHant: '冒充親友熟人',
    nameEn: 'Fake relative or friend',
    aliases: ['冒充亲友', '冒充熟人诈骗', '冒充同学', '冒充亲戚', '换号借钱', '猜猜我是谁'],
    aliasesEn: ['fake friend', 'hi mum scam', 'hi mom scam', 'fake relative', 'new number scam', 'grandparent scam'],
    keywords: ['换号', '新号', '亲戚', '同学', '借钱'],
    summaryEn:
      'Someone writes from a "new number" as your child, relative, friend or classmate and asks you to lend or pay money urgently.',
    summary: '骗子冒充亲友、同学、熟人，称换了新号或手机丢了，再以急用、周转为由借钱或让你代付。',
    exampleQuestion: '有人说是我同学换了新号，找我借钱，怎么确认？',
    exampleMessage: '妈，我手机坏了这是我新号，先别打电话，我这边急用一万块交押金，你先转给我，晚上回家再说。',
    typing: {
      strong: [
        /我是阿[\u4e00-\u9fff]|被朋友倒债|不敢跟我(爸|妈)讲/u,
        /出车祸|在医院|抢救|突发疾病|辅导员|it'?s me\b|got into trouble|\bbail\b|私了|还记得我吗|手机(掉|丢|坏|摔)|用[^，。]{0,4}(同学|朋友|同事)的(号|手机)|换新(line|赖|微信|号)|我是你(的)?(高中|初中|小学|大学|国小|国中)?(同桌|班主任|儿子|女儿|孙子|孙女|同学|老同学|表[哥姐弟妹]|外甥|侄子|舅舅|叔叔)|猜猜我是谁|换了?新(号|手机号|微信)|这是我(的)?新(号|手机|微信)|hi (mum|mom|dad)|new (phone )?number/u,
      ],
      weak: [
        /借|急用|周转|垫付|转给我|lend|borrow|money/u,
        /同学|朋友|亲戚|儿子|女儿|妈|爸|哥|姐|grandma|grandpa|granny|阿嬷|奶奶|爷爷|孙子|孙女|舅|叔|姨|外甥|侄|老乡|uni\b|\bmum\b|\bmom\b|\bdad\b|friend/u,
      ],
      flags: ['new-number', 'borrow-money', 'emergency-story'],
    },
  },
  {
    id: 'phishing',
    name: '钓鱼短信链接',
    nameHant: '釣魚簡訊連結',
    nameEn: 'Phishing messages and links',
    aliases: ['钓鱼短信', '钓鱼链接', '钓鱼网站', '积分兑换诈骗', 'etc诈骗', '交通罚款短信'],
    aliasesEn: ['phishing', 'phishing link', 'phishing text', 'smishing', 'toll scam', 'points scam'],
    keywords: ['钓鱼', '积分兑换', '积分清零', 'etc', '罚款短信', '欠费'],
    summaryEn:
      'A text about a bill, fine, toll, parcel, points or prize sends you to a fake site that collects your card details and codes.',
    summary:
      '骗子冒充银行、运营商、交管、水电、快递等发短信，以积分兑换、ETC失效、欠费、罚款、中奖为由，诱你点链接填写银行卡号、密码和验证码。',
    exampleQuestion: '收到短信说积分快清零了，点链接可以兑换，是真的吗？',
    exampleMessage:
      '【交通违法】您的车辆有一笔未处理的交通违章罚款，逾期将影响年审，请登录 http://12123-gov.cc 及时处理。',
    typing: {
      strong: [
        /提额[^，。]{0,10}(审批|通过)[^。]{0,20}(点击|t\.cn|http)|激活新额度|会员点数[^，。]{0,10}到期/u,
        // A health or social-security card "problem" is phishing when it sends you to a link;
        // told over the phone it is a fake government office (fake-police).
        /(医保卡|社保卡|健保卡)[^，。]{0,10}(冻结|停用|异常|失效|盗刷|年审)(?=[\s\S]*(http|www\.|链接|点击|网址))/u,
        /held by customs|customs (fee|charge|clearance)|清关|海关扣留|消费券|voucher|(?<!(medicare|medicaid|social security) )(apple id|account|card) (has been|is) (locked|suspended|disabled|restricted)|退税|tax refund|补助|助学金|government grant|selected for a grant|积分[^，。]{0,10}(兑换|清零|过期)|etc[^，。]{0,8}(失效|认证|停用|过期|异常|禁用)|(水费|电费|燃气费|煤气费)[^。]{0,20}(欠费|未缴|逾期|停)|交通(违法|违章|违规|罚款|罚单)|违章[^，。]{0,6}(罚款|处理|记录)|罚单|罚锾|unpaid toll|toll (payment|violation)|(parking|traffic) (fine|ticket|violation)/u,
      ],
      weak: [
        /http|www\.|链接|网址|登录|点击|\blink\b|click|log ?in/u,
        /账户|积分|账单|缴费|欠费|罚款|中奖|奖品|抽中|幸运(粉丝|观众|用户)|包裹|地址|account|bill|prize|parcel|package|points/u,
      ],
      flags: [
        'bill-fine',
        'points-redeem',
        'prize',
        'lookalike-domain',
        'short-link',
        'odd-tld',
        'ip-link',
        'asks-card',
      ],
    },
  },
  {
    id: 'recovery-scam',
    name: '追款退赃诈骗',
    nameHant: '追款退贓詐騙',
    nameEn: 'Fund-recovery scams',
    aliases: ['追款诈骗', '退赃诈骗', '挽回损失诈骗', '二次诈骗', '帮你追回'],
    aliasesEn: ['recovery scam', 'fund recovery', 'recover lost money', 'refund recovery scam'],
    keywords: ['追回', '追款', '退赃', '挽回损失', '二次诈骗'],
    summaryEn:
      'After a first scam, someone posing as a lawyer, police or a "recovery agency" promises to get the money back for a fee.',
    summary: '骗子冒充律师、警方或“追款机构”，称能帮被骗者追回损失，再以手续费、保证金为名实施二次诈骗。',
    exampleQuestion: '有人说能帮我追回被骗的钱，要先交手续费，可信吗？',
    exampleMessage: '您好，我们是网络追损中心，已查到您被骗资金的去向，缴纳10%的手续费即可帮您全额追回损失。',
    typing: {
      strong: [
        /追回律师|资金追回|asset recovery|recovery division/u,
        /(损失|被骗)[^，。]{0,12}追回|refund program|recovery (firm|agency|service|expert)|get it back|traced the (crypto|money|funds)|victims? of (online )?scams?|追回[^，。]{0,6}(损失|被骗|款项|资金|钱)|挽回损失|退赃|追款|追损|帮你追回|recover (your )?(lost |stolen )?(funds|money|crypto)|fund recovery/u,
      ],
      weak: [/被骗|受害|损失|scammed|victim/u, /律师|追回|退回|找回|lawyer|recover/u],
      flags: ['recovery'],
    },
  },
  {
    id: 'sextortion',
    name: '裸聊敲诈',
    nameHant: '裸聊敲詐',
    nameEn: 'Sextortion',
    aliases: ['裸聊敲诈', '裸聊诈骗', '裸聊', '视频敲诈', '不雅视频敲诈'],
    aliasesEn: ['sextortion', 'webcam blackmail', 'nude video blackmail', 'intimate video blackmail'],
    keywords: ['裸聊', '不雅视频', '敲诈', '勒索', '通讯录'],
    summaryEn:
      'A stranger lures you into an intimate video chat, records it, and threatens to send it to your contacts unless you pay.',
    summary: '骗子以色诱引你裸聊并录屏，再以把视频发给你通讯录里的亲友相要挟，敲诈钱财。',
    exampleQuestion: '裸聊被录了视频，对方要钱不然发给我家人，怎么办？',
    exampleMessage: '你的裸聊视频我已经录下来了，你的通讯录我也有，一小时内转5000，不然就发给你所有亲友。',
    typing: {
      strong: [
        /裸露(影片|视频)|技术处理|不想出名/u,
        /聊点刺激|果聊|got your video|recorded you|裸聊|不雅视频|私密视频|裸照|sextortion|intimate (video|photo)/u,
      ],
      weak: [/视频|照片|录像|\bvideos?\b|photos?/u, /曝光|通讯录|发给你的|亲友|contacts|expose/u],
      flags: ['exposure-threat', 'sex-lure'],
    },
  },
];

/** Looks a type up by id. */
export function scamTypeById(id: string): ScamType | undefined {
  return SCAM_TYPES.find((t) => t.id === id);
}
