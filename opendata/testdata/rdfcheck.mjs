// rdfcheck.mjs parses a Turtle file and a JSON-LD file with real RDF
// parsers (@zazuko/env-node: N3.js and jsonld-streaming-parser), compares
// them canonically (RDF dataset canonicalisation), lists the Turtle file's
// literals, and, given SHACL shapes, validates the Turtle file against them
// with rdf-validate-shacl. It prints one JSON report on stdout.
//
//	node rdfcheck.mjs data.ttl data.jsonld [shapes.ttl ...]
import rdf from '@zazuko/env-node'
import SHACLValidator from 'rdf-validate-shacl'

const [ttl, jsonld, ...shapeFiles] = process.argv.slice(2)
const fromTurtle = await rdf.dataset().import(rdf.fromFile(ttl))
const fromJSONLD = await rdf.dataset().import(rdf.fromFile(jsonld))
const literals = []
for (const q of fromTurtle) {
  if (q.object.termType === 'Literal') {
    literals.push({ predicate: q.predicate.value, value: q.object.value, language: q.object.language, datatype: q.object.datatype.value })
  }
}
const out = {
  turtleQuads: fromTurtle.size,
  jsonldQuads: fromJSONLD.size,
  sameCanonical: fromTurtle.toCanonical() === fromJSONLD.toCanonical(),
  literals,
  results: [],
}
if (shapeFiles.length > 0) {
  const shapes = rdf.dataset()
  for (const f of shapeFiles) {
    await shapes.import(rdf.fromFile(f))
  }
  const validator = new SHACLValidator(shapes, { factory: rdf })
  const report = await validator.validate(fromTurtle)
  out.conforms = report.conforms
  out.results = report.results.map(r => ({
    severity: r.severity?.value,
    focus: r.focusNode?.value,
    path: r.path?.value,
    message: r.message.map(m => m.value).join(' '),
    shape: r.sourceShape?.value,
  }))
}
process.stdout.write(JSON.stringify(out))
