package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/deschis/deschis/models"
	"github.com/deschis/deschis/release"
)

// The release's datapackage.json is served at a stable URL and inside the
// dated release, as the bytes the manifest lists, and every resource's
// path, resolved against either URL, is the download of that release with
// the resource's sha256.
func TestTheDataPackageIsServedWithTheReleaseFiles(t *testing.T) {
	s := site(t)
	man, err := release.ReadManifest(s.release)
	if err != nil {
		t.Fatal(err)
	}
	file, ok := man.File(models.DataPackagePath)
	if !ok {
		t.Fatalf("no %s in the manifest", models.DataPackagePath)
	}
	for _, path := range []string{"/date/datapackage.json", "/date/editii/" + man.ReleaseID + "/datapackage.json"} {
		resp, err := http.Get(s.base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		sum := sha256.Sum256(b)
		if resp.StatusCode != 200 || hex.EncodeToString(sum[:]) != file.SHA256 || resp.Header.Get("ETag") != `"`+file.SHA256+`"` ||
			!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%s: %d %s, ETag %s, sha256 %x; the manifest says %s", path, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("ETag"), sum, file.SHA256)
		}
		var dp release.DataPackage
		if err := json.Unmarshal(b, &dp); err != nil {
			t.Fatal(err)
		}
		base, _ := url.Parse(s.base + path)
		for _, res := range dp.Resources {
			u, err := base.Parse(res.Path)
			if err != nil {
				t.Fatal(err)
			}
			r, err := http.Head(u.String())
			if err != nil {
				t.Fatal(err)
			}
			r.Body.Close()
			if r.StatusCode != 200 || "sha256:"+r.Header.Get("X-Content-SHA256") != res.Hash {
				t.Errorf("%s resolves to %s: %d, sha256 %s, the package says %s", res.Path, u, r.StatusCode, r.Header.Get("X-Content-SHA256"), res.Hash)
			}
		}
	}
	if resp, err := http.Get(s.base + "/date/editii/20000101T000000Z/datapackage.json"); err != nil || resp.StatusCode != 404 {
		t.Errorf("an unknown release's package: %v %v", resp.StatusCode, err)
	}
}
