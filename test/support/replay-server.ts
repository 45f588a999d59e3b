/**
 * A real HTTP server on 127.0.0.1 (random port) that replays recorded or reference-built responses, for
 * driving the real SDKs and HTTP clients (no mocking of SDK internals). Each route is matched on method
 * and path (and optionally query); a route may answer a sequence of responses (e.g. 429 then 200), hang
 * (never answer, for timeouts) or cut a body short. Every request is recorded for assertions.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReplayResponse {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Object → JSON; string → as is. */
  readonly body?: unknown;
  /** Never answer (the client's timeout must fire). */
  readonly hang?: boolean;
  /** Send only this many bytes of the body, then close the connection. */
  readonly truncateAt?: number;
  /** A body that never ends: `{"skus":[` then the same chunk for as long as the client reads (issue 12). */
  readonly endless?: boolean;
}

export interface ReplayRoute {
  readonly method?: string;
  /** Exact path, or a predicate over the parsed URL. */
  readonly path: string | ((url: URL) => boolean);
  /** One response, or a sequence answered in order (the last one repeats). */
  readonly respond: ReplayResponse | readonly ReplayResponse[] | ((url: URL, req: IncomingMessage, body: string) => ReplayResponse);
}

export interface RecordedRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface ReplayServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startReplayServer(routes: readonly ReplayRoute[]): Promise<ReplayServer> {
  const requests: RecordedRequest[] = [];
  const counters = new Map<number, number>();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      requests.push({ method: req.method ?? "GET", url, headers: req.headers, body });
      const i = routes.findIndex((r) => (r.method ?? "GET") === req.method && (typeof r.path === "string" ? r.path === url.pathname : r.path(url)));
      const route = routes[i];
      if (!route) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: 404, message: `no replay route for ${req.method} ${url.pathname}` } }));
        return;
      }
      let r: ReplayResponse;
      if (typeof route.respond === "function") r = route.respond(url, req, body);
      else if (Array.isArray(route.respond)) {
        const n = counters.get(i) ?? 0;
        counters.set(i, n + 1);
        r = (route.respond as readonly ReplayResponse[])[Math.min(n, (route.respond as readonly ReplayResponse[]).length - 1)] as ReplayResponse;
      } else r = route.respond as ReplayResponse;
      if (r.hang) {
        hanging.add(res);
        return;
      }
      if (r.endless) {
        res.writeHead(r.status ?? 200, { "content-type": "application/json", ...(r.headers ?? {}) });
        hanging.add(res);
        const chunk = Buffer.from(`${JSON.stringify({ name: "x", description: "never-ending" }).repeat(1024)},`);
        res.write('{"skus":[');
        const pump = (): void => {
          while (!res.destroyed && res.write(chunk)) {
            /* until the socket buffer is full */
          }
          if (!res.destroyed) res.once("drain", pump);
        };
        res.on("close", () => hanging.delete(res));
        pump();
        return;
      }
      const text = r.body === undefined ? "" : typeof r.body === "string" ? r.body : JSON.stringify(r.body);
      res.writeHead(r.status ?? 200, { "content-type": "application/json", ...(r.headers ?? {}) });
      if (r.truncateAt !== undefined) {
        res.write(text.slice(0, r.truncateAt));
        res.destroy();
        return;
      }
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
