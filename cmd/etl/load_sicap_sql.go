package main

import (
	"context"
	"io"

	"github.com/deschis/deschis/ingest"
	"github.com/deschis/deschis/ingest/sicap"
	"github.com/deschis/deschis/warehouse"
)

// sicapSQLDefault is whether etl load reads SICAP's CSV shapes by the SQL
// load path when --sicap-sql is not given. Off: measured at 1 M rows
// (docs/mapping.md, "SICAP's CSV shapes"), the SQL path took 208,8 s against
// the Go reader's 84,9 s in the same run; it becomes the default when it is
// the faster one.
const sicapSQLDefault = false

// offerSicapSQL offers each file of the sicap format to the warehouse's SQL
// load path (ingest/sicap's SQLFile), as loadFiles offers the canonical CSV.
// Rows filtered by the deployment (--only-deployment) stay with the Go
// reader, which applies the filter; --only-entity's skips are the Go
// reader's, counted as it counts them. A file in Windows-1250 is transcoded
// to a UTF-8 copy in dir (the warehouse's directory), removed after the load
// reads it.
func offerSicapSQL(files []warehouse.LoadFile, format string, opt ingest.Options, bar progress, dir string) {
	if format != "sicap" || opt.Keep != nil {
		return
	}
	for i := range files {
		opt := opt
		opt.File = files[i].Path
		files[i].SQL = func(ctx context.Context) (*warehouse.CSVFile, error) {
			c, err := sicap.SQLFile(opt, dir, func(r io.Reader) io.Reader { return &countingReader{ctx: ctx, r: r, bar: bar} })
			return csvFile(c), err
		}
	}
}
