package release

// Writing the contract index's file (contract_index_file.go) at publish:
// the columns writeContractIndex packed, the postings and runs computed
// here, the header's digest of SiteDatabase filled in once that file is
// written and hashed (sealContractIndexFile), then the file checked read
// back as the reader and etl verify read it.

import (
	"bufio"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"

	"github.com/deschis/deschis/models"
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// contractRuns are the (buyer, year) runs of the contracts in row order:
// four values a run (buyer id, year, first row, row after the last), and
// sorted when each (buyer, year) and each buyer is one run; not sorted, no
// runs (every read then scans).
func contractRuns(buyer []uint32, year []uint16) (runs []uint32, sorted bool) {
	seen, last := map[uint64]bool{}, map[uint32]int{}
	for lo := 0; lo < len(buyer); {
		hi := lo + 1
		for hi < len(buyer) && buyer[hi] == buyer[lo] && year[hi] == year[lo] {
			hi++
		}
		key := uint64(buyer[lo])<<16 | uint64(year[lo])
		if end, ok := last[buyer[lo]]; seen[key] || ok && end != lo {
			return nil, false
		}
		seen[key], last[buyer[lo]] = true, hi
		runs = append(runs, buyer[lo], uint32(year[lo]), uint32(lo), uint32(hi))
		lo = hi
	}
	return runs, true
}

// writeContractIndexFile writes the file of n contracts at path from cols
// (writeContractIndex's packed columns) with names and cuis the sizes of
// the supplier-name and fiscal-code dictionaries; its digest of the site
// database is zero until sealContractIndexFile.
func writeContractIndexFile(path string, cols map[string][]byte, n, names, cuis int) (err error) {
	u32 := func(b []byte) []uint32 {
		out := make([]uint32, len(b)/4)
		for i := range out {
			out[i] = binary.LittleEndian.Uint32(b[4*i:])
		}
		return out
	}
	year := make([]uint16, len(cols["year"])/2)
	for i := range year {
		year[i] = binary.LittleEndian.Uint16(cols["year"][2*i:])
	}
	runs, sorted := contractRuns(u32(cols["buyer"]), year)
	byName, byCUI := makePostings(u32(cols["name"]), names), makePostings(u32(cols["cui"]), cuis)
	pack := func(v []uint32) []byte {
		b := make([]byte, 0, 4*len(v))
		for _, x := range v {
			b = binary.LittleEndian.AppendUint32(b, x)
		}
		return b
	}
	data := map[string][]byte{
		"name_start": pack(byName.start), "name_pos": pack(byName.pos),
		"cui_start": pack(byCUI.start), "cui_pos": pack(byCUI.pos), "runs": pack(runs),
	}
	var flags uint32
	if sorted {
		flags |= contractIndexSorted
	}
	head := make([]byte, 0, contractIndexFileHeader+contractIndexEntry*len(contractIndexColumns))
	head = append(head, contractIndexMagic...)
	head = binary.LittleEndian.AppendUint32(head, contractIndexFileLayout)
	head = binary.LittleEndian.AppendUint32(head, flags)
	head = binary.LittleEndian.AppendUint64(head, uint64(n))
	head = append(head, make([]byte, 32)...) // the site's digest, sealed later
	head = binary.LittleEndian.AppendUint32(head, uint32(len(contractIndexColumns)))
	head = binary.LittleEndian.AppendUint32(head, 0)
	at := alignUp(int64(cap(head)))
	var bodies [][]byte
	for _, c := range contractIndexColumns {
		b, ok := data[c.name]
		if !ok {
			b = cols[c.name]
		}
		if want := c.width * c.count(n, names, cuis, len(runs)/4); len(b) != want {
			return fmt.Errorf("coloana %s are %d octeți, nu %d", c.name, len(b), want)
		}
		var name [24]byte
		copy(name[:], c.name)
		head = append(head, name[:]...)
		head = binary.LittleEndian.AppendUint64(head, uint64(at))
		head = binary.LittleEndian.AppendUint64(head, uint64(len(b)))
		head = binary.LittleEndian.AppendUint32(head, crc32.Checksum(b, castagnoli))
		head = binary.LittleEndian.AppendUint32(head, 0)
		bodies = append(bodies, b)
		at = alignUp(at + int64(len(b)))
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	w := bufio.NewWriterSize(f, 1<<20)
	written := int64(0)
	put := func(b []byte) error {
		pad := alignUp(written) - written
		if _, err := w.Write(make([]byte, pad)); err != nil {
			return err
		}
		_, err := w.Write(b)
		written += pad + int64(len(b))
		return err
	}
	for _, b := range append([][]byte{head}, bodies...) {
		if err := put(b); err != nil {
			return err
		}
	}
	if err := put(nil); err != nil { // the file ends aligned
		return err
	}
	return w.Flush()
}

func alignUp(at int64) int64 {
	return (at + contractIndexAlign - 1) / contractIndexAlign * contractIndexAlign
}

// sealContractIndexFile writes site's digest into the header of the file
// of the release in dir and checks the file as etl verify does
// (checkContractIndexFile); it returns the file's manifest entry.
func sealContractIndexFile(dir string, man *models.Manifest, site models.ReleaseFile) (models.ReleaseFile, error) {
	digest, err := hex.DecodeString(site.SHA256)
	if err != nil || len(digest) != 32 {
		return models.ReleaseFile{}, fmt.Errorf("sha256 %q al bazei %s", site.SHA256, site.Path)
	}
	path := filepath.Join(dir, filepath.FromSlash(ContractIndexFile))
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return models.ReleaseFile{}, err
	}
	_, err = f.WriteAt(digest, 24)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return models.ReleaseFile{}, err
	}
	return sealBeside(dir, ContractIndexFile, FormatContractIndex, man, site, checkContractIndexFile)
}
