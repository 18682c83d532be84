package main

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
	"github.com/deschis/deschis/warehouse"
)

// A dataset published without its XLSX (longer than the XLSX row limit:
// 5,000 rows here) says so on its catalogue page, in both languages, with
// the reason and what to use instead, and offers no workbook to download; a
// dataset within the limit still offers its workbook.
func TestTheCataloguePageSaysWhyAFormatIsAbsent(t *testing.T) {
	s := site(t)
	db := filepath.Join(filepath.Dir(s.releases), "demo.duckdb")
	if _, err := os.Stat(db); err != nil {
		t.Fatalf("no demo warehouse to publish from (%v)", err)
	}
	ctx := context.Background()
	releases := filepath.Join(t.TempDir(), "releases")
	w, err := warehouse.Open(ctx, db, warehouse.Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	res, err := w.Publish(ctx, release.Options{Out: releases, Generator: "test", Now: func() time.Time { return at }, XLSXRowLimit: 5000})
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	m := &Main{}
	if err := m.ParseFlags([]string{"--releases", releases, "--addr", "127.0.0.1:0", "--reload", "1h"}, func(string) string { return "" }, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	base := "http://" + m.Addr()
	var long, short *models.ManifestDataset
	for i, d := range res.Manifest.Datasets {
		if d.Access != models.Public {
			continue
		}
		if len(d.Absent) > 0 && long == nil {
			long = &res.Manifest.Datasets[i]
		}
		if d.Rows <= 5000 && short == nil {
			short = &res.Manifest.Datasets[i]
		}
	}
	if long == nil || short == nil {
		t.Fatalf("the demo has no dataset past 5,000 rows or none within")
	}
	for _, lang := range []string{"", "/en"} {
		_, body := get(t, base+lang+"/date/"+long.Name)
		reason := long.Absent[0].Reason.RO
		if lang == "/en" {
			reason = long.Absent[0].Reason.EN
		}
		row := `<tr class="absent" data-format="xlsx"><th scope="row">XLSX</th><td colspan="3">– ` + htmlEscape(reason) + `</td></tr>`
		if !strings.Contains(body, row) {
			t.Errorf("%s/date/%s does not say why it has no XLSX: want %s", lang, long.Name, row)
		}
		if strings.Contains(body, `href="/date/`+long.Name+`.xlsx"`) {
			t.Errorf("%s/date/%s offers a workbook it does not have", lang, long.Name)
		}
		_, body = get(t, base+lang+"/date/"+short.Name)
		if !strings.Contains(body, `href="/date/`+short.Name+`.xlsx"`) || strings.Contains(body, `class="absent"`) {
			t.Errorf("%s/date/%s (%d rows) does not offer its workbook", lang, short.Name, short.Rows)
		}
	}
	if resp, _ := get(t, base+"/date/"+long.Name+".xlsx"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("/date/%s.xlsx: %d, want 404", long.Name, resp.StatusCode)
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}
