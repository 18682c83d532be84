package ingest

// The rows a load keeps by their institution. A national export (SICAP,
// OCDS, a Treasury report of several institutions) holds thousands of
// institutions; a deployment wants its own: one (Options.OnlyEntity, etl load
// --only-entity) or every institution registered in the warehouse
// (Options.Keep, etl load --only-deployment: a county council with its
// towns, communes and their units). The rows of the others are skipped, not
// rejected, and counted by reason (models.SkipOtherEntity,
// models.SkipOutsideDeployment).

// KeepSet holds the fiscal codes (normalised, without RO) a load keeps.
type KeepSet map[string]bool

// NewKeepSet is the set of the given fiscal codes.
func NewKeepSet(cuis []string) KeepSet {
	k := make(KeepSet, len(cuis))
	for _, c := range cuis {
		k[c] = true
	}
	return k
}

// Outside reports whether a row of institution cui (as its reader parsed it:
// a normalised fiscal code) is left out because Options.Keep does not hold
// it. A row whose institution could not be read is never outside: it may be
// one of the deployment's, so its reader rejects it instead.
func (o Options) Outside(cui string) bool {
	return o.Keep != nil && cui != "" && !o.Keep[cui]
}

// Formats that apply Options.Keep where they read a row's institution.
var keepFormats = map[string]bool{"deschis": true, "sicap": true, "ocds": true, "forexebug": true}

// KeepsDeployment reports whether a format applies Options.Keep (etl load
// --only-deployment); the generic mapped formats do not.
func KeepsDeployment(format string) bool { return keepFormats[format] }
