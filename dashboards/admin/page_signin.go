package admin

import (
	"crypto/subtle"
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards"
)

type signInView struct {
	*Page
	Action, Token, Next, Name string
	Error, Notice             string
	// OIDC is the link to sign in with the identity provider, OIDCLabel its name.
	OIDC, OIDCLabel string
}

// signInForm is the sign-in form. Its token is bound to a cookie of its
// own: there is no session yet to bind it to.
func (s *Server) signInForm(w http.ResponseWriter, r *http.Request) {
	s.renderSignIn(w, r, http.StatusOK, "", "")
}

func (s *Server) renderSignIn(w http.ResponseWriter, r *http.Request, status int, name, errText string) {
	lang := dashboards.LangOf(r)
	token := ""
	if c, err := r.Cookie(SignInCookie); err == nil && len(c.Value) >= 32 {
		token = c.Value
	} else {
		token = accounts.RandomToken()
		s.setCookie(w, r, SignInCookie, token)
	}
	v := &signInView{Page: s.newPage(r, nil, accounts.Session{}), Action: dashboards.Link(lang, PathSignIn),
		Token: token, Next: safeNext(r.FormValue("next"), lang), Name: name, Error: errText}
	if r.URL.Query().Get("iesit") == "1" && errText == "" {
		v.Notice = dashboards.T(lang, "signin.signedout")
	}
	if s.cfg.OIDC.Enabled() {
		v.OIDC = dashboards.Link(lang, pathOIDC) + "?next=" + url.QueryEscape(v.Next)
		v.OIDCLabel = s.cfg.OIDC.Label
		if v.OIDCLabel == "" {
			v.OIDCLabel = dashboards.T(lang, "signin.oidc.provider")
		}
	}
	v.Title = dashboards.T(lang, "signin.title")
	s.render(w, r, status, "signin", v)
}

// signIn checks the form's token, then the name and password (throttled
// per account and per address), and starts a new session: the cookie of
// any earlier one is replaced and that session ends.
func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	lang := dashboards.LangOf(r)
	c, err := r.Cookie(SignInCookie)
	if err != nil || !sameToken(c.Value, r.PostFormValue("csrf")) {
		s.refuse(w, r, http.StatusForbidden, "refused.csrf.signin")
		return
	}
	name, password := strings.TrimSpace(r.PostFormValue("nume")), r.PostFormValue("parola")
	if name == "" || password == "" {
		s.renderSignIn(w, r, http.StatusBadRequest, name, dashboards.T(lang, "signin.missing"))
		return
	}
	var previous string
	if c, err := r.Cookie(SessionCookie); err == nil {
		previous = c.Value
	}
	sess, err := s.cfg.Accounts.SignIn(r.Context(), name, password, s.addr(r), previous)
	var te *accounts.ThrottledError
	switch {
	case errors.As(err, &te):
		minutes := max(1, int64(math.Ceil(te.Wait.Minutes())))
		w.Header().Set("Retry-After", strconv.FormatInt(int64(math.Ceil(te.Wait.Seconds())), 10))
		s.renderSignIn(w, r, http.StatusTooManyRequests, name, dashboards.Tf(lang, "signin.throttled", formatMinutes(lang, minutes)))
		return
	case errors.Is(err, accounts.ErrExternalOnly):
		msg := dashboards.Tf(lang, "signin.oidconly.off", accounts.NormalName(name))
		if s.cfg.OIDC.Enabled() {
			label := s.cfg.OIDC.Label
			if label == "" {
				label = dashboards.T(lang, "signin.oidc.provider")
			}
			msg = dashboards.Tf(lang, "signin.oidconly", accounts.NormalName(name), label)
		}
		s.renderSignIn(w, r, http.StatusUnauthorized, name, msg)
		return
	case errors.Is(err, accounts.ErrBadCredentials):
		s.renderSignIn(w, r, http.StatusUnauthorized, name, dashboards.T(lang, "signin.wrong"))
		return
	case err != nil:
		s.site.Fail(w, r, err)
		return
	}
	s.clearCookie(w, r, SignInCookie)
	s.setCookie(w, r, SessionCookie, sess.ID)
	http.Redirect(w, r, safeNext(r.PostFormValue("next"), lang), http.StatusSeeOther)
}

// signOut ends the session (requireSession checked its token).
func (s *Server) signOut(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.Accounts.SignOut(r.Context(), sessionOf(r).ID, s.addr(r)); err != nil && !errors.Is(err, accounts.ErrNoSession) {
		s.site.Fail(w, r, err)
		return
	}
	s.clearCookie(w, r, SessionCookie)
	http.Redirect(w, r, dashboards.Link(dashboards.LangOf(r), PathSignIn)+"?iesit=1", http.StatusSeeOther)
}

// safeNext is where to go after signing in: a page of the dashboards, never
// another site.
func safeNext(next, lang string) string {
	for _, p := range []string{PathHome, dashboards.Link(dashboards.EN, PathHome)} {
		if (next == p || strings.HasPrefix(next, p+"/") || strings.HasPrefix(next, p+"?")) && !strings.ContainsAny(next, "\\\r\n") && !strings.Contains(next, "..") &&
			!strings.HasPrefix(next, PathSignIn) && !strings.HasPrefix(next, dashboards.Link(dashboards.EN, PathSignIn)) {
			return next
		}
	}
	return dashboards.Link(lang, PathHome)
}

// sameToken compares two form tokens in constant time.
func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// formatMinutes is a number of minutes: "1 minut", "5 minute", "20 de
// minute"; "1 minute", "5 minutes".
func formatMinutes(lang string, n int64) string {
	s := dashboards.FormatCount(lang, n)
	switch {
	case lang == dashboards.EN && n == 1:
		return s + " minute"
	case lang == dashboards.EN:
		return s + " minutes"
	case n == 1:
		return s + " minut"
	case n%100 >= 20 || n%100 == 0 && n != 0:
		return s + " de minute"
	}
	return s + " minute"
}
