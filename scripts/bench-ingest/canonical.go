package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
)

// generateCanonical writes n procurement rows in Deschis's canonical CSV
// (format deschis): the baseline for the staging path without any
// source-format work.
func generateCanonical(n int, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriterSize(f, 1<<20)
	r := rand.New(rand.NewPCG(1, 2))
	fmt.Fprintln(w, "contract_id,kind,buyer_cui,buyer_name,supplier_cui,supplier_name,title,cpv,value,currency,award_date,procedure,offers,eu_funded")
	for i := 0; i < n; i++ {
		fmt.Fprintf(w, "C%d,direct_purchase,9991004,Municipiul Demo,%d,\"%s S.R.L.\",\"%s %s, %s\",%s,%d.%02d,RON,%d-%02d-%02d,achiziție directă,%d,%t\n",
			i+1, 10000000+r.IntN(90000), firms[r.IntN(len(firms))], words[r.IntN(len(words))], words[r.IntN(len(words))], words[r.IntN(len(words))],
			cpvs[r.IntN(len(cpvs))], r.IntN(270000), r.IntN(100), 2020+i%7, 1+r.IntN(12), 1+r.IntN(28), 1+r.IntN(6), r.IntN(4) == 0)
	}
	return w.Flush()
}
