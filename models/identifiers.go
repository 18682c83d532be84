package models

import (
	"fmt"
	"strings"
)

// NormalizeCUI returns the digits of a Romanian fiscal code (CUI/CIF): the
// decorations exports write (a CIF/CUI label, the "RO" VAT prefix with or
// without a space, a lone "R", dots and spaces between digits) are dropped.
// It returns an error naming the reason when what remains is not 2 to 10
// digits or its check digit is wrong. Readers reach it as rules.FiscalCode.
func NormalizeCUI(s string) (string, error) {
	c := stripCUIDecorations(s)
	if len(c) < 2 || len(c) > 10 {
		return "", fmt.Errorf("codul fiscal %q trebuie să aibă între 2 și 10 cifre", s)
	}
	for _, r := range c {
		if r < '0' || r > '9' {
			return "", fmt.Errorf("codul fiscal %q conține alte caractere decât cifre", s)
		}
	}
	if want := CUICheckDigit(c[:len(c)-1]); c[len(c)-1] != want {
		return "", fmt.Errorf("codul fiscal %q are cifra de control greșită (ar trebui %c)", s, want)
	}
	return c, nil
}

// cuiLabels are the labels exports write before a fiscal code, longest first.
var cuiLabels = []string{"COD DE IDENTIFICARE FISCALA", "COD FISCAL", "C.I.F.", "C.U.I.", "CIF", "CUI"}

// stripCUIDecorations removes what national exports write around the digits
// of a fiscal code: a label (CIF, CUI, C.I.F., cod fiscal) with an optional
// ":", the RO VAT prefix with or without a space or a lone R before the
// digits, and dots or (no-break) spaces between digits. Whether what remains
// is a fiscal code is NormalizeCUI's check.
func stripCUIDecorations(s string) string {
	c := strings.ToUpper(strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " ")))
	for _, l := range cuiLabels {
		if rest, ok := strings.CutPrefix(c, l); ok && (rest == "" || rest[0] == ' ' || rest[0] == ':' || rest[0] == '.' || rest[0] >= '0' && rest[0] <= '9' || strings.HasPrefix(rest, "RO")) {
			c = strings.TrimLeft(rest, " :")
			break
		}
	}
	if rest, ok := strings.CutPrefix(c, "RO"); ok {
		c = rest
	} else if rest, ok := strings.CutPrefix(c, "R"); ok && rest != "" && (rest[0] == ' ' || rest[0] >= '0' && rest[0] <= '9') {
		c = rest
	}
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' {
			return -1
		}
		return r
	}, c)
}

// ValidCUI reports whether s is a fiscal code with a correct check digit.
func ValidCUI(s string) bool { _, err := NormalizeCUI(s); return err == nil }

// CUICheckDigit computes the check digit of a fiscal code from its other
// digits (1 to 9 of them), with the test key 753217532 of the Ministry of Finance.
func CUICheckDigit(body string) byte {
	const key = "753217532"
	body = strings.Repeat("0", len(key)-len(body)) + body
	sum := 0
	for i := range len(key) {
		sum += int(body[i]-'0') * int(key[i]-'0')
	}
	d := sum * 10 % 11
	if d == 10 {
		d = 0
	}
	return byte('0' + d)
}

// ValidCNP reports whether s is a personal numeric code (cod numeric personal)
// with a plausible sex/century digit, month, day and a correct check digit
// (key 279146358279). The public release check uses it to find personal data.
func ValidCNP(s string) bool {
	if len(s) != 13 {
		return false
	}
	for i := range 13 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	if s[0] == '0' {
		return false
	}
	month := int(s[3]-'0')*10 + int(s[4]-'0')
	day := int(s[5]-'0')*10 + int(s[6]-'0')
	if month < 1 || month > 12 || day < 1 || day > 31 {
		return false
	}
	return s[12] == CNPCheckDigit(s[:12])
}

// CNPCheckDigit computes the 13th digit of a CNP from its first 12 digits.
func CNPCheckDigit(first12 string) byte {
	const key = "279146358279"
	sum := 0
	for i := range 12 {
		sum += int(first12[i]-'0') * int(key[i]-'0')
	}
	d := sum % 11
	if d == 10 {
		d = 1
	}
	return byte('0' + d)
}
