package forexebug

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/models"
)

// maxTitleRows is how far down a sheet the header row is looked for.
const maxTitleRows = 50

// xlsxSource reads the XLSX twin of a report with excelize's streaming Rows
// iterator. XLSX is a ZIP archive and needs random access, so the input is
// spooled to a temporary file first; excelize then unpacks large worksheets
// to temporary files of its own instead of memory.
type xlsxSource struct {
	opt     ingest.Options
	path    string
	f       *excelize.File
	rows    *excelize.Rows
	n       int            // row number of the current row
	colOf   map[string]int // canonical column -> index
	names   []string       // canonical name of each column ("" when unknown)
	hdr     Header
	title   map[string]string // header values found in the title rows
	machine bool
}

func openXLSX(r io.Reader, opt ingest.Options) (*xlsxSource, error) {
	tmp, err := os.CreateTemp("", "deschis-forexebug-*.xlsx")
	if err != nil {
		return nil, &models.FileError{File: opt.File, Reason: "nu pot crea copia temporară a fișierului XLSX", Err: err}
	}
	s := &xlsxSource{opt: opt, path: tmp.Name(), title: map[string]string{}, machine: true}
	_, err = io.Copy(tmp, r)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		s.close()
		return nil, &models.FileError{File: opt.File, Reason: "fișierul XLSX nu poate fi citit", Err: err}
	}
	if s.f, err = excelize.OpenFile(s.path); err != nil {
		s.close()
		return nil, &models.FileError{File: opt.File, Reason: "nu este un fișier XLSX valid", Err: err}
	}
	for _, sheet := range s.f.GetSheetList() {
		ok, err := s.findHeader(sheet)
		if err != nil {
			s.close()
			return nil, err
		}
		if ok {
			if err := s.applyTitle(); err != nil {
				s.close()
				return nil, err
			}
			return s, nil
		}
	}
	s.close()
	return nil, &models.FileError{File: opt.File, Reason: fmt.Sprintf(
		"nu găsesc rândul de antet al tabelului în primele %d rânduri ale vreunei foi (se caută COD_FUNCTIONAL și RULAJ_CH_VN sau coloanele de angajamente)", maxTitleRows)}
}

// findHeader scans the first rows of a sheet for the header row, collecting
// the header values of the title rows above it. On success the iterator
// stays on the header row.
func (s *xlsxSource) findHeader(sheet string) (bool, error) {
	rows, err := s.f.Rows(sheet)
	if err != nil {
		return false, &models.FileError{File: s.opt.File, Reason: "foaia " + sheet + " nu poate fi citită", Err: err}
	}
	title := map[string]string{}
	for n := 1; n <= maxTitleRows && rows.Next(); n++ {
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			rows.Close()
			return false, &models.FileError{File: s.opt.File, Reason: fmt.Sprintf("foaia %s, rândul %d nu poate fi citit", sheet, n), Err: err}
		}
		names := make([]string, len(cells))
		colOf := map[string]int{}
		for i, c := range cells {
			if _, known := aliases[squash(c)]; known || isSectionColumn(c) {
				names[i] = canonical(c)
				if _, dup := colOf[names[i]]; !dup {
					colOf[names[i]] = i
				}
			}
		}
		has := func(n string) bool { _, ok := colOf[n]; return ok }
		if has("COD_FUNCTIONAL") && isRowFields(func(n string) bool { return n != "COD_FUNCTIONAL" && has(n) }) {
			s.rows, s.n, s.colOf, s.names, s.title = rows, n, colOf, names, title
			return true, nil
		}
		titleValues(cells, title)
	}
	if err := rows.Error(); err != nil {
		rows.Close()
		return false, &models.FileError{File: s.opt.File, Reason: "foaia " + sheet + " nu poate fi citită", Err: err}
	}
	rows.Close()
	return false, nil
}

// titleValues takes "label | value" cell pairs and "label: value" cells of a
// title row whose label is a header field (P_ZI, COD_FISCAL, NUME, ...).
func titleValues(cells []string, into map[string]string) {
	for i := 0; i < len(cells); i++ {
		c := strings.TrimSpace(cells[i])
		if c == "" {
			continue
		}
		if label, value, ok := strings.Cut(c, ":"); ok && strings.TrimSpace(value) != "" {
			if name, known := aliases[squash(label)]; known && isTitleField(name) {
				into[name] = strings.TrimSpace(value)
				continue
			}
		}
		name, known := aliases[squash(c)]
		if !known || !isTitleField(name) {
			continue
		}
		for j := i + 1; j < len(cells); j++ {
			if v := strings.TrimSpace(cells[j]); v != "" {
				into[name] = v
				i = j
				break
			}
		}
	}
}

func isTitleField(name string) bool {
	switch name {
	case "P_ZI", "P_SECB", "P_CUI", "P_BUGIP", "P_STARE", "COD_FISCAL", "NUME":
		return true
	}
	return false
}

// applyTitle checks the header values found above the table.
func (s *xlsxSource) applyTitle() error {
	if v := s.title["P_ZI"]; v != "" {
		d, err := parseReportDate(v, true)
		if err != nil {
			return &models.FileError{File: s.opt.File, Reason: "data raportului (P_ZI) nu poate fi citită: " + err.Error()}
		}
		s.hdr.Date = d
	} else if _, ok := s.colOf["P_ZI"]; !ok {
		return &models.FileError{File: s.opt.File, Reason: "lipsește data raportului (P_ZI): nici în rândurile de titlu, nici ca o coloană a tabelului"}
	}
	s.hdr.Sector, s.hdr.State = s.title["P_SECB"], s.title["P_STARE"]
	s.hdr.CUI = s.title["P_CUI"]
	if s.hdr.CUI == "" {
		s.hdr.CUI = s.title["P_BUGIP"]
	}
	return checkSector(s.opt, s.hdr.Sector)
}

func (s *xlsxSource) header() *Header { return &s.hdr }

func (s *xlsxSource) next() (*rawRow, error) {
	for {
		if !s.rows.Next() {
			if err := s.rows.Error(); err != nil {
				return nil, &models.FileError{File: s.opt.File, Reason: fmt.Sprintf("XLSX invalid după rândul %d", s.n), Err: err}
			}
			return nil, io.EOF
		}
		s.n++
		cells, err := s.rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &models.FileError{File: s.opt.File, Reason: fmt.Sprintf("XLSX invalid la rândul %d", s.n), Err: err}
		}
		r := &rawRow{line: s.n, cols: make(map[string]string, len(s.colOf)), machine: s.machine,
			entityCUI: s.title["COD_FISCAL"], entityName: s.title["NUME"]}
		for name := range s.colOf {
			r.cols[name] = "" // a short row: the missing cells are empty
		}
		empty := true
		for i, c := range cells {
			if i >= len(s.names) || s.names[i] == "" || s.colOf[s.names[i]] != i {
				continue
			}
			r.cols[s.names[i]] = c
			if strings.TrimSpace(c) != "" {
				empty = false
			}
		}
		if empty {
			continue
		}
		return r, nil
	}
}

func (s *xlsxSource) close() error {
	var err error
	if s.rows != nil {
		s.rows.Close()
		s.rows = nil
	}
	if s.f != nil {
		err = s.f.Close()
		s.f = nil
	}
	if s.path != "" {
		if rerr := os.Remove(s.path); err == nil && rerr != nil && !os.IsNotExist(rerr) {
			err = rerr
		}
		s.path = ""
	}
	return err
}
