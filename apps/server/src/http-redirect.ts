import { createServer, type Server } from "node:http";

/** The plain-HTTP listener does one thing: send the browser to the same path over HTTPS. */
export function startHttpRedirect(port: number, host: string, publicUrl: string): Promise<Server> {
  const target = new URL(publicUrl);
  const server = createServer((request, response) => {
    const location = new URL(request.url ?? "/", target).toString();
    response.writeHead(301, { location, "content-type": "text/plain; charset=utf-8" });
    response.end(`Moved to ${location}\n`);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
