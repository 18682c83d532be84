package release

// The contract index as a file of its own in the release (since index
// version 3): the columns of read_contract_index.go, the postings of
// supplier names and fiscal codes and the (buyer, year) runs, computed at
// publish (publish_contract_index_file.go) and memory-mapped read-only when
// the release opens (read_contract_index_file.go), each column used in place
// as a []uint32, []int64, ... view of the mapping. Opening costs a check of
// the header, the column table and each column's CRC-32C, not a decode: the
// process holds no copy, its memory is the OS page cache's, shared by the
// two releases of a hot swap and by every replica on the machine.
//
// Layout, little-endian, each column at an offset that is a multiple of 64:
//
//	header  magic "DESCHISI", version uint32, flags uint32 (bit 0: the
//	        contracts are sorted by buyer and year, the runs hold), rows
//	        uint64, the SHA-256 of SiteDatabase as the manifest lists it
//	        (32 bytes), columns uint32, 0 uint32
//	table   per column: its name (24 bytes, NUL-padded), offset uint64,
//	        bytes uint64, CRC-32C (Castagnoli) of its bytes uint32, 0 uint32
//	data    the columns, in the table's order (contractIndexColumns)
//
// The digest ties the file to the database whose dictionaries its ids refer
// to: a file of another release is refused at open. etl verify checks the
// file's SHA-256 (the manifest's) and every column against the others (ids
// within their dictionaries, postings and runs as the columns make them).

// ContractIndexFile is the file's path in a release, listed in the
// manifest's databases with its checksum, format FormatContractIndex. It
// holds ids, amounts and dates of the public procurement dataset only.
const (
	ContractIndexFile   = "public/contract_index.bin"
	FormatContractIndex = "deschis-contract-index"
)

const (
	contractIndexMagic = "DESCHISI"
	// contractIndexFileLayout is the file's layout: a reader refuses a
	// file of a layout it does not know.
	contractIndexFileLayout = 1
	// contractIndexFileVersion is the version the contract_index table of
	// SiteDatabase holds (its only row) when the index is this file.
	contractIndexFileVersion = 3
	contractIndexFileHeader  = 8 + 4 + 4 + 8 + 32 + 4 + 4
	contractIndexEntry       = 24 + 8 + 8 + 4 + 4
	contractIndexAlign       = 64
	contractIndexSorted      = 1 // header flag: the runs hold
)

// contractIndexColumn is a column of the file: its name, its values' width
// in bytes, and how many values it has for n contracts with names and cuis
// distinct supplier names and fiscal codes and runs (buyer, year) runs.
type contractIndexColumn struct {
	name  string
	width int
	count func(n, names, cuis, runs int) int
}

func perContract(n, _, _, _ int) int { return n }

// contractIndexColumns are the file's columns, in order: the index's
// columns (dictionary ids, year, bani, days, flags, tie-break rank, offers),
// the postings (start: ids+2 values, pos: one per contract) and the runs
// (four values each: buyer id, year, first row, row after the last).
var contractIndexColumns = []contractIndexColumn{
	{"buyer", 4, perContract}, {"name", 4, perContract}, {"cui", 4, perContract}, {"cpv", 4, perContract},
	{"investment", 4, perContract}, {"buyer_name", 4, perContract}, {"ord", 4, perContract},
	{"offers", 4, perContract}, {"date", 4, perContract}, {"value", 8, perContract},
	{"kind", 2, perContract}, {"procedure", 2, perContract}, {"division", 2, perContract},
	{"division_name", 2, perContract}, {"currency", 2, perContract}, {"year", 2, perContract},
	{"flags", 1, perContract},
	{"name_start", 4, func(_, names, _, _ int) int { return names + 2 }}, {"name_pos", 4, perContract},
	{"cui_start", 4, func(_, _, cuis, _ int) int { return cuis + 2 }}, {"cui_pos", 4, perContract},
	{"runs", 4, func(_, _, _, runs int) int { return 4 * runs }},
}
