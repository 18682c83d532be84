// Package dashboards renders the public site's pages from the marts of the
// current release: home, budget, investments, procurement, requests,
// methodology and the open-data catalogue, in Romanian (/) and English (/en).
//
// One file per page (page_*.go) builds a typed view from warehouse.ReleaseDB;
// the embedded html/template files (templates/) are parsed once. Every chart
// is go-echarts option JSON in a non-executed <script type="application/json">
// beside a table with the same numbers and a link to the dataset download;
// static/charts.js draws it with ECharts when static/vendor/echarts.min.js
// is present (copied by `make setup`). Pages work without JavaScript.
//
// Rendered pages are cached per release (bounded LRU) with an ETag; static
// files are served at content-fingerprinted URLs cached for a year.
package dashboards
