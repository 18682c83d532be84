package benchkit

import (
	"slices"
	"testing"
)

func TestSupplierTermsAreEachWordsFragmentsOnce(t *testing.T) {
	got := SupplierTerms([]string{"Construct SRL", "CONSTRUCȚII Apa-Nova", "Apex Const"})
	want := []string{"cons", "onst", "nstr", "stru", "truc", "ruct", "const", "onstr", "nstru", "struc", "truct", "constr", "onstru", "nstruc", "struct",
		"apex"} // SRL: three letters; CONSTRUCȚII and Apa-Nova: not ASCII letters only; Const: its fragments seen
	if !slices.Equal(got, want) {
		t.Errorf("SupplierTerms = %q, want %q", got, want)
	}
}
