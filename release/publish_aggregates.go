package release

// The whole release's contract aggregates, written into SiteDatabase at
// publish beside the search tables (publish_database.go) and held in memory
// when the release opens (read_aggregates.go): the suppliers ranked by what
// they won, the contracts by month of award and by institution and year.
// They are small (TopSuppliersMax suppliers, one row a month, one an
// institution's year and its TopSuppliersOfYearMax suppliers), whatever the
// number of contracts. Only contracts
// that enter totals are counted and summed (counts_in_total: never a
// framework agreement); a group none of whose contracts has a value has a
// NULL total (a missing figure, not 0).

import (
	"strconv"

	"github.com/deschis/deschis/models"
)

// The aggregate tables.
const (
	// aggTopSuppliers: (rank, supplier_cui, supplier_name, contracts,
	// total) of the TopSuppliersMax suppliers that won most, total in bani.
	aggTopSuppliers = "agg_top_suppliers"
	// aggMonths: (month, contracts, total), month the first day of the
	// award date's month, NULL for the undated.
	aggMonths = "agg_months"
	// aggBuyerYears: (buyer_cui, year, contracts, total).
	aggBuyerYears = "agg_buyer_years"
	// aggBuyerYearSuppliers: (buyer_cui, year, rank, supplier_cui,
	// supplier_name, contracts, total) of the TopSuppliersOfYearMax
	// suppliers that won most of each institution's year.
	aggBuyerYearSuppliers = "agg_buyer_year_suppliers"
)

// aggregateTables are the tables of aggregateTablesSQL, all of them later
// search tables (laterSearchTables): a release published before them still
// opens, and answers from its procurement table (aggregateSQL).
var aggregateTables = []string{aggTopSuppliers, aggMonths, aggBuyerYears, aggBuyerYearSuppliers}

// aggregateTotal is a group's value in bani, NULL when none has a value.
const aggregateTotal = `CAST(round(sum(value) * 100) AS BIGINT)`

// aggregateSQL are the queries of the aggregates over the procurement table
// of the catalog prefix, in each table's order: what publish writes, and
// what a release without the tables runs instead.
func aggregateSQL(prefix string) map[string]string {
	from := ` FROM ` + prefix + `procurement WHERE counts_in_total`
	return map[string]string{
		aggTopSuppliers: `SELECT row_number() OVER (ORDER BY total DESC NULLS LAST, supplier_cui NULLS LAST, supplier_name NULLS LAST) AS rank, * FROM (
			SELECT supplier_cui, supplier_name, count(*) AS contracts, ` + aggregateTotal + ` AS total` + from + `
			GROUP BY supplier_cui, supplier_name) ORDER BY rank LIMIT ` + strconv.Itoa(models.TopSuppliersMax),
		aggMonths: `SELECT CAST(date_trunc('month', award_date) AS DATE) AS month, count(*) AS contracts, ` + aggregateTotal + ` AS total` + from + `
			GROUP BY 1 ORDER BY 1 NULLS LAST`,
		aggBuyerYears: `SELECT buyer_cui, year, count(*) AS contracts, ` + aggregateTotal + ` AS total` + from + `
			GROUP BY 1, 2 ORDER BY 1, 2 NULLS LAST`,
		aggBuyerYearSuppliers: `SELECT buyer_cui, year, row_number() OVER (PARTITION BY buyer_cui, year
				ORDER BY total DESC NULLS LAST, supplier_cui NULLS LAST, supplier_name NULLS LAST) AS rank, supplier_cui, supplier_name, contracts, total FROM (
			SELECT buyer_cui, year, supplier_cui, supplier_name, count(*) AS contracts, ` + aggregateTotal + ` AS total` + from + `
			GROUP BY ALL) QUALIFY rank <= ` + strconv.Itoa(models.TopSuppliersOfYearMax) + ` ORDER BY buyer_cui, year NULLS LAST, rank`,
	}
}

// aggregateTablesSQL makes aggregateTables in the catalog prefix names, from
// its procurement table.
func aggregateTablesSQL(prefix string) []string {
	qs := aggregateSQL(prefix)
	var out []string
	for _, t := range aggregateTables {
		out = append(out, `CREATE TABLE `+prefix+t+` AS `+qs[t])
	}
	return out
}
