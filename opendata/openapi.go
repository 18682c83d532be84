package opendata

import (
	_ "embed"
	"net/http"
)

// OpenAPI is the OpenAPI 3.1 document of the API (openapi.json), served at
// /api/v1/openapi.json. Its paths are the routes of API(): a test checks
// both ways, and validates the answers against its schemas.
//
//go:embed openapi.json
var OpenAPI []byte

var openAPIETag = etagOf(OpenAPI)

func serveOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("ETag", openAPIETag)
	w.Header().Set("Cache-Control", "public, max-age=300")
	if noneMatch(r.Header.Get("If-None-Match"), openAPIETag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Write(OpenAPI)
}
