// Package dashboards is the presentation chrome the public site
// (dashboards/public) and the internal dashboards share: the layout and its
// partials, written in Go with html/template's escaping (chrome.go: the
// layout's head, header and footer; partials.go: charts with their tables,
// filter forms, KPI cards, pagers; escape.go), the texts in Romanian and English
// (i18n.go), the number and date formats (format.go), the charts
// (charts.go: go-echarts' option JSON, written directly, in a non-executed <script
// type="application/json"> beside a table with the same numbers, drawn by
// static/charts.js with static/vendor/echarts.min.js, copied by `make setup`),
// the KPI cards (kpi.go), the static files served at fingerprinted URLs
// cached for a year (static.go), the one adapter from an error to a status
// page (errors.go) and the security headers (security.go).
//
// It reads data only through models.Reader: nothing here links DuckDB.
// Pages work without JavaScript.
package dashboards
