import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../src/answer/compose.js';
import { answer, checkAnswer, libraryOf, MAX_CITATIONS } from '../../src/answer/engine.js';
import { toRegional } from '../../src/answer/i18n.js';
import type { Answer } from '../../src/answer/types.js';
import { renderAnswerHtml } from '../../src/bot/render-html.js';
import { CASE_OUTCOME } from '../../src/knowledge/advice.js';
import { SCAM_TYPES } from '../../src/knowledge/scam-types.js';
import { createSourceLookup } from '../../src/retrieval/sources.js';
import { detectScript } from '../../src/text/script.js';
import { seedEngine } from '../helpers/engine.js';

const EVAL = join(import.meta.dirname, '..', 'eval');
const questionsOf = (file: string): string[] =>
  (JSON.parse(readFileSync(join(EVAL, file), 'utf8')) as { items: { q: string }[] }).items.map((i) => i.q);

/** Every question the tests answer: golden, both held-out sets, and each type's example in 简/繁/English. */
function broadQuestions(): string[] {
  const examples = SCAM_TYPES.flatMap((t) => [
    t.exampleQuestion,
    toRegional(t.exampleQuestion, 'tw'),
    `How does the ${t.nameEn.toLowerCase()} scam work?`,
  ]);
  return [...questionsOf('golden.json'), ...questionsOf('heldout.json'), ...questionsOf('heldout-2.json'), ...examples];
}

/** The structural rules every answer keeps (returns the broken ones). */
function ruleBreaks(a: Answer): string[] {
  const out: string[] = [];
  const byN = new Map(a.citations.map((c) => [c.n, c]));
  expect(a.citations.map((c) => c.n)).toEqual(a.citations.map((_, i) => i + 1));
  const used = new Set<number>();
  for (const s of a.sections) {
    for (const l of s.lines) {
      // Our framing (the type name, the verdict, the message's red flags) cites nothing.
      if (
        (s.kind === 'gist' || s.kind === 'verdict' || (s.kind === 'flags' && a.intent === 'check-message')) &&
        l.cites.length
      )
        out.push(`framing with a cite: ${l.text}`);
      for (const n of l.cites) {
        used.add(n);
        const c = byN.get(n);
        if (!c) out.push(`[${n}] does not exist: ${l.text}`);
        else if (!c.text.includes(l.text)) out.push(`not verbatim in [${n}]: ${l.text}`);
        // English answers cite English guide passages; Chinese answers the Chinese guide.
        if (c?.kind === 'guide' && c.source.startsWith(a.language === 'en' ? 'guide/zh/' : 'guide/en/'))
          out.push(`guide in the wrong language: ${c.source}`);
      }
    }
  }
  for (const c of a.citations) if (!used.has(c.n)) out.push(`citation [${c.n}] unused`);
  if (a.citations.length > MAX_CITATIONS) out.push(`${a.citations.length} citations`);
  // One number per guide page: its items share it.
  const pages = a.citations.filter((c) => c.kind === 'guide').map((c) => c.source);
  if (new Set(pages).size !== pages.length) out.push('a guide page cited under two numbers');
  return out;
}

describe('answers keep their rules over a broad question set', () => {
  it("every cited line is verbatim in each passage it cites (in the answer's script); framing cites nothing", async () => {
    const deps = await seedEngine();
    const questions = broadQuestions();
    expect(questions.length).toBeGreaterThan(150);
    let cited = 0;
    for (const q of questions) {
      for (const opts of [{}, { languageCode: 'zh-hk' }]) {
        const a = await answer(q, deps, opts);
        expect(ruleBreaks(a), q).toEqual([]);
        cited += a.sections.reduce((n, s) => n + s.lines.filter((l) => l.cites.length).length, 0);
      }
    }
    expect(cited).toBeGreaterThan(1000);
  });

  it('Taiwan wording: no mainland 轉賬/鏈接/網絡/聯系 anywhere in a Traditional answer', async () => {
    const deps = await seedEngine();
    const qs = [
      '我被騙了怎麼辦？錢能追回嗎',
      '網路兼職刷單是怎麼騙人的？',
      '老闆用新的LINE帳號叫我匯款，是真的嗎？',
      '點樣幫屋企長輩防止被騙？',
      '現在常見的詐騙有哪些？',
    ];
    for (const q of [...qs, ...SCAM_TYPES.map((t) => toRegional(t.exampleQuestion, 'tw'))]) {
      const a = await answer(q, deps);
      expect(a.language, q).toBe('zh-Hant');
      expect(a.text, q).not.toMatch(/轉賬|鏈接|網絡|聯系/u);
      for (const c of a.citations) expect(c.text, q).not.toMatch(/轉賬|鏈接|網絡|聯系/u);
      expect(detectScript(a.text)).toBe('traditional');
    }
    // Hong Kong readers get Hong Kong wording (網絡, 鏈接 are right there).
    const hk = await answer('網絡兼職刷單是怎麼騙人的？', deps, { languageCode: 'zh-HK' });
    expect(hk.text).toMatch(/網絡/u);
  });
});

describe('answers by intent', () => {
  it("how: the guide's how-it-works and red flags, one real case of the asked type told to its outcome, then what to do", async () => {
    const deps = await seedEngine();
    const a = await answer('直播间买原石是怎么骗人的？', deps);
    expect(a.intent).toBe('how');
    expect(a.scamTypes[0]).toBe('livestream-jade');
    const kinds = a.sections.map((s) => s.kind);
    expect(kinds.indexOf('how')).toBeLessThan(kinds.indexOf('case'));
    expect(kinds.indexOf('case')).toBeLessThan(kinds.indexOf('todo'));
    const story = a.sections
      .find((s) => s.kind === 'case')!
      .lines.map((l) => l.text)
      .join('');
    expect(story).toContain('挽损75万余元');
    expect(CASE_OUTCOME.test(a.sections.find((s) => s.kind === 'case')!.lines.at(-1)!.text)).toBe(true);
    expect(a.citations.find((c) => c.n === a.sections.find((s) => s.kind === 'how')!.lines[0].cites[0])).toMatchObject({
      kind: 'guide',
      section: 'how',
    });
  });

  it('how: a case is always a case of the asked type, with its outcome, for every type', async () => {
    const deps = await seedEngine();
    let withCase = 0;
    for (const t of SCAM_TYPES) {
      const a = await answer(`${t.name}是怎么骗人的？`, deps);
      const c = a.sections.find((s) => s.kind === 'case');
      if (!c) continue;
      withCase++;
      const story = c.lines.map((l) => l.text).join('');
      expect(classifyText(story), `${t.id}: ${story}`).toBe(t.id);
      expect(CASE_OUTCOME.test(c.lines.at(-1)!.text), story).toBe(true);
    }
    expect(withCase).toBeGreaterThanOrEqual(6);
  });

  it('victim: the steps first, then quoted figures on stopping payments and recovery, headed by their place', async () => {
    const deps = await seedEngine();
    for (const q of ['我刚被骗了3万块钱，还能追回来吗？', 'I was just scammed of 30,000 yuan, can I get it back?']) {
      const a = await answer(q, deps);
      expect(a.intent, q).toBe('victim');
      expect(a.sections[0].kind, q).toBe('steps');
      expect(a.citations[0].source, q).toMatch(/^guide\/(zh|en)\/after-scammed\.md$/u);
      const figures = a.sections.filter(
        (s) => s.kind === 'facts' && a.citations.some((c) => c.kind === 'news' && s.lines[0].cites.includes(c.n)),
      );
      expect(figures.length, q).toBeGreaterThan(0);
      for (const f of figures) expect(f.lines.map((l) => l.text).join(''), q).toMatch(/止付|冻结|追回|返还|挽损/u);
    }
  });

  it('victim: someone describing a payment to a scammer gets the victim answer, in 简/繁/English', async () => {
    const deps = await seedEngine();
    for (const q of [
      'I transferred money to a scammer an hour ago. What do I do now?',
      'I wired money to a scammer this morning, help',
      'Yesterday I paid a fake investment site 5,000 dollars. What should I do?',
      '我刚给骗子转了5000块，现在怎么办',
      '昨天被网上的投资老师骗了三万',
      '我剛剛把錢轉給騙子了，該怎麼辦',
      '剛才匯了三萬給假客服，怎麼辦',
    ]) {
      const a = await answer(q, deps);
      expect(a.inScope, q).toBe(true);
      expect(a.intent, q).toBe('victim');
      expect(a.citations[0].source, q).toMatch(/^guide\/(zh|en)\/after-scammed\.md$/u);
      expect(
        a.citations.some((c) => c.kind === 'news'),
        q,
      ).toBe(true);
    }
    // Asking how not to be scammed is not being a victim.
    for (const q of ['怎么才能不被骗', '如何避免被骗子骗了', 'How do I avoid sending money to a scammer?'])
      expect((await answer(q, deps)).intent, q).not.toBe('victim');
  });

  it('verify: calls asking for money, in 简/繁/English, get the verify answer with its direct line first', async () => {
    const deps = await seedEngine();
    for (const q of [
      '打电话来的人说是银行的，让我把钱转到新账户，可信吗',
      '有個自稱警察的人打電話叫我轉帳，是真的嗎',
      'My bank called and asked me to move my money to a new account. Is this legit?',
      'A caller says he is from 96110. Should I trust him?',
    ]) {
      const a = await answer(q, deps);
      expect(a.inScope, q).toBe(true);
      expect(a.intent, q).toBe('verify');
      expect(a.sections[0].kind, q).toBe('rule');
    }
  });

  it('a story told over several paragraphs is one case, from its opening to its outcome', async () => {
    const deps = await seedEngine();
    const lib = libraryOf(deps.retriever);
    const multi = lib.cases.filter(
      (c) => new Set(c.lines.map((l) => deps.retriever.passages[l.label].paragraphIndex)).size > 1,
    );
    expect(multi.length).toBeGreaterThan(0);
    for (const c of multi) expect(CASE_OUTCOME.test(c.lines.at(-1)!.text), c.text).toBe(true);
    // The fake police officer who sent a photo of his badge: quoted whole, under one number.
    const a = await answer('骗子冒充警察还发来警官证照片，怎么识破', deps);
    const story = a.sections.find((s) => s.kind === 'case')!;
    expect(story.lines.map((l) => l.text).join('')).toContain('警察证件照片');
    expect(new Set(story.lines.flatMap((l) => l.cites)).size).toBe(1);
    // A paragraph about something else (an officer visiting an old lady in the heat) is no part of a case.
    expect(lib.cases.some((c) => c.text.includes('蒲扇'))).toBe(false);
  });

  it('news beside the guide: how answers quote the reports for the types they tell of; progress questions get the figures', async () => {
    const deps = await seedEngine();
    for (const q of [
      '什么是杀猪盘？',
      '直播间买原石是怎么骗人的？',
      '网上兼职刷单能赚钱吗',
      '冒充老板让财务转账是怎么回事',
    ]) {
      const a = await answer(q, deps);
      expect(
        a.citations.some((c) => c.kind === 'news'),
        q,
      ).toBe(true);
    }
    for (const q of ['两卡治理进展如何', 'How far has the crackdown on renting out bank and SIM cards got?']) {
      const a = await answer(q, deps);
      expect(a.intent, q).toBe('facts');
      expect(
        a.citations.filter((c) => c.kind === 'news').some((c) => c.text.includes('两卡')),
        q,
      ).toBe(true);
    }
    // A list of scams says nothing about one of them it names in passing.
    const romance = await answer('什么是杀猪盘？', deps);
    expect(
      romance.citations.some((c) => c.text.includes('清明节期间')),
      'list sentence',
    ).toBe(false);
  });

  it('verify: the first line answers directly, quoted from the guide page for what is asked', async () => {
    const deps = await seedEngine();
    const expectations: [string, string][] = [
      ['96110打电话给我说我在被骗，是真的吗', 'hotline-96110'],
      ['The police called me, is this real?', 'fake-police'],
      ['自称公安局的人打电话说我涉嫌洗钱，是真警察吗', 'fake-police'],
      ['国家反诈中心App有什么用', 'anti-fraud-app'],
    ];
    for (const [q, page] of expectations) {
      const a = await answer(q, deps);
      expect(a.intent, q).toBe('verify');
      expect(a.sections[0].kind, q).toBe('rule');
      expect(a.sections[0].lines).toHaveLength(1);
      const c = a.citations.find((x) => x.n === a.sections[0].lines[0].cites[0])!;
      expect(c.source, q).toMatch(new RegExp(`^guide/(zh|en)/${page}\\.md$`, 'u'));
      expect(c.section).toBe('rule');
    }
    // "police" alone names no scam type.
    expect((await answer('The police called me, is this real?', deps)).scamTypes).toEqual([]);
  });

  it('protect: the guide page for that audience', async () => {
    const deps = await seedEngine();
    const expectations: [string, string][] = [
      ['怎么保护爸妈不被骗？', 'guide/zh/protect-elderly.md'],
      ['孩子上大学了，怎么提醒他防范诈骗', 'guide/zh/students.md'],
      ['公司会计怎么防止被冒充老板骗转账', 'guide/zh/finance-staff.md'],
    ];
    for (const [q, source] of expectations) {
      const a = await answer(q, deps);
      expect(a.intent, q).toBe('protect');
      expect(a.citations[0].source, q).toBe(source);
    }
  });

  it('facts: every figure is headed by its place and article, never two articles under one heading', async () => {
    const deps = await seedEngine();
    const { index } = deps.retriever;
    for (const q of [
      '永康的电诈案件下降了多少',
      '无锡公安今年成功劝防了多少起电信诈骗',
      '今年各地止付了多少涉案账户',
      'How much money did Wuxi police help people avoid losing?',
    ]) {
      const a = await answer(q, deps);
      expect(a.intent, q).toBe('facts');
      const facts = a.sections.filter((s) => s.kind === 'facts');
      expect(facts.length, q).toBeGreaterThan(0);
      for (const s of facts) {
        const sources = new Set(s.lines.flatMap((l) => l.cites.map((n) => a.citations.find((c) => c.n === n)!.source)));
        expect(sources.size, q).toBe(1);
        const article = index.articles.find((x) => x.source === [...sources][0])!;
        expect(s.heading, q).toContain(article.meta.place!);
      }
    }
    // A city named in the question: only that city's figures.
    const yk = await answer('永康的电诈案件下降了多少', deps);
    expect(new Set(yk.citations.map((c) => c.source))).toEqual(new Set(['002_d665ce343870738f.txt']));
  });

  it('types: one rule per type, each from its own guide page', async () => {
    const a = await answer('常见的诈骗有哪些？', await seedEngine());
    expect(a.intent).toBe('types');
    const pages = a.citations.filter((c) => c.kind === 'guide').map((c) => c.source);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(new Set(pages).size).toBe(pages.length);
    expect(pages.every((p) => p.startsWith('guide/zh/'))).toBe(true);
    // What the reports say, besides the guide: a news sentence that names scams.
    expect(a.citations.some((c) => c.kind === 'news')).toBe(true);
  });

  it('tips are advice: quoted police advice recognised as such, or guide todo items; never a story', async () => {
    const deps = await seedEngine();
    const lib = libraryOf(deps.retriever);
    const adviceTexts = new Set(lib.advice.map((s) => s.text));
    // A guide citation stands for the items quoted from one page: the line's own item tells its section.
    const guideSection = (text: string, language: string) =>
      deps.retriever.passages.find(
        (p) =>
          p.kind === 'guide' &&
          (language === 'zh-Hant' ? toRegional(p.text) === text || toRegional(p.text, 'hk') === text : p.text === text),
      )?.section;
    for (const q of broadQuestions().slice(0, 120)) {
      const a = await answer(q, deps);
      for (const s of a.sections) {
        for (const l of s.lines) {
          const cs = l.cites.map((n) => a.citations.find((c) => c.n === n)!);
          if (s.kind === 'tips')
            for (const c of cs)
              expect(
                c.kind === 'news'
                  ? adviceTexts.has(
                      a.language === 'zh-Hant'
                        ? ([...adviceTexts].find((t) => toRegional(t) === l.text) ?? '')
                        : l.text,
                    )
                  : guideSection(l.text, a.language) === 'todo',
                `${q}: ${l.text}`,
              ).toBe(true);
          if (s.kind === 'todo' || s.kind === 'steps')
            for (const c of cs)
              expect(
                c.kind === 'guide' && ['todo', 'steps'].includes(guideSection(l.text, a.language) ?? ''),
                `${q}: ${l.text}`,
              ).toBe(true);
        }
      }
    }
  });

  it('declines off-topic questions with the hotlines and no citation', async () => {
    for (const q of ['明天天气怎么样', '济宁市公安局在哪里', 'How do I cook rice?']) {
      const a = await answer(q, await seedEngine());
      expect(a.inScope, q).toBe(false);
      expect(a.citations).toEqual([]);
      expect(a.mode).toBe('declined');
      expect(a.verdict).toBeNull();
      expect(a.text).toContain('96110');
    }
  });
});

describe('checking a message', () => {
  const SCAM = '您好，我是公安局民警，您的账户涉嫌洗钱，请立即将资金转入安全账户配合调查，不要告诉家人。';

  it('answer() routes a pasted message to the check: verdict first, flags quoting the message, what to do, a case', async () => {
    const a = await answer(`收到短信：${SCAM}`, await seedEngine());
    expect(a.intent).toBe('check-message');
    expect(a.inScope).toBe(true);
    expect(a.verdict).toMatch(/scam|suspicious/u);
    expect(a.sections[0].kind).toBe('verdict');
    expect(a.sections[0].lines[0].text).toMatch(/^[🔴🟠]/u);
    expect(a.sections[0].lines[0].text).not.toMatch(/安全(?!账户)|\bsafe\b(?! account)/iu);
    const flags = a.sections.find((s) => s.kind === 'flags')!;
    for (const f of a.check!.redFlags) expect(SCAM).toContain(f.evidence);
    expect(flags.lines.every((l) => l.cites.length === 0)).toBe(true);
    const todo = a.sections.find((s) => s.kind === 'todo')!;
    expect(a.citations.find((c) => c.n === todo.lines[0].cites[0])?.kind).toBe('guide');
    expect(ruleBreaks(a)).toEqual([]);
  });

  it('checkAnswer() checks anything, never declines, and never says safe', async () => {
    const deps = await seedEngine();
    for (const text of [
      '【顺丰速运】您的快递已到达驿站，取件码1234。',
      '晚上一起吃饭吗',
      'Your parcel is held, pay the fee at http://dhl-fee.top now',
    ]) {
      const a = await checkAnswer({ text, forwarded: true }, deps);
      expect(a.inScope).toBe(true);
      expect(a.verdict).not.toBeNull();
      expect(a.sections[0].kind).toBe('verdict');
      expect(a.text).not.toMatch(/\bsafe\b|安全(?!账户)/iu);
      expect(ruleBreaks(a)).toEqual([]);
    }
  });

  it('a question has verdict null', async () => {
    expect((await answer('什么是杀猪盘？', await seedEngine())).verdict).toBeNull();
  });
});

describe('citations', () => {
  it('say whether they are guide or news, and the source view opens the guide section', async () => {
    const deps = await seedEngine();
    const a = await answer('什么是杀猪盘？', deps);
    const guide = a.citations.find((c) => c.kind === 'guide')!;
    expect(guide.title).toBe('反诈助手防骗指南 · 网络婚恋交友（杀猪盘）');
    expect(a.citations.some((c) => c.kind === 'news')).toBe(true);
    const view = createSourceLookup(deps.retriever.index).view(guide.passageId)!;
    expect(view.section).toBe('骗局怎么运作');
    expect(view.paragraph.split('\n').length).toBeGreaterThan(2);
    // The page's items quoted in the answer share this citation; its button opens the first one used.
    expect(guide.text.startsWith(view.paragraph.slice(view.start, view.end))).toBe(true);
  });

  it('the sources list names each guide page once, in plain text and in the bot, and does not quote a case again', async () => {
    const deps = await seedEngine();
    const a = await answer('怎么保护爸妈不被骗', deps);
    const guide = a.citations.filter((c) => c.kind === 'guide');
    expect(guide.length).toBeGreaterThan(0);
    const html = renderAnswerHtml(a);
    const sources = html.slice(html.lastIndexOf('<b>来源</b>'));
    const plain = a.text.slice(a.text.lastIndexOf('来源'));
    for (const c of guide) {
      expect(sources.split(c.title).length - 1, c.title).toBe(1);
      expect(plain.split(c.title).length - 1, c.title).toBe(1);
    }
    const story = a.sections.find((s) => s.kind === 'case');
    if (story) expect(sources).not.toContain(story.lines[0].text.slice(0, 20));
  });

  it('is deterministic', async () => {
    const deps = await seedEngine();
    const a = await answer('老板在群里让我给业务单位转账，要注意什么', deps);
    const b = await answer('老板在群里让我给业务单位转账，要注意什么', deps);
    expect({ ...b, ms: 0 }).toEqual({ ...a, ms: 0 });
  });

  it("the retriever also works through LangChain's retriever interface", async () => {
    const docs = await (await seedEngine()).retriever.invoke('什么是杀猪盘？');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.some((d) => d.pageContent.includes('杀猪盘'))).toBe(true);
  });

  it('answers an over-long question on its first part and says so', async () => {
    const a = await answer(`网上兼职刷单能赚钱吗？${'我真的很担心。'.repeat(800)}`, await seedEngine(), {
      maxQuestionChars: 2000,
    });
    expect(a.truncated).toBe(true);
    expect(a.text).toContain('前2000个字');
  });
});
