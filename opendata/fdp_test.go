package opendata

import (
	"encoding/json"
	"net/url"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// The budgets' Fiscal Data Package is served beside the downloads, current
// and dated: each descriptor's resource paths resolve, from the
// descriptor's own URL, to its CSVs, with the sha256 the descriptor and the
// manifest give; the public manifest lists the files.
func TestFiscalDataPackageIsServed(t *testing.T) {
	s := demoAPI(t)
	resp, body := do(t, s.srv, "GET", "/date/manifest.json")
	var m models.Manifest
	if err := json.Unmarshal(body, &m); err != nil || resp.StatusCode != 200 {
		t.Fatalf("manifest: %d %v", resp.StatusCode, err)
	}
	sums := map[string]string{}
	for _, f := range m.Files {
		if f.Format == release.FormatFDP || f.Format == release.FormatFDPCSV {
			sums[f.Path] = f.SHA256
		}
	}
	if len(sums) != 6 {
		t.Fatalf("the manifest lists %v, want 2 descriptors and 4 CSVs", m.Files)
	}
	for _, base := range []string{"/date/", "/date/editii/" + s.man.ReleaseID + "/"} {
		for _, name := range []string{models.DatasetBudget, models.DatasetBudgetMonthly} {
			descURL := base + name + release.FDPSuffix
			resp, body := do(t, s.srv, "GET", descURL, "Accept-Encoding", "identity")
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" ||
				resp.Header.Get("ETag") != `"`+sha(body)+`"` || sha(body) != sums["public/"+name+release.FDPSuffix] {
				t.Fatalf("%s: %d %v", descURL, resp.StatusCode, resp.Header)
			}
			if resp, _ := do(t, s.srv, "GET", descURL, "If-None-Match", resp.Header.Get("ETag")); resp.StatusCode != 304 {
				t.Errorf("%s If-None-Match: %d", descURL, resp.StatusCode)
			}
			var pkg release.FDP
			if err := json.Unmarshal(body, &pkg); err != nil || len(pkg.Resources) != 2 {
				t.Fatalf("%s: %v %d resources", descURL, err, len(pkg.Resources))
			}
			for _, res := range pkg.Resources {
				u, _ := url.Parse(descURL)
				ref, _ := url.Parse(res.Path)
				csvURL := u.ResolveReference(ref).Path
				resp, csv := do(t, s.srv, "GET", csvURL, "Accept-Encoding", "identity")
				if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/csv; charset=utf-8" || "sha256:"+sha(csv) != res.Hash ||
					int64(len(csv)) != res.Bytes || sha(csv) != sums["public/"+res.Path] {
					t.Errorf("%s (from %s): %d, %d bytes, sha256 %s; the descriptor says %d %s", csvURL, descURL, resp.StatusCode, len(csv), sha(csv), res.Bytes, res.Hash)
				}
			}
		}
	}
	if resp, _ := do(t, s.srv, "GET", "/date/procurement.fdp.json"); resp.StatusCode != 404 {
		t.Errorf("a dataset without a Fiscal Data Package: %d", resp.StatusCode)
	}
}
