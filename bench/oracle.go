package main

import (
	"strings"
	"unicode/utf8"

	"sessionsearch/fold"
)

// truth is the oracle's answer to one query.
type truth struct {
	IDs    map[string]bool
	Facets map[string]map[string]int // kind and year counts
}

func isASCIIAlnum(b byte) bool {
	return '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func isASCIIDigit(b byte) bool { return '0' <= b && b <= '9' }

// containsTerm is the substring contract on folded text: a folded term
// occurs in folded text; where the term starts or ends with a Latin letter
// or digit, that end must be a token edge (341 finds 341人, not 1341 or
// 3410; 5 does not match inside 3.5 or 1,500).
func containsTerm(text, term string) bool {
	if term == "" {
		return false
	}
	startWord, endWord := isASCIIAlnum(term[0]), isASCIIAlnum(term[len(term)-1])
	for off := 0; ; {
		i := strings.Index(text[off:], term)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(term)
		ok := true
		if startWord && i > 0 {
			p := text[i-1]
			if isASCIIAlnum(p) || (p == '.' || p == ',') && i > 1 && isASCIIDigit(text[i-2]) && isASCIIDigit(term[0]) {
				ok = false
			}
		}
		if endWord && j < len(text) {
			n := text[j]
			if isASCIIAlnum(n) || (n == '.' || n == ',') && j+1 < len(text) && isASCIIDigit(text[j+1]) && isASCIIDigit(term[len(term)-1]) {
				ok = false
			}
		}
		if ok {
			return true
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		off = i + size
	}
}

// oracle answers every query by a plain scan over the passages.
func oracle(ps []passage, qs []query) []truth {
	out := make([]truth, len(qs))
	for qi, q := range qs {
		folded := make([]string, len(q.Terms))
		for i, t := range q.Terms {
			folded[i] = fold.String(t)
		}
		t := truth{IDs: map[string]bool{}, Facets: map[string]map[string]int{"kind": {}, "year": {}}}
		for i := range ps {
			p := &ps[i]
			if k, ok := q.Filters["kind"]; ok && p.Kind != k {
				continue
			}
			if y, ok := q.Filters["year"]; ok && p.Year != y {
				continue
			}
			all := true
			for _, f := range folded {
				if !containsTerm(p.Folded, f) {
					all = false
					break
				}
			}
			if !all {
				continue
			}
			t.IDs[p.ID] = true
			t.Facets["kind"][p.Kind]++
			if p.Year != "" {
				t.Facets["year"][p.Year]++
			}
		}
		out[qi] = t
	}
	return out
}
