package admin

import (
	"github.com/deschis/deschis/dashboards"
)

// UserRow is an account as the users page lists it.
type UserRow struct {
	Name, Role, Scope string
	SignIn            string // with a password, or through the identity provider only
	Sessions          int
}

type usersView struct {
	*Page
	Users []UserRow
}

// users lists the accounts (admins only). Accounts are managed with
// `publicsite users`, on the server.
func (s *Server) users(q *request) (string, any, error) {
	lang := q.lang
	us, err := s.cfg.Accounts.Users(q.Context())
	if err != nil {
		return "", nil, err
	}
	v := &usersView{Page: q.page}
	for _, u := range us {
		n, err := s.cfg.Accounts.Sessions(q.Context(), u.Name)
		if err != nil {
			return "", nil, err
		}
		how := "users.password"
		if u.ExternalOnly {
			how = "users.oidconly"
		}
		v.Users = append(v.Users, UserRow{Name: u.Name, Role: dashboards.T(lang, "role."+string(u.Role)),
			Scope: scopeText(lang, u, q.rel), SignIn: dashboards.T(lang, how), Sessions: n})
	}
	q.page.SetActive("admin.users")
	q.page.Title = dashboards.T(lang, "users.title")
	return "users", v, nil
}
