package main

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// The /date page (and /en/date) lists every format of every public
// dataset with its size, and every link it shows is the release's file: it
// answers with the manifest's sha256 as its ETag.
func TestTheDataPageListsEveryFormatWithItsSize(t *testing.T) {
	s := site(t)
	man, err := release.ReadManifest(s.release)
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ro", "en"} {
		path := map[string]string{"ro": "/date", "en": "/en/date"}[lang]
		resp, _, body := s.fetch(t, path)
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		for _, d := range man.Datasets {
			if d.Access != models.Public {
				if strings.Contains(body, `href="/date/`+d.Name+`.`) {
					t.Errorf("%s links the internal dataset %s", path, d.Name)
				}
				continue
			}
			for _, f := range models.Formats {
				file, ok := d.File(f.ID)
				if !ok {
					t.Fatalf("%s has no %s file", d.Name, f.ID)
				}
				href := "/date/" + d.Name + f.Suffix
				want := `<a class="download" href="` + href + `">` + f.Label + `</a> <span class="num" data-value="` +
					itoa(file.Bytes) + `">` + dashboards.FormatBytes(lang, file.Bytes) + `</span>`
				if !strings.Contains(body, want) {
					t.Errorf("%s does not show %s", path, want)
				}
				if lang == "en" {
					continue
				}
				req, _ := http.NewRequest("GET", s.base+href, nil)
				req.Header.Set("Range", "bytes=0-0")
				r, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				r.Body.Close()
				if r.StatusCode != http.StatusPartialContent || r.Header.Get("ETag") != `"`+file.SHA256+`"` {
					t.Errorf("%s: %d, ETag %s, want 206 and the manifest's sha256 %s", href, r.StatusCode, r.Header.Get("ETag"), file.SHA256)
				}
			}
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
