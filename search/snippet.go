package search

import (
	"html"
	"slices"
	"strings"
	"unicode/utf8"

	"sessionsearch/fold"
)

// Snippets are built from the stored passage text, not from Bleve's term
// vectors: the query's strings are found again in the folded text, which
// has exactly one rune per rune of the text as written, so each occurrence
// is one mark whatever its length (not one per bigram), and offsets map
// straight back into the displayed text.

// snippetRunes is the longest snippet, in characters, before ellipses.
const snippetRunes = 120

// span is a match, in rune offsets of the passage text.
type span struct{ start, end int }

// matcher finds the query's strings in passage text.
type matcher struct {
	needles [][]rune
	// With proximity operators (plan.matcher), free finds the strings of
	// the terms that are no operand, and prox the operands' occurrences
	// that satisfy their operator.
	prox []*proxClause
	free *matcher
}

func newMatcher(needles []string) *matcher {
	m := &matcher{}
	for _, n := range needles {
		rs := matchRunes(strings.TrimSpace(n))
		if len(rs) > 0 {
			m.needles = append(m.needles, rs)
		}
	}
	return m
}

// matchRunes folds s for matching: one rune per rune, with every kind of
// white space as a plain space (the tokenizer does not tell them apart).
func matchRunes(s string) []rune {
	rs := make([]rune, 0, len(s)/2)
	for _, r := range s {
		rs = append(rs, matchRune(r))
	}
	return rs
}

func matchRune(r rune) rune {
	r = fold.Rune(r)
	if classify(r) == classSpace {
		r = ' '
	}
	return r
}

// appendMatchText appends the UTF-8 of matchRunes(string(b)) to dst,
// without the runes in between, and counts them and the Chinese
// characters among them.
func appendMatchText(dst, b []byte) (out []byte, runes, han uint32) {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		i += size
		r = matchRune(r)
		dst = utf8.AppendRune(dst, r)
		runes++
		if isHan(r) {
			han++
		}
	}
	return dst, runes, han
}

// find returns the non-overlapping occurrences in text, leftmost first
// and longest at the same start. A needle that starts or ends with a
// letter or digit matches whole tokens only, as the index does: 341 does
// not occur in 1341.
func (m *matcher) find(text []rune) []span {
	if len(m.needles) == 0 {
		return nil
	}
	var out []span
	for i := 0; i < len(text); {
		best := 0
		for _, n := range m.needles {
			if len(n) > best && hasAt(text, i, n) && tokenEdges(text, i, i+len(n)) {
				best = len(n)
			}
		}
		if best > 0 {
			out = append(out, span{i, i + best})
			i += best
		} else {
			i++
		}
	}
	return out
}

// spans returns the occurrences to mark in text (as written): what find
// finds, except that an operand of a proximity operator is marked only
// where it satisfies the operator (a NEAR pair, both of a sentence), so
// that a snippet shows why the passage matched. Overlapping occurrences
// are one mark.
func (m *matcher) spans(text string) []span {
	if len(m.prox) == 0 {
		return m.find(matchRunes(text))
	}
	pt := foldedText(text)
	// pt.text as runes (one per rune of text), and its byte offsets to
	// rune offsets.
	folded := make([]rune, 0, len(pt.text))
	runeAt := make([]int32, len(pt.text)+1)
	for i, r := range string(pt.text) {
		runeAt[i] = int32(len(folded))
		folded = append(folded, r)
	}
	runeAt[len(pt.text)] = int32(len(folded))
	out := m.free.find(folded)
	for _, c := range m.prox {
		for _, o := range c.participants(pt) {
			out = append(out, span{int(runeAt[o.s]), int(runeAt[o.e])})
		}
	}
	slices.SortFunc(out, func(a, b span) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	merged := out[:0]
	for _, sp := range out {
		if k := len(merged) - 1; k >= 0 && sp.start < merged[k].end {
			merged[k].end = max(merged[k].end, sp.end)
			continue
		}
		merged = append(merged, sp)
	}
	return merged
}

func hasAt(text []rune, i int, n []rune) bool {
	if i+len(n) > len(text) {
		return false
	}
	for k, r := range n {
		if text[i+k] != r {
			return false
		}
	}
	return true
}

// tokenEdges reports whether [s,e) starts and ends on token boundaries
// for words and numbers (CJK characters are their own boundaries).
func tokenEdges(text []rune, s, e int) bool {
	if innerSeparator(text, s) || innerSeparator(text, e-1) {
		return false
	}
	if classify(text[s]) == classWord && s > 0 {
		p := text[s-1]
		if classify(p) == classWord {
			return false
		}
		if (p == '.' || p == ',') && s > 1 && isDigit(text[s-2]) && isDigit(text[s]) {
			return false
		}
	}
	if classify(text[e-1]) == classWord && e < len(text) {
		nx := text[e]
		if classify(nx) == classWord {
			return false
		}
		if (nx == '.' || nx == ',') && e+1 < len(text) && isDigit(text[e-1]) && isDigit(text[e+1]) {
			return false
		}
	}
	return true
}

// innerSeparator: text[i] is the . or , inside a number (3.5, 1,000),
// which belongs to the number's token.
func innerSeparator(text []rune, i int) bool {
	return (text[i] == '.' || text[i] == ',') && i > 0 && i+1 < len(text) && isDigit(text[i-1]) && isDigit(text[i+1])
}

// highlight returns the whole text escaped, with every match marked.
func (m *matcher) highlight(text string) (string, int) {
	rs := []rune(text)
	spans := m.spans(text)
	return markup(rs, spans, 0, len(rs)), len(spans)
}

// snippet returns an escaped fragment of at most about snippetRunes
// characters around the densest cluster of matches, cut at sentence or
// clause boundaries where possible, with … where it cuts.
func (m *matcher) snippet(text string) string {
	rs := []rune(text)
	spans := m.spans(text)
	if len(rs) <= snippetRunes {
		return markup(rs, spans, 0, len(rs))
	}
	start, end := window(rs, spans)
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	b.WriteString(markup(rs, spans, start, end))
	if end < len(rs) {
		b.WriteString("…")
	}
	return b.String()
}

func isSentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '\n':
		return true
	}
	return false
}

func isClauseEnd(r rune) bool {
	switch r {
	case '，', '、', '：', ',', ':', '）', ')', '”', '」':
		return true
	}
	return false
}

// window picks the fragment [start, end) of rs to show.
func window(rs []rune, spans []span) (int, int) {
	n := len(rs)
	if len(spans) == 0 {
		return 0, snapEnd(rs, 0, snippetRunes)
	}
	// The anchor: the match that starts the window holding most matches.
	bestI, bestCount := 0, 0
	for i, s := range spans {
		c := 0
		for _, t := range spans[i:] {
			if t.end-s.start > snippetRunes {
				break
			}
			c++
		}
		if c > bestCount {
			bestI, bestCount = i, c
		}
	}
	first := spans[bestI]
	last := spans[bestI+bestCount-1]
	covered := last.end - first.start
	// Leave a third of the spare room before the first match, then move
	// the start back to the beginning of its sentence or clause if that
	// is near.
	lead := (snippetRunes - covered) / 3
	start := max(0, first.start-lead)
	if b := boundaryBefore(rs, start, first.start); b >= 0 {
		start = b
	}
	end := min(n, start+snippetRunes)
	if end < last.end {
		end = last.end
	}
	end = snapEnd(rs, last.end, end)
	return start, end
}

// boundaryBefore finds the start of the sentence (or else the clause)
// holding position lo, searching back at most 30 characters before lo but
// never past limit; -1 when there is none.
func boundaryBefore(rs []rune, lo, limit int) int {
	for _, is := range []func(rune) bool{isSentenceEnd, isClauseEnd} {
		for i := min(limit, len(rs)) - 1; i >= max(0, lo-30); i-- {
			if i == 0 {
				return 0
			}
			if is(rs[i-1]) {
				return i
			}
		}
	}
	return -1
}

// snapEnd moves end back to just after a sentence (or else clause)
// boundary, keeping it at or after minEnd.
func snapEnd(rs []rune, minEnd, end int) int {
	if end >= len(rs) {
		return len(rs)
	}
	for _, is := range []func(rune) bool{isSentenceEnd, isClauseEnd} {
		for i := end; i > minEnd && i > end-40; i-- {
			if is(rs[i-1]) {
				return i
			}
		}
	}
	return end
}

// markup escapes rs[start:end] and marks the spans inside it.
func markup(rs []rune, spans []span, start, end int) string {
	var b strings.Builder
	b.Grow((end - start) * 3)
	pos := start
	for _, s := range spans {
		if s.end <= start || s.start >= end {
			continue
		}
		ss, se := max(s.start, start), min(s.end, end)
		b.WriteString(html.EscapeString(string(rs[pos:ss])))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(string(rs[ss:se])))
		b.WriteString("</mark>")
		pos = se
	}
	b.WriteString(html.EscapeString(string(rs[pos:end])))
	return b.String()
}
