package dashboards

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"

	"github.com/deschis/deschis/models"
)

// ParamError says which parameter of a request is wrong: a 400 page that
// names it, its value and what to change.
type ParamError struct{ Name, Value, Reason, ReasonEN string }

func (e *ParamError) Error() string {
	return fmt.Sprintf("parametrul %s=%q: %s", e.Name, e.Value, e.Reason)
}

func (e *ParamError) Unwrap() error { return models.ErrInvalid }

// StatusOf is the HTTP status of an error a handler returned: 404 for
// models.ErrNotFound, 400 for models.ErrInvalid, 503 for a page not made
// within its time (context.DeadlineExceeded), 500 for anything else. It is
// the one place an error becomes a status.
func StatusOf(err error) int {
	switch {
	case errors.Is(err, models.ErrNotFound):
		return http.StatusNotFound
	case errors.Is(err, models.ErrInvalid):
		return http.StatusBadRequest
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	default:
		return http.StatusInternalServerError
	}
}

// Handle adapts a handler that returns an error (pkgsite's shape): a nil
// error means it answered; otherwise Fail answers.
func (s *Site) Handle(h func(http.ResponseWriter, *http.Request) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.Fail(w, r, err)
		}
	}
}

// Fail answers a request whose handler failed with err: the error page of
// StatusOf(err); anything but a 4xx is logged, and the user sees a plain
// message, never the error itself.
func (s *Site) Fail(w http.ResponseWriter, r *http.Request, err error) {
	status := StatusOf(err)
	if status == http.StatusServiceUnavailable {
		s.cfg.Log.Warn("pagină nerandată la timp", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
		err = nil
	} else if status >= 500 {
		s.cfg.Log.Error("cerere eșuată", "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
		err = nil
	}
	s.Error(w, r, status, err)
}

// errorView is the error page.
type errorView struct {
	*Page
	Status int
	Detail string
	// Text is the 400 page's sentence: the parameter and why it is wrong,
	// in the page's language (a reason without an English form in Romanian).
	Text template.HTML
}

// Error writes the site's page for status (404, 400, 405, 500, 503); err, when
// it is a *ParamError, says on a 400 page which parameter to change.
func (s *Site) Error(w http.ResponseWriter, r *http.Request, status int, err error) {
	lang := LangOf(r)
	v := errorView{Page: s.NewPage(r, s.cfg.Release(r)), Status: status}
	switch status {
	case http.StatusNotFound:
		v.Title = T(lang, "error.404")
	case http.StatusBadRequest:
		v.Title = T(lang, "error.400")
		var pe *ParamError
		if errors.As(err, &pe) {
			reason := pe.Reason
			if lang == EN && pe.ReasonEN != "" {
				reason = pe.ReasonEN
			}
			v.Detail = pe.Name + "=" + pe.Value + " (" + reason + ")"
		}
		v.Text = template.HTML(template.HTMLEscapeString(Tf(lang, "error.400.text", v.Detail)))
	case http.StatusServiceUnavailable:
		v.Title = T(lang, "error.503")
		// A moment is enough: the server was busy, not broken.
		w.Header().Set("Retry-After", "5")
	default:
		v.Title = T(lang, "error.500")
	}
	// The error page keeps no filters: its links lead to clean pages.
	v.Page.Query = ""
	v.Page.AltHref = AltPath(r.URL.Path, lang)
	v.Page.Self = Link(lang, RoPath(r.URL.Path))
	var buf bytes.Buffer
	if err := s.errors.ExecuteTemplate(&buf, "layout.html", v); err != nil {
		s.cfg.Log.Error("pagina de eroare", "err", err)
		buf.Reset()
		buf.WriteString("<!DOCTYPE html><title>Error</title><p>Error</p>")
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}
