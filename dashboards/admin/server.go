// Package admin is the decision-maker dashboards under /admin (English
// /en/admin): the sign-in form and sign-out, the first screen with the
// institution's headline numbers for the account's scope, and, for admins,
// the accounts and the audit log. One Go file per page, named like its
// template; the accounts, sessions and audit log are package accounts (the
// server's own state, never a release).
//
// Every page needs a session: without one a GET is sent to the sign-in form
// and anything else answers 401 with no data. Every POST carries the
// session's form token (the sign-in form: a token bound to a cookie of its
// own) and passes Go's http.CrossOriginProtection.
package admin

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/dashboards/public"
	"github.com/deschis/deschis/kpis"
	"github.com/deschis/deschis/models"
)

//go:embed templates/*.html
var templateFS embed.FS

// The cookies of the dashboards.
const (
	SessionCookie = "deschis_sesiune"
	SignInCookie  = "deschis_intrare" // the sign-in form's token, before there is a session
)

// Paths, in Romanian; the English ones are under /en.
const (
	PathHome    = "/admin"
	PathSignIn  = "/admin/intrare"
	PathSignOut = "/admin/iesire"
	PathUsers   = "/admin/utilizatori"
	PathAudit   = "/admin/jurnal"
	// The drill-down pages: the rows behind the cards and the alerts.
	PathRequestRows    = "/admin/cereri"
	PathInvestmentRows = "/admin/investitii"
	// The procurement integrity signals with their flagged rows.
	PathSignals = "/admin/achizitii"
	// A chart's PNG, written to the audit log on its way (export_chart.go).
	PathChartPNG = "/admin/grafic"
)

// nav is the dashboards' navigation; pages drop what the account may not see.
var nav = []dashboards.NavLink{
	{Key: "admin", Path: PathHome}, {Key: "admin.county", Path: PathCounty, Show: public.HasCountyTree}, {Key: "admin.signals", Path: PathSignals}, {Key: "admin.users", Path: PathUsers}, {Key: "admin.audit", Path: PathAudit},
}

// adminOnly are the navigation keys only admins see.
var adminOnly = map[string]bool{"admin.users": true, "admin.audit": true}

// everyEntity are the navigation keys only accounts of every institution
// see (page_county.go).
var everyEntity = map[string]bool{"admin.county": true}

// Config is what the dashboards need.
type Config struct {
	// Release returns the release a request reads.
	Release func(*http.Request) models.Reader
	// Accounts is the server's state: accounts, sessions, audit log.
	Accounts *accounts.Store
	Log      *slog.Logger
	// TrustProxy: the server is behind a proxy whose X-Forwarded-Proto
	// (https: cookies are Secure) and X-Forwarded-For (the address sign-in
	// is throttled by) are believed.
	TrustProxy bool
	// PublicPages: the public site is served beside the dashboards, so the
	// headline numbers link to its rows (admin: on).
	PublicPages bool
	// OIDC is the optional sign-in with the city's identity provider.
	OIDC OIDC
	// Targets are the KPIs' targets and the objectives (nil: the built-in
	// ones); Now is the clock objectives are judged by (nil: time.Now).
	Targets *kpis.Targets
	Now     func() time.Time

	// Attention are the rules' parameters of "what needs attention today"
	// (attention.go; zero fields take their defaults).
	Attention AttentionSettings
	// Previous opens the release before the current one, for the
	// procurement signals raised since (signals_previous.go; nil: none).
	Previous PreviousRelease
}

// Server renders the dashboards.
type Server struct {
	cfg   Config
	site  *dashboards.Site
	pages map[string]*template.Template
	cop   *http.CrossOriginProtection
	oidc  *oidcClient
	kpis  kpiCache  // the first screen's KPIs by release and scope
	prev  prevCache // the previous release's procurement signals
	flags flagCache // the current release's procurement signals' rows
	first homeCache // the first screen's figures by release, scope and day

	countyAlertsCache countyCache // the county page's alerts by release and day
}

// NewServer parses the templates once.
func NewServer(cfg Config) (*Server, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Accounts == nil {
		return nil, errors.New("admin: lipsește starea serverului (conturile)")
	}
	if cfg.Targets == nil {
		cfg.Targets = kpis.Defaults()
	}
	site, err := dashboards.NewSite(dashboards.Config{Log: cfg.Log, Release: cfg.Release, Nav: nav, NoPublicPages: !cfg.PublicPages})
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, site: site, cop: http.NewCrossOriginProtection(), oidc: &oidcClient{cfg: cfg.OIDC}}
	s.kpis.signals = &cfg.Targets.Signals
	s.kpis.stalledMonths = s.attention().StalledMonths
	s.cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.refuse(w, r, http.StatusForbidden, "refused.origin")
	}))
	if s.pages, err = site.Pages(templateFS, nil, "templates/partials.html"); err != nil {
		return nil, err
	}
	return s, nil
}

// now is the dashboards' clock.
func (s *Server) now() time.Time {
	if s.cfg.Now != nil {
		return s.cfg.Now()
	}
	return time.Now()
}

// attention are the settings of the attention list, defaults filled in.
func (s *Server) attention() AttentionSettings { return s.cfg.Attention.withDefaults() }

// Site is the chrome the dashboards are built on (its static files serve
// an admin-only deployment).
func (s *Server) Site() *dashboards.Site { return s.site }

// Routes is the route table, mounted at /admin and at /en/admin.
func (s *Server) Routes() chi.Router {
	r := chi.NewRouter()
	r.Use(noStore, s.cop.Handler)
	r.Get("/intrare", s.signInForm)
	r.Post("/intrare", s.signIn)
	if cfg := s.cfg.OIDC; cfg.Enabled() {
		r.Get("/oidc", s.oidcStart)
		r.Get("/oidc/callback", s.oidcCallback)
	}
	r.Group(func(r chi.Router) {
		r.Use(s.requireSession)
		r.Get("/", s.page(s.home))
		r.Get("/cereri", s.page(s.requestRows))
		r.Get("/investitii", s.page(s.investmentRows))
		r.Get("/achizitii", s.page(s.signals))
		// The English name some link to: the page keeps the admin routes'
		// one name in both languages.
		r.Get("/procurement", func(w http.ResponseWriter, r *http.Request) {
			to := dashboards.Link(dashboards.LangOf(r), PathSignals)
			if r.URL.RawQuery != "" {
				to += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
		})
		r.Get("/raport", s.page(s.report))
		r.Get("/judet", s.page(s.county))
		r.Get("/county", s.page(s.county))
		r.Post("/iesire", s.signOut)
		r.Post("/grafic", s.chartPNG)
		r.Group(func(r chi.Router) {
			r.Use(s.requireAdmin)
			r.Get("/utilizatori", s.page(s.users))
			r.Get("/jurnal", s.page(s.audit))
		})
	})
	r.NotFound(func(w http.ResponseWriter, r *http.Request) { s.site.Error(w, r, http.StatusNotFound, nil) })
	r.MethodNotAllowed(func(w http.ResponseWriter, r *http.Request) { s.site.Error(w, r, http.StatusMethodNotAllowed, nil) })
	return r
}

// noStore: no page of the dashboards is kept by a browser or a proxy.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Add("Vary", "Cookie")
		next.ServeHTTP(w, r)
	})
}

type sessionKey struct{}

// sessionOf is the session of a request that passed requireSession.
func sessionOf(r *http.Request) accounts.Session {
	s, _ := r.Context().Value(sessionKey{}).(accounts.Session)
	return s
}

// requireSession lets through only requests with a live session, and only
// POSTs that carry its form token. Without a session a GET goes to the
// sign-in form (and comes back after), anything else gets 401.
func (s *Server) requireSession(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var id string
		if c, err := r.Cookie(SessionCookie); err == nil {
			id = c.Value
		}
		sess, err := s.cfg.Accounts.Session(r.Context(), id)
		if errors.Is(err, accounts.ErrNoSession) {
			if id != "" {
				s.clearCookie(w, r, SessionCookie)
			}
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				to := dashboards.Link(dashboards.LangOf(r), PathSignIn) + "?next=" + url.QueryEscape(r.URL.RequestURI())
				http.Redirect(w, r, to, http.StatusSeeOther)
				return
			}
			s.refuse(w, r, http.StatusUnauthorized, "refused.session")
			return
		}
		if err != nil {
			s.site.Fail(w, r, err)
			return
		}
		if r.Method == http.MethodPost && !sess.CheckCSRF(r.PostFormValue("csrf")) {
			s.refuse(w, r, http.StatusForbidden, "refused.csrf")
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sessionKey{}, sess)))
	})
}

// requireAdmin: the accounts and the audit log are for admins only.
func (s *Server) requireAdmin(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if sessionOf(r).User.Role != accounts.Admin {
			s.refuse(w, r, http.StatusForbidden, "refused.admin")
			return
		}
		next.ServeHTTP(w, r)
	})
}

// request is what a page handler gets.
type request struct {
	*http.Request
	w    http.ResponseWriter // for a handler that writes its own answer (an export)
	lang string
	rel  models.Reader
	sess accounts.Session
	page *Page
}

// Page is the layout of a dashboards page: the shared chrome, the account
// signed in and the sign-out form's token.
type Page struct {
	*dashboards.Page
	User      accounts.User
	CSRF      string
	SignOut   string
	ChartPNG  string // where the charts' PNGs go (export_chart.go)
	RoleText  string
	ScopeText string
}

// pageFunc is a page handler: the template and its view, or "" when it
// wrote the answer itself (an export of its rows).
type pageFunc func(q *request) (tmpl string, view any, err error)

// page adapts a page handler: the chrome, the navigation the account may
// see, rendering; errors become the chrome's error pages (404, 400).
func (s *Server) page(h pageFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		rel := s.cfg.Release(r)
		q := &request{Request: r, w: w, lang: dashboards.LangOf(r), rel: rel, sess: sessionOf(r)}
		q.page = s.newPage(r, rel, q.sess)
		name, view, err := h(q)
		if err != nil {
			s.site.Fail(w, r, err)
			return
		}
		if name == "" { // the handler wrote its answer (an export)
			return
		}
		s.render(w, r, http.StatusOK, name, view)
	}
}

func (s *Server) newPage(r *http.Request, rel models.Reader, sess accounts.Session) *Page {
	lang := dashboards.LangOf(r)
	p := &Page{Page: s.site.NewPage(r, rel), User: sess.User, CSRF: sess.CSRF, SignOut: dashboards.Link(lang, PathSignOut),
		ChartPNG: dashboards.Link(lang, PathChartPNG)}
	if sess.User.Name == "" { // signed out: no navigation
		p.Nav = nil
		return p
	}
	items := p.Nav[:0]
	for _, n := range p.Nav {
		if (!adminOnly[n.Key] || sess.User.Role == accounts.Admin) && (!everyEntity[n.Key] || !sess.User.Scoped()) {
			items = append(items, n)
		}
	}
	p.Nav = items
	p.RoleText = dashboards.T(lang, "role."+string(sess.User.Role))
	return p
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name string, view any) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout.html", view); err != nil {
		s.site.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// refusedView says why a request was refused and what to do.
type refusedView struct {
	*Page
	Status  int
	Message string
	SignIn  string
}

// refuse answers 401 or 403 with a page that says why, and no data.
func (s *Server) refuse(w http.ResponseWriter, r *http.Request, status int, key string) {
	lang := dashboards.LangOf(r)
	v := &refusedView{Page: s.newPage(r, nil, sessionOf(r)), Status: status, Message: dashboards.T(lang, key),
		SignIn: dashboards.Link(lang, PathSignIn)}
	v.Title = dashboards.T(lang, "refused.title")
	s.render(w, r, status, "refused", v)
}

// secure says whether cookies are marked Secure: over TLS, or behind a
// trusted proxy that says the client used https.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || (s.cfg.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https"))
}

// addr is the client's address, which sign-in is throttled by.
func (s *Server) addr(r *http.Request) string {
	if s.cfg.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			parts := strings.Split(f, ",")
			return strings.TrimSpace(parts[len(parts)-1]) // the one our proxy added
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
}

func (s *Server) clearCookie(w http.ResponseWriter, r *http.Request, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
}
