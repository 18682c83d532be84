package admin

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/deschis/deschis/accounts"
	"github.com/deschis/deschis/dashboards"
)

// OIDC is the optional sign-in with the city's identity provider (OpenID
// Connect, e.g. Microsoft Entra ID): the provider vouches for a person, and
// the claim Claim of its ID token names the local account they get (made
// with `publicsite users add`, which also gives the role and scope).
type OIDC struct {
	Issuer, ClientID, ClientSecret string
	// RedirectURL is the callback registered with the provider,
	// https://HOST/admin/oidc/callback; empty: built from the request.
	RedirectURL string
	// Claim names the local account: preferred_username (default) or email.
	Claim string
	// Label is the provider's name on the sign-in button ("Microsoft 365").
	Label string
}

// Enabled says whether a provider is configured.
func (o OIDC) Enabled() bool { return o.Issuer != "" }

// OIDCCookie holds the state, nonce, PKCE verifier and destination of one
// sign-in with the provider, for ten minutes.
const OIDCCookie = "deschis_oidc"

const (
	pathOIDC         = "/admin/oidc"
	pathOIDCCallback = "/admin/oidc/callback"
)

// oidcClient discovers the provider on first use (a provider that is down
// when the server starts does not stop the server), then keeps it.
type oidcClient struct {
	cfg      OIDC
	mu       sync.Mutex
	provider *oidc.Provider
}

func (c *oidcClient) get(ctx context.Context) (*oidc.Provider, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.provider != nil {
		return c.provider, nil
	}
	p, err := oidc.NewProvider(ctx, c.cfg.Issuer)
	if err != nil {
		return nil, err
	}
	c.provider = p
	return p, nil
}

func (s *Server) oauth2Config(r *http.Request, p *oidc.Provider) *oauth2.Config {
	redirect := s.cfg.OIDC.RedirectURL
	if redirect == "" {
		scheme := "http"
		if s.secure(r) {
			scheme = "https"
		}
		redirect = scheme + "://" + r.Host + pathOIDCCallback
	}
	return &oauth2.Config{ClientID: s.cfg.OIDC.ClientID, ClientSecret: s.cfg.OIDC.ClientSecret, RedirectURL: redirect,
		Endpoint: p.Endpoint(), Scopes: []string{oidc.ScopeOpenID, "profile", "email"}}
}

// oidcStart sends the browser to the provider.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	p, err := s.oidc.get(r.Context())
	if err != nil {
		s.cfg.Log.Error("furnizorul de identitate", "issuer", s.cfg.OIDC.Issuer, "err", err)
		s.refuse(w, r, http.StatusBadGateway, "refused.oidc.down")
		return
	}
	state, nonce, verifier := accounts.RandomToken(), accounts.RandomToken(), oauth2.GenerateVerifier()
	next := safeNext(r.URL.Query().Get("next"), dashboards.LangOf(r))
	enc := base64.RawURLEncoding.EncodeToString
	http.SetCookie(w, &http.Cookie{Name: OIDCCookie, Value: strings.Join([]string{state, nonce, verifier, enc([]byte(next))}, "."),
		Path: "/", MaxAge: 600, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	http.Redirect(w, r, s.oauth2Config(r, p).AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusSeeOther)
}

// oidcCallback takes the provider's answer: the state must be this
// browser's, the ID token valid for this client with this nonce, and its
// claim a local account.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(OIDCCookie)
	parts := []string{}
	if err == nil {
		parts = strings.Split(c.Value, ".")
	}
	s.clearCookie(w, r, OIDCCookie)
	if len(parts) != 4 || !sameToken(parts[0], r.URL.Query().Get("state")) {
		s.refuse(w, r, http.StatusForbidden, "refused.oidc.state")
		return
	}
	nonce, verifier := parts[1], parts[2]
	nextB, _ := base64.RawURLEncoding.DecodeString(parts[3])
	next := safeNext(string(nextB), dashboards.LangOf(r))
	if e := r.URL.Query().Get("error"); e != "" {
		s.cfg.Log.Warn("furnizorul de identitate a refuzat", "error", e, "description", r.URL.Query().Get("error_description"))
		s.refuse(w, r, http.StatusForbidden, "refused.oidc.denied")
		return
	}
	name, err := s.oidcAccount(r, nonce, verifier)
	if err != nil {
		s.cfg.Log.Warn("intrare prin furnizorul de identitate", "err", err)
		s.refuse(w, r, http.StatusForbidden, "refused.oidc.token")
		return
	}
	var previous string
	if c, err := r.Cookie(SessionCookie); err == nil {
		previous = c.Value
	}
	sess, err := s.cfg.Accounts.SignInExternal(r.Context(), name, "oidc", s.addr(r), previous)
	if errors.Is(err, accounts.ErrBadCredentials) {
		lang := dashboards.LangOf(r)
		s.renderSignIn(w, r, http.StatusForbidden, "", dashboards.Tf(lang, "signin.oidc.unknown", name))
		return
	}
	if err != nil {
		s.site.Fail(w, r, err)
		return
	}
	s.setCookie(w, r, SessionCookie, sess.ID)
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// oidcAccount exchanges the code and returns the local account name the
// verified ID token gives.
func (s *Server) oidcAccount(r *http.Request, nonce, verifier string) (string, error) {
	ctx := r.Context()
	p, err := s.oidc.get(ctx)
	if err != nil {
		return "", err
	}
	tok, err := s.oauth2Config(r, p).Exchange(ctx, r.URL.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		return "", err
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok {
		return "", errors.New("răspunsul nu are id_token")
	}
	idt, err := p.Verifier(&oidc.Config{ClientID: s.cfg.OIDC.ClientID}).Verify(ctx, raw)
	if err != nil {
		return "", err
	}
	if !sameToken(idt.Nonce, nonce) {
		return "", errors.New("nonce diferit")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return "", err
	}
	claim := s.cfg.OIDC.Claim
	if claim == "" {
		claim = "preferred_username"
	}
	name, _ := claims[claim].(string)
	if name == "" {
		return "", fmt.Errorf("tokenul nu are %s", claim)
	}
	return name, nil
}
