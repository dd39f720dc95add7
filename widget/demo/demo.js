// Demo pages only (no inline script, so the pages run under their strict CSP). The widget needs a bearer
// token: a real service page has its own session; here it comes from `?token=` (or the form below),
// printed by `npm start`, and is kept for the tab in sessionStorage. `?lang=fr` switches the widget's
// language.
const params = new URLSearchParams(location.search);
const fromUrl = params.get('token');
if (fromUrl) sessionStorage.setItem('netscout-demo-token', fromUrl);
const token = fromUrl ?? sessionStorage.getItem('netscout-demo-token');
const lang = params.get('lang');

for (const widget of document.querySelectorAll('netscout-support')) {
  if (token) widget.setAttribute('token', token);
  if (lang) widget.setAttribute('locale', lang);
}

const form = document.querySelector('#demo-session');
if (form) {
  const input = form.querySelector('input');
  if (token) input.value = token;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('token', input.value.trim());
    location.assign(url);
  });
}
