import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runTerminalChat } from '../../src/cli/terminal-chat.js';
import { loadConfig } from '../../src/config.js';
import { SEEDS_DIR } from '../helpers/seeds.js';
import { tmp } from '../helpers/tmp.js';

describe('terminal chat', () => {
  it('builds the index, answers each line and quits on /quit', async () => {
    const config = loadConfig({ SEEDS_DIR, DATA_DIR: tmp('fzzs-chat-') });
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d));
    const done = runTerminalChat(config, { input, output });
    input.write('什么是杀猪盘？\n');
    input.write('明天天气怎么样\n');
    input.write('/quit\n');
    await done;
    expect(text).toContain('index built');
    expect(text).toContain('以“杀猪盘”为手段');
    expect(text).toContain('这个问题不在我的范围内');
  });
});
