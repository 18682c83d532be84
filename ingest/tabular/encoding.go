package tabular

import (
	"fmt"
	"unicode/utf8"

	"github.com/deschis/deschis/ingest/rules"
)

// Source encodings a mapping can name (source.encoding): see ingest/rules.
const (
	EncodingAuto    = rules.EncodingAuto
	EncodingUTF8    = rules.EncodingUTF8
	EncodingWin1250 = rules.EncodingWin1250
	EncodingLatin2  = rules.EncodingLatin2
)

// misdecodedReason is the reject reason for a cell with r (misdecoded).
func (m *Mapping) misdecodedReason(r rune) string {
	what := fmt.Sprintf("caracterul de control %U", r)
	if r == utf8.RuneError {
		what = "caracterul de înlocuire U+FFFD"
	}
	switch {
	case m.Format != FormatCSV:
		return what + " în text: textul a fost convertit greșit înainte de export; corectați-l în sursă"
	case m.Source.Encoding == EncodingLatin2:
		return what + ": iso-8859-2 nu are semnele din octeții 0x80–0x9F pe care windows-1250 îi folosește (– „ ” …); " +
			"fișierul pare scris în windows-1250: declarați encoding: windows-1250 sau auto"
	case m.Source.Encoding == EncodingWin1250:
		return what + ": un octet pe care windows-1250 nu îl definește; fișierul pare scris în altă codificare: declarați encoding: auto"
	}
	return what + " în text: fișierul pare scris în altă codificare sau convertit greșit înainte de export; încercați encoding: windows-1250 sau auto"
}
