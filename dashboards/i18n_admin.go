package dashboards

// adminMessages are the texts of the decision-maker dashboards
// (dashboards/admin), kept apart from the public site's.
var adminMessages = map[string][2]string{
	"nav.admin":       {"Tablou de bord", "Dashboard"},
	"nav.admin.users": {"Conturi", "Accounts"},
	"nav.admin.audit": {"Jurnal de acces", "Access log"},

	"role.viewer":   {"cititor", "viewer"},
	"role.director": {"director", "director"},
	"role.admin":    {"administrator", "administrator"},

	"account.signedin": {"Contul %s (%s)", "Account %s (%s)"},
	"account.signout":  {"Ieșire din cont", "Sign out"},
	"scope.all":        {"toate instituțiile", "every institution"},
	"scope.department": {"%s, departamentul %s", "%s, department %s"},

	"signin.title":         {"Intrare în tabloul de bord", "Sign in to the dashboard"},
	"signin.intro":         {"Tabloul de bord al conducerii instituției este doar pentru conturile create de administrator.", "The institution's management dashboard is only for accounts created by the administrator."},
	"signin.name":          {"Numele contului", "Account name"},
	"signin.password":      {"Parola", "Password"},
	"signin.submit":        {"Intrare", "Sign in"},
	"signin.missing":       {"Completați numele contului și parola.", "Fill in the account name and the password."},
	"signin.wrong":         {"Numele contului sau parola nu sunt corecte. Verificați-le și încercați din nou.", "The account name or the password is not right. Check them and try again."},
	"signin.throttled":     {"Prea multe încercări nereușite pentru acest cont sau de la această adresă. Încercați din nou peste %s.", "Too many failed attempts for this account or from this address. Try again in %s."},
	"signin.oidc":          {"Intrare cu %s", "Sign in with %s"},
	"signin.oidc.provider": {"contul instituției", "the institution's account"},
	"signin.oidc.unknown":  {"Furnizorul de identitate v-a recunoscut ca %s, dar acest server nu are un cont cu acest nume. Cereți administratorului să-l adauge cu publicsite users add.", "The identity provider knows you as %s, but this server has no account of that name. Ask the administrator to add it with publicsite users add."},
	"signin.signedout":     {"Ați ieșit din cont.", "You have signed out."},
	"signin.oidconly":      {"Contul %s nu are parolă: intră doar prin %s. Folosiți butonul „Intrare cu %[2]s”.", "The account %s has no password: it signs in only through %s. Use the “Sign in with %[2]s” button."},
	"signin.oidconly.off":  {"Contul %s nu are parolă: intră doar prin furnizorul de identitate al instituției, care nu este configurat pe acest server. Cereți administratorului să-l configureze (cheia oidc) sau să vă dea o parolă cu publicsite users passwd.", "The account %s has no password: it signs in only through the institution's identity provider, which this server has not configured. Ask the administrator to configure it (the oidc key) or to give you a password with publicsite users passwd."},

	"refused.title":           {"Acces refuzat", "Access refused"},
	"refused.session":         {"Această pagină cere o sesiune: intrați în cont și încercați din nou.", "This page needs a session: sign in and try again."},
	"refused.csrf":            {"Formularul nu are jetonul sesiunii sau jetonul nu este bun. Reîncărcați pagina și trimiteți formularul din nou.", "The form lacks the session's token or the token is wrong. Reload the page and send the form again."},
	"refused.csrf.signin":     {"Formularul de intrare a expirat sau nu vine de pe acest site. Deschideți din nou pagina de intrare și încercați iar.", "The sign-in form has expired or does not come from this site. Open the sign-in page again and retry."},
	"refused.origin":          {"Cererea vine de pe alt site și a fost refuzată. Folosiți formularele acestui site.", "The request comes from another site and was refused. Use this site's forms."},
	"refused.oidc.down":       {"Furnizorul de identitate nu răspunde acum. Încercați din nou peste câteva minute sau intrați cu parola.", "The identity provider does not answer now. Try again in a few minutes or sign in with your password."},
	"refused.oidc.state":      {"Răspunsul furnizorului de identitate nu corespunde unei intrări începute în acest browser (sau a expirat după 10 minute). Începeți din nou de la pagina de intrare.", "The identity provider's answer does not match a sign-in started in this browser (or it expired after 10 minutes). Start again from the sign-in page."},
	"refused.oidc.denied":     {"Furnizorul de identitate a refuzat intrarea.", "The identity provider refused the sign-in."},
	"refused.oidc.token":      {"Răspunsul furnizorului de identitate nu a putut fi verificat. Începeți din nou de la pagina de intrare.", "The identity provider's answer could not be verified. Start again from the sign-in page."},
	"refused.admin":           {"Această pagină este doar pentru administratori.", "This page is for administrators only."},
	"refused.back":            {"Înapoi la tabloul de bord", "Back to the dashboard"},
	"refused.signin":          {"Mergeți la pagina de intrare", "Go to the sign-in page"},
	"admin.title":             {"%s: tabloul de bord, %d", "%s: dashboard, %d"},
	"admin.intro":             {"Cifrele principale ale instituției din ediția curentă a datelor. Fiecare cifră duce la rândurile din care provine.", "The institution's headline numbers from the current data release. Each number leads to the rows it comes from."},
	"admin.rows":              {"Vezi rândurile", "See the rows"},
	"admin.whole":             {"Pentru întreaga instituție: aceste date nu sunt defalcate pe departamente.", "For the whole institution: this data is not broken down by department."},
	"admin.department":        {"Doar cererile departamentului %s.", "Only the requests of the %s department."},
	"admin.group.budget":      {"Bugetul anului", "This year's budget"},
	"admin.group.investments": {"Investiții", "Investments"},
	"admin.group.procurement": {"Achiziții publice", "Public procurement"},
	"admin.group.requests":    {"Cererile cetățenilor", "Citizens' requests"},

	"users.title":    {"Conturi", "Accounts"},
	"users.intro":    {"Conturile se adaugă, se schimbă și se șterg pe server, cu comanda publicsite users.", "Accounts are added, changed and removed on the server, with the publicsite users command."},
	"users.name":     {"Nume", "Name"},
	"users.role":     {"Rol", "Role"},
	"users.scope":    {"Aria", "Scope"},
	"users.sessions": {"Sesiuni deschise", "Open sessions"},
	"users.none":     {"Nu există conturi.", "There are no accounts."},
	"users.signin":   {"Intrare", "Sign-in"},
	"users.password": {"cu parolă", "with a password"},
	"users.oidconly": {"doar prin furnizorul de identitate", "through the identity provider only"},

	"admin.requests.due":      {"Deschise, cu termenul în următoarele %s", "Open, due in the next %s"},
	"admin.requests.due.note": {"la exportul registrului din %s", "as of the register's export of %s"},

	"audit.title": {"Jurnal de acces", "Access log"},
	"audit.intro": {"Intrările reușite, nereușite și blocate, ieșirile din cont și descărcările de rânduri și de grafice, cele mai noi întâi (ultimele %d).", "Successful, failed and throttled sign-ins, sign-outs and downloads of rows and of charts, newest first (the latest %d)."},
	"audit.at":    {"Momentul", "Time"},
	"audit.event": {"Evenimentul", "Event"},
	"audit.user":  {"Contul", "Account"},
	"audit.addr":  {"Adresa", "Address"},
	"audit.none":  {"Jurnalul este gol.", "The log is empty."},

	"event.signin-success":   {"intrare reușită", "sign-in succeeded"},
	"event.signin-failure":   {"intrare nereușită", "sign-in failed"},
	"event.signin-throttled": {"intrare blocată (prea multe încercări)", "sign-in throttled (too many attempts)"},
	"event.signout":          {"ieșire din cont", "sign-out"},
}

func init() {
	for k, v := range adminMessages {
		if _, dup := messages[k]; dup {
			panic("dashboards: text " + k + " is defined twice")
		}
		messages[k] = v
	}
}
