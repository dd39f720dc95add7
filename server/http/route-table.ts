/** What the API serves at one path. */
export interface RouteEntry {
  /** Methods registered at the path (HEAD with GET, as Hono answers it). */
  methods: ReadonlySet<string>;
  /** The `Allow` header for the path. */
  allow: string;
  /** Methods whose route declares bearer security: they need a caller before anything else is read. */
  secured: ReadonlySet<string>;
}

interface RouteLike {
  method: string;
  path: string;
}

/**
 * The API's paths and methods, derived from the routes registered with Hono and the security the OpenAPI
 * registry declares for them, so a request can be answered 404, 405 or 401 before its body is read.
 */
export class RouteTable {
  private readonly exact = new Map<string, RouteEntry>();
  private readonly patterns: { regex: RegExp; entry: RouteEntry }[] = [];

  /**
   * @param routes Hono's `app.routes` (middleware, registered for `ALL`, is left out).
   * @param secured Routes, in OpenAPI form (`/v1/cases/{id}`), that declare a security requirement.
   * @param prefix Only paths under it are API paths.
   */
  constructor(routes: readonly RouteLike[], secured: readonly RouteLike[], prefix = '/v1/') {
    const securedKeys = new Set(secured.map((r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ':$1')}`));
    const byPath = new Map<string, { methods: Set<string>; secured: Set<string> }>();
    for (const route of routes) {
      if (route.method === 'ALL' || !route.path.startsWith(prefix) || route.path.includes('*')) continue;
      const method = route.method.toUpperCase();
      const at = byPath.get(route.path) ?? { methods: new Set<string>(), secured: new Set<string>() };
      at.methods.add(method);
      if (method === 'GET') at.methods.add('HEAD');
      if (securedKeys.has(`${method} ${route.path}`)) {
        at.secured.add(method);
        if (method === 'GET') at.secured.add('HEAD');
      }
      byPath.set(route.path, at);
    }
    for (const [path, { methods, secured: securedMethods }] of byPath) {
      methods.add('OPTIONS');
      const entry: RouteEntry = { methods, allow: [...methods].join(', '), secured: securedMethods };
      if (!path.includes(':')) this.exact.set(path, entry);
      else this.patterns.push({ regex: pathPattern(path), entry });
    }
  }

  /** The entry for a request path, or undefined when the API has nothing there. */
  match(path: string): RouteEntry | undefined {
    const exact = this.exact.get(path);
    if (exact) return exact;
    for (const { regex, entry } of this.patterns) if (regex.test(path)) return entry;
    return undefined;
  }
}

/** A Hono path (`/v1/cases/:id`, `:id{[0-9]+}`) as an anchored regular expression. */
function pathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => {
      const param = /^:\w+(?:\{(.+)\})?$/.exec(segment);
      if (param) return param[1] ? `(?:${param[1]})` : '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}$`);
}
