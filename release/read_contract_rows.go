package release

// Reading the contracts' text store (contract_rows.go) by position: the
// header and the ends of the offset table are checked when the release
// opens, then each record is its offsets and its bytes. On unix the file is
// mapped read-only (contract_rows_map_unix.go), so a record costs no system
// call (a page's 50 rows were 100 pread calls); elsewhere, or when mapping
// fails, each is two ReadAt calls. The process holds a file descriptor (and
// the mapping's address range) and nothing per contract: the OS page cache
// keeps what pages read, whatever the release's size.

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/deschis/deschis/models"
)

// contractRows is an open store of n records.
type contractRows struct {
	f    *os.File
	n    int
	size int64
	data []byte // the file mapped read-only; nil: read with ReadAt
}

// readAt reads len(b) bytes at off, from the mapping or the file.
func (s *contractRows) readAt(b []byte, off int64) (int, error) {
	if s.data == nil {
		return s.f.ReadAt(b, off)
	}
	if off < 0 || off > int64(len(s.data)) {
		return 0, io.EOF
	}
	n := copy(b, s.data[off:])
	if n < len(b) {
		return n, io.EOF
	}
	return n, nil
}

// openContractRows opens the store of the release in dir and holds it to
// the manifest: its size, its layout's version, its row count (the
// procurement dataset's) and the database file it completes. ok is false
// when the manifest lists no store (a release published before it).
func openContractRows(dir string, man *models.Manifest) (s *contractRows, ok bool, err error) {
	entry, ok := man.Database(ContractRowsFile)
	if !ok {
		return nil, false, nil
	}
	refuse := func(format string, a ...any) error {
		return &CheckError{Dataset: ContractRowsFile, Reason: fmt.Sprintf(format, a...)}
	}
	if entry.Format != FormatContractRows {
		return nil, true, refuse("formatul %q, cunosc %q", entry.Format, FormatContractRows)
	}
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(ContractRowsFile)))
	if err != nil {
		return nil, true, err
	}
	defer func() {
		if err != nil {
			f.Close()
		}
	}()
	st, err := f.Stat()
	if err != nil {
		return nil, true, err
	}
	if st.Size() != entry.Bytes {
		return nil, true, refuse("fișierul are %d octeți, manifestul spune %d", st.Size(), entry.Bytes)
	}
	var h [contractRowsHeader]byte
	if _, err := f.ReadAt(h[:], 0); err != nil {
		return nil, true, refuse("antetul nu poate fi citit: %v", err)
	}
	if string(h[:8]) != contractRowsMagic {
		return nil, true, refuse("nu este un depozit al contractelor (antet %q)", h[:8])
	}
	if v := binary.LittleEndian.Uint32(h[8:]); v != contractRowsVersion {
		return nil, true, refuse("are versiunea %d a formatului, cunosc doar versiunea %d", v, contractRowsVersion)
	}
	n := binary.LittleEndian.Uint64(h[16:])
	d, _ := man.Dataset("procurement")
	if int64(n) != d.Rows || n > uint64(st.Size()) {
		return nil, true, refuse("are %d rânduri, manifestul %d", n, d.Rows)
	}
	site, _ := man.Database(SiteDatabase)
	if got := hex.EncodeToString(h[24:56]); got != site.SHA256 {
		return nil, true, refuse("completează baza cu sha256 %s, ediția are %s", got, site.SHA256)
	}
	s = &contractRows{f: f, n: int(n), size: st.Size()}
	data := mapContractRows(f, st.Size())
	s.data = data
	defer func() {
		if err != nil {
			unmapContractRows(data)
		}
	}()
	if first, last := s.offset(0), s.offset(s.n); first != s.records() || last != s.size {
		return nil, true, refuse("tabelul pozițiilor nu acoperă înregistrările (%d–%d, fișierul %d–%d)", first, last, s.records(), s.size)
	}
	return s, true, nil
}

// records is where the records start: after the header and rows+1 offsets.
func (s *contractRows) records() int64 { return contractRowsHeader + 8*int64(s.n+1) }

func (s *contractRows) offset(i int) int64 {
	var b [8]byte
	if _, err := s.readAt(b[:], contractRowsHeader+8*int64(i)); err != nil {
		return -1
	}
	return int64(binary.LittleEndian.Uint64(b[:]))
}

// span is the bytes of record i.
func (s *contractRows) span(i int) (lo, hi int64, err error) {
	if i < 0 || i >= s.n {
		return 0, 0, fmt.Errorf("depozitul contractelor nu are rândul %d (are %d)", i, s.n)
	}
	var b [16]byte
	if _, err := s.readAt(b[:], contractRowsHeader+8*int64(i)); err != nil {
		return 0, 0, fmt.Errorf("depozitul contractelor, rândul %d: %w", i, err)
	}
	lo, hi = int64(binary.LittleEndian.Uint64(b[:])), int64(binary.LittleEndian.Uint64(b[8:]))
	if lo < s.records() || hi < lo || hi > s.size {
		return 0, 0, &CheckError{Dataset: ContractRowsFile, Reason: fmt.Sprintf("rândul %d are pozițiile %d–%d, în afara fișierului", i, lo, hi)}
	}
	return lo, hi, nil
}

// read is record i; buf is reused for its bytes.
func (s *contractRows) read(i int, buf *[]byte) (contractText, error) {
	lo, hi, err := s.span(i)
	if err != nil {
		return contractText{}, err
	}
	if s.data != nil { // the record in place: its strings are copied out
		return parseContractText(s.data[lo:hi], i)
	}
	if cap(*buf) < int(hi-lo) {
		*buf = make([]byte, hi-lo)
	}
	b := (*buf)[:hi-lo]
	if n, err := s.f.ReadAt(b, lo); n != len(b) {
		return contractText{}, fmt.Errorf("depozitul contractelor, rândul %d: %d din %d octeți (%v)", i, n, len(b), err)
	}
	return parseContractText(b, i)
}

// parseContractText is a record's three strings; anything else is refused.
func parseContractText(b []byte, i int) (contractText, error) {
	var out [3]string
	rest := b
	for k := range out {
		n, w := binary.Uvarint(rest)
		if w <= 0 || n > uint64(len(rest)-w) {
			return contractText{}, &CheckError{Dataset: ContractRowsFile, Reason: fmt.Sprintf("rândul %d nu este o înregistrare întreagă", i)}
		}
		out[k], rest = string(rest[w:w+int(n)]), rest[w+int(n):]
	}
	if len(rest) != 0 {
		return contractText{}, &CheckError{Dataset: ContractRowsFile, Reason: fmt.Sprintf("rândul %d are %d octeți în plus", i, len(rest))}
	}
	return contractText{out[0], out[1], out[2]}, nil
}

// each calls fn with every record in order (publish's check and Verify).
func (s *contractRows) each(fn func(i int, t contractText) error) error {
	var buf []byte
	for i := range s.n {
		t, err := s.read(i, &buf)
		if err != nil {
			return err
		}
		if err := fn(i, t); err != nil {
			return err
		}
	}
	return nil
}

func (s *contractRows) Close() error {
	unmapContractRows(s.data)
	s.data = nil
	return s.f.Close()
}
