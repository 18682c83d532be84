package dashboards

import (
	"strings"
)

// The partials written in Go (partials.go, and the contract list's rows in
// dashboards/public) escape their values as html/template escapes them, so
// the bytes are the ones the templates wrote.

// EscapeHTML escapes text for a text node or a quoted attribute value the
// way html/template does (its htmlReplacementTable: NUL, ", &, ', +, <, >;
// template.HTMLEscapeString leaves + as it is).
var EscapeHTML = textEscaper.Replace

// escapeURL is a whole URL attribute's value (href="{{.Href}}"): a URL
// whose scheme is not http, https or mailto becomes #ZgotmplZ, the rest is
// normalised (escapeURLPart) and escaped for the attribute, as html/template
// does (its urlFilter, urlNormalizer and attrEscaper).
func escapeURL(s string) string {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return escapeURLPart(s)
}

// escapeURLPart is a value inside a URL attribute after its start
// (href="/date/{{.Dataset}}.parquet"): every byte a URL may not hold
// percent-encoded, a valid %XX kept (html/template's urlNormalizer, its
// quirks included), then escaped for the attribute.
func escapeURLPart(s string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < n && isHexDigit(s[i+1]) && isHexDigit(s[i+2]):
			continue
		}
		if b.Len() == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
		written = i + 1
	}
	if written == 0 {
		return EscapeHTML(s)
	}
	b.WriteString(s[written:])
	return EscapeHTML(b.String())
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
