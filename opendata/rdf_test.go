package opendata

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// RDFCheck is what testdata/rdfcheck.mjs reports of a Turtle file and a
// JSON-LD file: their quads, whether they are the same graph
// (canonicalised), the Turtle file's literals, and the SHACL results.
type RDFCheck struct {
	TurtleQuads   int  `json:"turtleQuads"`
	JSONLDQuads   int  `json:"jsonldQuads"`
	SameCanonical bool `json:"sameCanonical"`
	Literals      []struct {
		Predicate, Value, Language, Datatype string
	} `json:"literals"`
	Conforms bool `json:"conforms"`
	Results  []struct {
		Severity, Focus, Path, Message, Shape string
	} `json:"results"`
}

// RunRDFCheck runs testdata/rdfcheck.mjs (in the repository at root) with
// Node on a Turtle and a JSON-LD file, and SHACL shapes if any. It fails
// the test when Node or the npm packages are missing (make setup).
func RunRDFCheck(t *testing.T, root, ttl, jsonld string, shapes ...string) RDFCheck {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("the RDF checks need Node: run `make setup`")
	}
	for _, p := range []string{"node_modules/rdf-validate-shacl/package.json", "node_modules/@zazuko/env-node/package.json"} {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Fatalf("the RDF checks need %s: run `make setup`", p)
		}
	}
	cmd := exec.Command(node, append([]string{filepath.Join(root, "opendata", "testdata", "rdfcheck.mjs"), ttl, jsonld}, shapes...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("rdfcheck.mjs: %v\n%s", err, stderr.String())
	}
	var c RDFCheck
	if err := json.Unmarshal(out, &c); err != nil {
		t.Fatalf("rdfcheck.mjs printed %.300s: %v", out, err)
	}
	return c
}

// The Turtle and the JSON-LD writers escape what their syntaxes must: a
// real parser reads back every literal exactly, and the two files are the
// same graph.
func TestTurtleAndJSONLDEscapeAndAgree(t *testing.T) {
	nasty := []string{
		`ghilimele "duble" și \ backslash`,
		"linie\nnouă\r\tși tab",
		`"""trei ghilimele"""`,
		"control \x01\x1f\x7f",
		"Școala „Mihai Eminescu” – Timișoara 💶",
		`<script>alert('x')</script> & ;.`,
		"",
		"se termină cu \\",
	}
	g := newGraph(catalogPrefixes)
	s := iri("http://example.org/a b<c>\"{}|^`\\d")
	g.add(s, iri(rdfType), ns("dcat", "Dataset"))
	for i, v := range nasty {
		switch i % 3 {
		case 0:
			g.add(s, ns("dct", "title"), str(v))
		case 1:
			g.add(s, ns("dct", "title"), langStr(v, "ro"))
		case 2:
			g.add(s, ns("dct", "description"), typedLit(v, catalogPrefixes["xsd"]+"string"))
		}
	}
	b := g.newBlank()
	g.add(s, ns("spdx", "checksum"), b)
	g.add(b, ns("spdx", "checksumValue"), typedLit("ab01", catalogPrefixes["xsd"]+"hexBinary"))
	g.add(s, iri("http://example.org/ns#1starts-with-a-digit"), iri("http://example.org/ns#x.y"))
	dir := t.TempDir()
	ttl, jsonld := filepath.Join(dir, "g.ttl"), filepath.Join(dir, "g.jsonld")
	for path, write := range map[string]func(*os.File) error{
		ttl:    func(f *os.File) error { return g.writeTurtle(f) },
		jsonld: func(f *os.File) error { return g.writeJSONLD(f) },
	} {
		f, err := os.Create(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := write(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	c := RunRDFCheck(t, "..", ttl, jsonld)
	if c.TurtleQuads != len(g.triples) || c.JSONLDQuads != len(g.triples) || !c.SameCanonical {
		t.Errorf("%d triples written; Turtle %d quads, JSON-LD %d, same graph %v", len(g.triples), c.TurtleQuads, c.JSONLDQuads, c.SameCanonical)
	}
	var got []string
	for _, l := range c.Literals {
		if l.Value != "ab01" {
			got = append(got, l.Value)
		}
	}
	want := slices.Clone(nasty)
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the literals read back:\n%q\nwant\n%q", got, want)
	}
}
