import type { ServerResponse } from 'node:http';
import type { Context } from 'hono';

/** Node's outgoing response behind the context, when the app runs on `@hono/node-server`. */
function nodeResponse(c: Context): ServerResponse | undefined {
  return (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
}

/**
 * Sets a response header that does not depend on how the handler answers (request id, CORS, `Location`).
 *
 * On Node it goes straight onto the outgoing response: a header set through the context makes Hono build
 * a Fetch-API `Headers` object for the response (validating every name and value) and the adapter convert
 * it back for Node, which costs more per request than the API's own work on its fastest routes. Node
 * applies the headers a handler's response carries over these (`writeHead` wins), so an error answer
 * still replaces what it must. Elsewhere (tests through `app.request`) it falls back to the context.
 */
export function setResponseHeader(c: Context, name: string, value: string): void {
  const outgoing = nodeResponse(c);
  if (outgoing) outgoing.setHeader(name, value);
  else c.header(name, value);
}

/** {@link setResponseHeader} for a fixed set of headers. */
export function setResponseHeaders(c: Context, headers: Readonly<Record<string, string>>): void {
  for (const name in headers) setResponseHeader(c, name, headers[name]);
}
