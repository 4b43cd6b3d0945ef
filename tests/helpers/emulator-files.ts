/**
 * Files for the Bot API emulator: telegram-test-api has no getFile and no file download,
 * which the bot needs for photos and uploaded articles. This registers both routes (before
 * the emulator's "unknown method" catch-all) serving files the test put in {@link FILES}.
 * Import it before starting an emulator.
 */
import { createRequire } from 'node:module';

type App = { all: (path: string, h: (req: any, res: any) => void) => void };
const routes = createRequire(import.meta.url)('telegram-test-api/lib/routes/index.js').routes as ((app: App) => void)[];

/** file_id → content, for files "sent" by emulated users. */
export const FILES = new Map<string, Buffer>();

let installed = false;
if (!installed) {
  installed = true;
  routes.unshift((app: App) => {
    app.all('/bot:token/getFile', (req, res) => {
      const id = String(req.body?.file_id ?? req.query?.file_id ?? '');
      const file = FILES.get(id);
      if (!file) {
        res.status(400).json({ ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
        return;
      }
      res.json({
        ok: true,
        result: { file_id: id, file_unique_id: id, file_size: file.length, file_path: `files/${id}` },
      });
    });
    app.all('/file/bot:token/files/:id', (req, res) => {
      const file = FILES.get(req.params.id);
      if (!file) res.status(404).end();
      else res.type('application/octet-stream').send(file);
    });
  });
}

/** Registers `content` under a new file id and returns the id. */
export function addFile(content: Buffer | string): string {
  const id = `f${FILES.size + 1}_${Math.random().toString(36).slice(2, 8)}`;
  FILES.set(id, Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'));
  return id;
}
