import * as oauth from 'oauth4webapi';

/** Cookies carried by hand between requests, as a browser would (name → value; no path scoping needed here). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  /** A request with the jar's cookies, redirects not followed; the answer's cookies are kept. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', this.header());
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.store(response);
    return response;
  }
}

export const insecure = { [oauth.allowInsecureRequests]: true } as const;

export interface FlowStart {
  as: oauth.AuthorizationServer;
  client: oauth.Client;
  redirectUri: string;
  verifier: string;
  state: string;
  jar: CookieJar;
  /** The sign-in page's URL. */
  signInUrl: URL;
}

/** Discovery, then the authorization request with PKCE, followed to the sign-in page. */
export async function startFlow(
  issuerUrl: string,
  clientId: string,
  redirectUri: string,
  extra: Record<string, string> = {},
): Promise<FlowStart> {
  const issuer = new URL(issuerUrl);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
  const client: oauth.Client = { client_id: clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const url = new URL(as.authorization_endpoint as string);
  const params = {
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid support',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const jar = new CookieJar();
  const response = await jar.fetch(url);
  const location = response.headers.get('location');
  if (response.status !== 303 || !location) {
    throw new Error(`authorization request answered ${response.status}: ${await response.text()}`);
  }
  return { as, client, redirectUri, verifier, state, jar, signInUrl: new URL(location, issuer) };
}

/** The CSRF field of a sign-in page. */
export function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF field on the page');
  return match[1];
}

/** Posts the sign-in form as a browser does (same-origin). */
export async function postSignIn(flow: FlowStart, email: string, password: string, csrf?: string): Promise<Response> {
  const token = csrf ?? csrfOf(await (await flow.jar.fetch(flow.signInUrl)).text());
  return flow.jar.fetch(flow.signInUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: flow.signInUrl.origin },
    body: new URLSearchParams({ csrf: token, email, password }),
  });
}

/** Signs in and follows the redirects to the client's redirect URI; returns the token response. */
export async function signIn(
  issuerUrl: string,
  clientId: string,
  redirectUri: string,
  email: string,
  password: string,
): Promise<{ flow: FlowStart; tokens: oauth.TokenEndpointResponse; callback: URL }> {
  const flow = await startFlow(issuerUrl, clientId, redirectUri);
  let response = await postSignIn(flow, email, password);
  let location = response.headers.get('location');
  for (let hops = 0; location && !location.startsWith(redirectUri) && hops < 5; hops++) {
    response = await flow.jar.fetch(new URL(location, issuerUrl));
    location = response.headers.get('location');
  }
  if (!location?.startsWith(redirectUri)) throw new Error(`no redirect to the client: ${response.status}`);
  const callback = new URL(location);
  const params = oauth.validateAuthResponse(flow.as, flow.client, callback, flow.state);
  const answer = await oauth.authorizationCodeGrantRequest(
    flow.as,
    flow.client,
    oauth.None(),
    params,
    redirectUri,
    flow.verifier,
    insecure,
  );
  const tokens = await oauth.processAuthorizationCodeResponse(flow.as, flow.client, answer);
  return { flow, tokens, callback };
}
