import { describe, expect, it } from 'vitest';
import { cleanArticle, collapseSpaces, stripPinyin, widenPunctuation } from '../../src/corpus/clean.js';
import { artefacts, seed, seedNames } from '../helpers/seeds.js';

describe('cleanArticle on the seeds', () => {
  it('000: undoubles, joins hard-wrapped lines and sets the byline apart', () => {
    const a = cleanArticle(seed('000'));
    expect(a.repairs.doubled).toBe(true);
    expect(a.paragraphs[0].text).toBe('这代表了今年疫情防控期间，无锡公安累计帮助困难群众9万余人次。');
    // Lines broken inside 看|到 and 一条接|着一条 are joined; the legitimate repeat survives.
    expect(a.text).toContain('看到单位工作群里，关于疫情的工作通知一条接着一条');
    expect(a.text).toContain('冒充客服的诈骗电话，正准备输入密码转账，关键时刻96110预警劝防专线');
    expect(a.text).toContain('用行动诠释了崇高的警察职业精神。');
    expect(a.text).not.toContain('念楼');
    expect(a.bylines).toContain('念楼');
  });

  it('001: removes pinyin, the scraped headline list and the image note; converts to Simplified', () => {
    const raw = seed('001');
    expect(raw).toContain('推進(jìn)');
    const a = cleanArticle(raw);
    expect(a.script).toBe('traditional');
    expect(a.repairs.pinyin).toBeGreaterThan(100);
    expect(a.text).toContain('无锡公安深入推进“天网”“心盾”两大反诈专项行动');
    expect(a.text).not.toMatch(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùü]+[)）]/u);
    expect(a.text).not.toContain('河北受灾地区');
    expect(a.text).not.toContain('资料图片');
    expect(a.dropped.some((d) => d.kind === 'trailer' && d.text.startsWith('關鍵詞'))).toBe(true);
    // Mainland vocabulary written in Traditional must not be "localised" (小程序 stays).
    expect(a.text).toContain('微信小程序上线仪式');
    expect(a.bylines).toEqual(expect.arrayContaining(['孙姣姣', '张景荃']));
  });

  it('002: removes spaces inside Chinese text and joins lines cut across blank lines', () => {
    const a = cleanArticle(seed('002'));
    expect(a.text).toContain('程大叔将一面锦旗送到了方岩派出所');
    expect(a.text).toContain('心动的程大叔便跟主播加了好友，并转账75万余元买了30块原石');
    expect(a.text).toContain('但切割出来都是废石。程大叔发觉可能被骗');
    expect(a.text).toContain('预警劝阻是帮助群众防骗止损的重要关口');
    expect(a.text).not.toMatch(/本报讯/u);
    expect(a.bylines).toEqual(expect.arrayContaining(['田馨', '胡雨璐', '王紫微']));
  });

  it('003: keeps headings out of the body and strips inline bylines', () => {
    const a = cleanArticle(seed('003'));
    expect(a.headings).toContain('最高规格组织推动全民反诈格局初步形成');
    expect(a.text).toContain('以“杀猪盘”为手段骗人钱财的犯罪团伙被彻底摧毁。');
    expect(a.text).toContain('将攻坚行动提格上升为市主要领导重点工作');
    expect(a.text).toContain('相比去年同期减少近一半。');
    expect(a.text).not.toMatch(/通讯员/u);
    const para = a.paragraphs.find((p) => p.text.startsWith('去年9月'));
    expect(para?.section).toBe('最高规格组织推动全民反诈格局初步形成');
  });

  it('004: drops a photo caption that splits a sentence and joins the halves', () => {
    const a = cleanArticle(seed('004'));
    expect(a.text).toContain('累计宣传师生5万人次。突出重点人群。针对虚假投资理财类诈骗');
    expect(a.dropped.some((d) => d.kind === 'caption' && d.text === '反诈宣传进企业')).toBe(true);
    expect(a.derivedTitle).toBe('奏响全民反诈最强音——市公安局全面打击治理电信网络诈骗犯罪工作纪实');
    expect(a.bylines).toEqual(['储成俊', '屈希磊']);
  });

  it('the artefact check recognises each defect in the raw seeds', () => {
    expect(artefacts(seed('000'))).toEqual(
      expect.arrayContaining(['doubled run', 'doubled punctuation', 'line break']),
    );
    expect(artefacts(seed('001'))).toEqual(
      expect.arrayContaining([
        'pinyin annotation',
        'ASCII comma in Chinese',
        'Traditional character',
        'trailer, caption or byline',
      ]),
    );
    expect(artefacts(seed('002'))).toContain('space inside Chinese text');
  });

  it('leaves no artefact in any paragraph of any seed', () => {
    for (const name of seedNames()) {
      const a = cleanArticle(seed(name.slice(0, 3)));
      for (const p of a.paragraphs)
        expect(artefacts(p.text), `${name} ¶${p.index}: ${p.text.slice(0, 40)}`).toEqual([]);
    }
  });

  it('paragraph offsets point into the article text', () => {
    for (const name of seedNames()) {
      const a = cleanArticle(seed(name.slice(0, 3)));
      for (const p of a.paragraphs) expect(a.text.slice(p.start, p.end)).toBe(p.text);
    }
  });
});

describe('cleaning rules', () => {
  it('stripPinyin removes tone-marked syllables only', () => {
    expect(stripPinyin('推進(jìn)“天網(wǎng)”').text).toBe('推進“天網”');
    expect(stripPinyin('人工智能(AI)和应用(app)').text).toBe('人工智能(AI)和应用(app)');
  });

  it('collapseSpaces keeps spaces between Latin words and numbers', () => {
    expect(collapseSpaces('锦 旗送到 方岩')).toBe('锦旗送到方岩');
    expect(collapseSpaces('USA Today 报道 20 30')).toBe('USA Today报道20 30');
  });

  it('widenPunctuation converts ASCII marks in Chinese prose but not in numbers', () => {
    expect(widenPunctuation('今年以来,无锡公安')).toBe('今年以来，无锡公安');
    expect(widenPunctuation('共1,000元,增长3.5%')).toBe('共1,000元，增长3.5%');
    expect(widenPunctuation('上门"精"劝')).toBe('上门“精”劝');
  });

  it('normalises full-width ASCII and keeps Chinese punctuation', () => {
    const a = cleanArticle('诈骗团伙使用ＶＯＩＰ设备拨打电话，共计１２３次。');
    expect(a.text).toBe('诈骗团伙使用VOIP设备拨打电话，共计123次。');
  });

  it('reads Markdown articles and Windows line endings', () => {
    const a = cleanArticle(
      '\uFEFF# 警惕冒充客服诈骗\r\n\r\n近日，**市民**接到自称客服的电话，要求其转账。民警提醒：不要转账。\r\n',
    );
    expect(a.derivedTitle).toBe('警惕冒充客服诈骗');
    expect(a.text).toBe('近日，市民接到自称客服的电话，要求其转账。民警提醒：不要转账。');
  });

  it('an article of only noise has no paragraphs', () => {
    expect(cleanArticle('\n(資料圖片僅供參考)\n通讯员 张三 摄\n').paragraphs).toEqual([]);
  });
});
