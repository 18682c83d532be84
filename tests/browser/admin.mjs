// admin.mjs: the decision-maker dashboards as a person signs in to them, in
// headless Chromium.
//
//   node tests/browser/admin.mjs ADMIN.json
//
// ADMIN.json (written by admin_test.go): {base, axe_tags, admin, director,
// password, downloads}. Prints one JSON report on stdout like site.mjs:
//   {browser, visits, checks, failures: [{page, lang, url, check, detail}], notes, seconds,
//    pngs: [{kind, lang, chart, file, suggested}]}
// pngs are the charts' PNGs it downloaded (saved under downloads), which
// admin_test.go decodes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const started = Date.now();
const ex = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = new URL(ex.base);
const report = { browser: '', visits: 0, checks: 0, failures: [], notes: [], seconds: 0, pngs: [] };
const log = (...a) => process.stderr.write(a.join(' ') + '\n');

function checker(page, lang, url) {
  return (ok, check, detail) => {
    report.checks++;
    if (!ok) report.failures.push({ page, lang, url, check, detail: String(detail ?? '') });
    return ok;
  };
}

async function tab(browser, opts) {
  const context = await browser.newContext({ locale: 'ro-RO', ...opts });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  });
  const page = await context.newPage();
  const state = { console: [], foreign: [], allowStatus: false };
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // The browser logs the error status of a page we meant to get (401 on a wrong password).
    if (/^Failed to load resource/.test(text) && state.allowStatus) return;
    if (/favicon\.ico/.test((m.location() || {}).url || '')) return;
    state.console.push(text);
  });
  page.on('pageerror', (e) => state.console.push('uncaught: ' + e.message));
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (!['data:', 'blob:', 'about:'].includes(u.protocol) && u.host !== base.host) state.foreign.push(r.url());
  });
  return { context, page, state };
}

// examine checks what every dashboards page owes: language, one h1, axe,
// no inline script, no console error or CSP violation, no other host.
async function examine(t, check, lang) {
  const d = await t.page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    h1: document.querySelectorAll('h1').length,
    inline: Array.from(document.querySelectorAll('script:not([src])')).filter((s) => s.type !== 'application/json').length,
    kpis: Array.from(document.querySelectorAll('data[data-kpi]')).map((e) => ({ name: e.dataset.kpi, value: e.getAttribute('value'), text: e.textContent })),
  }));
  check(d.lang === lang, 'html[lang]', `lang="${d.lang}"`);
  check(d.h1 === 1, 'one h1', `${d.h1} h1`);
  check(d.inline === 0, 'no inline script', `${d.inline}`);
  if (!(await t.page.evaluate(() => typeof window.axe !== 'undefined'))) await t.page.evaluate(axeSource);
  const violations = await t.page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}; ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' ; ')}`);
  }, ex.axe_tags);
  for (const v of violations) check(false, 'axe', v);
  const csp = await t.page.evaluate(() => window.__csp);
  check(t.state.console.length === 0, 'console errors', t.state.console.join(' | '));
  check(csp.length === 0, 'CSP violations', csp.join(' | '));
  check(t.state.foreign.length === 0, 'requests to other hosts', t.state.foreign.join(' | '));
  t.state.console = []; t.state.foreign = [];
  return d;
}

async function go(t, path, allowStatus = false) {
  t.state.allowStatus = allowStatus;
  report.visits++;
  return t.page.goto(new URL(path, base).href, { waitUntil: 'load', timeout: 30000 });
}

async function submit(t, allowStatus = false) {
  t.state.allowStatus = allowStatus;
  report.visits++;
  const [resp] = await Promise.all([t.page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }),
    t.page.locator('main button[type=submit]').first().click()]);
  return resp;
}

// pngOf clicks the first "Descarcă PNG" button matching selector and saves
// the download for admin_test.go.
async function pngOf(t, check, kind, lang, selector) {
  const button = t.page.locator(selector).first();
  const label = (await button.textContent().catch(() => '')) || '';
  check(/^(Descarcă PNG|Download PNG): ./.test(label.trim()), 'PNG button label', label);
  const chart = await button.getAttribute('data-png');
  const [dl] = await Promise.all([t.page.waitForEvent('download', { timeout: 30000 }), button.click()]);
  const file = `${ex.downloads}/${kind}-${lang}.png`;
  await dl.saveAs(file);
  report.pngs.push({ kind, lang, chart, file, suggested: dl.suggestedFilename() });
  check((await dl.failure()) === null, 'PNG downloaded', await dl.failure());
}

async function signIn(t, check, lang, name, password, wantOK) {
  const prefix = lang === 'en' ? '/en' : '';
  const resp = await go(t, prefix + '/admin');
  const u = new URL(t.page.url());
  check(resp.status() === 200 && u.pathname === prefix + '/admin/intrare' && u.searchParams.get('next') === prefix + '/admin',
    'no session: the sign-in form', `${resp.status()} at ${u.pathname}${u.search}`);
  await t.page.fill('#nume', name);
  await t.page.fill('#parola', password);
  return submit(t, !wantOK);
}

async function scenario(browser, lang) {
  const desk = await tab(browser, { viewport: { width: 1280, height: 900 } });
  const phone = await tab(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
  const prefix = lang === 'en' ? '/en' : '';

  // The sign-in form, on a desk and on a phone.
  let check = checker('sign-in', lang, prefix + '/admin/intrare');
  await go(desk, prefix + '/admin/intrare');
  await examine(desk, check, lang);
  await go(phone, prefix + '/admin/intrare');
  const w = await phone.page.evaluate(() => document.scrollingElement.scrollWidth);
  check(w <= 360, '360 px no horizontal scroll', `scrollWidth ${w}`);
  await examine(phone, check, lang);

  // A wrong password: the form again, saying so.
  check = checker('sign-in wrong password', lang, prefix + '/admin/intrare');
  let resp = await signIn(desk, check, lang, ex.admin, 'nu-este-parola-bună');
  check(resp.status() === 401, 'status', resp.status());
  const alert = await desk.page.locator('[role=alert]').textContent().catch(() => '');
  check(/nu sunt corecte|is not right/.test(alert), 'error message', alert);
  await examine(desk, check, lang);

  // The director signs in and sees the first screen on a phone too.
  check = checker('first screen', lang, prefix + '/admin');
  resp = await signIn(phone, check, lang, ex.director, ex.password, true);
  check(resp.status() === 200 && new URL(phone.page.url()).pathname === prefix + '/admin', 'signed in', `${resp.status()} ${phone.page.url()}`);
  const d = await examine(phone, check, lang);
  check(d.kpis.length >= 10 && d.kpis.every((k) => k.value !== null && k.text.trim() !== ''), 'headline numbers', JSON.stringify(d.kpis.slice(0, 3)));
  const pw = await phone.page.evaluate(() => document.scrollingElement.scrollWidth);
  check(pw <= 360, '360 px no horizontal scroll', `scrollWidth ${pw}`);
  // A card leads to the public rows.
  const href = await phone.page.locator('dd.rows a').first().getAttribute('href');
  resp = await go(phone, href);
  check(resp.status() === 200, 'card link', `${resp.status()} at ${href}`);

  // An alert of the first screen leads to its rows: the drill-down page,
  // with as many rows as the alert says, on a phone.
  await go(phone, prefix + '/admin');
  const item = phone.page.locator('li[data-alert] a[href*="/admin/"]').first();
  const want = await phone.page.locator('li[data-alert]:has(a[href*="/admin/"])').first().getAttribute('data-alert-count');
  const rowsHref = await item.getAttribute('href');
  const rc = checker('drill-down', lang, rowsHref);
  resp = await go(phone, rowsHref);
  rc(resp.status() === 200, 'status', resp.status());
  await examine(phone, rc, lang);
  const total = await phone.page.locator('[data-rows-total]').first().getAttribute('data-rows-total');
  rc(total === want, 'rows behind the alert', `alert ${want}, page ${total}`);
  const rw = await phone.page.evaluate(() => document.scrollingElement.scrollWidth);
  rc(rw <= 360, '360 px no horizontal scroll', `scrollWidth ${rw}`);

  // The director's monthly report on a phone: readable at 360 px.
  await go(phone, prefix + '/admin');
  const phoneReport = await phone.page.locator('a[data-report-link]').getAttribute('href');
  const prc = checker('monthly report (phone)', lang, phoneReport);
  resp = await go(phone, phoneReport);
  prc(resp.status() === 200, 'status', resp.status());
  await examine(phone, prc, lang);
  const prw = await phone.page.evaluate(() => document.scrollingElement.scrollWidth);
  prc(prw <= 360, '360 px no horizontal scroll', `scrollWidth ${prw}`);

  // The procurement signals of the director's institution, on a phone: each
  // signal labelled as one to check, with its flagged rows, readable at 360 px.
  const sigPath = prefix + '/admin/achizitii';
  const sc = checker('procurement signals (phone)', lang, sigPath);
  resp = await go(phone, sigPath);
  sc(resp.status() === 200, 'status', resp.status());
  const sd = await examine(phone, sc, lang);
  const sections = await phone.page.locator('section[data-signal]').count();
  sc(sections === 6, 'six signals', `${sections} sections`);
  const label = await phone.page.locator('section[data-signal] .signal-label').first().textContent();
  sc(/nu o concluzie|not a conclusion/.test(label), 'labelled a signal to check', label);
  sc(sd.kpis.length >= 9 && sd.kpis.every((k) => k.text.trim() !== ''), 'signal figures', JSON.stringify(sd.kpis.slice(0, 3)));
  const flaggedRows = await phone.page.locator('#randuri tr[data-row]').count();
  sc(flaggedRows > 0, 'flagged rows', `${flaggedRows} rows`);
  const sw = await phone.page.evaluate(() => document.scrollingElement.scrollWidth);
  sc(sw <= 360, '360 px no horizontal scroll', `scrollWidth ${sw}`);
  // One signal's rows, from its section's link.
  const oneHref = await phone.page.locator('section[data-signal=sub-prag] a[href*="semnal=sub-prag"]').first().getAttribute('href');
  const oc = checker('procurement signal rows (phone)', lang, oneHref);
  resp = await go(phone, oneHref);
  oc(resp.status() === 200, 'status', resp.status());
  await examine(phone, oc, lang);
  const oneTotal = await phone.page.locator('[data-rows-total]').first().getAttribute('data-rows-total');
  const oneFlagged = await phone.page.locator('section[data-signal=sub-prag]').getAttribute('data-flagged');
  oc(oneTotal === oneFlagged && Number(oneTotal) > 0, 'the section\'s rows', `section ${oneFlagged}, rows ${oneTotal}`);

  // The admin: first screen, accounts, audit log, sign-out.
  resp = await signIn(desk, check, lang, ex.admin, ex.password, true);
  check(resp.status() === 200, 'admin signed in', resp.status());
  const home = await examine(desk, check, lang);

  // A sparkline's PNG: through the server, so into the audit log; the
  // page stays where it was.
  const png = checker('chart PNG', lang, prefix + '/admin');
  await pngOf(desk, png, 'admin', lang, 'dd.spark button.png');
  png(new URL(desk.page.url()).pathname === prefix + '/admin', 'still on the first screen', desk.page.url());
  await examine(desk, png, lang);
  // A chart of the public site: saved from the page.
  const pub = checker('public chart PNG', lang, prefix + '/buget');
  resp = await go(desk, prefix + '/buget');
  pub(resp.status() === 200, 'status', resp.status());
  await pngOf(desk, pub, 'public', lang, 'figure.chart button.png');
  await examine(desk, pub, lang);
  await go(desk, prefix + '/admin');

  // The monthly management report, from the first screen's link: its KPI
  // values are the first screen's; printed, no navigation and no forms.
  const reportHref = await desk.page.locator('a[data-report-link]').getAttribute('href');
  const rep = checker('monthly report', lang, reportHref);
  resp = await go(desk, reportHref);
  rep(resp.status() === 200, 'status', resp.status());
  const r = await examine(desk, rep, lang);
  const homeValues = new Map(home.kpis.map((k) => [k.name, k.value]));
  const inReport = r.kpis.filter((k) => homeValues.has(k.name));
  rep(inReport.length >= 5 && inReport.every((k) => homeValues.get(k.name) === k.value), 'KPI values as on the first screen', JSON.stringify(inReport.slice(0, 3)));
  await desk.page.emulateMedia({ media: 'print' });
  const printed = await desk.page.evaluate(() => ({
    nav: getComputedStyle(document.querySelector('.site-header nav')).display,
    forms: Array.from(document.querySelectorAll('form')).map((f) => getComputedStyle(f).display),
    rows: Array.from(document.querySelectorAll('table.report-kpis tbody tr')).map((tr) => getComputedStyle(tr).breakInside),
  }));
  rep(printed.nav === 'none', 'print: navigation hidden', printed.nav);
  rep(printed.forms.length > 0 && printed.forms.every((d) => d === 'none'), 'print: forms hidden', printed.forms.join(','));
  rep(printed.rows.length > 0 && printed.rows.every((b) => b === 'avoid'), 'print: rows not split', printed.rows.join(','));
  await desk.page.emulateMedia({ media: 'screen' });
  // The county page: the demo municipality has one administrative unit, so
  // it says there is no county tree to compare (the table is
  // cmd/publicsite/admin_county_test.go's). First: the audit log's rows
  // are read on the last page.
  for (const [id, path] of [['county', lang === 'en' ? '/admin/county' : '/admin/judet'], ['accounts', '/admin/utilizatori'], ['audit log', '/admin/jurnal']]) {
    const c = checker(id, lang, prefix + path);
    resp = await go(desk, prefix + path);
    c(resp.status() === 200, 'status', resp.status());
    await examine(desk, c, lang);
  }
  const rows = await desk.page.locator('tr[data-event]').count();
  checker('audit log', lang, prefix + '/admin/jurnal')(rows >= 3, 'events', `${rows} rows`);
  const charts = await desk.page.locator('tr[data-event="export-chart"]').count();
  checker('audit log', lang, prefix + '/admin/jurnal')(charts === (lang === 'en' ? 2 : 1), 'chart PNGs', `${charts} rows`);
  check = checker('sign-out', lang, prefix + '/admin/iesire');
  resp = await submit(desk);
  const u = new URL(desk.page.url());
  check(resp.status() === 200 && u.pathname === prefix + '/admin/intrare' && u.searchParams.get('iesit') === '1', 'signed out', `${resp.status()} ${u.pathname}${u.search}`);
  await examine(desk, check, lang);
  resp = await go(desk, prefix + '/admin');
  check(new URL(desk.page.url()).pathname === prefix + '/admin/intrare', 'no session after sign-out', desk.page.url());
  await desk.context.close();
  await phone.context.close();
}

try {
  const browser = await chromium.launch({ executablePath: process.env.DESCHIS_CHROMIUM || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-background-networking'] });
  report.browser = 'Chromium ' + browser.version();
  try {
    for (const lang of ['ro', 'en']) {
      log('admin', lang);
      try {
        await scenario(browser, lang);
      } catch (e) {
        checker('scenario', lang, '')(false, 'script', e.message.split('\n')[0]);
      }
    }
  } finally {
    await browser.close();
  }
} catch (e) {
  report.failures.push({ page: '(browser)', lang: '', url: '', check: 'script', detail: e.stack || String(e) });
}
report.seconds = (Date.now() - started) / 1000;
process.stdout.write(JSON.stringify(report, null, 1) + '\n');
