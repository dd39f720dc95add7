/** The refresh-token grant, as any client could send it (to see the server's answer to an old or revoked token). */
export function refreshAtServer(apiBase: string, refreshToken: string, clientId = 'netscout-extension') {
  return fetch(`${apiBase}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', client_id: clientId, refresh_token: refreshToken }),
  });
}
