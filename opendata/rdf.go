package opendata

// A small RDF graph and its two serialisations, Turtle and JSON-LD: what
// the DCAT-AP catalogue (catalog.go) is written with. Both are written
// from the same triples, so they say the same thing (the catalogue's test
// parses both with a real RDF library and compares them canonically).
//
// Written here rather than with a library: no Go RDF library among the
// modules known to work here writes both Turtle and JSON-LD (json-gold
// writes JSON-LD and N-Quads, not Turtle; the Turtle packages are small
// struct marshallers). What the catalogue needs is a list of triples and
// the escaping rules of the two syntaxes, tested in rdf_test.go.

import (
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
)

type termKind int

const (
	kindIRI termKind = iota
	kindBlank
	kindLiteral
)

// term is an IRI, a blank node or a literal (with a language or a datatype).
type term struct {
	kind     termKind
	value    string // the IRI, the blank node's label, the literal's text
	lang     string
	datatype string // an IRI; "" for xsd:string or a language-tagged string
}

// iri is an IRI term. The characters no IRI may hold (controls, space,
// <>"{}|^`\) are percent-encoded, so both syntaxes write the same valid IRI.
func iri(s string) term { return term{kind: kindIRI, value: safeIRI(s)} }

func safeIRI(s string) string {
	if !strings.ContainsFunc(s, unsafeInIRI) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unsafeInIRI(r) {
			for _, c := range []byte(string(r)) {
				fmt.Fprintf(&b, "%%%02X", c)
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func unsafeInIRI(r rune) bool {
	return r <= 0x20 || r == 0x7f || strings.ContainsRune("<>\"{}|^`\\", r)
}

func blank(label string) term          { return term{kind: kindBlank, value: label} }
func str(s string) term                { return term{kind: kindLiteral, value: s} }
func langStr(s, lang string) term      { return term{kind: kindLiteral, value: s, lang: lang} }
func typedLit(s, datatype string) term { return term{kind: kindLiteral, value: s, datatype: datatype} }

type triple struct{ s, p, o term }

// graph is a list of triples with the prefixes the serialisations use.
type graph struct {
	prefixes map[string]string // prefix -> namespace IRI
	triples  []triple
	blanks   int
}

func newGraph(prefixes map[string]string) *graph { return &graph{prefixes: prefixes} }

func (g *graph) add(s, p, o term) { g.triples = append(g.triples, triple{s, p, o}) }

// newBlank is a fresh blank node.
func (g *graph) newBlank() term {
	g.blanks++
	return blank(fmt.Sprintf("b%d", g.blanks))
}

const rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

// subjects are the graph's subjects in the order they first appear, each
// with its triples in order.
func (g *graph) subjects() ([]term, map[term][]triple) {
	var order []term
	by := map[term][]triple{}
	for _, t := range g.triples {
		if _, ok := by[t.s]; !ok {
			order = append(order, t.s)
		}
		by[t.s] = append(by[t.s], t)
	}
	return order, by
}

// sortedPrefixes are the prefixes, in alphabetical order.
func (g *graph) sortedPrefixes() []string {
	var out []string
	for p := range g.prefixes {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// localName is what a prefixed name may hold after the colon, kept to a
// safe subset of Turtle's PN_LOCAL (and JSON-LD's compact IRIs).
var localName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*$`)

// compact is the prefixed name of an IRI, or "" when no prefix fits.
func (g *graph) compact(s string) string {
	for _, p := range g.sortedPrefixes() {
		if rest, ok := strings.CutPrefix(s, g.prefixes[p]); ok && localName.MatchString(rest) {
			return p + ":" + rest
		}
	}
	return ""
}

// turtleIRI writes an IRI as <...> (iri made it safe to write as it is).
func turtleIRI(s string) string { return "<" + safeIRI(s) + ">" }

// turtleString writes a string literal in double quotes, escaping quotes,
// backslashes and control characters.
func turtleString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04X`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

var langTag = regexp.MustCompile(`^[a-zA-Z]+(-[a-zA-Z0-9]+)*$`)

func (g *graph) turtleTerm(t term) string {
	switch t.kind {
	case kindBlank:
		return "_:" + t.value
	case kindLiteral:
		s := turtleString(t.value)
		if t.lang != "" && langTag.MatchString(t.lang) {
			return s + "@" + t.lang
		}
		if t.datatype != "" {
			return s + "^^" + g.turtleRef(t.datatype)
		}
		return s
	}
	return g.turtleRef(t.value)
}

func (g *graph) turtleRef(s string) string {
	if c := g.compact(s); c != "" {
		return c
	}
	return turtleIRI(s)
}

// WriteTurtle writes the graph as Turtle: the prefixes, then each subject
// with its predicates and objects.
func (g *graph) writeTurtle(w io.Writer) error {
	var b strings.Builder
	for _, p := range g.sortedPrefixes() {
		fmt.Fprintf(&b, "@prefix %s: %s .\n", p, turtleIRI(g.prefixes[p]))
	}
	order, by := g.subjects()
	for _, s := range order {
		b.WriteString("\n" + g.turtleTerm(s))
		for i, t := range by[s] {
			sep := " ;\n    "
			if i == 0 {
				sep = "\n    "
			}
			pred := g.turtleRef(t.p.value)
			if t.p.value == rdfType {
				pred = "a"
			}
			b.WriteString(sep + pred + " " + g.turtleTerm(t.o))
		}
		b.WriteString(" .\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonldRef is an IRI as JSON-LD writes it: a compact IRI when a prefix of
// the context fits, else the IRI.
func (g *graph) jsonldRef(s string) string {
	if c := g.compact(s); c != "" {
		return c
	}
	return s
}

func (g *graph) jsonldObject(t term) map[string]string {
	switch t.kind {
	case kindBlank:
		return map[string]string{"@id": "_:" + t.value}
	case kindIRI:
		return map[string]string{"@id": g.jsonldRef(t.value)}
	}
	o := map[string]string{"@value": t.value}
	if t.lang != "" && langTag.MatchString(t.lang) {
		o["@language"] = t.lang
	} else if t.datatype != "" {
		o["@type"] = g.jsonldRef(t.datatype)
	}
	return o
}

// writeJSONLD writes the graph as flattened JSON-LD: the prefixes as the
// @context, and one node object per subject in @graph, every value in its
// explicit form ({"@id"} or {"@value", "@language" | "@type"}).
func (g *graph) writeJSONLD(w io.Writer) error {
	ctx := map[string]string{}
	for p, ns := range g.prefixes {
		ctx[p] = ns
	}
	order, by := g.subjects()
	nodes := make([]map[string]any, 0, len(order))
	for _, s := range order {
		id := g.jsonldRef(s.value)
		if s.kind == kindBlank {
			id = "_:" + s.value
		}
		n := map[string]any{"@id": id}
		var types []string
		props := map[string][]map[string]string{}
		for _, t := range by[s] {
			if t.p.value == rdfType && t.o.kind == kindIRI {
				types = append(types, g.jsonldRef(t.o.value))
				continue
			}
			k := g.jsonldRef(t.p.value)
			props[k] = append(props[k], g.jsonldObject(t.o))
		}
		if len(types) > 0 {
			n["@type"] = types
		}
		for k, v := range props {
			n[k] = v
		}
		nodes = append(nodes, n)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(map[string]any{"@context": ctx, "@graph": nodes})
}
