/**
 * A TCP proxy between the app and PostgreSQL that cuts connections on purpose (issue 15 item 4's drills):
 * - `cutBeforeStatement(pattern)`: the next client message whose SQL matches is not sent; both sides are closed;
 * - `cutDuringStatement(pattern)`: the statement is sent, and the connection cut before any answer comes back;
 * - `cutAfterCommit(pattern)`: on a connection that sent a matching statement, the next COMMIT reaches the server
 *   and commits; its answer is dropped and the connection cut — the app cannot know the change was saved;
 * - `down()` / `up()`: every connection is cut and new ones are refused until `up()` (a server restart, as seen
 *   from the app).
 * Matching looks at each chunk the client writes (simple Query and extended-protocol Parse messages carry the SQL
 * text in the clear); on localhost a small message arrives in one chunk.
 */
import net from 'node:net';

type Fault =
  | { kind: 'before'; pattern: RegExp }
  | { kind: 'during'; pattern: RegExp }
  | { kind: 'after-commit'; pattern: RegExp };

export interface FaultProxy {
  /** a connection URL like `url`, through the proxy */
  url: string;
  cutBeforeStatement(pattern: RegExp): void;
  cutDuringStatement(pattern: RegExp): void;
  cutAfterCommit(pattern: RegExp): void;
  /** true once the armed fault has fired */
  fired(): boolean;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

/** A simple Query message that is exactly COMMIT: type 'Q', a 4-byte length, the text, NUL. */
function isCommit(chunk: Buffer): boolean {
  if (chunk[0] !== 0x51 || chunk.length < 6) return false;
  const text = chunk.subarray(5, chunk.indexOf(0, 5)).toString('latin1').trim().replace(/;$/, '');
  return text.toLowerCase() === 'commit';
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
  let fault: Fault | null = null;
  let firedOnce = false;
  let isDown = false;

  const server = net.createServer((client) => {
    if (isDown) {
      client.destroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const pair = { client, server: upstream };
    pairs.add(pair);
    let armedCommit = false;
    let dropAnswers = false;
    const cut = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      const f = fault;
      if (f && !firedOnce) {
        if (f.kind === 'before' && f.pattern.test(text)) {
          firedOnce = true;
          cut();
          return;
        }
        if (f.kind === 'during' && f.pattern.test(text)) {
          firedOnce = true;
          dropAnswers = true;
          upstream.write(chunk, () => setTimeout(cut, 50));
          return;
        }
        if (f.kind === 'after-commit') {
          if (f.pattern.test(text)) armedCommit = true;
          else if (armedCommit && isCommit(chunk)) {
            firedOnce = true;
            dropAnswers = true;
            upstream.write(chunk);
            // the server's answer to COMMIT means it committed: drop it and cut
            upstream.once('data', () => cut());
            return;
          }
        }
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!dropAnswers) client.write(chunk);
    });
    client.on('error', cut);
    upstream.on('error', cut);
    client.on('close', cut);
    upstream.on('close', cut);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);

  const arm = (f: Fault) => {
    fault = f;
    firedOnce = false;
  };
  return {
    url: url.toString(),
    cutBeforeStatement: (pattern) => arm({ kind: 'before', pattern }),
    cutDuringStatement: (pattern) => arm({ kind: 'during', pattern }),
    cutAfterCommit: (pattern) => arm({ kind: 'after-commit', pattern }),
    fired: () => firedOnce,
    down() {
      isDown = true;
      for (const p of [...pairs]) {
        p.client.destroy();
        p.server.destroy();
      }
      pairs.clear();
    },
    up() {
      isDown = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of pairs) {
          p.client.destroy();
          p.server.destroy();
        }
        server.close(() => resolve());
      }),
  };
}
