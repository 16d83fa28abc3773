package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"sessionsearch/fold"
)

// The analysis is designed around the correctness contract: a query that is
// a run of Chinese characters finds exactly the passages whose folded text
// contains it. The text field stores no locations (a third of the index
// when it did): a phrase's terms give its candidates, and each candidate's
// folded text is checked for the phrase (phrase.go). The check decides as
// a comparison of the positions below would, and the tokens still carry
// their positions for that reason: the property and phrase tests compare
// the two.
//
// Text analysis (field text):
//   - a token's position is the rune index of its first rune (1-based), so
//     that a phrase's tokens stand at character offsets, and a gap between
//     tokens (space, a Latin word's tail) is a gap in positions;
//   - a run of CJK characters yields its overlapping bigrams, plus a
//     unigram for its first and its last character. The bigrams answer any
//     Chinese query of two characters or more; the edge unigrams answer a
//     lone character at the edge of a mixed query (the 年 of 2025年, the 第
//     of 第5次) without expanding prefixes;
//   - a run of letters or digits is one token (341 finds 341人, not 1341),
//     and a number keeps its inner . and , (3.5, 1,000);
//   - a run of white space is one token " ";
//   - every other character (punctuation, symbols) is a token of its own.
//     No bigram spans it, so 使用在 cannot match 被使用。用在, and a query of
//     punctuation alone (%) is one term. The punctuation and white space
//     terms also count in every passage's length, and so in every score.
//     Without locations they are kept for that: left out, they would save
//     0.9 MB of the 44.3 MB segment of the 10 MB benchmark corpus (2%),
//     leave a query of punctuation alone without a term, and change every
//     passage's length, and so every ranking.
//
// Character analysis (field chars): each CJK character once, without
// positions. A one-character query is a single term lookup there instead
// of a prefix expansion over every bigram.
//
// Offsets (Start, End) are left at zero: snippets are built from the stored
// text, not from Bleve's term vectors.
const (
	textAnalyzer  = "ss_text"
	charsAnalyzer = "ss_chars"
)

func init() {
	registry.RegisterAnalyzer(textAnalyzer, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return textAnalysis{}, nil
	})
	registry.RegisterAnalyzer(charsAnalyzer, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return charsAnalysis{}, nil
	})
}

type runeClass uint8

const (
	classSpace runeClass = iota
	classCJK             // Han, kana, hangul: bigrammed
	classWord            // letters and digits of alphabetic scripts
	classOther           // punctuation and symbols: a token each
)

func classify(r rune) runeClass {
	switch {
	case r < 0x80:
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			return classWord
		case r == ' ', r == '\t', r == '\n', r == '\r', r == '\v', r == '\f':
			return classSpace
		case r < 0x20 || r == 0x7f:
			return classSpace
		}
		return classOther
	case 0x4E00 <= r && r <= 0x9FFF:
		// CJK Unified Ideographs, nearly every character of a session
		// report: all Han, without the binary search of unicode.Is (a
		// test checks the block against unicode.Han).
		return classCJK
	case unicode.Is(unicode.Han, r), r == '〇', unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
		return classCJK
	case unicode.IsLetter(r), unicode.IsDigit(r), unicode.IsMark(r):
		return classWord
	case unicode.IsSpace(r), unicode.IsControl(r), r == utf8.RuneError, r == 0xFEFF, r == 0x200B:
		return classSpace
	}
	return classOther
}

// token is one analysed term: its runes (a slice of the analysed text,
// not a copy) and its rune position (0-based).
type token struct {
	term []rune
	pos  int
}

func (t token) String() string { return string(t.term) }

var spaceRunes = []rune{' '}

// tokenMode says whether text is analysed for the index or for a query.
type tokenMode uint8

const (
	// indexMode emits bigrams and both edge unigrams of a CJK run.
	indexMode tokenMode = iota
	// queryMode emits the fewest tokens that pin a phrase down: the bigrams
	// of a CJK run, or its unigram when it is one character long.
	queryMode
)

// tokenize analyses folded runes. It is shared by indexing and query
// parsing so that both see the same tokens.
func tokenize(rs []rune, mode tokenMode, emit func(token)) {
	n := len(rs)
	for i := 0; i < n; {
		c := classify(rs[i])
		switch c {
		case classSpace:
			// One token for a run of white space, so that a quoted phrase
			// with a space in it cannot match the same words around a
			// comma. Positions still count every rune.
			j := i + 1
			for j < n && classify(rs[j]) == classSpace {
				j++
			}
			emit(token{spaceRunes, i})
			i = j
		case classOther:
			emit(token{rs[i : i+1], i})
			i++
		case classWord:
			j := i + 1
			for j < n {
				cj := classify(rs[j])
				if cj == classWord {
					j++
					continue
				}
				// 3.5 and 1,000 stay whole: a separator between digits.
				if (rs[j] == '.' || rs[j] == ',') && j+1 < n && isDigit(rs[j-1]) && isDigit(rs[j+1]) {
					j += 2
					continue
				}
				break
			}
			emit(token{rs[i:j], i})
			i = j
		case classCJK:
			j := i + 1
			for j < n && classify(rs[j]) == classCJK {
				j++
			}
			if j-i == 1 {
				emit(token{rs[i : i+1], i})
			} else {
				if mode == indexMode {
					emit(token{rs[i : i+1], i})
				}
				for k := i; k+1 < j; k++ {
					emit(token{rs[k : k+2], k})
				}
				if mode == indexMode {
					emit(token{rs[j-1 : j], j - 1})
				}
			}
			i = j
		}
	}
}

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// foldRunes decodes and folds b into runes, one rune per input rune.
func foldRunes(b []byte, buf []rune) []rune {
	rs := buf[:0]
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		rs = append(rs, fold.Rune(r))
		b = b[size:]
	}
	return rs
}

type textAnalysis struct{}

// Analyze implements analysis.Analyzer for the text field.
func (textAnalysis) Analyze(b []byte) analysis.TokenStream {
	rs := foldRunes(b, make([]rune, 0, len(b)/2))
	// About two tokens per CJK character; allocate the tokens in one slab.
	slab := make([]analysis.Token, 0, len(rs)*2+4)
	tokenize(rs, indexMode, func(t token) {
		slab = append(slab, analysis.Token{Term: []byte(t.String()), Position: t.pos + 1, Type: analysis.Ideographic})
	})
	out := make(analysis.TokenStream, len(slab))
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}

type charsAnalysis struct{}

// Analyze implements analysis.Analyzer for the chars field: each CJK
// character once (term frequencies are computed by Bleve).
func (charsAnalysis) Analyze(b []byte) analysis.TokenStream {
	rs := foldRunes(b, make([]rune, 0, len(b)/2))
	slab := make([]analysis.Token, 0, len(rs))
	var enc [utf8.UTFMax]byte
	for i, r := range rs {
		if classify(r) != classCJK {
			continue
		}
		n := utf8.EncodeRune(enc[:], r)
		slab = append(slab, analysis.Token{Term: append([]byte(nil), enc[:n]...), Position: i + 1, Type: analysis.Ideographic})
	}
	out := make(analysis.TokenStream, len(slab))
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}
