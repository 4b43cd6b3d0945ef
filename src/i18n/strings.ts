/**
 * The user-interface texts of 反诈助手, shared by the Telegram bot and the terminal chat:
 * welcome, help, notices, button labels, the command menu, the scam-type list. Texts of
 * answers themselves (headings, gists, the off-topic reply) are composed by the answer
 * engine (src/answer/i18n.ts); texts of the operator features are in ./feedback.ts.
 *
 * Simplified Chinese and English are written by hand; Traditional is converted from the
 * Simplified with opencc (character level) once, on first use.
 */
import type { ScamType } from '../knowledge/scam-types.js';
import type { Language } from '../retrieval/query.js';
import { toTraditional } from '../text/script.js';

/** The interface texts of one language. Strings containing HTML are marked; the others are plain. */
export type Texts = {
  /** HTML. */
  welcome: string;
  examplesTitle: string;
  examples: string[];
  /** HTML. */
  help: string;
  /** The terminal chat's help (plain text). */
  terminalHelp: string;
  /** The terminal chat's header, printed once. */
  terminalWelcome: string;
  /** Terminal chat, `/types`: header of the list. */
  terminalTypesIntro: string;
  /** Terminal chat: after building the index. */
  indexBuilt: (articles: number, passages: number) => string;
  nonText: string;
  rateLimited: string;
  error: string;
  staleSource: string;
  sourceButton: (n: number) => string;
  typesIntro: string;
  tipsQuestion: string;
  passageHeader: string;
  passageFrom: string;
};

const zh: Texts = {
  welcome:
    '你好！我是<b>反诈助手</b>，根据警方反诈宣传资料回答你的问题，每个回答都注明出处。\n\n我可以：\n• 讲清楚一种骗局是怎么骗人的\n• 帮你判断收到的短信、电话、消息是不是诈骗（直接把内容发给我）\n• 告诉你怎样防范、被骗了该怎么办\n\n遇到诈骗请拨打 <b>96110</b> 反诈专线；紧急情况请拨打 <b>110</b>。',
  examplesTitle: '试试这样问：',
  examples: [
    '什么是杀猪盘？',
    '有人自称警察让我转账到安全账户，怎么办？',
    '网上兼职刷单能赚钱吗？',
    '老板在群里让我给客户转账，要注意什么？',
  ],
  help: '<b>怎么用</b>\n• 直接用文字提问，或把可疑的短信、聊天内容转发给我\n• /check 检查一条可疑消息（回复那条消息发送 /check；转发给我的消息和截图会自动检查）\n• /types 看常见骗局类型\n• /tips 看防骗提醒\n• /privacy 隐私说明\n• 回答里的 [1][2] 是出处，点下面的按钮可以看原文\n\n在群里使用时，请 @我 或回复我的消息。\n\n遇到诈骗请拨打 96110；紧急情况请拨打 110。',
  terminalHelp:
    '怎么用：直接输入问题，或粘贴可疑的短信、聊天内容。\n  /types  常见骗局类型\n  /tips   防骗提醒\n  /help   本说明\n  /quit   退出（或 Ctrl-D）\n回答里的 [1][2] 是出处，列在回答末尾。\n遇到诈骗请拨打 96110；紧急情况请拨打 110。',
  terminalWelcome:
    '反诈助手 — 终端对话 / terminal chat\n问我骗局怎么运作、收到的消息是不是诈骗、怎样防范。Ask in Chinese or English.\n例如 e.g.: 什么是杀猪盘？ · 有人自称警察让我转账到安全账户 · What is a pig butchering scam?\n输入 /help 看说明，/quit 退出 (or Ctrl-D).',
  terminalTypesIntro: '常见的电信网络诈骗类型（直接问“什么是……？”了解它是怎么骗人的）：',
  indexBuilt: (a, p) => `（资料库已建立 / index built：${a} 篇文章，${p} 个段落）`,
  nonText: '我只能看懂文字。请把你的问题或可疑消息的内容用文字发给我（图片请附上文字说明）。',
  rateLimited: '你发得有点快，请稍等一分钟再问我。如遇紧急情况，请直接拨打110。',
  error: '抱歉，我这边出了点问题，没能回答。请稍后再试。如遇紧急情况，请直接拨打110，或拨打96110反诈专线咨询。',
  staleSource: '这条出处已经找不到了（资料库可能已更新）。请重新提问一次。',
  sourceButton: (n) => `📄 原文 [${n}]`,
  typesIntro: '常见的电信网络诈骗类型，点一下看它是怎么骗人的：',
  tipsQuestion: '怎样防范电信网络诈骗？接到要求转账的电话该怎么办？',
  passageHeader: '原文出处',
  passageFrom: '出自',
};

const en: Texts = {
  welcome:
    "Hello! I'm the <b>Anti-Fraud Assistant</b> (反诈助手). I answer from police anti-fraud articles and cite the source of every answer.\n\nI can:\n• explain how a scam works\n• check whether a text, call or message you got looks like a scam (just send it to me)\n• tell you how to protect yourself and what to do if you were cheated\n\nFor help call the <b>96110</b> anti-fraud hotline; in an emergency call <b>110</b>.",
  examplesTitle: 'Try asking:',
  examples: [
    'What is a pig butchering scam?',
    'Someone claiming to be police wants me to move money to a safe account',
    'Is an online part-time job brushing orders a scam?',
  ],
  help: '<b>How to use</b>\n• Ask in plain words, or forward a suspicious message\n• /check checks a suspicious message (reply to it with /check; forwarded messages and screenshots are checked automatically)\n• /types lists common scam types\n• /tips shows safety tips\n• /privacy says what is recorded\n• [1][2] in answers are sources: tap the buttons to read them\n\nIn groups, mention me or reply to my message.\n\nFor help call 96110; in an emergency call 110.',
  terminalHelp:
    'How to use: type a question, or paste a suspicious text message or chat.\n  /types  common scam types\n  /tips   safety tips\n  /help   this help\n  /quit   leave (or Ctrl-D)\n[1][2] in answers are sources, listed at the end of the answer.\nFor help call 96110; in an emergency call 110.',
  terminalWelcome:
    '反诈助手 — terminal chat\nAsk how a scam works, whether a message you got is a scam, or how to protect yourself. Chinese or English.\ne.g.: What is a pig butchering scam? · 什么是杀猪盘？\nType /help for help, /quit to leave (or Ctrl-D).',
  terminalTypesIntro: 'Common kinds of phone and online fraud (ask "What is …?" to see how one works):',
  indexBuilt: (a, p) => `(index built: ${a} articles, ${p} passages)`,
  nonText:
    'I can only read text. Please send your question or the suspicious message as text (add a caption to photos).',
  rateLimited: "You're sending messages a bit fast: please wait a minute. In an emergency call 110.",
  error:
    "Sorry, something went wrong on my side and I couldn't answer. Please try again later. In an emergency call 110, or the 96110 anti-fraud hotline.",
  staleSource: 'This source can no longer be found (the library may have been updated). Please ask again.',
  sourceButton: (n) => `📄 Source [${n}]`,
  typesIntro: 'Common kinds of phone and online fraud. Tap one to see how it works:',
  tipsQuestion:
    'How can I protect myself from phone fraud, and what should I do when someone asks me to transfer money?',
  passageHeader: 'Source passage',
  passageFrom: 'From',
};

/** The bot's command menu, per language, for setMyCommands. A feature adding a command adds it here. */
export const COMMANDS = {
  zh: [
    { command: 'start', description: '开始使用反诈助手' },
    { command: 'types', description: '常见骗局类型' },
    { command: 'check', description: '检查可疑消息' },
    { command: 'tips', description: '防骗提醒' },
    { command: 'privacy', description: '隐私说明' },
    { command: 'help', description: '使用帮助' },
  ],
  en: [
    { command: 'start', description: 'Start the anti-fraud assistant' },
    { command: 'types', description: 'Common scam types' },
    { command: 'check', description: 'Check a suspicious message' },
    { command: 'tips', description: 'Safety tips' },
    { command: 'privacy', description: 'What is recorded' },
    { command: 'help', description: 'How to use' },
  ],
};

function traditional(t: Texts): Texts {
  const c = (s: string) => toTraditional(s);
  return {
    ...t,
    welcome: c(t.welcome),
    examplesTitle: c(t.examplesTitle),
    examples: t.examples.map(c),
    help: c(t.help),
    terminalHelp: c(t.terminalHelp),
    terminalWelcome: c(t.terminalWelcome),
    terminalTypesIntro: c(t.terminalTypesIntro),
    indexBuilt: (a, p) => c(t.indexBuilt(a, p)),
    nonText: c(t.nonText),
    rateLimited: c(t.rateLimited),
    error: c(t.error),
    staleSource: c(t.staleSource),
    sourceButton: (n) => c(t.sourceButton(n)),
    typesIntro: c(t.typesIntro),
    tipsQuestion: c(t.tipsQuestion),
    passageHeader: c(t.passageHeader),
    passageFrom: c(t.passageFrom),
  };
}

let hant: Texts | undefined;

/** The interface texts in a language. */
export function texts(lang: Language): Texts {
  if (lang === 'en') return en;
  if (lang === 'zh-Hant') return (hant ??= traditional(zh));
  return zh;
}

/** A scam type's name in the interface language. */
export function scamTypeLabel(lang: Language, t: ScamType): string {
  return lang === 'en' ? t.nameEn : lang === 'zh-Hant' ? t.nameHant : t.name;
}

/** The question a scam-type button (bot) or entry (terminal) asks, in the interface language. */
export function scamTypeQuestion(lang: Language, t: ScamType): string {
  return lang === 'en'
    ? `What is the ${t.nameEn} scam and how does it work?`
    : lang === 'zh-Hant'
      ? toTraditional(t.exampleQuestion)
      : t.exampleQuestion;
}
