import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the mock does with the next chat request. */
export type MockBehaviour =
  | { kind: 'reply'; content: string }
  | { kind: 'delay'; ms: number; content: string }
  | { kind: 'status'; status: number };

/** A local OpenAI-compatible chat completions server for tests. */
export async function startMockOpenAI(): Promise<{
  baseURL: string;
  requests: { body: any; auth?: string }[];
  behave: (b: MockBehaviour) => void;
  close: () => Promise<void>;
}> {
  let behaviour: MockBehaviour = { kind: 'reply', content: 'ok [1]' };
  const requests: { body: any; auth?: string }[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const body = data ? JSON.parse(data) : {};
      requests.push({ body, auth: req.headers.authorization });
      const reply = (content: string) => {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify({
            id: 'chatcmpl-test',
            object: 'chat.completion',
            created: 0,
            model: body.model,
            choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      };
      const b = behaviour;
      if (b.kind === 'reply') reply(b.content);
      else if (b.kind === 'delay') {
        const t = setTimeout(() => reply(b.content), b.ms);
        res.on('close', () => clearTimeout(t));
      } else {
        res.statusCode = b.status;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ error: { message: 'mock failure', type: 'server_error' } }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    behave: (b) => (behaviour = b),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
