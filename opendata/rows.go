package opendata

// GET /api/v1/datasets/{name}/rows: a page of a public dataset's rows.
//
//	col=v, col__gt, __gte, __lt, __lte, __contains, __in=a,b   filters (AND), values bound as parameters
//	sort=col,-col   the order; the dataset's total order (its download's order) breaks ties, and is the default
//	fields=a,b      the columns, in this order (default: every column)
//	limit=N         the rows of a page (default 100, at most the setting api-max-rows)
//	cursor=T        where the page starts: the next of the previous page
//	format=json|ndjson|csv|csv-excel|xlsx|arrow
//
// format=json (the default) answers {"rows": [...], "next": T|null,
// "next_url": URL|null}; each row is the object the NDJSON download has for
// it, byte for byte (DuckDB serialises both), so numbers are JSON numbers
// and a DECIMAL is written with its scale's digits (1234.50), exactly as in
// the downloads. The other formats are the downloads' own (export/: the
// same CSV bytes, the same neutralised cells) and say where the next page
// starts in a header, Link: <URL>; rel="next". URLs are relative to the
// server, like the downloads'.
//
// Pages are keyset pagination: a cursor holds the key of the page's last
// row (the order asked for, then the dataset's SortKey), and the next page
// is the rows after it, never an OFFSET: page 10,000 costs what page 1 does.
// Every answer streams: memory stays flat whatever the page.

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/export"
	"github.com/deschis/deschis/models"
)

// APIRows is the answer of GET /api/v1/datasets/{name}/rows?format=json.
type APIRows struct {
	Rows    []json.RawMessage `json:"rows"`
	Next    *string           `json:"next"`     // the cursor of the next page, null on the last
	NextURL *string           `json:"next_url"` // this URL with cursor=next, null on the last
}

// errTooLarge: the answer would pass the setting api-max-response-mb.
var errTooLarge = errors.New("answer over api-max-response-mb")

func (s *Server) apiRows(w http.ResponseWriter, r *http.Request) {
	rel := s.release(r)
	m := rel.Manifest
	name := chi.URLParam(r, "name")
	d, ok := m.Dataset(name)
	if !ok || d.Access != models.Public {
		unknownDataset(w, m, name)
		return
	}
	rr, ok := rel.Reader.(models.RowsReader)
	if !ok {
		writeAPIError(w, http.StatusServiceUnavailable, "rows_unavailable", models.Text{
			RO: "Serverul nu are deschisă ediția pentru interogări: descărcați fișierele setului (GET " + APIPrefix + "/datasets/" + name + ").",
			EN: "The server has not opened the release for queries: download the dataset's files (GET " + APIPrefix + "/datasets/" + name + ").",
		}, nil)
		return
	}
	lim := s.limits
	req, p := parseRows(d, r.URL.Query(), lim)
	if p != nil {
		p.write(w)
		return
	}
	cols := map[string]models.Column{}
	for _, c := range d.Schema {
		cols[c.Name] = c
	}
	key, err := rr.RowsKey(name, req.q.Sort)
	if err != nil {
		s.rowsFailed(r.Context(), w, r, err)
		return
	}
	if req.cursor != "" {
		if req.q.After, p = decodeCursor(req.cursor, m.ReleaseID, req.q, key, cols); p != nil {
			p.write(w)
			return
		}
	}
	fields := d.Schema
	if req.q.Fields != nil {
		fields = make([]models.Column, len(req.q.Fields))
		for i, f := range req.q.Fields {
			fields[i] = cols[f]
		}
	}

	h := w.Header()
	etag := rowsETag(m.ReleaseID, r.URL.RawQuery)
	h.Set("ETag", etag)
	h.Set("Cache-Control", "public, max-age=60")
	h.Set("Access-Control-Expose-Headers", "ETag, Link")
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), lim.QueryTimeout)
	defer cancel()
	next := func(k []models.Value) (string, string) {
		token := encodeCursor(m.ReleaseID, req.q, k)
		v := r.URL.Query()
		v.Set(paramCursor, token)
		return token, APIPrefix + "/datasets/" + url.PathEscape(name) + "/rows?" + v.Encode()
	}
	out := &limitedWriter{w: w, max: lim.maxBytes()}
	if req.format == "json" {
		s.writeRowsJSON(ctx, w, r, out, rr, req, next)
		return
	}

	// The other formats say where the next page starts before their rows.
	q := req.q
	q.Limit = req.limit
	end, more, err := rr.RowsEnd(ctx, q)
	if err != nil {
		s.rowsFailed(ctx, w, r, err)
		return
	}
	if more {
		_, u := next(end)
		h.Set("Link", "<"+u+`>; rel="next"`)
	}
	f, _ := formatByID(req.format)
	h.Set("Content-Type", f.MediaType)
	if req.format != "ndjson" {
		h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s-rows%s"`, name, m.ReleaseID, f.Suffix))
	}
	if r.Method == http.MethodHead {
		return
	}
	q.JSON = req.format == "ndjson"
	var rw rowWriter
	switch req.format {
	case "ndjson":
		rw = &ndjsonWriter{w: bufio.NewWriterSize(out, 64<<10)}
	case "csv", "csv-excel":
		c, err := export.NewCSV(out, fields, req.format == "csv-excel")
		if err != nil {
			s.rowsFailed(ctx, w, r, err)
			return
		}
		rw = csvWriter{c}
	case "arrow":
		b := bufio.NewWriterSize(out, 64<<10)
		a, err := export.NewArrow(b, fields)
		if err != nil {
			s.rowsFailed(ctx, w, r, err)
			return
		}
		rw = arrowWriter{a, b}
	case "xlsx":
		x, err := export.NewXLSX(out, name, fields, 0)
		if err != nil {
			s.rowsFailed(ctx, w, r, err)
			return
		}
		rw = x
	}
	err = rr.Rows(ctx, q, func(row models.Row) error {
		if q.JSON {
			return rw.(*ndjsonWriter).line(row.JSON)
		}
		return rw.WriteRow(row.Values)
	})
	if err == nil {
		err = rw.Close()
	}
	if err != nil {
		if !out.wrote {
			s.rowsFailed(ctx, w, r, err)
			return
		}
		// Half an answer must not look whole: end the connection.
		panic(http.ErrAbortHandler)
	}
}

// writeRowsJSON streams the JSON answer: a page of at most limit rows,
// cut at the last whole row under api-max-response-mb (next goes on from
// there), read with one row more than the page to know whether there is a
// next one.
func (s *Server) writeRowsJSON(ctx context.Context, w http.ResponseWriter, r *http.Request, out *limitedWriter,
	rr models.RowsReader, req *rowsRequest, next func([]models.Value) (string, string)) {
	q := req.q
	q.Limit, q.JSON = req.limit+1, true
	if r.Method == http.MethodHead {
		return
	}
	b := bufio.NewWriterSize(out, 64<<10)
	const tail = int64(len(`],"next":,"next_url":}`) + 1)
	margin := 2*int64(len(r.URL.RawQuery)) + 4096 // the next token and URL
	var size int64 = int64(len(`{"rows":[`))
	var last []models.Value
	n, cut := 0, false
	err := rr.Rows(ctx, q, func(row models.Row) error {
		if n == req.limit {
			cut = true
			return errStop
		}
		if size+int64(len(row.JSON))+2+tail+margin > out.max {
			if n == 0 {
				return errTooLarge
			}
			cut = true
			return errStop
		}
		if n == 0 {
			b.WriteString(`{"rows":[` + "\n")
		} else {
			b.WriteString(",\n")
		}
		b.WriteString(row.JSON)
		size += int64(len(row.JSON)) + 2
		last = append(last[:0], row.Key...)
		n++
		return nil
	})
	if errors.Is(err, errStop) {
		err = nil
	}
	if err != nil {
		if !out.wrote {
			s.rowsFailed(ctx, w, r, err)
			return
		}
		panic(http.ErrAbortHandler)
	}
	if n == 0 {
		b.WriteString(`{"rows":[`)
	}
	b.WriteString("\n],\n")
	if cut {
		token, u := next(last)
		t, _ := json.Marshal(token)
		nu, _ := json.Marshal(u)
		fmt.Fprintf(b, `"next":%s,`+"\n"+`"next_url":%s`+"\n}\n", t, nu)
	} else {
		b.WriteString(`"next":null,` + "\n" + `"next_url":null` + "\n}\n")
	}
	if err := b.Flush(); err != nil && out.wrote {
		panic(http.ErrAbortHandler)
	}
}

var errStop = errors.New("stop")

// rowsFailed answers a page that could not be read: a query past
// api-query-timeout, an answer past api-max-response-mb, or (never from a
// request) the release's error.
func (s *Server) rowsFailed(ctx context.Context, w http.ResponseWriter, r *http.Request, err error) {
	h := w.Header()
	h.Del("Link")
	h.Del("Content-Disposition")
	h.Del("ETag")
	switch {
	case errors.Is(err, errTooLarge):
		writeAPIError(w, http.StatusBadRequest, "response_too_large", models.Text{
			RO: fmt.Sprintf("Pagina ar depăși %d MiB (setarea %s): cereți un limit mai mic sau mai puține coloane (fields).", s.limits.MaxResponseMB, models.LimitMaxResponse),
			EN: fmt.Sprintf("The page would be over %d MiB (the setting %s): ask for a smaller limit or fewer columns (fields).", s.limits.MaxResponseMB, models.LimitMaxResponse),
		}, nil)
	case ctx.Err() != nil || errors.Is(err, context.DeadlineExceeded):
		h.Set("Retry-After", "60")
		writeAPIError(w, http.StatusServiceUnavailable, "query_timeout", models.Text{
			RO: fmt.Sprintf("Interogarea a durat mai mult de %s (setarea %s): restrângeți filtrele, cereți un limit mai mic sau descărcați fișierul întreg al setului.", s.limits.QueryTimeout, models.LimitQueryTimeout),
			EN: fmt.Sprintf("The query took longer than %s (the setting %s): narrow the filters, ask for a smaller limit or download the dataset's whole file.", s.limits.QueryTimeout, models.LimitQueryTimeout),
		}, nil)
	case errors.Is(err, fs.ErrNotExist): // the release was pruned under a request that still read it
		h.Set("Retry-After", "1")
		writeAPIError(w, http.StatusServiceUnavailable, "release_gone", models.Text{
			RO: "Ediția acestei cereri a fost înlocuită și ștearsă între timp: reluați de la prima pagină, fără cursor.",
			EN: "This request's release was replaced and deleted meanwhile: start again from the first page, without a cursor.",
		}, nil)
	case errors.Is(err, models.ErrNotFound):
		unknownDataset(w, s.release(r).Manifest, chi.URLParam(r, "name"))
	default:
		slog.Default().Error("api rows", "path", r.URL.String(), "err", err)
		writeAPIError(w, http.StatusInternalServerError, "internal", models.Text{
			RO: "Eroare internă la citirea rândurilor; a fost înregistrată.",
			EN: "Internal error reading the rows; it has been logged.",
		}, nil)
	}
}

func rowsETag(releaseID, rawQuery string) string {
	sum := sha256.Sum256([]byte(rawQuery))
	return `"v1-` + releaseID + `-` + hex.EncodeToString(sum[:12]) + `"`
}

func formatByID(id string) (models.Format, bool) {
	for _, f := range models.Formats {
		if f.ID == id {
			return f, true
		}
	}
	return models.Format{}, false
}

// limitedWriter counts what goes to the client and refuses to pass max.
type limitedWriter struct {
	w     io.Writer
	n     int64
	max   int64
	wrote bool
}

func (l *limitedWriter) Write(p []byte) (int, error) {
	if l.n+int64(len(p)) > l.max {
		return 0, errTooLarge
	}
	l.wrote = true
	n, err := l.w.Write(p)
	l.n += int64(n)
	return n, err
}

type rowWriter interface {
	WriteRow([]any) error
	Close() error
}

type ndjsonWriter struct{ w *bufio.Writer }

func (n *ndjsonWriter) line(s string) error {
	n.w.WriteString(s)
	return n.w.WriteByte('\n')
}
func (n *ndjsonWriter) WriteRow([]any) error { return errors.New("ndjson rows are lines") }
func (n *ndjsonWriter) Close() error         { return n.w.Flush() }

type csvWriter struct{ *export.CSV }

func (c csvWriter) Close() error { return c.Flush() }

type arrowWriter struct {
	a *export.Arrow
	b *bufio.Writer
}

func (a arrowWriter) WriteRow(v []any) error { return a.a.WriteRow(v) }
func (a arrowWriter) Close() error {
	if err := a.a.Close(); err != nil {
		return err
	}
	return a.b.Flush()
}
