/**
 * The console's two static files, served by the node itself (no CDN, nothing fetched from elsewhere). They are
 * small enough to live in the source; the pages link them, since the content security policy allows no inline
 * script or style.
 */

export const CONSOLE_CSS = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; --accent: #1d5f8a; --alert: #8a1d1d; --ok: #1d6b35; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; top: 0; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
header { display: flex; flex-wrap: wrap; gap: 4px 24px; align-items: center; padding: 12px 24px; border-bottom: 1px solid var(--line); background: #f4f6f8; }
header p { margin: 0; }
.brand a { font-weight: 700; text-decoration: none; color: var(--ink); }
.node, .account { color: var(--muted); }
.languages { display: flex; gap: 12px; list-style: none; margin: 0; padding: 0; }
.sign-out { margin-left: auto; }
main { padding: 16px 24px 48px; max-width: 1100px; }
h1 { font-size: 1.6rem; margin: 8px 0 16px; }
h2 { font-size: 1.25rem; margin: 28px 0 8px; }
table { border-collapse: collapse; margin: 8px 0 16px; min-width: 50%; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
details { margin: 8px 0; }
summary { cursor: pointer; font-weight: 600; }
.count, .hint { color: var(--muted); font-weight: 400; }
.tag { font-size: 0.8rem; color: var(--alert); }
tr.small td { background: #fff6e5; }
.notice { padding: 8px 12px; border-left: 4px solid var(--ok); background: #eef7f0; }
.error { padding: 8px 12px; border-left: 4px solid var(--alert); background: #fbeeee; }
.legend { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; }
.legend dt { font-weight: 700; }
.legend dd { margin: 0; }
button { font: inherit; padding: 6px 14px; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 3px; cursor: pointer; }
a.button { display: inline-block; font-weight: 600; padding: 8px 16px; background: var(--accent); color: #fff; border-radius: 3px; text-decoration: none; }
button[disabled] { opacity: 0.6; cursor: progress; }
.sign-out button { background: #fff; color: var(--accent); }
button.danger { background: var(--alert); border-color: var(--alert); margin-right: 16px; }
input { font: inherit; padding: 4px 6px; }
.state-receipted { color: var(--ok); font-weight: 600; }
.state-rejected { color: var(--alert); font-weight: 600; }
code { background: #f0f0f0; padding: 0 4px; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
fieldset { border: 1px solid var(--line); padding: 8px 16px 12px; margin: 0 0 8px; }
legend { font-weight: 600; padding: 0 4px; }
.filters fieldset { display: flex; flex-wrap: wrap; gap: 8px 20px; }
.field { display: flex; flex-direction: column; gap: 2px; margin: 6px 0; }
.field.checkbox { flex-direction: row; flex-wrap: wrap; align-items: center; gap: 8px; }
.field label { font-weight: 600; }
.field .hint { font-size: 0.875rem; }
select { font: inherit; padding: 4px 6px; max-width: 22rem; }
.field input:not([type=checkbox]) { max-width: 22rem; }
.field.invalid input, .field.invalid select { border: 2px solid var(--alert); }
.field-error { color: var(--alert); font-weight: 600; flex-basis: 100%; }
.paging { display: flex; gap: 20px; align-items: center; margin: 8px 0; }
.scroll { overflow-x: auto; max-width: 100%; }
.scroll table { font-size: 0.9rem; }
.facts, .identity { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
.facts dt, .identity dt { font-weight: 600; }
.facts dd, .identity dd { margin: 0; }
.identity { border: 2px solid #f2a900; background: #fffaf0; padding: 12px; }
.case-form > fieldset { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 4px 24px; }
.case-form > fieldset > legend, .case-form > fieldset > p.hint, .case-form .field.checkbox { grid-column: 1 / -1; }
.choices { border: 0; padding: 0; margin: 6px 0; }
.choices legend { font-weight: 600; padding: 0; }
.choice { display: flex; gap: 6px; align-items: center; font-weight: 400; }
.choice label { font-weight: 400; }
.field.invalid.choices { border-left: 4px solid var(--alert); padding-left: 8px; }
progress { width: 100%; max-width: 40rem; height: 1.25rem; }
textarea { font: inherit; padding: 4px 6px; max-width: 22rem; }
.field.invalid textarea { border: 2px solid var(--alert); }
`;

/**
 * Progressive enhancement only; every page works without it. (1) A form marked `data-once` disables its button when
 * sent, so a double-click sends it once (the server refuses a second send of the same form anyway). (2) An
 * element marked `data-live=true` (a delivery table, an import's progress) is fetched again from its `data-source`
 * every `data-interval` milliseconds (1.5 s by default) and replaced by what the server renders, until the server's
 * answer is no longer live.
 */
export const CONSOLE_JS = `'use strict';
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-once')) return;
  if (form.dataset.sent === 'true') { event.preventDefault(); return; }
  form.dataset.sent = 'true';
  var buttons = form.querySelectorAll('button[type=submit]');
  for (var index = 0; index < buttons.length; index += 1) buttons[index].disabled = true;
});
function follow(id) {
  var element = document.getElementById(id);
  if (!element || element.getAttribute('data-live') !== 'true') return;
  var source = element.getAttribute('data-source');
  if (!source) return;
  var interval = Number(element.getAttribute('data-interval')) || 1500;
  setTimeout(function () {
    fetch(source, { credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (markup) {
        var holder = document.createElement('div');
        holder.innerHTML = markup;
        var next = holder.firstElementChild;
        var current = document.getElementById(id);
        if (next && current) current.replaceWith(next);
        follow(id);
      })
      .catch(function () { setTimeout(function () { follow(id); }, 5000); });
  }, interval);
}
var followed = document.querySelectorAll('[data-live=true][data-source][id]');
for (var index = 0; index < followed.length; index += 1) follow(followed[index].id);
`;
