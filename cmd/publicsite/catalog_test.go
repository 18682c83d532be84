package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// base_url, contact_email and ocid_prefix reach the portal metadata: the
// catalogue's addresses start with the configured address and name the
// institution's public contact, and every ocid starts with the prefix.
func TestPortalSettingsReachTheMetadata(t *testing.T) {
	s := site(t)
	m := &Main{}
	env := map[string]string{"DESCHIS_CONTACT_EMAIL": "registratura@primarie.example.ro"}
	if err := m.ParseFlags([]string{"--releases", s.releases, "--addr", "127.0.0.1:0", "--reload", "1h", "--admin", "off",
		"--base-url", "https://date.primarie.example.ro", "--ocid-prefix", "ocds-abc123"}, func(k string) string { return env[k] }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	get := func(path string) string {
		t.Helper()
		resp, err := http.Get("http://" + m.Addr() + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		return string(b)
	}
	ttl := get("/catalog.ttl")
	for _, want := range []string{"<https://date.primarie.example.ro/date/procurement.csv>", "<mailto:registratura@primarie.example.ro>"} {
		if !strings.Contains(ttl, want) {
			t.Errorf("the catalogue has no %s", want)
		}
	}
	if strings.Contains(ttl, m.Addr()) {
		t.Errorf("the catalogue names the listening address %s, not base_url", m.Addr())
	}
	jsonld := get("/catalog.jsonld")
	if !strings.Contains(jsonld, `"https://date.primarie.example.ro/catalog#catalog"`) {
		t.Errorf("the JSON-LD catalogue does not start its addresses with base_url")
	}
	ocds := get("/api/v1/ocds/releases.json")
	if !strings.Contains(ocds, `"uri":"https://date.primarie.example.ro/api/v1/ocds/releases.json"`) ||
		!strings.Contains(ocds, `"ocid":"ocds-abc123-`) || strings.Contains(ocds, `"ocid":"ocds-local0-`) {
		t.Errorf("the OCDS package does not use base_url and ocid_prefix: %.300s", ocds)
	}
}
