// Demo pages only (no inline script, so the pages run under their strict CSP).
//
// A real service homepage or partner portal has its own signed-in user; its backend exchanges that session for a
// short-lived support token (the JWT bearer grant: README, "Signing in") and the widget asks for it through its
// `tokenProvider`. Here the demo backend does that exchange (`POST /demo/<page>/support-token`) for the demo user
// this tab is "signed in" as, chosen in the form at the bottom of the page. `?token=` (a personal API token printed
// by `npm start`) still works, for scripts and benchmarks; `?lang=fr` switches the widget's language.
const page = location.pathname.split('/')[2] ?? '';
const params = new URLSearchParams(location.search);
const personalToken = params.get('token');
const form = document.querySelector('#demo-session');
const select = form?.querySelector('select');
const chosen = params.get('as') ?? sessionStorage.getItem(`netscout-demo-user-${page}`);
if (select && chosen && [...select.options].some((o) => o.value === chosen)) select.value = chosen;
const demoUser = select?.value ?? '';
const lang = params.get('lang');

let cached; // { token, until }
let pending;
/** A support token for this tab's demo user, fetched again a minute before it expires. */
function supportToken() {
  if (cached && Date.now() < cached.until) return Promise.resolve(cached.token);
  pending ??= fetch(`/demo/${encodeURIComponent(page)}/support-token?as=${encodeURIComponent(demoUser)}`, {
    method: 'POST',
  })
    .then(async (response) => {
      const answer = await response.json();
      if (!response.ok) throw new Error(answer.error_description ?? `demo sign-in failed: HTTP ${response.status}`);
      cached = { token: answer.access_token, until: Date.now() + Math.max(0, answer.expires_in - 60) * 1000 };
      return cached.token;
    })
    .finally(() => {
      pending = undefined;
    });
  return pending;
}

for (const widget of document.querySelectorAll('netscout-support')) {
  if (personalToken) widget.setAttribute('token', personalToken);
  else if (demoUser) widget.tokenProvider = supportToken;
  if (lang) widget.setAttribute('locale', lang);
}

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  sessionStorage.setItem(`netscout-demo-user-${page}`, select.value);
  const url = new URL(location.href);
  url.searchParams.delete('token');
  url.searchParams.set('as', select.value);
  location.assign(url);
});
