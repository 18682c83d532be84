package main

import (
	"encoding/json"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/opendata"
)

// Every limit of the API is a setting (flag and environment variable),
// documented in --help with its default, in README.md and in the OpenAPI
// document, and every api-* setting is a declared limit: a setting added on
// one side only fails here.
func TestTheAPILimitsAreDocumentedSettings(t *testing.T) {
	var help strings.Builder
	(&Main{}).ParseFlags([]string{"--help"}, func(string) string { return "" }, &help)
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, l := range models.APILimits {
		declared[l.Key] = true
		env := "DESCHIS_" + strings.ToUpper(strings.ReplaceAll(l.Key, "-", "_"))
		found := false
		for _, s := range settings {
			found = found || s.key == l.Key && s.env == env
		}
		if !found {
			t.Errorf("the limit %s is not a setting with the variable %s", l.Key, env)
		}
		if !strings.Contains(help.String(), "-"+l.Key) || !strings.Contains(help.String(), l.Text.RO) || !strings.Contains(help.String(), "implicit "+l.Default) {
			t.Errorf("--help does not document %s, its text and its default %s", l.Key, l.Default)
		}
		if !strings.Contains(string(readme), "`"+l.Key+"`") {
			t.Errorf("README.md does not document the limit `%s`", l.Key)
		}
		if !strings.Contains(string(opendata.OpenAPI), l.Key) {
			t.Errorf("openapi.json does not name the limit %s", l.Key)
		}
		if l.Text.RO == "" || l.Text.EN == "" || l.Text.RO == l.Text.EN {
			t.Errorf("%s: %+v, want its text in Romanian and English", l.Key, l.Text)
		}
	}
	for _, s := range settings {
		if strings.HasPrefix(s.key, "api-") && !declared[s.key] {
			t.Errorf("the setting %s is not declared in models.APILimits (its text for the API's documentation)", s.key)
		}
	}
	if len(declared) != 3 {
		t.Errorf("%d limits, want page size, query time and response size", len(declared))
	}
}

// The program enforces the limits it is given: flags and environment reach
// the rows endpoint.
func TestTheProgramEnforcesTheAPILimits(t *testing.T) {
	s := site(t)
	m := &Main{}
	env := map[string]string{"DESCHIS_API_QUERY_TIMEOUT": "1m"}
	if err := m.ParseFlags([]string{"--releases", s.releases, "--addr", "127.0.0.1:0", "--admin", "off", "--api-max-rows", "7"},
		func(k string) string { return env[k] }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if got := m.Config.APILimits(); got.MaxRows != 7 || got.QueryTimeout.String() != "1m0s" || got.MaxResponseMB != 64 {
		t.Fatalf("limits %+v", got)
	}
	base := "http://" + m.Addr() + "/api/v1/datasets/procurement/rows"
	resp, body := get(t, base+"?limit=8")
	var e struct{ Error opendata.APIErrorBody }
	if err := json.Unmarshal([]byte(body), &e); err != nil || resp.StatusCode != 400 || e.Error.Code != "bad_limit" ||
		!strings.Contains(e.Error.Message.RO, "7") || !strings.Contains(e.Error.Message.EN, models.LimitMaxRows) {
		t.Errorf("limit=8 over --api-max-rows 7: %d %s", resp.StatusCode, body)
	}
	resp, body = get(t, base+"?limit=7")
	var page opendata.APIRows
	if err := json.Unmarshal([]byte(body), &page); err != nil || resp.StatusCode != 200 || len(page.Rows) != 7 || page.Next == nil {
		t.Errorf("limit=7: %d %.200s", resp.StatusCode, body)
	}
	if h := resp.Header.Get("Content-Security-Policy"); h == "" {
		t.Errorf("the rows answer has no security headers")
	}
}
