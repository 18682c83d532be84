package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// testPNG is a PNG of w×h pixels: white with a dark bar.
func testPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.White)
			if y > h/3 && y < h/2 {
				img.Set(x, y, color.RGBA{11, 79, 156, 255})
			}
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The first screen's sparklines each carry the chart their PNG draws (the
// same months as the sparkline's table), and the PNG goes through POST
// /admin/grafic: the session's form token, a chart name, a real PNG; it
// comes back as a file named after the chart and the release's day, and
// the audit log has it. Every refusal says why and records nothing.
func TestChartPNGGoesThroughTheAuditLog(t *testing.T) {
	d, main, _, _ := demoDashboards(t)
	day := releaseDay(t)
	ana := signedIn(t, d.base, "ana")
	_, body := ana.get("/admin?entitate=" + main)
	doc := parseHTML(t, body)
	account := first(doc, "div.account[data-png-action]")
	if account == nil {
		t.Fatal("the first screen does not say where a chart's PNG goes")
	}
	action, _ := attr(account, "data-png-action")
	csrf, _ := attr(account, "data-csrf")
	if action != "/admin/grafic" || csrf != formToken(t, body) {
		t.Fatalf("PNG action %q, token %q (the page's form token is %q)", action, csrf, formToken(t, body))
	}
	sparks := all(doc, "dd.spark")
	if len(sparks) < 5 {
		t.Fatalf("%d sparklines on the first screen", len(sparks))
	}
	for _, sp := range sparks {
		el := first(sp, "div[data-png-file]")
		if el == nil {
			t.Fatalf("a sparkline without its PNG chart: %s", textOf(sp))
		}
		var opts struct {
			XAxis  []struct{ Data []string } `json:"xAxis"`
			Series []struct {
				Name string
				Data []struct{ Value any }
			} `json:"series"`
		}
		if err := json.Unmarshal([]byte(textOf(first(el, "script.chart-options"))), &opts); err != nil {
			t.Fatal(err)
		}
		rows := all(sp, "table.spark-table tbody tr")
		if len(opts.Series) != 1 || len(opts.Series[0].Data) != len(rows) || len(opts.XAxis) != 1 || len(opts.XAxis[0].Data) != len(rows) {
			t.Errorf("PNG chart of %s: %+v, the sparkline's table has %d months", textOf(sp), opts, len(rows))
		}
	}
	name, _ := attr(first(sparks[0], "div[data-png-file]"), "data-png-file")
	if !strings.HasPrefix(name, "execution-rate-"+main+"-") {
		t.Errorf("first sparkline's chart is %q, want execution-rate-%s-<year>", name, main)
	}
	if ds, _ := attr(first(sparks[0], "div[data-png-file]"), "data-png-dataset"); ds != "setul de date „budget_execution_monthly”" {
		t.Errorf("first sparkline's source dataset %q", ds)
	}
	if src, _ := attr(first(doc, "footer"), "data-png-source"); !regexp.MustCompile(`^Sursa: Deschis, ediția din [0-9]{2}\.[0-9]{2}\.[0-9]{4}$`).MatchString(src) {
		t.Errorf("source line %q", src)
	}

	img := testPNG(t, 600, 300)
	post := func(c *client, form url.Values) (*http.Response, string) {
		return c.post("/admin/grafic", form, "Origin", d.base)
	}
	resp, got := post(ana, url.Values{"csrf": {csrf}, "grafic": {name}, "png": {base64.StdEncoding.EncodeToString(img)}})
	wantName := name + "-" + day + ".png"
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" ||
		resp.Header.Get("Content-Disposition") != `attachment; filename=`+wantName || got != string(img) {
		t.Fatalf("PNG: %d %q %q, %d bytes (sent %d)", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), len(got), len(img))
	}

	// Refusals: no token, a name that is not one, not a PNG, too large, no session.
	for _, c := range []struct {
		form   url.Values
		status int
		want   string
	}{
		{url.Values{"grafic": {name}, "png": {base64.StdEncoding.EncodeToString(img)}}, http.StatusForbidden, "formular"},
		{url.Values{"csrf": {csrf}, "grafic": {"../../etc/passwd"}, "png": {base64.StdEncoding.EncodeToString(img)}}, http.StatusBadRequest, "numele graficului are litere mici"},
		{url.Values{"csrf": {csrf}, "grafic": {name}, "png": {base64.StdEncoding.EncodeToString([]byte("GIF89a not a png"))}}, http.StatusBadRequest, "câmpul png este o imagine PNG în base64"},
		{url.Values{"csrf": {csrf}, "grafic": {name}, "png": {"%%%"}}, http.StatusBadRequest, "câmpul png este o imagine PNG în base64"},
		{url.Values{"csrf": {csrf}, "grafic": {name}, "png": {base64.StdEncoding.EncodeToString(testPNG(t, 4001, 2))}}, http.StatusBadRequest, "cel mult 4000 × 4000 de pixeli"},
	} {
		resp, body := post(ana, c.form)
		if resp.StatusCode != c.status || !strings.Contains(body, c.want) || resp.Header.Get("Content-Disposition") != "" {
			t.Errorf("POST %v: %d, want %d saying %q", c.form.Get("grafic"), resp.StatusCode, c.status, c.want)
		}
	}
	if resp, _ := post(newClient(t, d.base), url.Values{"csrf": {csrf}, "grafic": {name}, "png": {base64.StdEncoding.EncodeToString(img)}}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("no session: %d, want 401", resp.StatusCode)
	}
	if resp, _ := ana.get("/admin/grafic"); resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /admin/grafic: %d, want 405", resp.StatusCode)
	}

	// The audit log: the one PNG that was sent, with its chart and size.
	_, body = ana.get("/admin/jurnal")
	rows := all(parseHTML(t, body), "tr[data-event=export-chart]")
	if len(rows) != 1 {
		t.Fatalf("audit page shows %d chart exports, 1 was made", len(rows))
	}
	cells := all(rows[0], "td")
	mustContain(t, "audit line", textOf(cells[1])+" | "+textOf(cells[2])+" | "+textOf(cells[4]),
		"descărcare de grafic", "ana", "graficul "+name+", PNG de 600 × 300 pixeli")
	_, body = ana.get("/en/admin/jurnal")
	mustContain(t, "audit line (en)", body, "chart downloaded", "chart "+name+", PNG of 600 × 300 pixels")
}
