/**
 * A small HTTP round-robin proxy for tests, standing in for nginx's `upstream` in front of several app
 * servers: each request (not each connection) goes to the next backend in turn, with the client's Host
 * header kept (as `proxy_set_header Host $host` does), so the app checks Origin against the proxy's
 * address. A backend that refuses the connection is skipped for that request (nginx's
 * `proxy_next_upstream error`); the proxy answers 502 only when every backend refused.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  base: string;
  /** requests answered by each backend, in the order of `backends` */
  served(): number[];
  close(): Promise<void>;
}

export async function startRoundRobinProxy(backends: string[]): Promise<RoundRobinProxy> {
  const targets = backends.map((b) => new URL(b));
  const counts = targets.map(() => 0);
  let next = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const start = next;
      next = (next + 1) % targets.length;
      forward(start, 0);

      function forward(index: number, tried: number): void {
        const target = targets[index % targets.length] as URL;
        const upstream = http.request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent: false },
          (answer) => {
            counts[index % targets.length] = (counts[index % targets.length] ?? 0) + 1;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', () => {
          if (tried + 1 < targets.length) forward(index + 1, tried + 1);
          else if (!res.headersSent) res.writeHead(502).end();
          else res.destroy();
        });
        upstream.end(body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    served: () => [...counts],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
