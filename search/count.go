package search

import (
	"bytes"
	"unicode/utf8"
)

// byteMatcher counts what matcher.find finds, on folded UTF-8 instead of
// runes: distributions scan the whole text table, and decoding 100 MB
// into runes for every request would take longer than the search. A
// needle's UTF-8 can only match at a character boundary of valid UTF-8,
// so bytes.Index finds the same starts; the token edge rule for numbers
// and Latin words is checked on the runes around each candidate.
type byteMatcher struct {
	needles [][]byte
	edged   []bool // the needle begins or ends with a letter, digit, . or , and so must be checked for token edges
}

func newByteMatcher(m *matcher) *byteMatcher {
	b := &byteMatcher{}
	for _, n := range m.needles {
		b.needles = append(b.needles, []byte(string(n)))
		b.edged = append(b.edged, needsEdges(n))
	}
	return b
}

// needsEdges says whether needle n (not empty) begins or ends with a
// letter, a digit, . or , and so matches only on token edges.
func needsEdges(n []rune) bool {
	edge := func(r rune) bool { return classify(r) == classWord || r == '.' || r == ',' }
	return edge(n[0]) || edge(n[len(n)-1])
}

// count returns the number of non-overlapping occurrences in text, chosen
// as matcher.find chooses them: leftmost first, longest at one start.
func (b *byteMatcher) count(text []byte) int {
	switch len(b.needles) {
	case 0:
		return 0
	case 1:
		n, cur, c := b.needles[0], 0, 0
		for {
			s := nextEdged(text, n, cur, b.edged[0])
			if s < 0 {
				return c
			}
			c++
			cur = s + len(n)
		}
	}
	next := make([]int, len(b.needles)) // next start at or after cur, -1 for none
	for i, n := range b.needles {
		next[i] = nextEdged(text, n, 0, b.edged[i])
	}
	cur, c := 0, 0
	for {
		best, blen := -1, 0
		for i, n := range b.needles {
			if next[i] >= 0 && next[i] < cur {
				next[i] = nextEdged(text, n, cur, b.edged[i])
			}
			if s := next[i]; s >= 0 && (best < 0 || s < best || s == best && len(n) > blen) {
				best, blen = s, len(n)
			}
		}
		if best < 0 {
			return c
		}
		c++
		cur = best + blen
	}
}

// index is bytes.Index for a needle whose last byte is a UTF-8
// continuation byte (a Chinese character's last byte): bytes.Index scans
// for the first byte, which in Chinese UTF-8 is one of a handful (E4–E9)
// and matches nearly every character; the last byte is one of 64 and
// rarely matches where the needle does not.
func index(text, n []byte) int {
	k := len(n) - 1
	if k < 1 || n[k] < 0x80 {
		return bytes.Index(text, n)
	}
	for from := k; from < len(text); {
		i := bytes.IndexByte(text[from:], n[k])
		if i < 0 {
			return -1
		}
		e := from + i // the needle's last byte, if it is here
		if bytes.Equal(text[e-k:e+1], n) {
			return e - k
		}
		from = e + 1
	}
	return -1
}

// nextEdged is the first start at or after from where n occurs on token
// edges (checked when edged), or -1.
func nextEdged(text, n []byte, from int, edged bool) int {
	for from <= len(text)-len(n) {
		i := index(text[from:], n)
		if i < 0 {
			return -1
		}
		s := from + i
		if !edged || tokenEdgesUTF8(text, s, s+len(n)) {
			return s
		}
		_, size := utf8.DecodeRune(text[s:])
		from = s + size
	}
	return -1
}

// tokenEdgesUTF8 is tokenEdges on UTF-8: [s,e) are byte offsets of
// character boundaries.
func tokenEdgesUTF8(text []byte, s, e int) bool {
	first, _ := utf8.DecodeRune(text[s:])
	last, lsize := utf8.DecodeLastRune(text[:e])
	if innerSeparatorUTF8(text, s) || innerSeparatorUTF8(text, e-lsize) {
		return false
	}
	if classify(first) == classWord && s > 0 {
		p, psize := utf8.DecodeLastRune(text[:s])
		if classify(p) == classWord {
			return false
		}
		if (p == '.' || p == ',') && s-psize > 0 && isDigit(rune(text[s-psize-1])) && isDigit(first) {
			return false
		}
	}
	if classify(last) == classWord && e < len(text) {
		nx, nsize := utf8.DecodeRune(text[e:])
		if classify(nx) == classWord {
			return false
		}
		if (nx == '.' || nx == ',') && e+nsize < len(text) && isDigit(last) && isDigit(rune(text[e+nsize])) {
			return false
		}
	}
	return true
}

// innerSeparatorUTF8: the byte at i is the . or , inside a number. Digits
// are ASCII, so the neighbouring bytes are the neighbouring characters.
func innerSeparatorUTF8(text []byte, i int) bool {
	return (text[i] == '.' || text[i] == ',') && i > 0 && i+1 < len(text) && isDigit(rune(text[i-1])) && isDigit(rune(text[i+1]))
}
