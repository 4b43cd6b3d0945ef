import { describe, expect, it } from 'vitest';
import { undoubleDocument, undoubleLine } from '../../src/corpus/dedouble.js';
import { seed } from '../helpers/seeds.js';

describe('undoubleLine', () => {
  it('repairs doubled runs from seed 000, punctuation and numbers included', () => {
    expect(undoubleLine('这代表了今年疫情防控期间这代表了今年疫情防控期间，，无锡公安累无锡公安累')).toBe(
      '这代表了今年疫情防控期间，无锡公安累',
    );
    expect(undoubleLine('成功劝防案件成功劝防案件17861786起起，，为群众为群众')).toBe('成功劝防案件1786起，为群众');
    expect(undoubleLine('71807180名名，，同比分别上升同比分别上升2222..88%%、、')).toBe('7180名，同比分别上升22.8%、');
  });

  it('keeps single stray spaces that the extractor printed once', () => {
    expect(undoubleLine('““战争孤儿战争孤儿””汇汇 22万多元快递万多元快递')).toBe('“战争孤儿”汇 2万多元快递');
  });

  it('returns null for normal text, even with legitimate repeats inside', () => {
    expect(undoubleLine('然而疫情来得突然，看看单位工作群里')).toBeNull();
    expect(undoubleLine('关于疫情的工作通知一条接着一条')).toBeNull();
    expect(undoubleLine('4362')).toBeNull();
  });
});

describe('undoubleDocument', () => {
  it('detects seed 000 as doubled and repairs it, keeping lines printed once', () => {
    const r = undoubleDocument(seed('000'));
    expect(r.doubled).toBe(true);
    expect(r.ratio).toBeGreaterThan(0.8);
    expect(r.text).toContain('这代表了今年疫情防控期间，无锡公安累');
    expect(r.text).toContain('成功劝防案件1786起');
    expect(r.text).toMatch(/^4362$/m);
    expect(r.text).toMatch(/^90000$/m);
  });

  it('leaves normal documents alone, including short lines that look doubled', () => {
    const doc = ['今天我们去公园看看花。', '哈哈', '他说：“谢谢谢谢！”', '通知一条接着一条地来了，大家都很忙。'].join(
      '\n',
    );
    const r = undoubleDocument(doc);
    expect(r.doubled).toBe(false);
    expect(r.text).toBe(doc);
    for (const name of ['001', '002', '003', '004']) expect(undoubleDocument(seed(name)).doubled).toBe(false);
  });
});
