package main

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// The generated file imitates a procurement register exported by a legacy
// Windows program: Windows-1250, `;` delimited, a header with Romanian column
// names, Romanian numbers (1.234.567,89) and dates (23.11.2026), DA/NU flags,
// supplier names and titles with diacritics and quoted fields with `;` in them.
var header = []string{"Nr. contract", "Tip", "CUI autoritate", "Autoritate", "CUI furnizor", "Furnizor",
	"Obiectul contractului", "Cod CPV", "Valoare (lei)", "Moneda", "Data atribuirii", "Procedura", "Nr. oferte", "Fonduri UE"}

var (
	kinds      = []string{"Achiziție directă", "Procedură", "Acord-cadru"}
	procedures = []string{"achiziție directă", "licitație deschisă", "procedură simplificată", "negociere fără publicare"}
	cpvs       = []string{"45233140-2", "30192000-1", "09134200-9", "79341000-6", "71356200-0", "34144900-7", "90910000-9", "15800000-6", "33600000-6", "72000000-5"}
	words      = []string{"Lucrări", "reparații", "străzi", "școală", "întreținere", "spații", "verzi", "furnizare", "echipamente", "servicii", "proiectare", "pază", "curățenie", "iluminat", "public", "și", "în", "municipiul", "Demo"}
	firms      = []string{"CONSTRUCȚII", "ȘANTIER", "TEHNIC", "INSTALAȚII", "DRUMURI", "ȚESĂTORIA", "INFO", "SERV", "GRUP", "MONTAJ"}
)

// benchContract is one generated contract: both registers (generate's and
// generateDeschis's) write the same draws, each in its own shape.
type benchContract struct {
	kind             int // index in kinds
	procedure        string
	bani             int64
	supplier         int
	firms            [2]string
	words            [4]string
	cpv              string
	day, month, year int
	offers           int
	eu               int // 0: yes, 1: no
}

// drawContract draws contract i from r, always in the same order.
func drawContract(r *rand.Rand, i int) benchContract {
	c := benchContract{kind: r.IntN(10) % 3, year: 2020 + i%7}
	if r.IntN(10) < 7 {
		c.kind = 0
	}
	c.procedure = procedures[0]
	if c.kind != 0 {
		c.procedure = procedures[1+r.IntN(3)]
	}
	c.bani = r.Int64N(100_000_000_00)
	if c.kind == 0 {
		c.bani = r.Int64N(270_000_00)
	}
	c.supplier = 10000000 + r.IntN(90000)
	c.firms = [2]string{firms[r.IntN(len(firms))], firms[r.IntN(len(firms))]}
	for k := range c.words {
		c.words[k] = words[r.IntN(len(words))]
	}
	c.cpv = cpvs[r.IntN(len(cpvs))]
	c.day, c.month = 1+r.IntN(28), 1+r.IntN(12)
	c.offers = 1 + r.IntN(6)
	c.eu = r.IntN(4) / 3
	return c
}

// generate writes n rows twice: as Windows-1250 with Romanian formats
// (what `etl load` reads) and as UTF-8 with the same cells (what bare
// read_csv reads), so the two sides parse exactly the same values.
// Windows-1250 has no ș ț with comma below, so both files carry the cedilla
// letters ş ţ a legacy program writes (etl load corrects them).
func generate(n int, cp1250Path, utf8Path string) error {
	f1, err := os.Create(cp1250Path)
	if err != nil {
		return err
	}
	defer f1.Close()
	f2, err := os.Create(utf8Path)
	if err != nil {
		return err
	}
	defer f2.Close()
	w1 := bufio.NewWriterSize(charmap.Windows1250.NewEncoder().Writer(f1), 1<<20)
	w2 := bufio.NewWriterSize(f2, 1<<20)
	out := io.MultiWriter(w1, w2)
	r := rand.New(rand.NewPCG(1, 2))
	var b strings.Builder
	b.WriteString(strings.Join(header, ";") + "\r\n")
	for i := 0; i < n; i++ {
		c := drawContract(r, i)
		fmt.Fprintf(&b, "C%d/%d;%s;9991004;Municipiul Demo;%d;\"%s %s S.R.L.\";\"%s %s; %s %s\";%s;%s;RON;%02d.%02d.%d;%s;%d;%s\r\n",
			i+1, c.year, kinds[c.kind], c.supplier, c.firms[0], c.firms[1], c.words[0], c.words[1], c.words[2], c.words[3],
			c.cpv, roAmount(c.bani), c.day, c.month, c.year, c.procedure, c.offers, []string{"DA", "NU"}[c.eu])
		if b.Len() > 1<<16 {
			if _, err := io.WriteString(out, legacy.Replace(b.String())); err != nil {
				return err
			}
			b.Reset()
		}
	}
	if _, err := io.WriteString(out, legacy.Replace(b.String())); err != nil {
		return err
	}
	if err := w1.Flush(); err != nil {
		return err
	}
	return w2.Flush()
}

var legacy = strings.NewReplacer("ș", "ş", "ț", "ţ", "Ș", "Ş", "Ț", "Ţ")

// roAmount writes bani as 1.234.567,89.
func roAmount(bani int64) string {
	s := fmt.Sprintf("%d", bani/100)
	var g []string
	for len(s) > 3 {
		g = append([]string{s[len(s)-3:]}, g...)
		s = s[:len(s)-3]
	}
	g = append([]string{s}, g...)
	return fmt.Sprintf("%s,%02d", strings.Join(g, "."), bani%100)
}
