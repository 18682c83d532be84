package main

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A small selector toolkit over golang.org/x/net/html: enough to check pages
// by element, class, id and attribute.

type node = html.Node

func parseHTML(t *testing.T, body string) *node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// match is one simple selector: tag, .class, #id, [attr] or [attr=value],
// combined (e.g. "a.skip-link[href=#continut]").
type match struct {
	tag, id string
	classes []string
	attrs   [][2]string // value "\x00" means present with any value
}

func parseSelector(s string) match {
	var m match
	for s != "" {
		switch s[0] {
		case '.', '#':
			end := strings.IndexAny(s[1:], ".#[")
			if end < 0 {
				end = len(s) - 1
			}
			if s[0] == '.' {
				m.classes = append(m.classes, s[1:end+1])
			} else {
				m.id = s[1 : end+1]
			}
			s = s[end+1:]
		case '[':
			end := strings.IndexByte(s, ']')
			k, v, ok := strings.Cut(s[1:end], "=")
			if !ok {
				v = "\x00"
			}
			m.attrs = append(m.attrs, [2]string{k, strings.Trim(v, `"`)})
			s = s[end+1:]
		default:
			end := strings.IndexAny(s, ".#[")
			if end < 0 {
				end = len(s)
			}
			m.tag = s[:end]
			s = s[end:]
		}
	}
	return m
}

func (m match) matches(n *node) bool {
	if n.Type != html.ElementNode || (m.tag != "" && n.Data != m.tag) {
		return false
	}
	if m.id != "" {
		if v, _ := attr(n, "id"); v != m.id {
			return false
		}
	}
	for _, c := range m.classes {
		if !hasClass(n, c) {
			return false
		}
	}
	for _, a := range m.attrs {
		v, ok := attr(n, a[0])
		if !ok || (a[1] != "\x00" && v != a[1]) {
			return false
		}
	}
	return true
}

// all returns the descendants of n matching a selector; "A B" finds B
// anywhere under an A.
func all(n *node, selector string) []*node {
	parts := strings.Fields(selector)
	scope := []*node{n}
	for _, p := range parts {
		m := parseSelector(p)
		var next []*node
		seen := map[*node]bool{}
		for _, s := range scope {
			walk(s, func(c *node) {
				if c != s && m.matches(c) && !seen[c] {
					seen[c] = true
					next = append(next, c)
				}
			})
		}
		scope = next
	}
	return scope
}

func first(n *node, selector string) *node {
	if ns := all(n, selector); len(ns) > 0 {
		return ns[0]
	}
	return nil
}

func walk(n *node, f func(*node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// textOf is the text content of n, spaces collapsed.
func textOf(n *node) string {
	var b strings.Builder
	walk(n, func(c *node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return strings.Join(strings.Fields(b.String()), " ")
}
