package search

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"sessionsearch/fold"
)

// The check of a candidate passage's folded text against the clauses of
// the operators (proximity.go): the occurrences of each operand, their
// distances and sentences.

// needle is one folded string of an operand, as UTF-8.
type needle struct {
	b     []byte
	edged bool // starts or ends with a letter, digit, . or ,: matched on token edges
}

func newNeedle(folded string) (needle, bool) {
	rs := matchRunes(strings.TrimSpace(folded))
	if len(rs) == 0 {
		return needle{}, false
	}
	return needle{b: []byte(string(rs)), edged: needsEdges(rs)}, true
}

// proxClause is a compiled operator: the strings of its two operands.
type proxClause struct {
	left, right []needle
	within      int
	sentence    bool
}

func newProxClause(left, right []string, within int, sentence bool) *proxClause {
	c := &proxClause{within: within, sentence: sentence}
	add := func(ns []needle, strs []string) []needle {
		for _, s := range strs {
			n, ok := newNeedle(s)
			if ok && !slices.ContainsFunc(ns, func(m needle) bool { return bytes.Equal(m.b, n.b) }) {
				ns = append(ns, n)
			}
		}
		return ns
	}
	c.left, c.right = add(nil, left), add(nil, right)
	return c
}

// occ is an occurrence: byte offsets [s, e) in folded text.
type occ struct{ s, e int }

// proxText is a passage's folded text (matchRunes, as UTF-8) and the
// byte offsets of its line breaks, which folding made spaces.
type proxText struct {
	text   []byte
	breaks []int
}

// foldedText folds a passage as written for the check: its matchRunes as
// UTF-8 and the offsets of its line breaks there.
func foldedText(s string) *proxText {
	pt := &proxText{text: make([]byte, 0, len(s))}
	for _, r := range s {
		f := fold.Rune(r)
		if classify(f) == classSpace {
			if isLineBreak(r) {
				pt.breaks = append(pt.breaks, len(pt.text))
			}
			f = ' '
		}
		pt.text = utf8.AppendRune(pt.text, f)
	}
	return pt
}

// endIn says whether a sentence ends at a character that starts in
// [from, to) of pt.
func (pt *proxText) endIn(from, to int) bool {
	return from < to && pt.endFrom(from, to) < to
}

// lastStart is the offset of o's last character.
func lastStart(t []byte, o occ) int {
	_, size := utf8.DecodeLastRune(t[:o.e])
	return o.e - size
}

// gapWithin says whether at most c.within characters stand in t[from:to].
func (c *proxClause) gapWithin(t []byte, from, to int) bool {
	gap := to - from
	switch {
	case gap <= c.within: // no more characters than bytes
		return true
	case gap > utf8.UTFMax*c.within:
		return false
	}
	// Folded text is valid UTF-8: its characters are its bytes that are
	// no continuation byte (faster than utf8.RuneCount, which decodes).
	n := 0
	for _, b := range t[from:to] {
		if b&0xC0 != 0x80 {
			n++
		}
	}
	return n <= c.within
}

// holds says whether some pair of occurrences in pt satisfies c. It walks
// the occurrences of one side, the anchor (the rarer in the index, which
// the searcher finds out: anchorRight), and for each looks for the other
// side's nearest occurrences before and after it; it stops at the first
// pair. Measured at 100 MB on 的 NEAR/10 在 (204,031 candidates of 382
// bytes on average, 146,455 of which hold; the AND of the two takes 33–35
// ms): listing both sides' occurrences and then pairing them, the search
// took 185 ms; one pass over both sides in order of their start, 129 ms;
// anchored on the rarer side, 88 ms (anchored on 的, the check alone took
// 0.34 instead of 0.26 µs a candidate); with shortIndex and gapWithin as
// they are, 74–80 ms.
func (c *proxClause) holds(pt *proxText, anchorRight bool) bool {
	anchor, other := c.left, c.right
	if anchorRight {
		anchor, other = other, anchor
	}
	t := pt.text
	var before [4]partnerScan // the other side's scans, for 同句
	for _, n := range anchor {
		scans := before[:0]
		for range other {
			scans = append(scans, partnerScan{last: -1, seen: -1, after: -2})
		}
		for from := 0; ; {
			s := nextEdgedUpTo(t, n.b, from, len(t), n.edged)
			if s < 0 {
				break
			}
			o := occ{s, s + len(n.b)}
			if c.sentence {
				if c.inSentence(pt, o, other, scans) {
					return true
				}
			} else if c.nearOf(t, o, other) {
				return true
			}
			_, size := utf8.DecodeRune(t[s:])
			from = s + size
		}
	}
	return false
}

// nearOf says whether an occurrence of ns stands within c.within
// characters of o, sharing no character with it. Of each string it tries
// the nearest occurrence before o and the nearest after, as the others
// stand further.
func (c *proxClause) nearOf(t []byte, o occ, ns []needle) bool {
	reach := utf8.UTFMax * c.within // bytes beyond which no partner stands
	for _, n := range ns {
		// Before: the last start whose occurrence ends by o.s.
		last := -1
		for from := max(0, o.s-reach-len(n.b)); ; {
			s := nextEdgedUpTo(t, n.b, from, o.s-len(n.b), n.edged)
			if s < 0 {
				break
			}
			last = s
			_, size := utf8.DecodeRune(t[s:])
			from = s + size
		}
		if last >= 0 && c.gapWithin(t, last+len(n.b), o.s) {
			return true
		}
		// After: the first start at or after o.e.
		if s := nextEdgedUpTo(t, n.b, o.e, min(len(t), o.e+reach), n.edged); s >= 0 && c.gapWithin(t, o.e, s) {
			return true
		}
	}
	return false
}

// partnerScan is how far the occurrences of one string of the other side
// were read before the current anchor: the last start found that ends by
// the anchor's start, and where to read on.
type partnerScan struct {
	last, from int
	seen       int // every start up to here was read
	after      int // the first start at or after an earlier anchor's end, -1 for none, -2 unread
}

// inSentence says whether an occurrence of ns stands in o's sentence,
// sharing no character with it. Of each string (one length: the later
// start ends later) it tries the nearest occurrence before o and the
// nearest after: a sentence end between o and the nearest is between o
// and the others. The nearest before is looked for in the 64 bytes
// before o first; past them only when no sentence end stands there, with
// scans reading each string's occurrences once for all the anchors (they
// come in order of their start). Looking before o from the passage's
// start for each anchor, 的 同句 在 at 100 MB took about 100 ms; this, 88
// (the AND of the two, 33).
func (c *proxClause) inSentence(pt *proxText, o occ, ns []needle, scans []partnerScan) bool {
	const window = 64
	t := pt.text
	last := lastStart(t, o)
	if pt.endIn(o.s, last) {
		return false // o crosses a sentence end: it is in no sentence
	}
	for i, n := range ns {
		sc := &scans[i]
		// The first start at or after o.e: read again only when the one
		// read for an earlier anchor starts before o.e.
		if sc.after == -2 || sc.after >= 0 && sc.after < o.e {
			sc.after = nextEdgedUpTo(t, n.b, o.e, len(t), n.edged)
		}
		if s := sc.after; s >= 0 && !pt.endIn(o.s, lastStart(t, occ{s, s + len(n.b)})) {
			return true
		}
		upTo := o.s - len(n.b) // the last start that ends by o.s
		if upTo < 0 {
			continue
		}
		lo := max(0, upTo-window)
		nearest := -1
		for from := lo; ; {
			s := nextEdgedUpTo(t, n.b, from, upTo, n.edged)
			if s < 0 {
				break
			}
			nearest = s
			_, size := utf8.DecodeRune(t[s:])
			from = s + size
		}
		if nearest < 0 {
			if lo == 0 || pt.endIn(lo, o.s) {
				continue // none before, or a sentence end between o and them
			}
			for {
				s := nextEdgedUpTo(t, n.b, max(sc.from, sc.seen+1), lo-1, n.edged)
				if s < 0 {
					sc.seen = max(sc.seen, lo-1)
					break
				}
				sc.last = s
				_, size := utf8.DecodeRune(t[s:])
				sc.from = s + size
			}
			nearest = sc.last
		}
		if nearest >= 0 && !pt.endIn(nearest, last) {
			return true
		}
	}
	return false
}

// shortIndex is bytes.Index for needles of one or two Chinese characters,
// over windows of 64 bytes, where bytes.Index compares the whole needle
// with vector instructions (bytealg.Index) instead of stopping at every
// byte equal to one of the needle's. Over 50,000 passages of the 100 MB
// corpus, reading every occurrence of 在 took 143 ns a passage against
// 179 with index (count.go), of 使用 129 against 187, of 的 192 against
// 202; of 数字经济, 213 against 88, so that longer needles use index.
func shortIndex(t, n []byte) int {
	if len(n) > 6 {
		return index(t, n)
	}
	const window = 64
	for from := 0; from+len(n) <= len(t); from += window - len(n) + 1 {
		end := min(len(t), from+window)
		if i := bytes.Index(t[from:end], n); i >= 0 {
			return from + i
		}
		if end == len(t) {
			break
		}
	}
	return -1
}

// nextEdgedUpTo is nextEdged for a start at or before maxStart.
func nextEdgedUpTo(t, n []byte, from, maxStart int, edged bool) int {
	end := min(len(t), maxStart+len(n))
	for from <= end-len(n) {
		i := shortIndex(t[from:end], n)
		if i < 0 {
			return -1
		}
		s := from + i
		if !edged || tokenEdgesUTF8(t, s, s+len(n)) {
			return s
		}
		_, size := utf8.DecodeRune(t[s:])
		from = s + size
	}
	return -1
}

// endAt says whether one of 。!?; (the folded forms of 。！？；｡) starts at
// t[i], and its length: sentenceEnd's stops, read from the bytes of folded
// text (TestEndAtIsSentenceEnd compares the two). Line breaks are
// pt.breaks.
func endAt(t []byte, i int) (bool, int) {
	switch t[i] {
	case '!', '?', ';':
		return true, 1
	case 0xE3: // 。 is E3 80 82; E3 only ever starts a character
		if i+2 < len(t) && t[i+1] == 0x80 && t[i+2] == 0x82 {
			return true, 3
		}
	}
	return false, 0
}

// endFrom is the start of the first sentence end in [pos, to), or to.
func (pt *proxText) endFrom(pos, to int) int {
	if k := sort.SearchInts(pt.breaks, pos); k < len(pt.breaks) {
		to = min(to, pt.breaks[k])
	}
	t := pt.text
	for i := pos; i < to; i++ {
		if ok, _ := endAt(t, i); ok {
			return i
		}
	}
	return to
}

// occurrences returns every occurrence of any of ns in text, by start,
// overlapping ones included, each span once.
func occurrences(text []byte, ns []needle) []occ {
	var out []occ
	for _, n := range ns {
		for from := 0; ; {
			s := nextEdged(text, n.b, from, n.edged)
			if s < 0 {
				break
			}
			out = append(out, occ{s, s + len(n.b)})
			_, size := utf8.DecodeRune(text[s:])
			from = s + size
		}
	}
	if len(ns) > 1 {
		slices.SortFunc(out, func(a, b occ) int {
			if a.s != b.s {
				return a.s - b.s
			}
			return a.e - b.e
		})
		out = slices.Compact(out)
	}
	return out
}

// participants returns the occurrences that take part in a pair that
// satisfies c: what a snippet marks of c's operands. It pairs every
// occurrence with every other (a page of hits is marked, not a corpus),
// up to maxMarkPairs pairs: a passage with more (的 同句 在 in a passage of
// many thousand characters) has every occurrence of both operands marked,
// since the check has already found it satisfies c.
func (c *proxClause) participants(pt *proxText) []occ {
	return c.pairParticipants(pt, maxMarkPairs)
}

// maxMarkPairs bounds the pairs participants tries: a fuzzed passage of
// 10,000 spaces, each an occurrence of both operands, took 11 s to mark.
const maxMarkPairs = 1 << 16

// pairParticipants is participants with a bound on the pairs tried (0:
// none, as the tests' reference for the check wants).
func (c *proxClause) pairParticipants(pt *proxText, limit int) []occ {
	ls := occurrences(pt.text, c.left)
	rs := occurrences(pt.text, c.right)
	if limit > 0 && len(ls)*len(rs) > limit {
		return append(ls, rs...)
	}
	// The sentence ends of the passage, once, for endIn by binary search.
	var ends []int
	if c.sentence {
		for i := 0; i < len(pt.text); i++ {
			if ok, _ := endAt(pt.text, i); ok {
				ends = append(ends, i)
			}
		}
		ends = append(ends, pt.breaks...)
		slices.Sort(ends)
	}
	endIn := func(from, to int) bool {
		k := sort.SearchInts(ends, from)
		return k < len(ends) && ends[k] < to
	}
	in := map[occ]bool{}
	for _, x := range ls {
		for _, y := range rs {
			a, b := x, y
			if a.s > b.s {
				a, b = b, a
			}
			if a.e > b.s {
				continue // they share a character
			}
			if c.sentence && !endIn(a.s, lastStart(pt.text, b)) || !c.sentence && c.gapWithin(pt.text, a.e, b.s) {
				in[x], in[y] = true, true
			}
		}
	}
	out := make([]occ, 0, len(in))
	for o := range in {
		out = append(out, o)
	}
	return out
}

// allHold checks every clause, each anchored on the side anchorRight
// says.
func allHold(cs []*proxClause, anchorRight []bool, pt *proxText) bool {
	for i, c := range cs {
		if !c.holds(pt, anchorRight[i]) {
			return false
		}
	}
	return true
}
