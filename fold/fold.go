// Package fold normalizes text for matching: full-width and half-width
// forms, Latin case, and Traditional to Simplified Chinese. Documents and
// queries go through the same folding, so a query 數字經濟 finds 数字经济 and
// the other way round.
//
// Folding maps one rune to exactly one rune. That is what keeps the search
// contract exact (a query is a substring of the folded text or it is not,
// whatever surrounds it) and lets offsets in the folded text point straight
// back into the text as written. Phrase-level conversion (乾隆 stays 乾隆
// while 乾 alone becomes 干) would break both, so only the character table
// of OpenCC's t2s conversion is used.
package fold

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/liuzl/gocc"
	"golang.org/x/text/width"
)

var (
	t2sOnce  sync.Once
	t2sTable map[rune]rune
	// t2sBMP is the table for the Unified Ideographs and Extension A as a
	// flat array (0 where the character stays): the hot path of folding
	// every passage, where a map lookup cost more than the rest.
	t2sBMP []rune
)

const bmpLo, bmpHi = 0x3400, 0x9FFF

// hanRanges are the code point ranges whose Traditional forms are folded.
var hanRanges = [][2]rune{
	{0x3400, 0x4DBF},   // Extension A
	{0x4E00, 0x9FFF},   // Unified Ideographs
	{0xF900, 0xFAFF},   // Compatibility Ideographs
	{0x20000, 0x2FA1F}, // Extensions B–F and Compatibility Supplement
}

// table builds the rune-to-rune Traditional-to-Simplified table once, from
// gocc's t2s conversion applied to each ideograph alone (about 40 ms).
func table() map[rune]rune {
	t2sOnce.Do(func() {
		t2sTable = make(map[rune]rune, 4096)
		cc, err := gocc.New("t2s")
		if err != nil {
			// The dictionaries are embedded in gocc: this cannot fail at
			// run time unless the module itself is broken.
			panic("fold: loading OpenCC t2s: " + err.Error())
		}
		for _, rg := range hanRanges {
			for r := rg[0]; r <= rg[1]; r++ {
				in := string(r)
				out, err := cc.Convert(in)
				if err != nil || out == in || utf8.RuneCountInString(out) != 1 {
					continue
				}
				o, _ := utf8.DecodeRuneInString(out)
				t2sTable[r] = o
			}
		}
		// Resolve chains (A→B, B→C) so that folding is idempotent.
		for r, s := range t2sTable {
			for i := 0; i < 4; i++ {
				n, ok := t2sTable[s]
				if !ok || n == s {
					break
				}
				s = n
			}
			t2sTable[r] = s
		}
		t2sBMP = make([]rune, bmpHi-bmpLo+1)
		for r, s := range t2sTable {
			if r >= bmpLo && r <= bmpHi {
				t2sBMP[r-bmpLo] = s
			}
		}
	})
	return t2sTable
}

// Init builds the conversion table now rather than on first use, so that
// the first query does not pay for it.
func Init() { table() }

// Rune folds one rune.
func Rune(r rune) rune {
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}
	switch {
	case r == 0x3000: // ideographic space
		return ' '
	case r >= 0xFF01 && r <= 0xFFEF, r >= 0x2000 && r <= 0x206F:
		// Full-width ASCII and half-width Katakana forms; leave CJK
		// punctuation (，。“”) as written, it is its own character.
		if n, ok := narrow(r); ok {
			r = n
		}
	case r >= bmpLo && r <= bmpHi:
		table()
		if s := t2sBMP[r-bmpLo]; s != 0 {
			return s
		}
		return r
	case r > bmpHi:
		if s, ok := table()[r]; ok {
			return s
		}
		return r
	}
	return unicode.ToLower(r)
}

func narrow(r rune) (rune, bool) {
	p := width.LookupRune(r)
	if k := p.Kind(); k == width.EastAsianFullwidth || k == width.EastAsianHalfwidth {
		if f := p.Folded(); f != 0 {
			return f, true
		}
	}
	return r, false
}

// String folds every rune of s; the result has exactly as many runes as s.
// Invalid UTF-8 bytes become U+FFFD.
func String(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(Rune(r))
	}
	return b.String()
}
