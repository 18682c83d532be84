package rules

import (
	"strings"

	"github.com/deschis/deschis/models"
)

// FiscalCode reads a Romanian fiscal code (CUI/CIF) as national exports write
// it and returns its digits: a "CIF"/"CUI"/"C.I.F."/"cod fiscal" label, the
// "RO" VAT prefix with or without a space, a lone "R" before the digits, and
// dots or spaces between the digits are removed when what remains passes the
// check digit; anything else is an error whose reason says why (letters,
// length, the check digit it should have). The rule itself is
// models.NormalizeCUI, which the servers' filters share.
func FiscalCode(s string) (string, error) { return models.NormalizeCUI(s) }

// SupplierCode tidies the fiscal code of a supplier, who may be a foreign
// company or a private person: a Romanian fiscal code (FiscalCode) gives its
// digits; anything else stays as written, without spaces.
func SupplierCode(s string) string {
	if c, err := FiscalCode(s); err == nil {
		return c
	}
	return strings.Join(strings.Fields(s), "")
}

// CPV reads a CPV code, 45233140-2, also followed by its name after a space
// ("45233140-2 Lucrări de drumuri"), and returns it as 45233140-2.
func CPV(s string) (string, error) {
	c, err := models.ParseCPV(s)
	if err != nil {
		return "", err
	}
	return c.String(), nil
}
