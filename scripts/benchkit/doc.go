// Package benchkit is what the benchmark commands under scripts/ share: the
// real servers started as child processes (StartChild), the static file
// server every page and download is compared with (ServeStatic), a child
// run timed with its peak memory (Run), PostgreSQL started on a local
// socket in a temporary directory (StartPostgres), and the statistics
// (Median, Quantile). Not product code: nothing outside scripts/ imports it.
package benchkit
