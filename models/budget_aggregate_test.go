package models

import (
	"slices"
	"testing"
)

// The rules of what is never added up, query by query: kind joins the
// drill-down unless one kind is cut; a cell of several institutions leaves
// out the intra-group transfers unless the query says what it wants of
// them; separate groups get a note; month picks the monthly dataset.
func TestAggregatePlanRules(t *testing.T) {
	for _, c := range []struct {
		query          map[string]string
		dataset        string
		attributes     []string
		implied        bool // the cut intra_group:false was added
		acrossEntities bool
	}{
		{map[string]string{"drilldown": "year"}, DatasetBudget, []string{"year", "kind"}, true, true},
		{map[string]string{"drilldown": "year", "cut": "kind:venituri"}, DatasetBudget, []string{"year"}, true, true},
		{map[string]string{"drilldown": "year", "cut": "kind:venituri;cheltuieli"}, DatasetBudget, []string{"year", "kind"}, true, true},
		{map[string]string{"drilldown": "entity_cui|year"}, DatasetBudget, []string{"entity_cui", "year", "kind"}, false, false},
		{map[string]string{"cut": "entity_cui:9991004|kind:cheltuieli"}, DatasetBudget, nil, false, false},
		{map[string]string{"cut": "entity_cui:9991004;9991012|kind:cheltuieli"}, DatasetBudget, nil, true, true},
		{map[string]string{"cut": "intra_group:true|kind:cheltuieli"}, DatasetBudget, nil, false, true},
		{map[string]string{"drilldown": "intra_group", "cut": "kind:cheltuieli"}, DatasetBudget, []string{"intra_group"}, false, true},
		{map[string]string{"drilldown": "chapter_code", "cut": "month:3|kind:cheltuieli"}, DatasetBudgetMonthly, []string{"chapter_code"}, true, true},
	} {
		q, err := ParseAggregateQuery(func(k string) string { return c.query[k] })
		if err != nil {
			t.Fatalf("%v: %v", c.query, err)
		}
		p, err := q.Plan()
		if err != nil {
			t.Fatalf("%v: %v", c.query, err)
		}
		implied := slices.ContainsFunc(p.Cuts, func(cut AggregateCut) bool {
			return cut.Implied && cut.Ref == "intra_group" && slices.Equal(cut.Values, []string{"false"})
		})
		if p.Dataset != c.dataset || !slices.Equal(p.Attributes, c.attributes) || implied != c.implied || p.AcrossEntities != c.acrossEntities {
			t.Errorf("%v: dataset %s attributes %v implied %v across %v, want %s %v %v %v", c.query, p.Dataset, p.Attributes, implied, p.AcrossEntities,
				c.dataset, c.attributes, c.implied, c.acrossEntities)
		}
		// Every attribute is in the order, so pages are stable.
		for _, a := range p.Attributes {
			if !slices.ContainsFunc(p.Order, func(o AggregateOrder) bool { return o.Ref == a }) {
				t.Errorf("%v: %s is not in the order %v", c.query, a, p.Order)
			}
		}
	}
}

// Separate groups (a county council and its communes) are added, not
// consolidated: the answer says so when its cells span several.
func TestAggregateGroupsNote(t *testing.T) {
	plan := func(query map[string]string) *AggregatePlan {
		q, _ := ParseAggregateQuery(func(k string) string { return query[k] })
		p, err := q.Plan()
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	across := plan(map[string]string{"drilldown": "year"})
	if n := across.GroupsNote(3); n == nil || n.Code != "separate_budgets" || n.Message.RO == "" || n.Message.EN == "" {
		t.Errorf("three groups: %+v", n)
	}
	if n := across.GroupsNote(1); n != nil {
		t.Errorf("one group: %+v", n)
	}
	if n := plan(map[string]string{"drilldown": "group_cui|year"}).GroupsNote(3); n != nil {
		t.Errorf("by group: %+v", n)
	}
	if n := plan(map[string]string{"cut": "entity_cui:9991004"}).GroupsNote(3); n != nil {
		t.Errorf("one institution: %+v", n)
	}
}

// babbage's cut syntax: quoted values may hold the separators.
func TestParseCuts(t *testing.T) {
	cuts, err := parseCuts(`year:2024;2025|functional_code:"65.02|x";66.02|entity_cui:9991004`)
	if err != nil {
		t.Fatal(err)
	}
	want := []AggregateCut{{Ref: "year", Values: []string{"2024", "2025"}}, {Ref: "functional_code", Values: []string{"65.02|x", "66.02"}}, {Ref: "entity_cui", Values: []string{"9991004"}}}
	if len(cuts) != len(want) {
		t.Fatalf("%+v", cuts)
	}
	for i := range want {
		if cuts[i].Ref != want[i].Ref || !slices.Equal(cuts[i].Values, want[i].Values) {
			t.Errorf("cut %d: %+v, want %+v", i, cuts[i], want[i])
		}
	}
	for _, bad := range []string{"year", ":2025", "year:", "year:2025|", "year:2025;", `year:"2025`, `year:20"25`, "year:2025|kind"} {
		if _, err := parseCuts(bad); err == nil {
			t.Errorf("%q parses", bad)
		}
	}
}
