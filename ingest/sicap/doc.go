// Package sicap reads the procurement data of Romania's national system
// SEAP/SICAP (e-licitatie.ro) in the shapes it reaches cities in: exports of
// the e-licitatie.ro API flattened to CSV with dotted field names (award
// notices of direct purchases, online direct acquisitions, award notices of
// procedures with one row per contract) and the yearly open-data CSVs of
// data.gov.ro, whose headers change from year to year. It registers the
// format "sicap" for the dataset "procurement".
//
// The shape is recognised from the header row: shapes.go holds one table per
// known generation (header aliases → the part of a contract they give), and
// adding a generation is a change to that table only. The encoding (UTF-8
// with or without BOM; Windows-1250 when the first MiB is not UTF-8) and the
// delimiter (, ; ^ or TAB, the most frequent in the header line) are sniffed.
// The reader streams: memory holds the first MiB once, one record and a few
// counters, whatever the size of the file.
//
// Decisions a user of the data should know:
//
//   - contract_id is the notice number (DAN…, CAN…, or the number of the
//     data.gov.ro row) followed by "/" and the contract number when the
//     source has one, so that the lots of one award notice stay apart.
//   - value is in lei whenever the shape has a lei column (ValoareRON,
//     "Valoare contract (RON)", the API's awardedValue/closingValue); else
//     the contract's value with its currency. Amounts follow ingest/rules:
//     the API's shapes write machine numbers; the spreadsheet files are read
//     in the notation the head of the file shows (rules.NotationOf), and when
//     it shows none or both, an ambiguous value (1.234) is a reject.
//   - kind: direct purchases are direct_purchase; procedure awards are
//     procedure_award, framework_agreement or call_off after "Tip incheiere
//     contract" (or the API's assignment type). A framework agreement is a
//     ceiling and a call-off the money spent under it: they stay separate
//     rows and the warehouse counts only the call-offs.
//   - A call-off whose source does not name its framework agreement is left
//     without parent_id and ingest.Finish rejects it. Reading it as a
//     procedure_award instead would keep its money in the totals, but it
//     would then pass for a competitive procedure and distort the
//     single-offer and competition indicators; guessing the parent (the
//     last framework agreement of the same buyer and supplier, or the
//     participation notice both share) could link the wrong agreement. The
//     reject tells the city exactly which rows need the agreement's number.
//     A better fallback needs the whole load, not one row: the warehouse can
//     match call-offs to framework agreements of the same buyer, supplier
//     and CPV class once both are loaded.
//   - Rows whose state is not an award (a cancelled procedure, a refused
//     direct-acquisition offer) and blank rows are skipped and counted
//     (Reader.Skipped), neither loaded nor rejected.
//   - A row naming several winners in one cell (the API flattened per notice)
//     is rejected: its value cannot be split between them.
//   - eu_funded: DA/NU columns, else the name of the European fund, where
//     SICAP's "-" means that none was named (false).
//   - Supplier codes lose spaces and the RO prefix and otherwise stay as
//     written (foreign suppliers); private persons are masked by
//     ingest.Finish. The buyer's code must be a valid CUI.
//   - cpv is required on every row, as SICAP requires it on every notice:
//     an empty code is a damaged row and is rejected. (A town's own register
//     without CPV codes loads through a mapping, with cpv unknown.)
//   - With --entity, the registered format rejects the rows of other buyers;
//     OpenFiltered(r, opt, true) skips them instead, for national exports.
package sicap
