package ingest

// SicapCSV is what the SQL load path needs beyond CanonicalCSV to read a
// SICAP export (ingest/sicap's SQLFile): the columns of its shape (a
// generation of ingest/sicap/shapes.go) that give each part of a contract,
// -1 for a part the file does not have, and how the shape reads them. The
// warehouse compiles it into SQL expressions over the value rules as macros
// (warehouse/load_csv_sicap.go); a row those do not pass as plain goes to
// CanonicalCSV.Row, the SICAP reader's Go rules, which also skips (and
// counts, MappedCSV.Skipped) the rows it passes over.
type SicapCSV struct {
	Notice, ContractNo                      int
	BuyerCUI, BuyerName, BuyerNameAndCUI    int
	SupplierCUI, SupplierName               int
	Title, CPV, AwardDate, NoticeDate       int
	Procedure, Offers, EU, EUFund           int
	ContractType, Parent, Investment, State int
	// Value is the column of the awarded value and Currency the column
	// naming its currency (-1: lei).
	Value, Currency int
	// Kind is every row's kind (models.ContractKind); "" reads it from
	// ContractType.
	Kind string
	// Numbers is the notation of the amounts: "" for the API's machine
	// numbers, else the one the head of the file shows (rules.NotationOf).
	Numbers string
	// Awarded are the folded states (rules.Fold) of State that mean an
	// award; nil when the shape has no state test.
	Awarded []string
}
