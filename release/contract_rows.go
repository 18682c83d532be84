package release

// The contracts' text store: the columns of a page's rows that are text
// of their own (contract id, parent id, title), one record per contract in
// the procurement table's row order, written at publish beside SiteDatabase
// (publish_contract_rows.go) and read by position (read_contract_rows.go),
// so a page's 50 rows cost 100 small reads the OS page cache answers, not a
// DuckDB query that decompresses whole 2.048-row vectors. The other columns
// of a page come from the contract index held in memory
// (read_contract_index.go).
//
// Layout, little-endian:
//
//	header   magic "DESCHISR", version uint32, 0 uint32, rows uint64,
//	         the SHA-256 of SiteDatabase as the manifest lists it (32 bytes)
//	offsets  rows+1 uint64: record i is the bytes [offsets[i], offsets[i+1])
//	records  contract_id, parent_id, title: each a uvarint length and its
//	         UTF-8 bytes (NULL as "")
//
// The digest ties the store to the database file whose index it completes:
// a store of another release, or of another layout, is refused at open.

// ContractRowsFile is the store's path in a release; it is listed in the
// manifest's databases with its checksum, format FormatContractRows. It
// holds only public columns of the public procurement dataset.
const (
	ContractRowsFile   = "public/contract_rows.bin"
	FormatContractRows = "deschis-contract-rows"
)

const (
	contractRowsMagic = "DESCHISR"
	// contractRowsVersion is the store's layout: a reader refuses a store
	// of a layout it does not know.
	contractRowsVersion = 1
	contractRowsHeader  = 8 + 4 + 4 + 8 + 32
)

// contractText is a contract's record in the store.
type contractText struct{ id, parent, title string }
