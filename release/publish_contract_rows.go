package release

// Writing the contracts' text store (contract_rows.go) at publish, from the
// procurement table of the SiteDatabase just written and checked, in its
// row order (the contract index's), and checking it read back.

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/deschis/deschis/models"
)

// writeContractRows writes the store into the release in dir and checks it
// (checkContractRows); site is SiteDatabase's entry, which the store's
// header names.
// contractRowsChunk is how many rowids one query of writeContractRows
// reads (a variable so the tests cut their small releases into many).
var contractRowsChunk int64 = 1 << 18

func writeContractRows(ctx context.Context, conn *sql.Conn, dir string, man *models.Manifest, site models.ReleaseFile) (_ models.ReleaseFile, err error) {
	d, ok := man.Dataset("procurement")
	if !ok {
		return models.ReleaseFile{}, fmt.Errorf("%w: ediția nu are setul procurement", models.ErrInvalid)
	}
	digest, err := hex.DecodeString(site.SHA256)
	if err != nil || len(digest) != 32 {
		return models.ReleaseFile{}, fmt.Errorf("sha256 %q al bazei %s", site.SHA256, site.Path)
	}
	path := filepath.Join(dir, filepath.FromSlash(ContractRowsFile))
	const alias = "deschis_release_rows"
	if _, err := conn.ExecContext(ctx, `ATTACH `+sqlString(filepath.Join(dir, filepath.FromSlash(site.Path)))+` AS `+alias+` (READ_ONLY)`); err != nil {
		return models.ReleaseFile{}, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DETACH `+alias)
	// The records in rowid order, a range of rowids at a time: DuckDB
	// pushes the range into the scan, so each query sorts only its own rows
	// and the publish's memory does not grow with the contracts' text.
	err = writeContractRowsFile(path, d.Rows, digest, func(add func(contractText) error) error {
		for first := int64(0); first < d.Rows; first += contractRowsChunk {
			err := queryRows(ctx, conn, `SELECT coalesce(contract_id, ''), coalesce(parent_id, ''), coalesce(title, '') FROM `+alias+`.procurement
				WHERE rowid BETWEEN ? AND ? ORDER BY rowid`, []any{first, first + contractRowsChunk - 1},
				func(rows *sql.Rows) error {
					var t contractText
					if err := rows.Scan(&t.id, &t.parent, &t.title); err != nil {
						return err
					}
					return add(t)
				})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return models.ReleaseFile{}, err
	}
	return sealBeside(dir, ContractRowsFile, FormatContractRows, man, site, checkContractRows)
}

// writeContractRowsFile writes a store of n records at path: each record
// given to add by records, in order; digest is the database's it
// completes.
func writeContractRowsFile(path string, n int64, digest []byte, records func(add func(contractText) error) error) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	head := make([]byte, 0, contractRowsHeader)
	head = append(head, contractRowsMagic...)
	head = binary.LittleEndian.AppendUint32(head, contractRowsVersion)
	head = binary.LittleEndian.AppendUint32(head, 0)
	head = binary.LittleEndian.AppendUint64(head, uint64(n))
	head = append(head, digest...)
	at := int64(contractRowsHeader) + 8*(n+1)
	if _, err := f.WriteAt(head, 0); err != nil {
		return err
	}
	if _, err := f.Seek(at, io.SeekStart); err != nil {
		return err
	}
	// The offsets are held until the end (8 bytes a contract), the records
	// streamed.
	offsets := make([]byte, 0, 8*(n+1))
	w := bufio.NewWriterSize(f, 1<<20)
	var count int64
	var rec []byte
	err = records(func(t contractText) error {
		offsets = binary.LittleEndian.AppendUint64(offsets, uint64(at))
		rec = rec[:0]
		for _, s := range []string{t.id, t.parent, t.title} {
			rec = binary.AppendUvarint(rec, uint64(len(s)))
			rec = append(rec, s...)
		}
		at += int64(len(rec))
		count++
		_, err := w.Write(rec)
		return err
	})
	if err != nil {
		return err
	}
	if count != n {
		return &CheckError{Dataset: ContractRowsFile, Reason: ro.Sprintf("baza are %d contracte, manifestul %d", count, n)}
	}
	offsets = binary.LittleEndian.AppendUint64(offsets, uint64(at))
	if err := w.Flush(); err != nil {
		return err
	}
	if _, err := f.WriteAt(offsets, contractRowsHeader); err != nil {
		return err
	}
	return f.Sync()
}

// checkContractRows opens the store of the release in dir as the reader
// does and reads every record back: publish refuses a store that does not
// open or whose records do not parse, and so does Verify.
func checkContractRows(dir string, man *models.Manifest) error {
	s, ok, err := openContractRows(dir, man)
	if err != nil {
		return err
	}
	if !ok {
		return &CheckError{Dataset: ContractRowsFile, Reason: "manifestul nu listează depozitul"}
	}
	defer s.Close()
	return s.each(func(int, contractText) error { return nil })
}

// sealBeside lists the file rel a publish wrote beside the site database
// site (the text store, the contract index) with its size and digest, and
// checks it as a reader will, against a manifest listing the two.
func sealBeside(dir, rel, format string, man *models.Manifest, site models.ReleaseFile, check func(string, *models.Manifest) error) (models.ReleaseFile, error) {
	sum, size, err := models.FileSHA256(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		return models.ReleaseFile{}, err
	}
	entry := models.ReleaseFile{Path: rel, Format: format, Bytes: size, SHA256: sum}
	m := *man
	m.Databases = []models.ReleaseFile{site, entry}
	return entry, check(dir, &m)
}
