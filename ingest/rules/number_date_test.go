package rules

import (
	"strings"
	"testing"
	"time"

	"github.com/deschis/deschis/models"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		name, in, notation string
		want               models.Amount // in bani, scale 1
		err                string
	}{
		{"ro thousands dots", "1.234.567,89", NumbersRO, 123456789, ""},
		{"ro thousands spaces", "1 234 567,89", NumbersRO, 123456789, ""},
		{"ro no-break spaces", "1\u00a0234\u00a0567,89", NumbersRO, 123456789, ""},
		{"ro narrow no-break spaces", "1\u202f234,5", NumbersRO, 123450, ""},
		{"ro plain", "1234567,89", NumbersRO, 123456789, ""},
		{"ro integer", "1234567", NumbersRO, 123456700, ""},
		{"ro dot is thousands", "1.234", NumbersRO, 123400, ""},
		{"ro negative", "-1.234,56", NumbersRO, -123456, ""},
		{"ro parentheses", "(1.234,56)", NumbersRO, -123456, ""},
		{"ro unicode minus", "−12,5", NumbersRO, -1250, ""},
		{"ro plus", "+7", NumbersRO, 700, ""},
		{"ro leading comma", ",5", NumbersRO, 50, ""},
		{"ro surrounding spaces", "  12,30 ", NumbersRO, 1230, ""},
		{"ro rounds half away", "0,005", NumbersRO, 1, ""},
		{"ro rounds half away negative", "-0,005", NumbersRO, -1, ""},
		{"ro rounds down", "1,2349", NumbersRO, 123, ""},
		{"ro point decimal refused", "1234.56", NumbersRO, 0, "notația ro"},
		{"ro bad grouping", "1.23.456", NumbersRO, 0, "notația ro"},
		{"ro two commas", "1,2,3", NumbersRO, 0, "notația ro"},
		{"intl", "1,234,567.89", NumbersIntl, 123456789, ""},
		{"intl plain", "1234567.89", NumbersIntl, 123456789, ""},
		{"intl spaces", "1 234 567.89", NumbersIntl, 123456789, ""},
		{"intl comma decimal refused", "1234,56", NumbersIntl, 0, "virgulă zecimală în notația intl"},
		{"intl ro full refused", "1.234.567,89", NumbersIntl, 0, "notația intl"},
		{"auto ro", "1.234.567,89", NumbersAuto, 123456789, ""},
		{"auto intl", "1,234,567.89", NumbersAuto, 123456789, ""},
		{"auto comma decimal", "1234,56", NumbersAuto, 123456, ""},
		{"auto point decimal", "12.5", NumbersAuto, 1250, ""},
		{"auto several dots", "1.234.567", NumbersAuto, 123456700, ""},
		{"auto zero point", "0.125", NumbersAuto, 13, ""},
		{"auto long integer part", "1234.567", NumbersAuto, 123457, ""},
		{"auto ambiguous dot", "1.234", NumbersAuto, 0, "ambiguu"},
		{"auto ambiguous comma", "1,234", NumbersAuto, 0, "ambiguu"},
		{"empty", "", NumbersRO, 0, "lipsă"},
		{"letters", "12a", NumbersRO, 0, "nu este un număr"},
		{"currency", "12 lei", NumbersRO, 0, "nu este un număr"},
		{"only minus", "-", NumbersRO, 0, "nu este un număr"},
		{"trailing comma", "12,", NumbersRO, 0, "nu este un număr"},
		{"too large", "99999999999999999999", NumbersRO, 0, "prea mare"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Number(tt.in, tt.notation)
			var got models.Amount
			if err == nil {
				got, err = d.Amount(1)
			}
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Number(%q, %s) = %v, %v; want error ~%q", tt.in, tt.notation, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Number(%q, %s) = %v, %v; want %v", tt.in, tt.notation, got, err, tt.want)
			}
		})
	}
}

func TestDecimalAmountAndInt(t *testing.T) {
	tests := []struct {
		name  string
		d     Decimal
		scale int64
		want  models.Amount
		err   bool
	}{
		{"thousands", Decimal{54050445, 2}, 1000, 54050445000, false},
		{"scale after rounding would differ", Decimal{12345, 4}, 1000, 123450, false}, // 1.2345 mii = 1234.50 lei
		{"many decimals", Decimal{123456789012345678, 18}, 1, 12, false},
		{"overflow", Decimal{1 << 62, 0}, 1000, 0, true},
		{"max int", Decimal{92233720368547758, 0}, 1, 9223372036854775800, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.d.Amount(tt.scale)
			if (err != nil) != tt.err || got != tt.want {
				t.Fatalf("%v.Amount(%d) = %v, %v; want %v (err %v)", tt.d, tt.scale, got, err, tt.want, tt.err)
			}
		})
	}
	if n, err := (Decimal{1200, 2}).Int(); n != 12 || err != nil {
		t.Errorf("12,00 as int: %v %v", n, err)
	}
	if _, err := (Decimal{1250, 2}).Int(); err == nil {
		t.Error("12,50 as int: want error")
	}
}

func TestParseMachineNumber(t *testing.T) {
	for in, want := range map[string]models.Amount{
		"1234.5": 123450, "-2": -200, "1.5E6": 150000000, "1e-3": 0, "4.5999999999999996": 460,
		"0.30000000000000004": 30, "1.2345678901234567E+5": 12345679,
	} {
		d, err := MachineNumber(in)
		got, err2 := d.Amount(1)
		if err != nil || err2 != nil || got != want {
			t.Errorf("MachineNumber(%q) = %v (%v, %v); want %v", in, got, err, err2, want)
		}
	}
	for _, in := range []string{"", "1,5", "E5", "1E", "1E5000"} {
		if d, err := MachineNumber(in); err == nil {
			if _, err := d.Amount(1); err == nil {
				t.Errorf("MachineNumber(%q) = %v; want error", in, d)
			}
		}
	}
}

func TestParseDate(t *testing.T) {
	dmyISO := []string{DatesDMY, DatesISO}
	tests := []struct {
		name, in  string
		notations []string
		want      time.Time
		err       string
	}{
		{"dmy dots", "23.11.2026", dmyISO, models.Date(2026, 11, 23), ""},
		{"dmy slashes", "23/11/2026", dmyISO, models.Date(2026, 11, 23), ""},
		{"dmy dashes", "23-11-2026", dmyISO, models.Date(2026, 11, 23), ""},
		{"dmy one digit", "3.1.2026", dmyISO, models.Date(2026, 1, 3), ""},
		{"dmy with time", "23.11.2026 14:05", dmyISO, models.Date(2026, 11, 23), ""},
		{"dmy with seconds", "23.11.2026 14:05:09", dmyISO, models.Date(2026, 11, 23), ""},
		{"iso", "2026-11-23", dmyISO, models.Date(2026, 11, 23), ""},
		{"iso T time zone", "2026-11-23T23:30:00+02:00", dmyISO, models.Date(2026, 11, 23), ""},
		{"iso space time Z", "2026-11-23 08:00:00.123Z", dmyISO, models.Date(2026, 11, 23), ""},
		{"us pm", "11/23/2026 03:04:05 PM", []string{DatesUS}, models.Date(2026, 11, 23), ""},
		{"us no time", "1/2/2026", []string{DatesUS}, models.Date(2026, 1, 2), ""},
		{"dmy before us", "01/02/2026", []string{DatesDMY, DatesUS}, models.Date(2026, 2, 1), ""},
		{"us after impossible dmy", "11/23/2026", []string{DatesDMY, DatesUS}, models.Date(2026, 11, 23), ""},
		{"excel serial", "46349", []string{DatesExcel}, models.Date(2026, 11, 23), ""},
		{"excel serial with time", "46349.75", []string{DatesExcel}, models.Date(2026, 11, 23), ""},
		{"excel serial 1", "1", []string{DatesExcel}, models.Date(1900, 1, 1), ""},
		{"excel serial 59", "59", []string{DatesExcel}, models.Date(1900, 2, 28), ""},
		{"excel serial 61", "61", []string{DatesExcel}, models.Date(1900, 3, 1), ""},
		{"leap day", "29.02.2024", dmyISO, models.Date(2024, 2, 29), ""},
		{"impossible day", "30.02.2026", dmyISO, time.Time{}, "ziua 30 nu există în februarie 2026"},
		{"not a leap year", "29.02.2026", dmyISO, time.Time{}, "ziua 29 nu există"},
		{"impossible month", "2026-13-01", dmyISO, time.Time{}, "luna 13 nu există"},
		{"zero date", "0000-00-00", dmyISO, time.Time{}, "anul 0000"},
		{"zero month", "2026-00-10", dmyISO, time.Time{}, "luna 0 nu există"},
		{"two-digit year", "23.11.26", dmyISO, time.Time{}, "patru cifre"},
		{"two-digit year us", "11/23/26", []string{DatesUS}, time.Time{}, "patru cifre"},
		{"impossible hour", "23.11.2026 25:00", dmyISO, time.Time{}, "oră imposibilă"},
		{"pm hour 13", "11/23/2026 13:00:00 PM", []string{DatesUS}, time.Time{}, "AM/PM"},
		{"excel phantom leap day", "60", []string{DatesExcel}, time.Time{}, "29 februarie 1900"},
		{"excel zero", "0", []string{DatesExcel}, time.Time{}, "în afara calendarului"},
		{"excel too far", "99999999", []string{DatesExcel}, time.Time{}, "în afara calendarului"},
		{"wrong shape lists notations", "noiembrie 2026", dmyISO, time.Time{}, "ZZ.LL.AAAA, AAAA-LL-ZZ"},
		{"iso not accepted", "2026-11-23", []string{DatesDMY}, time.Time{}, "ZZ.LL.AAAA"},
		{"serial not accepted", "46349", dmyISO, time.Time{}, "formatele acceptate"},
		{"empty", " ", dmyISO, time.Time{}, "lipsă"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Date(tt.in, tt.notations)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Date(%q) = %v, %v; want error ~%q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Fatalf("Date(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
		})
	}
}
