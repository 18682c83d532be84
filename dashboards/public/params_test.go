package public

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/dashboards"
	"github.com/deschis/deschis/models"
)

func TestParseQuery(t *testing.T) {
	amount := func(a models.Amount) *models.Amount { return &a }
	for _, c := range []struct {
		name, query string
		want        Query
		bad         string // the parameter named in the error
	}{
		{name: "empty", query: ""},
		{name: "year and entity", query: "an=2025&entitate=9991004", want: Query{Year: 2025, Entity: "9991004"}},
		{name: "consolidated chapter with budget suffix", query: "vedere=consolidat&capitol=65.02", want: Query{Consolidated: true, Chapter: "65"}},
		{name: "investment filters", query: "stare=%C3%AEn+execu%C8%9Bie&finantare=pnrr", want: Query{Status: "în execuție", Funding: "pnrr"}},
		{name: "amounts with comma and point", query: "min=1000,5&max=2000.25", want: Query{Min: amount(100050), Max: amount(200025)}},
		{name: "dates", query: "de_la=2024-02-29&pana_la=2024-12-31", want: Query{From: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)}},
		{name: "text trimmed", query: "furnizor=+Vest+&procedura=licita%C8%9Bie+deschis%C4%83&cpv=45233140-2&pagina=3&ordine=valoare_asc",
			want: Query{Supplier: "Vest", Procedure: "licitație deschisă", CPV: "45233140-2", Page: 3, Sort: "valoare_asc"}},
		{name: "unknown parameters ignored", query: "utm_source=x&an=2024", want: Query{Year: 2024}},
		{name: "year letters", query: "an=abc", bad: "an"},
		{name: "year too short", query: "an=202", bad: "an"},
		{name: "year out of range", query: "an=1800", bad: "an"},
		{name: "entity letters", query: "entitate=RO123", bad: "entitate"},
		{name: "view", query: "vedere=tot", bad: "vedere"},
		{name: "chapter", query: "capitol=6", bad: "capitol"},
		{name: "status", query: "stare=gata", bad: "stare"},
		{name: "funding", query: "finantare=privat", bad: "finantare"},
		{name: "cpv", query: "cpv=4", bad: "cpv"},
		{name: "min", query: "min=x", bad: "min"},
		{name: "min with thousands separator", query: "min=1.000,00", bad: "min"},
		{name: "min above max", query: "min=10&max=1", bad: "min"},
		{name: "impossible date", query: "de_la=2026-02-30", bad: "de_la"},
		{name: "dates in the Romanian order", query: "de_la=01.02.2024&pana_la=3.1.2025", want: Query{From: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 1, 3, 0, 0, 0, 0, time.UTC)}},
		{name: "impossible Romanian date", query: "de_la=30.02.2026", bad: "de_la"},
		{name: "other date format", query: "pana_la=11/23/2026", bad: "pana_la"},
		{name: "reversed dates", query: "de_la=2026-02-02&pana_la=2026-01-01", bad: "de_la"},
		{name: "page zero", query: "pagina=0", bad: "pagina"},
		{name: "sort", query: "ordine=pret", bad: "ordine"},
		{name: "text too long", query: "furnizor=" + strings.Repeat("a", 101), bad: "furnizor"},
		{name: "control characters", query: "furnizor=a%00b", bad: "furnizor"},
		{name: "invalid utf-8", query: "procedura=%ff", bad: "procedura"},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, err := url.ParseQuery(c.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseQuery(v)
			if c.bad != "" {
				var pe *dashboards.ParamError
				if !errors.As(err, &pe) || pe.Name != c.bad || !errors.Is(err, models.ErrInvalid) {
					t.Fatalf("error %v, want one about %s", err, c.bad)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if (got.Min == nil) != (c.want.Min == nil) || got.Min != nil && *got.Min != *c.want.Min ||
				(got.Max == nil) != (c.want.Max == nil) || got.Max != nil && *got.Max != *c.want.Max {
				t.Fatalf("amounts %v %v", got.Min, got.Max)
			}
			got.Min, got.Max, c.want.Min, c.want.Max = nil, nil, nil, nil
			if got != c.want {
				t.Fatalf("%+v, want %+v", got, c.want)
			}
		})
	}
}

// FuzzParseQuery: any query string is either accepted with values in range
// or refused with a ParamError; it never panics.
func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"an=2025", "min=1,5&max=2", "de_la=2026-02-30", "capitol=65.02&vedere=consolidat", "furnizor=%ff", "pagina=999999", "cpv=45233140-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, err := ParseQuery(v)
		if err != nil {
			var pe *dashboards.ParamError
			if !errors.As(err, &pe) || !errors.Is(err, models.ErrInvalid) {
				t.Fatalf("error %v is not a ParamError", err)
			}
			return
		}
		if q.Year != 0 && (q.Year < 1990 || q.Year > 2100) || q.Page < 0 || q.Min != nil && *q.Min < 0 ||
			q.Chapter != "" && len(q.Chapter) != 2 || q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			t.Fatalf("accepted out of range: %+v", q)
		}
	})
}
