package main

// mappedSQLDefault is whether etl load and etl run read a csv file with a
// mapping (procurement, requests) by the SQL load path when --mapped-sql is
// not given. On: on the make bench-ingest register of 1 M rows (Windows-1250,
// a value map, Romanian notations), the SQL path loaded in 9,6–11,6 s against
// the Go reader's 14,0–14,6 s, peak 554–588 MiB against 717–794 MiB, in the
// same run (docs/mapping.md, "The csv format with a mapping");
// --mapped-sql=false reads the file with the Go reader.
const mappedSQLDefault = true
