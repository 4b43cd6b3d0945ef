/**
 * Routing: is an input a received message to check (pasted, or wrapped in "is this a
 * scam? …"), or a question to answer? A message must never reach the off-topic reply, so
 * anything shaped like a received message goes to the checker, in 简体, 繁體 or English.
 */
import { contentLength, createChecker, defaultModel, MODEL_MIN_CHARS, SUSPICIOUS_AT } from './checker.js';
import { type Normalized, normalize } from './normalize.js';

/** Where an input goes. */
export type Route = { kind: 'message'; message: string } | { kind: 'question' };

/** Shortest text (after removing the asking part) treated as a quoted message. */
export const MIN_MESSAGE_CHARS = 6;
/** Shortest input without any message shape that red flags alone can make a message. */
export const MIN_UNSHAPED_CHARS = 15;
/**
 * Inputs longer than this that carry no question shape are treated as messages when they
 * also carry red flags: people do not write 80-character questions without a question word.
 */
export const LONG_INPUT_CHARS = 80;
/**
 * Model probability at which a text that speaks to its reader and neither asks nor tells a
 * story is a message. The model alone cannot route (questions share the scams' words:
 * "网上贷款说要先交解冻金才能放款，这是什么套路？" scores 0.95), so it only counts where the
 * question and story shapes have already been ruled out.
 */
export const ROUTE_MODEL_AT = 0.7;
/** The same for a text that does not even address its reader: the model must be surer. */
export const ROUTE_MODEL_ALONE_AT = 0.85;

// "Is this a scam?" in the three languages (normalised: Simplified, lower case). The
// asking part before or after the message is removed.
const ASK_SUBJECT = String.raw`(?:(?:这|这个|这条|这则|这封|这通|这段|以下|下面|下列|此|它)(?:短信|信息|消息|简讯|讯息|电话|来电|通知|链接|邮件|内容|话)?)?\s*`;
const ASK_NOUN = '(?:诈骗|骗子|骗局|诈骗短信|诈骗信息|真的|假的|钓鱼|正规|正常|可信|靠谱)';
// Either "是(不是)… + noun" or "noun + 吗": a bare 诈骗 at the end of a sentence is not an ask.
const ASK_CORE = `${ASK_SUBJECT}(?:(?:是不是|是否|算不算|是)${ASK_NOUN}(?:吗|嘛|么|吧|啊|呢|的吗)?|${ASK_NOUN}(?:吗|嘛|么|的吗|不))`;
const ZH_PREFIX = new RegExp(
  String.raw`^\s*(?:请问|请帮我|帮我|帮忙|麻烦)?\s*(?:看看|看一下|看下|查一下|查查|鉴定一下|判断一下)?\s*(?:我)?(?:收到|接到)?(?:了)?(?:一条|一个|一则|一封|这条|这个|以下|下面的?)?(?:短信|信息|消息|简讯|讯息|电话|通知|邮件|微信|私信)?\s*[,，]?\s*${ASK_CORE}\s*[?？!！:：。,，\s]+`,
  'u',
);
const ZH_INTRO =
  /^\s*(?:(?:我)?(?:刚|刚刚|今天|昨天)?(?:收到|接到)(?:了)?(?:一条|一个|一则|一封|这样的?|如下)?|(?:请)?(?:帮我|帮忙)?(?:看看|看一下|看下|查查|查一下)(?:这条|这个|这则|这封|以下|下面的?)?)(?:短信|信息|消息|简讯|讯息|电话|通知|邮件|微信|私信|来电)(?:内容)?\s*[:：,，]\s*/u;
const ZH_SUFFIX = new RegExp(String.raw`[\s,，。.!！]*(?:请问|帮我看看)?\s*${ASK_CORE}\s*[?？]*\s*$`, 'u');
const EN_PREFIX =
  /^\s*(?:(?:i )?(?:got|received|just got) (?:this|a|an)(?: text| message| sms| email| call)?[,.:]?\s*)?(?:is|was) (?:this|it|that)(?: message| text| sms| email)? (?:a )?(?:scam|fraud|legit|real|genuine|phishing|fake|safe)\s*\??\s*[:\-–—]?\s*/u;
const EN_INTRO =
  /^\s*(?:i )?(?:got|received|just got) (?:this|a|an|the following)(?: text| message| sms| email)?\s*[:\-–—]\s*/u;
const EN_SUFFIX =
  /[\s,.;:!]*(?:is|was) (?:this|it|that)(?: message| text| sms| email)? (?:a )?(?:scam|fraud|legit|real|genuine|phishing|fake|safe)\s*\?*\s*$/u;

// Shapes of a received message.
const SENDER_TAG = /^\s*[【[][^】\]\n]{1,24}[】\]]|[【[][^】\]\n]{1,24}[】\]]\s*$/u;
const UNSUBSCRIBE =
  /回t退订|退订回t|回复t退订|拒收请回复|回复td|退订请回|\breply stop\b|\btxt stop\b|\btext stop\b|\bstop to (opt out|unsubscribe|end)\b/u;
const LINK = /https?:\/\/|www\.|(?<![\w@.])[a-z0-9-]+\.(?:com|cn|net|top|xyz|vip|cc|tw|hk|me|io|ly)(?:\/|\b)/u;
const SALUTATION =
  /尊敬的|亲爱的(?:用户|客户|会员|旅客|家长)|您好|您的|请您|您已|您在|您于|您有|dear (?:customer|user|member|client|sir|madam|valued)|\byour (?:account|card|package|parcel|order|payment|loan|verification)\b/u;
// Six digits or more (a code, a phone number); 96110 or 12306 named in a question is not.
const LONG_NUMBER = /(?<!\d)\d{6,}(?!\d)/u;
const CHAT_LINE = /^[^\n:：]{1,16}[:：][^\n]+$/gmu;
const TIMESTAMP = /(?:^|\n)\s*(?:\[?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\]?|\d{4}[-/]\d{1,2}[-/]\d{1,2})/u;

// Shapes of a question about fraud.
const QUESTION_START =
  /^\s*(?:什么是|什么叫|啥是|怎么|怎样|如何|为什么|为啥|哪些|有哪些|请问|我该|我应该|该怎么|如果|要是|(?:what|how|why|who|where|when|which|can|could|should|do|does|is|are|will|would)\b)/u;
const QUESTION_END = /(?:吗|呢|么|嘛|啊|吧|？|\?|怎么办|咋办|怎么回事|靠谱不|可信不|是真的不)\s*[?？。!！]*\s*$/u;
const FIRST_PERSON_STORY =
  /^\s*(?:我(?!是|係|系|们是)|我妈|我爸|我家|我朋友|孩子|老人|家里|有人|朋友|同事|刚才|刚刚|i |my |someone|a friend|an? [a-z]+ (?:online|called|texted))/u;
// Asking about fraud (the user's question), as opposed to a message that merely ends in 吗.
const META_ASK =
  /(?:是不是|是)(?:诈骗|骗子|骗局)|被骗|(?:诈骗|骗子|骗局)(?:吗|嘛|么)|是真的吗|真的假的|靠谱(?:吗|不|嘛)|可信(?:吗|不)|能信(?:吗|不)|怎么办|咋办|怎么回事|\bis (?:this|it|that) (?:a )?(?:scam|fraud|legit|real|safe)|\bshould i\b|\bwhat should\b|\bam i being\b/u;
// Someone telling what happened to them ("有人让我转账").
const STORY =
  /(?:有人|对方|骗子|陌生人|自称|收到|接到|让我|要我|叫我|\bsomeone\b|\btold me\b|\basked me\b|\bwants me\b|\bclaiming\b)/u;
// A received message speaks to its reader.
const ADDRESSES_READER = /你|您|妳|\byou\b|\byour\b/u;
// Question words anywhere: a received message seldom asks what or how much.
const QUESTION_WORD = /什么|怎么|多少|哪些|哪里|为什么|为啥|干嘛|几个|几起|几次|几名/u;
// Reported speech: someone describing what a scammer said, rather than the message itself.
const REPORTED =
  /(?:[他她]们?说|对方说|有人说|人说|说是|说我|说要|说可以|说能|说只要|自称|声称|告诉我|让我|要我|叫我|带我|给我打电话|打电话给我|打来|来电|\bcalled me\b|\btexted me\b|\btold me\b|\bsays\b|\bsaid\b|\basked me\b|\bpromises?\b|\bwants me\b|\bclaiming\b|\bclaims\b)/u;

function sliceOriginal(n: Normalized, from: number, to: number): string {
  if (to <= from) return '';
  return n.original.slice(n.start[from], n.end[to - 1]);
}

/**
 * Removes "is this a scam?" around a message. `prefixed` when the ask (or "收到短信：")
 * came first and the message after it: then the rest is a quotation whatever its shape.
 */
function stripAsk(n: Normalized): { rest: string; prefixed: boolean } | undefined {
  const text = n.text;
  let from = 0;
  let to = text.length;
  const prefix = ZH_PREFIX.exec(text) ?? EN_PREFIX.exec(text) ?? ZH_INTRO.exec(text) ?? EN_INTRO.exec(text);
  const prefixed = !!prefix && prefix[0].length > 0;
  if (prefixed) from = prefix[0].length;
  const suffix = ZH_SUFFIX.exec(text.slice(from)) ?? EN_SUFFIX.exec(text.slice(from));
  const suffixed = !!suffix && suffix[0].length > 0;
  if (suffixed) to = from + suffix.index;
  if (!prefixed && !suffixed) return undefined;
  const rest = sliceOriginal(n, from, to)
    .trim()
    .replace(/^[“"「『'‘]+|[”"」』'’]+$/gu, '')
    .trim();
  return { rest, prefixed };
}

/** Number of message-shape signals, and whether one of them is decisive on its own. */
function messageShape(n: Normalized): { strong: boolean; weak: number } {
  const text = n.text;
  const chatLines = text.match(CHAT_LINE)?.length ?? 0;
  const strong =
    SENDER_TAG.test(text) || UNSUBSCRIBE.test(text) || LINK.test(text) || chatLines >= 2 || TIMESTAMP.test(text);
  let weak = 0;
  if (SALUTATION.test(text)) weak++;
  if (LONG_NUMBER.test(text)) weak++;
  if (text.length > LONG_INPUT_CHARS) weak++;
  return { strong, weak };
}

function questionShaped(text: string): boolean {
  return QUESTION_START.test(text) || QUESTION_END.test(text) || FIRST_PERSON_STORY.test(text);
}

/**
 * Routes an input: a received message (or "这条短信是诈骗吗？<message>" / "is this a scam:
 * <message>") → `{ kind: 'message', message }` with the asking part removed; anything
 * else → `{ kind: 'question' }`.
 */
export function routeInput(text: string): Route {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'question' };
  const n = normalize(trimmed);

  const quoted = stripAsk(n);
  if (quoted) {
    // "这是诈骗吗？" with nothing else is a question about something not shown.
    if (quoted.rest.length < MIN_MESSAGE_CHARS) return { kind: 'question' };
    // "这条短信是诈骗吗？<message>", "收到短信：<message>": the rest is a quotation.
    if (quoted.prefixed) return { kind: 'message', message: quoted.rest };
    // "<text>，是诈骗吗？": a message only if the text is shaped like one, not a story
    // ("有人说免费送游戏皮肤，是真的吗").
    const rest = normalize(quoted.rest);
    return messageShaped(rest) ? { kind: 'message', message: quoted.rest } : { kind: 'question' };
  }
  return messageShaped(n) ? { kind: 'message', message: trimmed } : { kind: 'question' };
}

// Routing weighs the red flags only: the model would read a question about a scam ("老爸被
// 拉进一个炒股群，说有老师带着赚钱") as a scam message, since it shares the scam's words.
const rulesOnly = createChecker({ model: null });

function modelSays(n: Normalized, at: number): boolean {
  if (contentLength(n.text) < MODEL_MIN_CHARS) return false;
  return (defaultModel()?.predict(n).pScam ?? 0) >= at;
}

// The user asking us ("你好，我想问一下…"): a question, however scam-like its words.
const ASKS_US = /想问|问一下|问问|请教|想知道|想了解|能做吗|能不能做|可以做吗|\bi want to know\b|\bwondering\b/u;
// Speaking to the reader, or asking a group or the reader to do something.
const READER_OR_REQUEST = /你|您|妳|大家|各位|请(?!问)|\byou\b|\byour\b/u;

// A message opens by naming whom it is written to (妈，… / 老师好，… / 王总，… / Hi Mum, …):
// nobody addresses the bot like that, so a pasted message it is.
const VOCATIVE =
  /^\s*(?:(?:老|亲)?(?:妈|妈妈|爸|爸爸|老妈|老爸|爷爷|奶奶|姥姥|姥爷|外婆|外公|老婆|老公|宝贝|宝宝|亲爱的|哥|姐|弟|妹|儿子|闺女|女儿|舅舅|姑姑|叔叔|阿姨|老师|师傅|领导|班长|同学们|家人们)|[\p{Script=Han}]{1,2}(?:老师|总|经理|主任|医生|师傅|姐|哥|叔|姨|阿姨|老板))(?:好|您好|你好|早|早上好|晚上好)?\s*[,，!！~～]|^\s*(?:(?:hi|hey|hello|dear|morning) )?(?:mum|mom|mummy|mommy|dad|daddy|grandma|grandpa|nan|granny|honey|babe|sweetie|sir|teacher|(?:mr|mrs|ms|miss)\.? [a-z]+)\s*[,!]/u;
// A first-person chat line to the reader (我到学校了，晚上给你打电话 / I'm home, call you later):
// first person, addressed to "you", telling no story about fraud.
const FIRST_PERSON_CHAT =
  /^\s*(?:我(?!是|们是|被|收到|接到|想|要问|问)|i(?:'m| am| will|'ll| just| got| have|'ve)? )[\s\S]*(?:你(?!们)|您(?!们)|\byou\b)/u;
// "I have a question for you", "我需要你帮忙": the user turning to us, not a pasted line.
const ASKS_FOR_HELP =
  /问题|帮我|帮忙|帮助|求助|\bquestion|\bhelp\b|\bcan you\b|\bcould you\b|\bwould you\b|\badvice\b/u;
const FRAUD_WORD = /诈骗|骗|反诈|可疑|\bscam|\bfraud|\bsuspicious|\bphishing/u;

/** A received chat message: opens by addressing someone, or is a first-person line to them. */
function chatShaped(n: Normalized): boolean {
  const text = n.text;
  if (META_ASK.test(text) || ASKS_US.test(text) || QUESTION_WORD.test(text) || FRAUD_WORD.test(text)) return false;
  if (/^\s*请问/u.test(text)) return false;
  if (VOCATIVE.test(text)) return true;
  return (
    FIRST_PERSON_CHAT.test(text) &&
    !STORY.test(text) &&
    !REPORTED.test(text) &&
    !QUESTION_END.test(text) &&
    !ASKS_FOR_HELP.test(text)
  );
}

function messageShaped(n: Normalized): boolean {
  if (chatShaped(n)) return true;
  const { strong, weak } = messageShape(n);
  const asks = questionShaped(n.text) || QUESTION_WORD.test(n.text);
  const story = FIRST_PERSON_STORY.test(n.text) || REPORTED.test(n.text);
  if (strong) {
    // A question or story that merely contains a link or a tag still reads as one when it
    // starts like a question or a story and is short ("what is t.cn?").
    return !((QUESTION_START.test(n.text) || FIRST_PERSON_STORY.test(n.text)) && n.text.length < LONG_INPUT_CHARS);
  }
  // A chat message that ends in 吗 ("你可以先借我吗？") is still a message when it speaks to
  // its reader, carries clear red flags and does not ask about fraud or tell a story.
  if (
    !META_ASK.test(n.text) &&
    !STORY.test(n.text) &&
    !ASKS_US.test(n.text) &&
    ADDRESSES_READER.test(n.text) &&
    n.text.length >= MIN_UNSHAPED_CHARS &&
    rulesOnly(n.original).score >= SUSPICIOUS_AT
  )
    return true;
  // The same for a message whose red flags the rules do not know yet but the model
  // recognises, as long as it neither asks about fraud nor starts like a question or story.
  if (
    !META_ASK.test(n.text) &&
    !STORY.test(n.text) &&
    !QUESTION_START.test(n.text) &&
    !FIRST_PERSON_STORY.test(n.text) &&
    !QUESTION_WORD.test(n.text) &&
    !ASKS_US.test(n.text) &&
    READER_OR_REQUEST.test(n.text) &&
    modelSays(n, ROUTE_MODEL_AT)
  )
    return true;
  if (asks || story) return false;
  if (weak >= 1) return true;
  // No shape at all: a message only when it is long enough to be one and carries clear
  // red flags ("網路兼職刷單" is a topic, not a message).
  return (
    (n.text.length >= MIN_UNSHAPED_CHARS && rulesOnly(n.original).score >= SUSPICIOUS_AT) ||
    (!ASKS_US.test(n.text) && modelSays(n, ROUTE_MODEL_ALONE_AT))
  );
}
