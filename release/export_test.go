package release

// Hooks for the tests of package release_test: whether a reader loaded the
// contract index, and the mistakes the index's tests must catch.

// ContractIndexLoaded reports whether r answers from its contract index.
func ContractIndexLoaded(r *DB) bool { return r.index != nil }

// BreakContractIndex makes r's contract index wrong as how says: "counts",
// every contract counted in totals (framework agreements too); "tiebreak",
// the contract_id order that ends every sort reversed; "pages", each
// contract's row in contract_pages that of the next.
func BreakContractIndex(r *DB, how string) {
	x := r.index
	for i := range x.n {
		switch how {
		case "counts":
			x.flags[i] |= flagCounts
		case "tiebreak":
			x.ord[i] = uint32(x.n-1) - x.ord[i]
		case "pages":
			x.pageRow[i] = x.pageRow[(i+1)%x.n]
		}
	}
}
