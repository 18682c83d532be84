package ingest

import (
	"fmt"

	"github.com/goccy/go-yaml"
)

// DecodeYAML decodes a mapping or a config strictly: an unknown key is an
// error. The YAML library panics on some malformed documents (the tabular
// mapping fuzzer found one, kept in ingest/tabular/testdata/fuzz): such a
// document is refused as unreadable, never a crash.
func DecodeYAML(data []byte, v any) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("documentul YAML nu poate fi citit (%v)", r)
		}
	}()
	return yaml.UnmarshalWithOptions(data, v, yaml.Strict())
}
