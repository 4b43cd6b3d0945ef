/**
 * Interface texts of the operator loop (votes, /privacy, /stats, article uploads), in the
 * three interface languages. Traditional is converted from Simplified (Taiwan wording) once.
 */

import type { VoteReason } from '../record/types.js';
import type { Language } from '../retrieval/query.js';
import { toTraditional } from '../text/script.js';

/** Texts of the feedback buttons and the admin features. */
export interface FeedbackTexts {
  up: string;
  down: string;
  thanks: string;
  askReason: string;
  stale: string;
  reasons: Record<VoteReason, string>;
  privacy: string;
  notAdmin: string;
  uploadSaved: (name: string) => string;
  uploadExists: (name: string) => string;
  overwrite: string;
  keep: string;
  uploadKept: string;
  uploadExpired: string;
  uploadInvalid: (reason: string) => string;
  rebuildDone: (s: {
    articles: number;
    passages: number;
    embedded: number;
    skipped: string[];
    seconds: string;
  }) => string;
  rebuildFailed: (reason: string) => string;
  statsOff: string;
}

const zh: FeedbackTexts = {
  up: '👍 有帮助',
  down: '👎 没帮助',
  thanks: '谢谢你的反馈！',
  askReason: '谢谢！能告诉我哪里不好吗？点下面的一个原因。',
  stale: '这条回答的记录已经过期，无法再评价了。谢谢你！',
  reasons: { irrelevant: '答非所问', wrong: '内容有误', unclear: '看不明白', missing: '缺少信息' },
  privacy:
    '<b>隐私说明</b>\n为了改进回答，运营方会记录：时间、语言、问题类型、骗局类型、回答结果（已回答/无法回答/鉴定结论和危险信号）、引用的出处、耗时，以及你的评价。\n• 你的 Telegram 账号只保存为不可逆的加密摘要，不保存用户名或号码。\n• 问题文字会先把电话号码、链接、账号、银行卡号和人名替换掉再保存。\n• 你转发、粘贴或拍照发来的可疑消息<b>不保存原文</b>，只保存鉴定结论、危险信号和骗局类型（除非运营方明确开启保存）。\n• 记录保存 {days} 天后自动删除。',
  notAdmin: '抱歉，只有管理员可以添加文章。如果你想核实一条消息，请直接把文字发给我。',
  uploadSaved: (n) => `已保存「${n}」，正在更新资料库，完成后告诉你……`,
  uploadExists: (n) => `已经有一个叫「${n}」的文件。要用新文件替换它吗？`,
  overwrite: '替换',
  keep: '保留原文件',
  uploadKept: '好的，原文件保持不变。',
  uploadExpired: '这个上传已过期，请重新发送文件。',
  uploadInvalid: (r) => `这个文件不能使用：${r}`,
  rebuildDone: (s) =>
    `资料库已更新（${s.seconds} 秒）：${s.articles} 篇资料，${s.passages} 个段落，新嵌入 ${s.embedded} 个。${s.skipped.length ? `\n跳过：${s.skipped.join('；')}` : ''}\n新内容现在已可被引用。`,
  rebuildFailed: (r) => `更新失败，机器人继续使用原来的资料库。原因：${r}`,
  statsOff: '记录功能已关闭（RECORD=off），没有统计数据。',
};

const en: FeedbackTexts = {
  up: '👍 Helpful',
  down: '👎 Not helpful',
  thanks: 'Thank you for your feedback!',
  askReason: 'Thanks! What was wrong? Tap a reason below.',
  stale: 'This answer is no longer in the record, so it cannot be rated. Thank you!',
  reasons: { irrelevant: 'Not relevant', wrong: 'Wrong', unclear: 'Unclear', missing: 'Missing something' },
  privacy:
    '<b>Privacy</b>\nTo improve answers, the operator records: time, language, kind of question, scam type, the outcome (answered / not answered / check verdict and red flags), the sources cited, the time taken, and your votes.\n• Your Telegram account is kept only as an irreversible keyed hash: no username or number.\n• Question text is stored with phone numbers, links, account ids, card numbers and names replaced.\n• Suspicious messages you paste, forward or photograph are <b>not stored as text</b>: only the verdict, red flags and scam type (unless the operator explicitly turns storing on).\n• Records are deleted after {days} days.',
  notAdmin: 'Sorry, only administrators can add articles. To check a message, just send me its text.',
  uploadSaved: (n) => `Saved "${n}". Updating the library; I will tell you when it is done…`,
  uploadExists: (n) => `A file named "${n}" already exists. Replace it with the new one?`,
  overwrite: 'Replace',
  keep: 'Keep the old file',
  uploadKept: 'OK, the old file stays as it is.',
  uploadExpired: 'This upload has expired; please send the file again.',
  uploadInvalid: (r) => `This file cannot be used: ${r}`,
  rebuildDone: (s) =>
    `Library updated (${s.seconds} s): ${s.articles} documents, ${s.passages} passages, ${s.embedded} newly embedded.${s.skipped.length ? `\nSkipped: ${s.skipped.join('; ')}` : ''}\nThe new content can be cited now.`,
  rebuildFailed: (r) => `The update failed; the bot keeps answering from the previous library. Reason: ${r}`,
  statsOff: 'Recording is off (RECORD=off): there are no statistics.',
};

let zhHant: FeedbackTexts | undefined;

/** Feedback and admin texts in `lang`. */
export function feedbackTexts(lang: Language): FeedbackTexts {
  if (lang === 'en') return en;
  if (lang === 'zh-Hans') return zh;
  if (!zhHant) {
    const t = (s: string) => toTraditional(s, 'tw');
    zhHant = {
      ...zh,
      ...Object.fromEntries(
        Object.entries(zh)
          .filter(([, v]) => typeof v === 'string')
          .map(([k, v]) => [k, t(v as string)]),
      ),
      reasons: Object.fromEntries(Object.entries(zh.reasons).map(([k, v]) => [k, t(v)])) as FeedbackTexts['reasons'],
      uploadSaved: (n) => t(zh.uploadSaved(n)),
      uploadExists: (n) => t(zh.uploadExists(n)),
      uploadInvalid: (r) => t(zh.uploadInvalid(r)),
      rebuildDone: (s) => t(zh.rebuildDone(s)),
      rebuildFailed: (r) => t(zh.rebuildFailed(r)),
    } as FeedbackTexts;
  }
  return zhHant;
}
