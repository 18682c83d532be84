#!/usr/bin/env python3
"""Validate the OCDS fixtures of this directory against the OCDS 1.1.5 schemas.

Usage: validate_fixtures.py SCHEMA_DIR [FILE...]
Exit status 0 when every fixture is valid, 1 when one is not, 77 when the
jsonschema module is missing (the Go test then skips). Each line of a .jsonl
file is validated as a release package when it has "releases", else as a
release. The 1.0 fixture is validated against the 1.1.5 schemas too: 1.1 keeps
the 1.0 fields (identifier on an organization reference) as deprecated.
"""
import json
import os
import sys

try:
    import jsonschema
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4
except ImportError:
    print("jsonschema/referencing not installed: skipped")
    sys.exit(77)

schema_dir = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
files = sys.argv[2:] or sorted(f for f in os.listdir(here) if f.endswith((".json", ".jsonl")))

schemas = {}
for name in ("release-schema.json", "release-package-schema.json", "record-package-schema.json"):
    with open(os.path.join(schema_dir, name)) as f:
        schemas[name] = json.load(f)
registry = Registry().with_resources(
    (s["id"], Resource.from_contents(s, default_specification=DRAFT4)) for s in schemas.values())


def validator(name):
    return jsonschema.Draft4Validator(schemas[name], registry=registry, format_checker=jsonschema.FormatChecker())


def check(label, doc):
    if "records" in doc:
        v = validator("record-package-schema.json")
    elif "releases" in doc:
        v = validator("release-package-schema.json")
    else:
        v = validator("release-schema.json")
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors:
        print(f"{label}: {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
    return not errors


ok = True
for name in files:
    valid = True
    path = os.path.join(here, name)
    with open(path, encoding="utf-8") as f:
        if name.endswith(".jsonl"):
            for i, line in enumerate(f, 1):
                if line.strip():
                    valid &= check(f"{name}:{i}", json.loads(line))
        else:
            valid &= check(name, json.load(f))
    ok &= valid
    print(f"{name}: {'valid' if valid else 'INVALID'}")
sys.exit(0 if ok else 1)
