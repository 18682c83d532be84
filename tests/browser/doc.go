// Package browser holds the browser tests of the public site: what a person
// sees, in headless Chromium, on the real program serving a real demo release.
//
// The test (browser_test.go) builds a demo release, starts cmd/publicsite on
// it, computes the headline numbers every page must show straight from the
// release's Parquet files with its own DuckDB SQL (never the site's code), and
// runs site.mjs: playwright-core driving Debian's Chromium page by page, in
// Romanian and English, with axe-core for WCAG 2.1 AA. The script prints one
// JSON report; the test turns each failed check into a message naming the
// page, the check and what it saw.
//
// It needs `make setup` (Chromium, Node and node_modules). Without them the
// test fails; DESCHIS_SKIP_BROWSER=1 skips it on purpose.
package browser
