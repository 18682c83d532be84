package release

// The prepared aggregate of the contracts that /achizitii and the supplier
// pages read their totals and breakdowns from (read_search.go): written into
// SiteDatabase at publish beside the search tables of publish_database.go.

// contractCube is the table name of the aggregate.
const contractCube = "contract_cube"

// contractCubeSQL makes contractCube in the catalog prefix names: the
// contracts grouped by every column a filter of /achizitii can name except
// the value and the date (buyer, year, supplier and its name, kind,
// procedure, CPV code with its division) with, per group, the rows (n), the
// rows that enter totals (n_total: counts_in_total, so a framework agreement
// and its call-offs are counted once) and their value (value_total). A page's
// totals, its breakdowns by procedure, CPV division or kind and its counts by
// year are sums over the groups its filter selects: the groups are a
// fraction of the contracts, and sorted by buyer and year, as the contracts
// are, a page reads the groups of one institution and year only.
func contractCubeSQL(prefix string) string {
	return `CREATE TABLE ` + prefix + contractCube + ` AS
	SELECT buyer_cui, year, supplier_cui, supplier_name, kind, procedure, cpv, cpv_division, cpv_division_name,
		count(*) AS n, count(*) FILTER (WHERE counts_in_total) AS n_total,
		sum(value) FILTER (WHERE counts_in_total) AS value_total
	FROM ` + prefix + `procurement
	GROUP BY ALL
	ORDER BY buyer_cui, year, supplier_cui, supplier_name, kind, procedure, cpv, cpv_division, cpv_division_name`
}
