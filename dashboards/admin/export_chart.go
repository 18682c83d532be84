package admin

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/png"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards"
)

// The charts' PNGs. static/charts.js draws a chart again off screen, on
// white, with its title, the page's heading and the source and edition
// line, and posts it here in a form with the session's token (POST
// /admin/grafic: grafic, the chart's name; png, the image in base64). A
// form and not a beacon: the download is this answer, so a PNG reaches the
// account only once the audit log has it (accounts.EventExportChart: the
// chart and its size in pixels). The server checks that it is a PNG of a
// sensible size and sends it back as an attachment named after the chart
// and the release's day, like the tables' exports (export_rows.go).

const (
	maxChartPNG  = 6 << 20 // bytes of the image: its base64 stays under net/http's 10 MB form limit
	maxChartSide = 4000    // pixels
)

// chartName is a chart's name as the pages give it (figure.chart's Name,
// a KPI's id with its entity and year): it becomes the file's name.
var chartName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,95}$`)

func (s *Server) chartPNG(w http.ResponseWriter, r *http.Request) {
	name := r.PostFormValue("grafic")
	if !chartName.MatchString(name) {
		s.site.Fail(w, r, paramErr("grafic", name, "numele graficului are litere mici, cifre și cratime (de exemplu execution-rate-4270740-2026)",
			"the chart's name has lower-case letters, digits and hyphens (for example execution-rate-4270740-2026)"))
		return
	}
	raw := strings.TrimPrefix(r.PostFormValue("png"), "data:image/png;base64,")
	if base64.StdEncoding.DecodedLen(len(raw)) > maxChartPNG {
		s.site.Fail(w, r, paramErr("png", strconv.Itoa(len(raw))+" B", "imaginea are cel mult 6 MB", "the image is at most 6 MB"))
		return
	}
	img, err := base64.StdEncoding.DecodeString(raw)
	var cfg image.Config
	if err == nil {
		cfg, err = png.DecodeConfig(bytes.NewReader(img))
	}
	if err != nil {
		s.site.Fail(w, r, paramErr("png", "", "câmpul png este o imagine PNG în base64 (cum o trimite butonul „Descarcă PNG”)",
			"the png field is a PNG image in base64 (as the “Download PNG” button sends it)"))
		return
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > maxChartSide || cfg.Height > maxChartSide {
		s.site.Fail(w, r, paramErr("png", strconv.Itoa(cfg.Width)+"×"+strconv.Itoa(cfg.Height), "imaginea are cel mult 4000 × 4000 de pixeli",
			"the image is at most 4000 × 4000 pixels"))
		return
	}
	sess := sessionOf(r)
	d := accounts.ExportDetail{Dataset: name, Format: "png",
		Filters: url.Values{"pixeli": {strconv.Itoa(cfg.Width) + "x" + strconv.Itoa(cfg.Height)}}}
	if err := s.cfg.Accounts.RecordChartExport(r.Context(), sess.User.Name, s.addr(r), d); err != nil {
		s.site.Fail(w, r, err) // not written down: not sent
		return
	}
	file := name
	if rel := s.cfg.Release(r); rel != nil {
		file += "-" + rel.Manifest().Created.UTC().Format("2006-01-02")
	}
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": file + ".png"}))
	h.Set("Content-Length", strconv.Itoa(len(img)))
	w.Write(img)
}

// chartAuditDetail is a chart export's detail as the audit page shows it.
func chartAuditDetail(lang string, e accounts.Event) string {
	d, err := accounts.ParseExportDetail(e.Detail)
	if err != nil {
		return e.Detail
	}
	return dashboards.Tf(lang, "audit.export.chart", d.Dataset, strings.Replace(d.Filters.Get("pixeli"), "x", " × ", 1))
}
