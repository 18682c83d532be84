package opendata

// The cursor of the rows endpoint: an opaque token that says where the next
// page starts (the key of the page's last row) and what it belongs to (the
// release and the query: dataset, filters and order). A cursor of another
// release or of another query is refused, since its key means nothing there.
// limit, fields and format may change from page to page.

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/deschis/deschis/models"
)

type cursorBody struct {
	Release string    `json:"r"`
	Query   string    `json:"q"`
	Key     []*string `json:"k"`
	Check   string    `json:"c"` // of the rest: a token changed by hand is refused, not misread
}

// queryID identifies the rows a query pages through: its dataset,
// filters and order.
func queryID(q models.RowsQuery) string {
	var b strings.Builder
	b.WriteString(q.Dataset)
	for _, f := range q.Filters {
		fmt.Fprintf(&b, "\x00f%s\x00%s", f.Column, f.Op)
		for _, v := range f.Values {
			fmt.Fprintf(&b, "\x00%t\x00%s", v.Null, v.Text)
		}
	}
	for _, s := range q.Sort {
		fmt.Fprintf(&b, "\x00s%s\x00%t", s.Column, s.Desc)
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:12])
}

func (c cursorBody) check() string {
	b, _ := json.Marshal([]any{c.Release, c.Query, c.Key})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:8])
}

// encodeCursor is the token of the page that starts after key.
func encodeCursor(release string, q models.RowsQuery, key []models.Value) string {
	c := cursorBody{Release: release, Query: queryID(q)}
	for _, v := range key {
		if v.Null {
			c.Key = append(c.Key, nil)
		} else {
			c.Key = append(c.Key, &v.Text)
		}
	}
	c.Check = c.check()
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor reads a token for the query q of the release, whose page key
// has the columns key (types from cols): the key to start after.
func decodeCursor(token, release string, q models.RowsQuery, key []models.RowSort, cols map[string]models.Column) ([]models.Value, *apiProblem) {
	bad := badRequest("bad_cursor",
		"Cursorul nu este unul dat de API: folosiți exact valoarea next (sau next_url) a paginii precedente, ori începeți fără cursor.",
		"The cursor is not one the API gave: use exactly the next value (or next_url) of the previous page, or start without a cursor.")
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return nil, bad
	}
	var c cursorBody
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if dec.Decode(&c) != nil || c.Check != c.check() {
		return nil, bad
	}
	if c.Release != release {
		return nil, &apiProblem{status: 400, code: "bad_cursor", msg: models.Text{
			RO: "Cursorul este al ediției " + c.Release + ", iar ediția curentă este " + release + ": o pagină nouă se începe fără cursor (ediția veche rămâne descărcabilă la /date/editii/" + c.Release + "/ până la ștergere).",
			EN: "The cursor belongs to the release " + c.Release + ", and the current release is " + release + ": start again without a cursor (the old release stays downloadable at /date/editii/" + c.Release + "/ until pruned).",
		}}
	}
	if c.Query != queryID(q) {
		return nil, badRequest("bad_cursor",
			"Cursorul a fost dat pentru altă interogare (alt set, alte filtre sau altă ordine): păstrați filtrele și sort ale paginii care l-a dat, sau începeți fără cursor.",
			"The cursor was given for another query (another dataset, other filters or another order): keep the filters and sort of the page that gave it, or start without a cursor.")
	}
	if len(c.Key) != len(key) {
		return nil, bad
	}
	out := make([]models.Value, len(key))
	for i, k := range key {
		if c.Key[i] == nil {
			out[i] = models.Value{Null: true}
			continue
		}
		v, p := parseValue(cols[k.Column], paramCursor, *c.Key[i])
		if p != nil {
			return nil, bad
		}
		out[i] = v
	}
	return out, nil
}
