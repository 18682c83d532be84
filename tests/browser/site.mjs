// site.mjs: the public site as a person sees it, in headless Chromium.
//
//   node tests/browser/site.mjs EXPECTED.json
//
// EXPECTED.json is written by browser_test.go (the site's base URL, the pages,
// the headline numbers computed from the release's Parquet files). For every
// page type, in Romanian and in English, it checks the status, the markup the
// contract asks for, the data-kpi values and their formatted text, axe-core
// (WCAG 2.1 A/AA), console errors, CSP violations, requests to other hosts,
// a 360 px screen without horizontal scroll, the page without JavaScript, and
// charts drawn when echarts is served; then it follows the drill-downs and
// submits the filter forms. It prints one JSON report on stdout:
//   {browser, visits, checks, failures: [{page, lang, url, check, detail}], notes, seconds}
// Progress goes to stderr. Exit status 0 whatever failed: the Go test judges.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const started = Date.now();
const ex = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const base = new URL(ex.base);

const report = { browser: '', visits: 0, checks: 0, failures: [], notes: [], seconds: 0, timings: {} };
// lap records how long each step of a page took (seconds), for the report.
function lap(key, step, t0) {
  (report.timings[key] ||= {})[step] = Math.round((Date.now() - t0) / 100) / 10;
  return Date.now();
}
const log = (...a) => process.stderr.write(a.join(' ') + '\n');

// check records one check; a false ok becomes a failure of (page, check).
function checker(page, lang, url) {
  return (ok, check, detail) => {
    report.checks++;
    if (!ok) report.failures.push({ page, lang, url, check, detail: String(detail ?? '') });
    return ok;
  };
}

// EN_PATHS are the pages whose English path is not /en + the Romanian one.
const EN_PATHS = { '/judet': '/county' };
function langPath(path, lang) {
  if (lang !== 'en') return path;
  if (path === '/') return '/en';
  const [pn, ...qs] = path.split('?');
  return '/en' + (EN_PATHS[pn] || pn) + (qs.length ? '?' + qs.join('?') : '');
}
const norm = (s) => String(s ?? '').replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/\s+/g, ' ').trim();
const NAV_PAGES = ['/', '/buget', '/investitii', '/achizitii', '/cereri', '/metodologie', '/date'];

// stripLang returns a path without its /en prefix, and without a trailing slash.
function stripLang(pathname) {
  const en = /^\/en(\/|$)/.test(pathname);
  let p = pathname.replace(/^\/en(?=\/|$)/, '') || '/';
  if (p.length > 1) p = p.replace(/\/+$/, '');
  if (en) for (const [ro, enPath] of Object.entries(EN_PATHS)) if (p === enPath) return ro;
  return p;
}

function sortedQuery(u) {
  return [...u.searchParams.entries()].map(([k, v]) => k + '=' + v).sort().join('&');
}

// --- number formats, for KPIs whose value the contract does not define -----
function groupDigits(d, sep) {
  return d.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}
function fmtNumber(raw, lang) {
  let sign = '';
  if (raw.startsWith('-')) { sign = '-'; raw = raw.slice(1); }
  const [ip, fp] = raw.split('.');
  const [gs, ds] = lang === 'en' ? [',', '.'] : ['.', ','];
  return sign + groupDigits(ip, gs) + (fp !== undefined ? ds + fp : '');
}
const pct = (p, lang) => (lang === 'en' ? fmtNumber(p, lang) + '%' : fmtNumber(p, lang) + ' %');
// A ratio with 4 decimals as a percentage with 1 decimal, half up, exactly.
function ratioToPercent1(raw) {
  const neg = raw.startsWith('-');
  const [ip, fp = ''] = raw.replace('-', '').split('.');
  const bp = BigInt(ip + (fp + '0000').slice(0, 4)); // basis points
  const tenths = (bp + 5n) / 10n;
  const s = tenths.toString().padStart(2, '0');
  return (neg ? '-' : '') + s.slice(0, -1) + '.' + s.slice(-1);
}
// The kind of the KPIs the contract names (the rest are only checked to be
// machine-readable).
const KIND = {
  'budget-initial': 'amount', 'budget-final': 'amount', 'budget-executed': 'amount', 'revenue-executed': 'amount', 'per-capita-executed': 'amount',
  'contracts-value': 'amount', 'investments-total-value': 'amount', 'total-value': 'amount', 'spent-to-date': 'amount',
  'supplier-value': 'amount', 'execution-rate': 'share', 'requests-within-term-share': 'share', 'requests-online-share': 'share',
  'investments-active': 'count', 'contracts-count': 'count', 'requests-received': 'count', 'investments-count': 'count',
  'supplier-contracts': 'count', 'requests-median-days': 'days', 'requests-p90-days': 'days', 'progress': 'percent',
  'requests-open': 'count', 'requests-open-overdue': 'count',
};
const RAW_FORMAT = { amount: /^-?\d+\.\d{2}$/, share: /^-?\d+\.\d{4}$/, count: /^-?\d+$/, days: /^-?\d+$/, percent: /^-?\d+\.\d{2}$/ };
function textsFor(kind, raw, lang) {
  switch (kind) {
    case 'amount': return [fmtNumber(raw, lang) + ' lei'];
    case 'share': {
      // A share that is not zero but rounds to 0.0 is written "< 0,1 %".
      const p = ratioToPercent1(raw);
      if (/^0\.0$/.test(p) && /[1-9]/.test(raw)) return [lang === 'en' ? '< 0.1%' : '< 0,1 %'];
      return [pct(p, lang)];
    }
    case 'count': case 'days': return raw.replace('-', '').length === 4 ? [fmtNumber(raw, lang), raw] : [fmtNumber(raw, lang)];
    case 'percent': {
      // One decimal, like every percentage; "< 0,1 %" for a small one.
      const [ip, fp = ''] = raw.replace('-', '').split('.');
      const tenths = (BigInt(ip + (fp + '00').slice(0, 2)) + 5n) / 10n;
      if (tenths === 0n && /[1-9]/.test(raw)) return [lang === 'en' ? '< 0.1%' : '< 0,1 %'];
      const s = tenths.toString().padStart(2, '0');
      return [pct((raw.startsWith('-') ? '-' : '') + s.slice(0, -1) + '.' + s.slice(-1), lang)];
    }
  }
  return [];
}
function textMatches(text, accepted, unit) {
  const t = norm(text);
  return accepted.some((v) => t === v || (unit && t.startsWith(v + ' ') && /^[\p{L} .]+$/u.test(t.slice(v.length + 1))));
}

// checkKPIs compares the page's <data data-kpi> elements with the expected
// ones, and checks every other KPI is machine-readable and formatted.
function checkKPIs(check, lang, kpis, expected) {
  const seen = new Set();
  for (const e of expected || []) {
    seen.add(e.name);
    const got = kpis.filter((k) => k.name === e.name);
    if (!check(got.length > 0, `kpi ${e.name}`, `no <data data-kpi="${e.name}"> on the page (expected value="${e.raw}", text ${e.text[lang].map((x) => JSON.stringify(x)).join(' or ')})`)) continue;
    for (const g of got) {
      let ok = g.value === e.raw;
      if (!ok && e.tol && g.value !== null && /^-?\d+\.\d{4}$/.test(g.value)) ok = Math.abs(Number(g.value) - Number(e.raw)) <= e.tol;
      check(ok, `kpi ${e.name} value`, `value="${g.value}", expected "${e.raw}"`);
      check(textMatches(g.text, e.text[lang], e.unit), `kpi ${e.name} text`,
        `"${norm(g.text)}", expected ${e.text[lang].map((x) => JSON.stringify(x)).join(' or ')}`);
    }
  }
  for (const g of kpis) {
    if (seen.has(g.name)) continue;
    const kind = KIND[g.name];
    if (!kind) {
      check(g.value !== null && /^-?\d+(\.\d+)?$/.test(g.value), `kpi ${g.name} value`, `value="${g.value}" is not a plain number`);
      continue;
    }
    if (!check(g.value !== null && RAW_FORMAT[kind].test(g.value), `kpi ${g.name} value`, `value="${g.value}" is not a ${kind} as the contract writes it`)) continue;
    const acc = textsFor(kind, g.value, lang);
    check(textMatches(g.text, acc, kind === 'count' || kind === 'days'), `kpi ${g.name} text`,
      `"${norm(g.text)}" does not match its own value ${g.value}: expected ${acc.map((x) => JSON.stringify(x)).join(' or ')}`);
  }
}

// inspect reads what the checks need from the DOM (works without JavaScript:
// evaluate runs through the DevTools protocol, not as a page script).
function inspect() {
  const q = (s, r = document) => Array.from(r.querySelectorAll(s));
  const visible = (e) => (typeof e.checkVisibility === 'function' ? e.checkVisibility() : e.getClientRects().length > 0);
  const main = document.querySelector('main#continut');
  const form = document.querySelector('form.entity-select');
  const sel = form && form.querySelector('select[name="entitate"]');
  return {
    lang: document.documentElement.getAttribute('lang'),
    title: document.title,
    main: !!main,
    h1InMain: main ? main.querySelectorAll('h1').length : 0,
    h1All: q('h1').length,
    skip: !!document.querySelector('a.skip-link[href="#continut"]'),
    navs: q('nav[aria-label]').map((n) => ({ label: n.getAttribute('aria-label'), links: q('a[href]', n).map((a) => a.href) })),
    switches: q('a[hreflang]').map((a) => ({ hreflang: a.getAttribute('hreflang'), href: a.href })),
    release: q('[data-release]').map((e) => ({ id: e.getAttribute('data-release'), text: e.textContent.replace(/\s+/g, ' ').trim() })),
    entitySelect: form ? { method: (form.getAttribute('method') || 'get').toLowerCase(), select: !!sel, options: sel ? sel.options.length : 0, selected: sel ? sel.value : null } : null,
    kpis: q('data[data-kpi]').map((d) => ({ name: d.getAttribute('data-kpi'), value: d.getAttribute('value'), text: d.textContent })),
    figures: q('figure.chart').map((f) => {
      const s = f.querySelector('script.chart-options');
      let options = 'missing';
      if (s) {
        if ((s.getAttribute('type') || '').toLowerCase() !== 'application/json') options = 'type is not application/json';
        else try { JSON.parse(s.textContent); options = 'ok'; } catch (e) { options = 'invalid JSON: ' + e.message; }
      }
      const t = f.querySelector('table');
      return {
        name: f.getAttribute('data-chart'),
        canvasDiv: !!f.querySelector('div.chart-canvas'),
        canvas: !!f.querySelector('.chart-canvas canvas'),
        options,
        table: !!t,
        caption: t && t.querySelector('caption') ? t.querySelector('caption').textContent.trim() : '',
        rows: t ? t.querySelectorAll('tbody tr').length : 0,
        tableVisible: t ? visible(t) : false,
        download: f.querySelector('a.download[href]') ? f.querySelector('a.download[href]').getAttribute('href') : null,
      };
    }),
    tables: main ? q('table', main).map((t) => ({ visible: visible(t), rows: t.querySelectorAll('tbody tr').length })) : [],
    peers: (() => {
      const s = document.querySelector('section.peers');
      if (!s) return null;
      const t = s.querySelector('table');
      const c = s.querySelector('[data-peers]');
      return { heading: !!s.querySelector('h2'), rows: t ? t.querySelectorAll('tbody tr').length : 0, tableVisible: t ? visible(t) : false, count: c ? Number(c.getAttribute('data-peers')) : 0 };
    })(),
    inlineScripts: q('script:not([src])').filter((s) => !['application/json', 'application/ld+json'].includes((s.getAttribute('type') || '').toLowerCase())).length,
    inlineHandlers: q('*').filter((e) => Array.from(e.attributes).some((a) => /^on/i.test(a.name))).length,
    scrollWidth: document.scrollingElement ? document.scrollingElement.scrollWidth : -1,
    // Text in Romanian letters whose language, as the markup says, is not
    // Romanian: on an English page, a name the product should translate or
    // a name from the data not marked lang="ro".
    notRomanian: (() => {
      const out = [];
      const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('script, style, template')) continue;
        if (!/[ăâîșțşţĂÂÎȘȚŞŢ]/.test(n.textContent)) continue;
        const lang = (el.closest('[lang]') || document.documentElement).getAttribute('lang') || '';
        if (!/^ro\b/i.test(lang)) out.push(n.textContent.replace(/\s+/g, ' ').trim().slice(0, 80));
      }
      return out;
    })(),
  };
}

// Everything a page emits that it should not: console errors, uncaught
// exceptions, CSP violations, requests to other hosts.
function watch(context, page, state) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    const loc = m.location() || {};
    // The browser logs the error status of the page itself (a 404 page).
    if (/^Failed to load resource/.test(text) && state.expectError && loc.url === state.url) return;
    // Chromium asks for /favicon.ico by itself; the page did not.
    if (/^Failed to load resource/.test(text) && /\/favicon\.ico$/.test(loc.url || '')) return;
    (/Content Security Policy/i.test(text) ? state.csp : state.console).push(loc.url ? `${text} (${loc.url})` : text);
  });
  page.on('pageerror', (e) => state.console.push('uncaught: ' + e.message));
  context.on('request', (r) => {
    let u;
    try { u = new URL(r.url()); } catch { return; }
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return;
    if (u.host !== base.host) state.foreign.push(r.url());
  });
}

async function newContext(browser, opts) {
  const context = await browser.newContext({ locale: 'ro-RO', ...opts });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || ''}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const state = { console: [], csp: [], foreign: [], url: '', expectError: false };
  watch(context, page, state);
  return { context, page, state };
}

// visit loads url; the watched state is reset per visit.
async function visit(tab, url, expectError) {
  Object.assign(tab.state, { console: [], csp: [], foreign: [], url, expectError });
  report.visits++;
  const resp = await tab.page.goto(url, { waitUntil: 'load', timeout: 30000 });
  return resp;
}

async function drained(tab, check) {
  let csp = [];
  try { csp = await tab.page.evaluate(() => window.__csp || []); } catch { /* navigated away */ }
  check(tab.state.console.length === 0, 'console errors', tab.state.console.join(' | '));
  check(tab.state.csp.length + csp.length === 0, 'CSP violations', [...tab.state.csp, ...csp].join(' | '));
  check(tab.state.foreign.length === 0, 'requests to other hosts', [...new Set(tab.state.foreign)].join(' | '));
}

// checkMarkup: what every page carries (contract “Markup every page has”).
function checkMarkup(check, d, lang, url, kind, entityParam) {
  check(d.lang === lang, 'html[lang]', `lang="${d.lang}", expected "${lang}"`);
  check(d.main, 'main#continut', 'no <main id="continut">');
  check(d.h1InMain === 1 && d.h1All === 1, 'one h1', `${d.h1InMain} h1 in main#continut, ${d.h1All} in the page`);
  check(d.skip, 'skip link', 'no a.skip-link[href="#continut"]');
  const navPaths = new Map();
  for (const n of d.navs) for (const h of n.links) {
    const u = new URL(h);
    if (u.host === base.host) navPaths.set(stripLang(u.pathname), u.pathname);
  }
  if (check(d.navs.length > 0, 'nav', 'no <nav aria-label=…>')) {
    const missing = NAV_PAGES.filter((p) => !navPaths.has(p));
    check(missing.length === 0, 'nav links', `no link to ${missing.join(', ')}`);
    const wrongLang = NAV_PAGES.filter((p) => navPaths.has(p) && (lang === 'en') !== /^\/en(\/|$)/.test(navPaths.get(p)));
    check(wrongLang.length === 0, 'nav links language', `links to ${wrongLang.join(', ')} are not in ${lang}`);
  }
  const other = lang === 'ro' ? 'en' : 'ro';
  const sw = d.switches.filter((s) => s.hreflang === other);
  if (check(sw.length > 0, 'language switch', `no a[hreflang="${other}"]`)) {
    const here = new URL(url), there = new URL(sw[0].href);
    const wantPath = langPath(stripLang(here.pathname), other);
    const gotPath = there.pathname.length > 1 ? there.pathname.replace(/\/+$/, '') : there.pathname;
    // An error page may drop the query that caused it.
    const sameQuery = sortedQuery(here) === sortedQuery(there) || (kind === 'error' && there.search === '');
    check(gotPath === wantPath && sameQuery, 'language switch target',
      `${there.pathname}${there.search}, expected ${wantPath}${here.search}`);
  }
  const rel = d.release.filter((r) => r.id !== null);
  if (check(rel.length > 0, 'footer [data-release]', 'no element with data-release')) {
    check(rel[0].id === ex.release, 'footer release id', `data-release="${rel[0].id}", expected "${ex.release}"`);
    check(/\d{4}/.test(rel[0].text), 'footer release date', `"${rel[0].text}" shows no date`);
  }
  if (kind === 'data' && ex.entities > 1) {
    const es = d.entitySelect;
    if (check(es && es.select, 'entity selector', 'no form.entity-select select[name="entitate"]')) {
      check(es.method === 'get', 'entity selector method', `method="${es.method}"`);
      check(es.options >= ex.entities, 'entity selector options', `${es.options} options for ${ex.entities} entities`);
      const want = entityParam || ex.entity;
      check(es.selected === want, 'entity selector selected', `selected "${es.selected}", expected "${want}"`);
    }
  }
  check(d.inlineScripts === 0, 'no inline script', `${d.inlineScripts} executable <script> without src`);
  check(d.inlineHandlers === 0, 'no inline handlers', `${d.inlineHandlers} elements with on… attributes`);
}

function checkFigures(check, d) {
  for (const f of d.figures) {
    const n = `chart ${f.name || '(no data-chart)'}`;
    check(!!f.name, n, 'figure.chart without data-chart');
    check(f.canvasDiv, `${n} canvas div`, 'no div.chart-canvas');
    check(f.options === 'ok', `${n} options`, `script.chart-options: ${f.options}`);
    check(f.table && f.caption !== '' && f.rows > 0, `${n} table`, `table ${f.table ? 'present' : 'missing'}, caption "${f.caption}", ${f.rows} rows`);
    check(f.download !== null && /^(\/en)?\/date\/[a-z0-9_]+\.parquet$/.test(new URL(f.download, base).pathname), `${n} download`, `a.download href="${f.download}"`);
  }
}

async function runAxe(page, check) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  }, ex.axe_tags);
  check(true, 'axe');
  for (const v of violations) {
    check(false, `axe ${v.id}`, `${v.impact}: ${v.help}; ${v.nodes.length} node(s): ${v.nodes.slice(0, 8).join(' ; ')}${v.nodes.length > 8 ? ' …' : ''}`);
  }
}

async function waitCharts(page) {
  await page.waitForFunction(() => Array.from(document.querySelectorAll('figure.chart .chart-canvas')).every((d) => d.querySelector('canvas')),
    null, { timeout: 5000 }).catch(() => {});
}

async function checkPage(tabs, p, lang) {
  const path = langPath(p.path, lang);
  const url = new URL(path, base).href;
  const check = checker(p.id, lang, path);
  const entityParam = new URL(url).searchParams.get('entitate');
  const expectError = p.status >= 400;

  // 1. Desktop, JavaScript on: markup, numbers, charts, axe, console.
  const { page } = tabs.desk;
  const key = `${p.id} ${lang}`;
  let t0 = Date.now();
  const resp = await visit(tabs.desk, url, expectError);
  const status = resp ? resp.status() : 0;
  check(status < 500, 'no 5xx', `status ${status}`);
  if (!check(status === p.status, 'status', `status ${status}, expected ${p.status}`) && status >= 400 && !expectError) {
    return null; // the page is not there: its other checks would only repeat that
  }
  if (ex.echarts) await waitCharts(page);
  const d = await page.evaluate(inspect);
  checkMarkup(check, d, lang, url, p.kind, entityParam);
  if (lang === 'en') {
    const seen = [...new Set(d.notRomanian)];
    check(seen.length === 0, 'English page free of unmarked Romanian',
      `${seen.length} Romanian text(s) outside lang="ro": ${seen.slice(0, 8).map((s) => JSON.stringify(s)).join(', ')}`);
  }
  if (!expectError) {
    checkKPIs(check, lang, d.kpis, p.kpis);
    checkFigures(check, d);
    if (p.peers) {
      check(d.peers && d.peers.heading && d.peers.rows > 0, 'peer comparison', `section.peers: ${JSON.stringify(d.peers)}`);
      check(d.peers && d.peers.count === p.peers, 'peer comparison count', `data-peers=${d.peers && d.peers.count}, expected ${p.peers}`);
    }
    if (ex.echarts) {
      for (const f of d.figures) check(f.canvas, `chart ${f.name} drawn`, 'no canvas in .chart-canvas with JavaScript on and echarts served');
    }
  }
  t0 = lap(key, 'load', t0);
  await runAxe(page, check);
  await drained(tabs.desk, check);
  t0 = lap(key, 'axe', t0);

  // 2. A 360 px phone screen: no horizontal scroll.
  await visit(tabs.phone, url, expectError);
  if (ex.echarts) await waitCharts(tabs.phone.page);
  const w = await tabs.phone.page.evaluate(() => document.scrollingElement.scrollWidth);
  check(w <= 360, '360 px no horizontal scroll', `scrollWidth ${w}`);
  await drained(tabs.phone, check);
  t0 = lap(key, 'phone', t0);

  // 3. Without JavaScript: the same numbers, the tables visible.
  const r3 = await visit(tabs.nojs, url, expectError);
  check(r3 && r3.status() === status, 'no-JS status', `status ${r3 && r3.status()}`);
  const n = await tabs.nojs.page.evaluate(inspect);
  const sig = (x) => x.kpis.map((k) => `${k.name}=${k.value}`).join(' ');
  check(sig(n) === sig(d), 'no-JS numbers', `without JS: ${sig(n)}; with JS: ${sig(d)}`);
  if (p.kind === 'data') {
    check(n.tables.some((t) => t.visible && t.rows > 0), 'no-JS tables', `${n.tables.length} tables in main, none visible with rows`);
    for (const f of n.figures) check(f.tableVisible && f.rows > 0, `no-JS chart ${f.name} table`, `table visible=${f.tableVisible}, rows=${f.rows}`);
  }
  if (p.peers) check(n.peers && n.peers.tableVisible && n.peers.count === p.peers, 'no-JS peer comparison', `section.peers without JS: ${JSON.stringify(n.peers)}`);
  lap(key, 'nojs', t0);
  return d;
}

// follow clicks the first link in main whose path matches re and returns the
// navigation response, or null when there is none.
async function follow(page, re, check, what) {
  const href = await page.evaluate((src) => {
    const r = new RegExp(src);
    const a = Array.from(document.querySelectorAll('main#continut a[href]')).find((a) => r.test(new URL(a.href).pathname + new URL(a.href).search));
    return a ? a.getAttribute('href') : null;
  }, re.source);
  if (!check(href !== null, what, `no link in main matching ${re}`)) return null;
  const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 30000 }),
    page.locator(`main#continut a[href=${JSON.stringify(href)}]`).first().click()]);
  report.visits++;
  return resp;
}

// start loads the page a drill-down or a form starts from; false when it is
// not there (one failure, not a cascade).
async function start(tabs, from, check) {
  const resp = await visit(tabs.desk, new URL(from, base).href, false);
  const status = resp ? resp.status() : 0;
  return check(status === 200, 'start page status', `status ${status} at ${from}`);
}

async function drillDowns(tabs, lang) {
  const page = tabs.desk.page;
  // A chapter of the budget keeps the entity and the year.
  chapter: {
    const from = langPath(ex.chapter_from, lang);
    const check = checker('buget-capitol', lang, from);
    if (!(await start(tabs, from, check))) break chapter;
    const resp = await follow(page, /capitol=/, check, 'drill-down chapter link');
    if (resp) {
      const u = new URL(page.url());
      check(resp.status() === 200, 'drill-down chapter status', `status ${resp.status()} at ${u.pathname}${u.search}`);
      check(stripLang(u.pathname) === '/buget' && u.searchParams.get('capitol'), 'drill-down chapter URL', `${u.pathname}${u.search}`);
      const fromU = new URL(from, base);
      for (const k of ['entitate', 'an']) {
        check(u.searchParams.get(k) === fromU.searchParams.get(k), `drill-down chapter keeps ${k}`, `${k}=${u.searchParams.get(k)} in ${u.search}`);
      }
      if (resp.status() === 200) {
        const d = await page.evaluate(inspect);
        check(d.h1All === 1 && d.lang === lang, 'drill-down chapter page', `${d.h1All} h1, lang ${d.lang}`);
        checkKPIs(check, lang, d.kpis, []);
      }
    }
    await drained(tabs.desk, check);
  }
  // An investment of the list opens its page with its numbers.
  investment: {
    const from = langPath(ex.investment_from, lang);
    const check = checker('investitii-link', lang, from);
    if (!(await start(tabs, from, check))) break investment;
    const resp = await follow(page, /^(\/en)?\/investitii\/[^/?]+(\?|$)/, check, 'drill-down investment link');
    if (resp) {
      const u = new URL(page.url());
      const code = decodeURIComponent(u.pathname.split('/').pop());
      check(resp.status() === 200, 'drill-down investment status', `status ${resp.status()} at ${u.pathname}${u.search}`);
      const year = u.searchParams.get('an') || String(ex.investment_latest[code]);
      const want = (ex.investment_kpis[code] || {})[year];
      if (check(!!want, 'drill-down investment code', `${code} (year ${year}) is not an investment of the release`) && resp.status() === 200) {
        const d = await page.evaluate(inspect);
        check(d.h1All === 1, 'drill-down investment h1', `${d.h1All} h1`);
        checkKPIs(check, lang, d.kpis, want);
      }
    }
    await drained(tabs.desk, check);
  }
  // A supplier of the procurement list opens its page with its totals.
  supplier: {
    const from = langPath(ex.supplier_from, lang);
    const check = checker('achizitii-furnizor-link', lang, from);
    if (!(await start(tabs, from, check))) break supplier;
    const resp = await follow(page, /^(\/en)?\/achizitii\/furnizori\/[^/?]+/, check, 'drill-down supplier link');
    if (resp) {
      const u = new URL(page.url());
      const cui = decodeURIComponent(u.pathname.split('/').pop());
      check(resp.status() === 200, 'drill-down supplier status', `status ${resp.status()} at ${u.pathname}`);
      const want = ex.supplier_kpis[cui];
      if (check(!!want, 'drill-down supplier cui', `${cui} is not a supplier of the release`) && resp.status() === 200) {
        const d = await page.evaluate(inspect);
        check(d.h1All === 1, 'drill-down supplier h1', `${d.h1All} h1`);
        checkKPIs(check, lang, d.kpis, want);
      }
    }
    await drained(tabs.desk, check);
  }
  // Filter forms: submitting keeps the filters in the URL.
  for (const f of ex.forms) {
    const from = langPath(f.from, lang);
    const check = checker(f.id, lang, from);
    if (!(await start(tabs, from, check))) continue;
    const ctl = page.locator(`main#continut form:not(.entity-select) [name="${f.field}"]`).first();
    if (!check((await ctl.count()) > 0, 'filter form', `no form control named ${f.field} in main`)) continue;
    const keep = { ...f.keep };
    const tag = await ctl.evaluate((e) => e.tagName);
    if (tag === 'SELECT') {
      const value = await ctl.evaluate((s, want) => {
        const fold = (x) => x.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
        const o = Array.from(s.options).find((o) => o.value === want) || Array.from(s.options).find((o) => fold(o.textContent) === fold(want));
        return o ? o.value : null;
      }, f.value);
      if (!check(value !== null, 'filter option', `no option "${f.value}" in select[name=${f.field}]`)) continue;
      if (value !== f.value) report.notes.push(`${f.id} [${lang}]: option for "${f.value}" has value "${value}"`);
      keep[f.field] = value;
      await ctl.selectOption(value);
    } else {
      await ctl.fill(f.value);
    }
    const form = ctl.locator('xpath=ancestor::form[1]');
    const submit = form.locator('button[type=submit], input[type=submit], button:not([type])').first();
    const nav = page.waitForNavigation({ waitUntil: 'load', timeout: 30000 });
    if ((await submit.count()) > 0) await submit.click();
    else await form.evaluate((el) => el.requestSubmit());
    const resp = await nav;
    report.visits++;
    const u = new URL(page.url());
    check(resp && resp.status() === 200, 'filter submit status', `status ${resp && resp.status()} at ${u.pathname}${u.search}`);
    check(stripLang(u.pathname) === stripLang(new URL(from, base).pathname) && (lang === 'en') === u.pathname.startsWith('/en'),
      'filter submit path', `${u.pathname}`);
    for (const [k, v] of Object.entries(keep)) {
      check(u.searchParams.get(k) === v, `filter keeps ${k}`, `${k}=${JSON.stringify(u.searchParams.get(k))}, expected ${JSON.stringify(v)} in ${u.search}`);
    }
    if (resp && resp.status() === 200) {
      const d = await page.evaluate(inspect);
      checkKPIs(check, lang, d.kpis, f.kpis);
    }
    await drained(tabs.desk, check);
  }
}

async function statusOnly(lang) {
  for (const p of ex.status_only) {
    const path = langPath(p.path, lang);
    if (lang === 'en' && path.startsWith('/en/date/') && p.status === 200) continue; // downloads live once, under /date
    const check = checker(p.id, lang, path);
    let status = 0;
    try {
      const r = await fetch(new URL(path, base), { redirect: 'manual' });
      status = r.status;
      await r.arrayBuffer();
    } catch (e) {
      check(false, 'fetch', e.message);
      continue;
    }
    report.visits++;
    check(status < 500, 'no 5xx', `status ${status}`);
    check(status === p.status, 'status', `status ${status}, expected ${p.status}`);
  }
}

async function runLanguage(browser, lang) {
  const tabs = {
    desk: await newContext(browser, { viewport: { width: 1280, height: 900 } }),
    phone: await newContext(browser, { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
    nojs: await newContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false }),
  };
  for (const p of ex.pages) {
    log(`${lang} ${p.id}`);
    try {
      await checkPage(tabs, p, lang);
    } catch (e) {
      checker(p.id, lang, langPath(p.path, lang))(false, 'script', e.message.split('\n')[0]);
    }
  }
  const t0 = Date.now();
  try {
    await drillDowns(tabs, lang);
  } catch (e) {
    checker('drill-downs', lang, '')(false, 'script', e.message.split('\n')[0]);
  }
  lap(`drill-downs ${lang}`, 'all', t0);
  await statusOnly(lang);
  for (const t of Object.values(tabs)) await t.context.close();
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.DESCHIS_CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-background-networking'],
  });
  report.browser = 'Chromium ' + browser.version();
  if (!ex.echarts) report.notes.push('dashboards/static/vendor/echarts.min.js is missing (make setup): charts not checked for a canvas');
  try {
    // The two languages run side by side, each in its own contexts.
    await Promise.all(['ro', 'en'].map((lang) => runLanguage(browser, lang)));
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (e) {
  report.failures.push({ page: '(browser)', lang: '', url: '', check: 'script', detail: e.stack || String(e) });
}
report.seconds = (Date.now() - started) / 1000;
process.stdout.write(JSON.stringify(report, null, 1) + '\n');
