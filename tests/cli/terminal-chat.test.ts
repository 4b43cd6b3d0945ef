import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseChatLine, runTerminalChat, typesList } from '../../src/cli/terminal-chat.js';
import { loadConfig } from '../../src/config.js';
import { texts } from '../../src/i18n/strings.js';
import { SCAM_TYPES } from '../../src/knowledge/scam-types.js';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { tmp } from '../helpers/tmp.js';

describe('terminal chat commands', () => {
  it('tells commands from questions', () => {
    expect(parseChatLine('/types')).toEqual({ kind: 'types' });
    expect(parseChatLine(' /TIPS ')).toEqual({ kind: 'tips' });
    expect(parseChatLine('/help')).toEqual({ kind: 'help' });
    expect(parseChatLine('/exit')).toEqual({ kind: 'quit' });
    expect(parseChatLine('/roll')).toEqual({ kind: 'unknown-command' });
    expect(parseChatLine('/usr/bin 是什么')).toEqual({ kind: 'question', text: '/usr/bin 是什么' });
    expect(parseChatLine('什么是杀猪盘？')).toEqual({ kind: 'question', text: '什么是杀猪盘？' });
    expect(parseChatLine('   ')).toEqual({ kind: 'empty' });
  });

  it('lists every scam type with the question to ask', () => {
    const list = typesList('zh-Hans');
    for (const t of SCAM_TYPES) expect(list).toContain(`${t.name} — ${t.exampleQuestion}`);
    expect(typesList('en')).toContain(SCAM_TYPES[0].nameEn);
  });

  it('handles /help, /types and /tips as commands, not questions', async () => {
    const config = loadConfig({ SEEDS_DIR, DATA_DIR: join(tmp('fzzs-chat-'), 'index') });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d));
    const done = runTerminalChat(config, { input, output });
    input.end('/help\n/types\n/tips\n/quit\n明天天气怎么样\n');
    await done;
    const t = texts('zh-Hans');
    expect(text).toContain(t.terminalHelp);
    expect(text).toContain(typesList('zh-Hans'));
    // /tips is answered from the articles (cited), not declined as an off-topic "question";
    // the off-topic line after /quit is never answered.
    const afterTypes = text.slice(text.indexOf(typesList('zh-Hans')) + typesList('zh-Hans').length);
    expect(afterTypes).toMatch(/\[1\]/);
    expect(afterTypes).not.toContain('不在我的范围内');
  });
});
