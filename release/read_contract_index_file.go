package release

// Reading the contract index's file (contract_index_file.go): mapped
// read-only, held to the manifest (size, format), its header to the release
// (layout, rows, the site database's digest), its column table to the
// layout (names, alignment, sizes within the file) and each column to its
// CRC-32C; then the index's slices are views of the mapping, the postings'
// and runs' too. What a page reads is what the OS page cache holds.

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"unsafe"

	"github.com/deschis/deschis/models"
)

// indexFile is an open, checked contract index file.
type indexFile struct {
	data   []byte            // the mapping
	cols   map[string][]byte // each column's bytes, within data
	n      int
	sorted bool
}

func (f *indexFile) Close() error { return unmapFile(f.data) }

// openContractIndexFile maps and checks the file of the release in dir; ok
// is false when the manifest lists none.
func openContractIndexFile(dir string, man *models.Manifest) (_ *indexFile, ok bool, err error) {
	entry, ok := man.Database(ContractIndexFile)
	if !ok {
		return nil, false, nil
	}
	refuse := func(format string, a ...any) error {
		return &CheckError{Dataset: ContractIndexFile, Reason: fmt.Sprintf(format, a...)}
	}
	if entry.Format != FormatContractIndex {
		return nil, true, refuse("formatul %q, cunosc %q", entry.Format, FormatContractIndex)
	}
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(ContractIndexFile)))
	if err != nil {
		return nil, true, err
	}
	defer f.Close() // the mapping outlives the descriptor
	st, err := f.Stat()
	if err != nil {
		return nil, true, err
	}
	if st.Size() != entry.Bytes {
		return nil, true, refuse("fișierul are %d octeți, manifestul spune %d", st.Size(), entry.Bytes)
	}
	table := int64(contractIndexFileHeader + contractIndexEntry*len(contractIndexColumns))
	if st.Size() < table || st.Size() > int64(^uint(0)>>1) {
		return nil, true, refuse("fișierul are %d octeți, antetul singur %d", st.Size(), table)
	}
	data, err := mapFile(f, int(st.Size()))
	if err != nil {
		return nil, true, err
	}
	x := &indexFile{data: data, cols: map[string][]byte{}}
	defer func() {
		if err != nil {
			x.Close()
		}
	}()
	if string(data[:8]) != contractIndexMagic {
		return nil, true, refuse("nu este un index al contractelor (antet %q)", data[:8])
	}
	if v := binary.LittleEndian.Uint32(data[8:]); v != contractIndexFileLayout {
		return nil, true, refuse("are versiunea %d a formatului, cunosc doar versiunea %d", v, contractIndexFileLayout)
	}
	flags := binary.LittleEndian.Uint32(data[12:])
	n := binary.LittleEndian.Uint64(data[16:])
	d, _ := man.Dataset("procurement")
	if int64(n) != d.Rows || n > uint64(len(data)) {
		return nil, true, refuse("are %d rânduri, manifestul %d", n, d.Rows)
	}
	site, _ := man.Database(SiteDatabase)
	if got := hex.EncodeToString(data[24:56]); got != site.SHA256 {
		return nil, true, refuse("completează baza cu sha256 %s, ediția are %s", got, site.SHA256)
	}
	if c := binary.LittleEndian.Uint32(data[56:]); int(c) != len(contractIndexColumns) || flags&^contractIndexSorted != 0 {
		return nil, true, refuse("are %d coloane și indicatorii %#x, cunosc %d coloane", c, flags, len(contractIndexColumns))
	}
	x.n, x.sorted = int(n), flags&contractIndexSorted != 0
	end := table
	for i, c := range contractIndexColumns {
		e := data[contractIndexFileHeader+contractIndexEntry*i:]
		name := strings.TrimRight(string(e[:24]), "\x00")
		off, size := binary.LittleEndian.Uint64(e[24:]), binary.LittleEndian.Uint64(e[32:])
		if name != c.name {
			return nil, true, refuse("coloana %d este %q, nu %q", i+1, name, c.name)
		}
		if off%contractIndexAlign != 0 || off < uint64(end) || size > uint64(len(data)) || off > uint64(len(data))-size || size%uint64(c.width) != 0 {
			return nil, true, refuse("coloana %s are octeții %d–%d, în afara fișierului (%d) sau nealiniați", c.name, off, off+size, len(data))
		}
		b := data[off : off+size]
		if sum := crc32.Checksum(b, castagnoli); sum != binary.LittleEndian.Uint32(e[40:]) {
			return nil, true, refuse("coloana %s nu are suma de control din antet (CRC-32C %08x, antetul %08x): fișierul a fost modificat", c.name, sum, binary.LittleEndian.Uint32(e[40:]))
		}
		if c.name != "runs" && c.name != "name_start" && c.name != "cui_start" && len(b) != c.width*x.n {
			return nil, true, refuse("coloana %s are %d valori, ediția %d contracte", c.name, len(b)/c.width, x.n)
		}
		if c.name == "runs" && len(b)%16 != 0 {
			return nil, true, refuse("coloana runs are %d octeți, nu un multiplu de 16", len(b))
		}
		x.cols[c.name], end = b, int64(off+size)
	}
	return x, true, nil
}

// littleEndian: the machine's integers are the file's, so a column is used
// in place; elsewhere each is decoded into a copy.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// view is b as a slice of T: the mapping itself on a little-endian machine.
func view[T uint16 | uint32 | int32 | int64](b []byte) []T {
	var zero T
	w := int(unsafe.Sizeof(zero))
	if len(b) == 0 {
		return []T{}
	}
	if littleEndian && uintptr(unsafe.Pointer(&b[0]))%uintptr(w) == 0 {
		return unsafe.Slice((*T)(unsafe.Pointer(&b[0])), len(b)/w)
	}
	out := make([]T, len(b)/w)
	for i := range out {
		switch w {
		case 2:
			out[i] = T(binary.LittleEndian.Uint16(b[2*i:]))
		case 4:
			out[i] = T(binary.LittleEndian.Uint32(b[4*i:]))
		default:
			out[i] = T(binary.LittleEndian.Uint64(b[8*i:]))
		}
	}
	return out
}

// mapContractIndexFile sets x's columns, postings and runs from the file of
// the release, which r then holds until Close: the file's postings must
// cover x's dictionaries and its runs the contracts, in order.
func (r *DB) mapContractIndexFile(x *contractIndex) error {
	f, ok, err := openContractIndexFile(r.dir, r.manifest)
	if err != nil {
		return err
	}
	if !ok {
		return &CheckError{Dataset: SiteDatabase, Reason: fmt.Sprintf("indexul contractelor are versiunea %d, dar manifestul nu listează %s", contractIndexFileVersion, ContractIndexFile)}
	}
	if err := f.fill(x); err != nil {
		f.Close()
		return err
	}
	// The mapping is unmapped once the index is unreachable, not at Close:
	// a request or a page prepared in the background may still read a
	// release closed under it, and read a mapping that is gone (a fault),
	// where a copy in the heap would still be there.
	runtime.AddCleanup(x, func(f *indexFile) { f.Close() }, f)
	r.indexFile = f
	return nil
}

// fill sets x from the file; x's dictionaries are read.
func (f *indexFile) fill(x *contractIndex) error {
	refuse := func(format string, a ...any) error {
		return &CheckError{Dataset: ContractIndexFile, Reason: fmt.Sprintf(format, a...)}
	}
	c := f.cols
	x.n = f.n
	x.buyer, x.name, x.cui, x.cpv = view[uint32](c["buyer"]), view[uint32](c["name"]), view[uint32](c["cui"]), view[uint32](c["cpv"])
	x.investment, x.buyerName, x.ord = view[uint32](c["investment"]), view[uint32](c["buyer_name"]), view[uint32](c["ord"])
	x.offers, x.date, x.value = view[int32](c["offers"]), view[int32](c["date"]), view[int64](c["value"])
	x.kind, x.procedure, x.divisn = view[uint16](c["kind"]), view[uint16](c["procedure"]), view[uint16](c["division"])
	x.divisNm, x.currency, x.year = view[uint16](c["division_name"]), view[uint16](c["currency"]), view[uint16](c["year"])
	x.flags = c["flags"]
	for _, p := range []struct {
		dim      string
		postings *postings
	}{{"name", &x.byName}, {"cui", &x.byCUI}} {
		p.postings.start, p.postings.pos = view[uint32](c[p.dim+"_start"]), view[uint32](c[p.dim+"_pos"])
		s := p.postings.start
		if len(s) != len(x.codes[p.dim])+2 {
			return refuse("listele %s sunt pentru %d valori, dicționarul are %d", p.dim, len(s)-2, len(x.codes[p.dim]))
		}
		if s[0] != 0 || s[len(s)-1] != uint32(x.n) || !slices.IsSorted(s) {
			return refuse("listele %s nu acoperă cele %d contracte în ordine", p.dim, x.n)
		}
	}
	x.blocks, x.buyers = nil, nil
	if !f.sorted {
		return nil
	}
	runs := view[uint32](c["runs"])
	at := 0
	for k := 0; k < len(runs); k += 4 {
		buyer, year, lo, hi := runs[k], runs[k+1], int(runs[k+2]), int(runs[k+3])
		if lo != at || hi <= lo || hi > x.n || year > 0xffff {
			return refuse("șirul %d (instituția %d, anul %d, rândurile %d–%d) nu urmează șirurilor dinainte", k/4+1, buyer, year, lo, hi)
		}
		at = hi
	}
	if at != x.n {
		return refuse("șirurile acoperă %d din %d contracte", at, x.n)
	}
	x.blocks, x.buyers = blocksOf(runs, true)
	rows := map[uint32]int{}
	for key, b := range x.blocks {
		rows[uint32(key>>16)] += b[1] - b[0]
	}
	for buyer, b := range x.buyers {
		if rows[buyer] != b[1]-b[0] || len(x.blocks) != len(runs)/4 {
			return refuse("o instituție sau un an al ei are mai multe șiruri (instituția %d)", buyer)
		}
	}
	return nil
}

// checkContractIndexFile opens the file of the release in dir as the
// reader does and checks every column against the others: the dictionary
// ids within the postings' dictionaries, the postings and the runs as the
// columns make them. Publish refuses a file that fails it, and so does
// Verify.
func checkContractIndexFile(dir string, man *models.Manifest) error {
	f, ok, err := openContractIndexFile(dir, man)
	if err != nil {
		return err
	}
	if !ok {
		return &CheckError{Dataset: ContractIndexFile, Reason: "manifestul nu listează indexul"}
	}
	defer f.Close()
	refuse := func(format string, a ...any) error {
		return &CheckError{Dataset: ContractIndexFile, Reason: fmt.Sprintf(format, a...)}
	}
	for _, dim := range []string{"name", "cui"} {
		col, start, pos := view[uint32](f.cols[dim]), view[uint32](f.cols[dim+"_start"]), view[uint32](f.cols[dim+"_pos"])
		if len(start) < 2 {
			return refuse("listele %s nu au începuturi", dim)
		}
		for i, v := range col {
			if int(v) >= len(start)-1 {
				return refuse("contractul %d are %s %d, dicționarul %d valori", i, dim, v, len(start)-2)
			}
		}
		want := makePostings(col, len(start)-2)
		if !slices.Equal(want.start, start) || !slices.Equal(want.pos, pos) {
			return refuse("listele %s nu sunt cele ale coloanei", dim)
		}
	}
	year := view[uint16](f.cols["year"])
	runs, sorted := contractRuns(view[uint32](f.cols["buyer"]), year)
	if sorted != f.sorted || !slices.Equal(runs, view[uint32](f.cols["runs"])) {
		return refuse("șirurile instituțiilor și anilor nu sunt cele ale coloanelor")
	}
	return nil
}
