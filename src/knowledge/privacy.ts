/**
 * What the operator record masks in stored question text, kept as data: the cues that
 * introduce a person's name and the common surnames that, followed by a title, name
 * someone (张警官, 陈大爷). jieba's person-name tag catches most full names; these catch
 * the forms it misses ("我叫李明", "小王").
 */

/** The 100 most common Chinese surnames (Simplified; Traditional input is normalised first). */
export const COMMON_SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';

/** Titles that follow a surname to name a person. */
export const PERSON_TITLES = [
  '先生',
  '女士',
  '小姐',
  '警官',
  '民警',
  '老师',
  '经理',
  '总',
  '主任',
  '大爷',
  '大妈',
  '阿姨',
  '叔叔',
  '大叔',
  '奶奶',
  '爷爷',
  '同学',
  '师傅',
  '律师',
  '医生',
];

/** Phrases after which a name follows ("我叫李明", "名叫王芳"). */
export const NAME_CUES_ZH = ['我叫', '名叫', '叫做', '姓名是', '名字是', '名字叫'];

/** English phrases after which a name follows. */
export const NAME_CUES_EN = ['my name is', "i'm called", 'this is', 'name:'];

/** English honorifics that precede a surname. */
export const HONORIFICS_EN = ['mr', 'mrs', 'ms', 'miss', 'dr', 'officer', 'inspector', 'detective'];

/** Kinship and relation words after which a name often follows ("我女儿小芳", "我儿子张伟"). */
export const KINSHIP_ZH = [
  '女儿',
  '儿子',
  '闺女',
  '妈妈',
  '母亲',
  '爸爸',
  '父亲',
  '老公',
  '老婆',
  '丈夫',
  '妻子',
  '老伴',
  '孙子',
  '孙女',
  '外孙',
  '外孙女',
  '哥哥',
  '姐姐',
  '弟弟',
  '妹妹',
  '爷爷',
  '奶奶',
  '外婆',
  '外公',
  '姥姥',
  '姥爷',
  '同学',
  '朋友',
  '同事',
  '邻居',
  '表哥',
  '表姐',
  '表弟',
  '表妹',
];

/** English relation words after which a first name often follows ("my son Tom"). */
export const KINSHIP_EN = [
  'son',
  'daughter',
  'mum',
  'mom',
  'mother',
  'dad',
  'father',
  'wife',
  'husband',
  'grandson',
  'granddaughter',
  'grandma',
  'grandpa',
  'brother',
  'sister',
  'friend',
  'colleague',
  'neighbour',
  'neighbor',
  'boss',
];

/** Forms of address that jieba tags as person names but that name nobody (阿姨, 大哥). */
export const ADDRESS_WORDS = [
  '阿姨',
  '阿婆',
  '阿公',
  '阿伯',
  '大爷',
  '大妈',
  '大叔',
  '大哥',
  '大姐',
  '大娘',
  '叔叔',
  '婶婶',
];
