package ingest

import (
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

// A request's status is one of the documented values and agrees with its
// dates; its channel may be another or an unknown one; the export date
// (as_of) comes after everything the register says happened. Each refusal
// names the file, the line, the column and the value.
func TestRequestStatusChannelAndDates(t *testing.T) {
	content := "entity_cui,request_id,received,channel,category,type,department,answered,status,as_of\n" +
		"4270740,1,2026-11-04,online,U,petitie,D,2026-11-10,rezolvată,\n" + // 2: answered
		"4270740,2,2026-11-04,telefon,U,petitie,D,,Closed,\n" + // 3: not a status
		"4270740,3,2026-11-04,online,U,petitie,D,,rezolvată,\n" + // 4: resolved, no answer date
		"4270740,4,2026-11-04,online,U,petitie,D,,respinsa,\n" + // 5: rejected, no answer date (no diacritics)
		"4270740,5,2026-11-04,online,U,petitie,D,2026-11-06,deschisă,\n" + // 6: open with an answer date
		"4270740,6,2026-11-04,online,U,petitie,D,2026-11-02,rezolvată,\n" + // 7: answered before received
		"4270740,7,2026-11-04,altul,U,petitie,D,,anulată,\n" + // 8: cancelled, no date: fine
		"4270740,8,2026-11-04,NECUNOSCUT,U,petitie,D,2026-11-05,redirecționată,\n" + // 9: redirected with its date: fine
		"4270740,9,2026-11-04,online,U,petitie,D,,retrasa,\n" + // 10: withdrawn: fine
		"4270740,10,2026-11-04,online,U,petitie,D,,deschisă,2026-11-30\n" + // 11: open as of the export: fine
		"4270740,11,2026-11-04,online,U,petitie,D,,deschisă,2026-11-01\n" + // 12: exported before it was received
		"4270740,12,2026-11-04,online,U,petitie,D,2026-12-02,rezolvată,2026-11-30\n" // 13: answered after the export
	recs, err := readAll(t, models.DatasetRequests, "", content)
	if err != nil {
		t.Fatal(err)
	}
	type reject struct {
		line          int
		column, value string
		reason        string
	}
	want := map[int]reject{
		3:  {3, "status", "Closed", "valoare necunoscută; se acceptă: deschisă, rezolvată, respinsă, redirecționată, anulată, retrasă"},
		4:  {4, "answered", "", "o cerere cu starea „rezolvată” trebuie să aibă data răspunsului"},
		5:  {5, "answered", "", "o cerere cu starea „respinsă” trebuie să aibă data răspunsului"},
		6:  {6, "answered", "2026-11-06", "o cerere cu starea „deschisă” nu are dată de răspuns; dați starea ei (rezolvată, respinsă, redirecționată, anulată, retrasă) sau goliți data"},
		7:  {7, "answered", "2026-11-02", "răspunsul (02.11.2026) este datat înaintea înregistrării (04.11.2026)"},
		12: {12, "as_of", "2026-11-01", "registrul este exportat (01.11.2026) înaintea înregistrării cererii (04.11.2026)"},
		13: {13, "as_of", "2026-11-30", "registrul este exportat (30.11.2026) înaintea răspunsului (02.12.2026)"},
	}
	if len(recs) != 12 {
		t.Fatalf("%d records, want 12", len(recs))
	}
	for _, r := range recs {
		w, bad := want[r.Line]
		if !bad {
			if len(r.Errors) != 0 {
				t.Errorf("line %d: rejected %+v", r.Line, r.Errors)
			}
			continue
		}
		if len(r.Errors) != 1 {
			t.Errorf("line %d: errors %+v, want one", r.Line, r.Errors)
			continue
		}
		e := r.Errors[0]
		if e.File != "f.csv" || e.Line != w.line || e.Column != w.column || e.Value != w.value || e.Reason != w.reason {
			t.Errorf("line %d:\n got %+v\nwant %+v", r.Line, e, w)
		}
	}
	v := func(line int, name string) any {
		return recs[line-2].Values[models.FieldIndex(models.DatasetRequests, name)]
	}
	if v(8, "channel") != models.ChannelOther || v(9, "channel") != models.ChannelUnknown || v(10, "status") != string(models.StatusWithdrawn) {
		t.Errorf("channels and statuses as read: %v %v %v", v(8, "channel"), v(9, "channel"), v(10, "status"))
	}
	if v(11, "as_of") != time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC) || v(2, "as_of") != nil {
		t.Errorf("as_of: %v %v", v(11, "as_of"), v(2, "as_of"))
	}
}
