package main

import (
	"flag"
	"log"
	"os"
)

func main() {
	log.SetFlags(0)
	if len(os.Args) > 2 && os.Args[1] == "canonical" {
		fs := flag.NewFlagSet("canonical", flag.ExitOnError)
		n := fs.Int("rows", 1_000_000, "rows")
		fs.Parse(os.Args[2:])
		if err := generateCanonical(*n, fs.Arg(0)); err != nil {
			log.Fatal(err)
		}
		return
	}
}
