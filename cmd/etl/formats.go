package main

// The source formats etl reads: each package registers itself in init()
// (ingest.Register), the way database/sql drivers do.
import (
	_ "github.com/deschis/deschis/ingest/forexebug"
	_ "github.com/deschis/deschis/ingest/ocds"
	_ "github.com/deschis/deschis/ingest/sicap"
	_ "github.com/deschis/deschis/ingest/tabular"
)
