// A TCP proxy between a test server and its database, which a test can cut and restore: the closest a
// test gets to a database restart or a network failure without touching the database the rest of the
// run shares. `cut()` closes every proxied connection and refuses new ones; `restore()` listens again.
import { createConnection, createServer, type Server, type Socket } from "node:net";
import { freePort } from "../harness";

export interface TcpProxy {
  port: number;
  /** The database URL with its host and port pointing at the proxy. */
  url: string;
  cut(): Promise<void>;
  /** Stops forwarding bytes on every open connection without closing any: a black-holed network. */
  freeze(): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(databaseUrl: string): Promise<TcpProxy> {
  const target = new URL(databaseUrl);
  const port = await freePort();
  const sockets = new Set<Socket>();
  const pipes: [Socket, Socket][] = [];
  let server: Server | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const srv = createServer((client) => {
        const upstream = createConnection({ host: target.hostname, port: Number(target.port || 5432) });
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => {});
        }
        client.pipe(upstream);
        upstream.pipe(client);
        pipes.push([client, upstream]);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => resolve());
      server = srv;
    });

  const cut = async () => {
    const srv = server;
    server = undefined;
    for (const s of sockets) s.destroy();
    sockets.clear();
    pipes.length = 0;
    if (srv) await new Promise<void>((resolve) => srv.close(() => resolve()));
  };

  const freeze = () => {
    for (const [client, upstream] of pipes.splice(0)) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  };

  await listen();
  const url = new URL(databaseUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return { port, url: url.toString(), cut, freeze, restore: listen, close: cut };
}
