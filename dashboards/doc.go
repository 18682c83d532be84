// Package dashboards will hold the KPI definitions, the charts (go-echarts)
// and the pages of the public site and the internal dashboards, reading the
// marts of the current release. It is empty until the public-site work lands:
// today cmd/publicsite serves the open-data catalogue from package opendata.
package dashboards
