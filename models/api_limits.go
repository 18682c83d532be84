package models

// APILimit is a limit of the API, a named setting of cmd/publicsite
// (flag --<Key>, environment DESCHIS_<KEY>, YAML <key> with underscores):
// declared once here so that --help, the API's documentation page and the
// error a request over it gets say the same thing.
type APILimit struct {
	Key     string // the setting's name, e.g. api-max-rows
	Default string // its default, as the setting is written
	Text    Text   // what it limits and what happens over it
}

// The limits' keys.
const (
	LimitMaxRows      = "api-max-rows"
	LimitQueryTimeout = "api-query-timeout"
	LimitMaxResponse  = "api-max-response-mb"
)

// APILimits are the limits of the API's rows endpoint
// (GET /api/v1/datasets/{name}/rows).
var APILimits = []APILimit{
	{LimitMaxRows, "10000", Text{
		RO: "cele mai multe rânduri pe o pagină a API-ului (parametrul limit, 100 când lipsește); o cerere cu limit mai mare primește eroarea 400 bad_limit",
		EN: "the most rows on one page of the API (the limit parameter, 100 when absent); a request with a larger limit gets the error 400 bad_limit"}},
	{LimitQueryTimeout, "10s", Text{
		RO: "cât poate dura interogarea unei pagini a API-ului; peste, cererea primește eroarea 503 query_timeout (restrângeți filtrele sau descărcați fișierul întreg)",
		EN: "how long the query of one page of the API may run; past it the request gets the error 503 query_timeout (narrow the filters or download the whole file)"}},
	{LimitMaxResponse, "64", Text{
		RO: "cea mai mare pagină a API-ului, MiB; în JSON pagina se oprește la ultimul rând întreg de sub limită și next continuă de acolo, în celelalte formate răspunsul se întrerupe (cereți un limit mai mic)",
		EN: "the largest page of the API, MiB; in JSON the page stops at the last whole row under it and next goes on from there, in the other formats the answer is cut off (ask for a smaller limit)"}},
}
