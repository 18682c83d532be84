package dashboards

import (
	"fmt"
	"html/template"
	"strings"
	"unicode"

	"github.com/deschis/deschis/models"
)

// RoText is a text that stays Romanian on the English pages: a name from
// the data (an institution, an investment, a category a city typed). Its
// markup says so (lang="ro"), so that a screen reader pronounces it as
// Romanian. As a plain string (fmt, <title>) it is the text itself.
type RoText string

func (r RoText) String() string { return string(r) }

// Ro marks a name from the data for the page language: on English pages it
// is Romanian text inside English.
func Ro(lang, s string) template.HTML {
	e := template.HTMLEscapeString(s)
	if lang == EN && s != "" {
		return template.HTML(`<span lang="ro">` + e + `</span>`)
	}
	return template.HTML(e)
}

// Tfh formats the text of key as HTML: every argument escaped, a RoText
// argument marked lang="ro" on English pages. It is the heading of a page
// whose title (Tf) names something from the data.
func Tfh(lang, key string, args ...any) template.HTML {
	out := make([]any, len(args))
	for i, a := range args {
		switch v := a.(type) {
		case RoText:
			out[i] = Ro(lang, string(v))
		case template.HTML:
			out[i] = v
		default:
			out[i] = template.HTMLEscapeString(fmt.Sprint(v))
		}
	}
	format := template.HTMLEscapeString(T(lang, key))
	// %d and %s alike: every argument is already a string of HTML.
	format = strings.ReplaceAll(format, "%d", "%s")
	return template.HTML(fmt.Sprintf(format, out...))
}

// EntityName is an institution's name as a sentence in lang names it: in
// Romanian the genitive-dative ("Bugetul Municipiului Demo"), in English the
// name as it is, Romanian text (RoText).
func EntityName(lang string, e models.Entity) RoText {
	if lang == EN {
		return RoText(e.Name)
	}
	return RoText(e.Genitive())
}

// ChapterName is a functional chapter's name in lang: the English name of
// the classification on English pages, else the Romanian name given.
func ChapterName(lang, code, ro string) Cell {
	if lang == EN {
		if en := models.ChapterNameEN(code); en != "" {
			return Cell{Text: en}
		}
		return Cell{Text: ro, Lang: RO}
	}
	return Cell{Text: ro}
}

// EconomicTitleName is an economic title's name in lang, as ChapterName.
func EconomicTitleName(lang, code, ro string) Cell {
	if lang == EN {
		if en := models.EconomicTitleNameEN(code); en != "" {
			return Cell{Text: en}
		}
		return Cell{Text: ro, Lang: RO}
	}
	return Cell{Text: ro}
}

// DataCell is a text from the data (a category, a department, a subchapter
// the classification has no English name for): Romanian on every page.
func DataCell(lang, s string) Cell {
	c := Cell{Text: s}
	if lang == EN {
		c.Lang = RO
	}
	return c
}

// ProcedureName is a modality of award in lang: the name the law gives it
// when the vocabulary knows the source's text, else the text as typed.
func ProcedureName(lang, typed string) Cell {
	if p, ok := models.LookupProcedure(typed); ok {
		return Cell{Text: Text(lang, p.Name)}
	}
	return DataCell(lang, typed)
}

// ChannelName is a request channel in lang (models.ChannelNames); a channel
// without a name there shows as stored.
func ChannelName(lang, channel string) Cell {
	if t, ok := models.ChannelNames[channel]; ok {
		return Cell{Text: Text(lang, t)}
	}
	return DataCell(lang, channel)
}

// RequestTypeName is a request type code of the register in lang
// (models.RequestTypeNames). A code without a name there is shown made
// readable, its underscores as spaces ("autorizatie_demolare":
// "autorizatie demolare"), marked Romanian on an English page; no code at
// all is "–".
func RequestTypeName(lang, code string) Cell {
	if t, ok := models.RequestTypeNames[code]; ok {
		return Cell{Text: Text(lang, t)}
	}
	if strings.TrimSpace(code) == "" {
		return Cell{Text: "–"}
	}
	return DataCell(lang, strings.Join(strings.FieldsFunc(code, func(r rune) bool { return r == '_' || unicode.IsSpace(r) }), " "))
}

// LicenceTitle is the name of a release's licence in lang: the open
// government licence by its name in lang, any other as the manifest gives it.
func LicenceTitle(lang string, l models.Licence) string {
	if l.ID == models.DefaultLicence.ID {
		return T(lang, "licence.ogl")
	}
	return l.Title
}
