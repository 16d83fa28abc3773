package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"sessionsearch/fold"
)

// Proximity operators: 算力 NEAR/10 数字经济 and 算力 同句 数字经济 (or SENT).
//
// Both sides are operands: a term, a quoted phrase or a group of
// alternatives (OR binds tighter: 能源 OR 算力 NEAR/5 数字经济 is either of
// the two within 5 characters of 数字经济). An occurrence of an operand is
// any place where one of its strings occurs in the folded passage text, as
// search finds it (Latin words and numbers whole: 341 is not inside 1341),
// overlapping occurrences included. Two occurrences satisfy an operator
// when they share no character (so 发展 NEAR/5 发展 needs two of them, and
// the 展开 inside 发展开 is no neighbour of that 发展) and
//
//   - NEAR/N: at most N characters stand between the end of the earlier
//     and the start of the later, counted in the passage as written (one
//     character per character: a space, a line break and a full-width
//     comma count one each). NEAR/0 is adjacent. Order does not matter.
//     NEAR without /N is an error, not a guessed default.
//   - 同句, SENT: no sentence end stands between the start of the earlier
//     and the end of the later. Sentences end at 。！？；, their half-width
//     forms and ｡ (all folded to 。!?;), at a line break and at the end of
//     the passage; an occurrence that itself crosses one is in no sentence.
//
// A chain (a NEAR/5 b 同句 c) is the conjunction of its neighbouring pairs:
// a near b, and b in one sentence with c, each pair with its own
// occurrences. Other terms, exclusions and filters of the query combine
// with the operators as with any term (all required; exclusions and
// filters apply to the passage). Operands are expanded with synonyms as
// terms are (a quoted phrase is not), but not by session name: a passage
// found by its session key has no occurrence in its text.
//
// How it is checked. The candidates are the passages matching the query
// with each operator read as AND (the index answers that), and each
// candidate's folded text is then checked here, inside a searcher wrapped
// around the candidates' searcher. The check cannot live in the per-hit
// handler (collect.go): Bleve's collector counts the total and the facets
// of a match before it calls the handler, so a candidate dropped there
// would still be counted. Dropped inside the searcher, a candidate is no
// match anywhere: totals, facets, pages and search-after cursors,
// /api/matches, concordances and distributions.
//
// The check reads the passage text, not the index's positions, so it
// does not depend on the bigram positions of the text field (a likely
// change of the index would drop them). The text comes from the text
// table of the snapshot being searched (texts.go), in memory; when the
// table is being built or is of an older snapshot, from the stored
// passage (4.2 µs a candidate at 100 MB, against 0.26–0.57 µs in the
// table), and a build of the table is started. The table folds every
// space to ' ', so a line break is not told from a space there: a
// passage with a line break (the table lists them) is checked in its
// stored text.

// maxNear is the largest distance NEAR/N takes.
const maxNear = 10000

// proxOp is an operator as lexed, before its operands are known.
type proxOp struct {
	sentence bool
	within   int  // NEAR's N; -1 when it has no /N
	bad      bool // NEAR/ with something that is no distance after it
}

// proximity is an operator between two groups of a parsed query.
type proximity struct {
	left, right int // indexes in parsedQuery.groups
	within      int // NEAR's characters; 0 for 同句
	sentence    bool
	op          string // as typed
}

// proxOperator recognises NEAR/N, NEAR, 同句 and SENT. The Latin spellings
// count only in capitals, as OR does (near/5 is searched as text); width
// is folded (ＮＥＡＲ／１０). NEAR/ followed by anything but a distance is
// an operator with a bad distance, reported as such.
func proxOperator(text string) *proxOp {
	if text == "同句" {
		return &proxOp{sentence: true}
	}
	rs := []rune(text)
	if len(rs) < 4 || strings.ToUpper(string(rs[:4])) != string(rs[:4]) {
		return nil
	}
	f := fold.String(text)
	switch {
	case f == "sent" && strings.ToUpper(text) == text:
		return &proxOp{sentence: true}
	case f == "near":
		return &proxOp{within: -1}
	case strings.HasPrefix(f, "near/"):
		n := f[len("near/"):]
		v, err := strconv.Atoi(n)
		if err != nil || n == "" || strings.Trim(n, "0123456789") != "" || v > maxNear {
			return &proxOp{bad: true}
		}
		return &proxOp{within: v}
	}
	return nil
}

// proxExample is how to write the operator op.
func proxExample(op string) string {
	p := proxOperator(op)
	if p == nil || !p.sentence {
		op = "NEAR/10"
	}
	return "算力 " + op + " 数字经济"
}

// operandsAt checks the operator at items[i]: its distance, and a term or
// phrase on each side (leftMade: the item before it made the last unit).
func (p *proxOp) operandsAt(items []item, i int, leftMade bool) error {
	op := items[i].text
	switch {
	case p.bad:
		return invalidf("%s: the distance of NEAR is a whole number of characters from 0 to %d: write %s", op, maxNear, proxExample(op))
	case p.within < 0:
		return invalidf("NEAR needs a distance in characters: write 算力 NEAR/10 数字经济 (at most 10 characters between them), or 算力 同句 数字经济 for the same sentence")
	}
	side := func(j int) string {
		if j < 0 || j >= len(items) {
			return "nothing"
		}
		it := items[j]
		switch {
		case it.prox != nil:
			return "another operator (" + it.text + ")"
		case it.or:
			return "OR"
		case it.neg:
			return "an exclusion (-" + it.text + "); exclude terms apart from the operator, as in " + proxExample(op) + " -东数西算"
		case it.field != "":
			return "a filter; filters apply to the whole query, as in " + proxExample(op) + " year:2025"
		}
		return it.text + ", which has nothing searchable"
	}
	if i == 0 || !leftMade || !items[i-1].isText() {
		return invalidf("%s needs a term or a quoted phrase on each side; before it stands %s: write %s", op, side(i-1), proxExample(op))
	}
	if i+1 >= len(items) || !items[i+1].isText() {
		return invalidf("%s needs a term or a quoted phrase on each side; after it stands %s: write %s", op, side(i+1), proxExample(op))
	}
	return nil
}

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
	edge := func(r rune) bool { return classify(r) == classWord || r == '.' || r == ',' }
	return needle{b: []byte(string(rs)), edged: edge(rs[0]) || edge(rs[len(rs)-1])}, true
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
// occurrence with every other (a page of hits is marked, not a corpus).
func (c *proxClause) participants(pt *proxText) []occ {
	ls := occurrences(pt.text, c.left)
	rs := occurrences(pt.text, c.right)
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
			if c.sentence && !pt.endIn(a.s, lastStart(pt.text, b)) || !c.sentence && c.gapWithin(pt.text, a.e, b.s) {
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

// proximityQuery matches the matches of inner whose text satisfies every
// clause.
type proximityQuery struct {
	inner   bquery.Query
	clauses []*proxClause
}

// textsKey is the context key of the text table a search may check
// proximity in (a *textSource).
type textsKey struct{}

// textSource finds the text table of a generation, or holds one.
type textSource struct {
	x     *Index
	g     *generation
	table *textTable
}

// withTable lets the searches of ctx check proximity in t.
func withTable(ctx context.Context, t *textTable) context.Context {
	return context.WithValue(ctx, textsKey{}, &textSource{table: t})
}

// withTexts lets the searches of ctx check proximity in g's text table.
func (x *Index) withTexts(ctx context.Context, g *generation) context.Context {
	return context.WithValue(ctx, textsKey{}, &textSource{x: x, g: g})
}

// tableOf returns the text table of the snapshot r if it is built, and
// otherwise starts building it and returns nil.
func (src *textSource) tableOf(r bindex.IndexReader) *textTable {
	if src.g == nil {
		if src.table != nil && src.table.reader == r {
			return src.table
		}
		return nil
	}
	s := &src.g.texts
	if !s.mu.TryLock() {
		return nil // being built: the stored text meanwhile
	}
	t := s.table
	s.mu.Unlock()
	if t != nil && t.reader == r {
		return t
	}
	src.x.warmTexts(src.g)
	return nil
}

// Searcher implements bleve's query.Query.
func (q *proximityQuery) Searcher(ctx context.Context, r bindex.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	in, err := q.inner.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	s := &proximitySearcher{inner: in, clauses: q.clauses, reader: r, ctx: ctx}
	if src, ok := ctx.Value(textsKey{}).(*textSource); ok {
		s.table = src.tableOf(r)
	}
	for _, c := range q.clauses {
		l, err := rarity(ctx, r, c.left)
		if err != nil {
			in.Close()
			return nil, err
		}
		rt, err := rarity(ctx, r, c.right)
		if err != nil {
			in.Close()
			return nil, err
		}
		s.anchorRight = append(s.anchorRight, rt < l)
	}
	return s, nil
}

// rarity estimates how often the strings ns occur: the sum, over them, of
// the passages that hold the rarest of their terms in the index.
func rarity(ctx context.Context, r bindex.IndexReader, ns []needle) (uint64, error) {
	var sum uint64
	for _, n := range ns {
		rs := []rune(string(n.b))
		least := uint64(math.MaxUint64)
		visit := func(field, term string) error {
			tfr, err := r.TermFieldReader(ctx, []byte(term), field, false, false, false)
			if err != nil {
				return err
			}
			least = min(least, tfr.Count())
			return tfr.Close()
		}
		var err error
		if len(rs) == 1 && classify(rs[0]) == classCJK {
			err = visit(fieldChars, string(rs))
		} else {
			tokenize(rs, queryMode, func(t token) {
				if err == nil {
					err = visit(fieldText, t.String())
				}
			})
		}
		if err != nil {
			return 0, err
		}
		sum += least
	}
	return sum, nil
}

// MarshalJSON shows the query in the tests' and the logs' terms.
func (q *proximityQuery) MarshalJSON() ([]byte, error) {
	type clause struct {
		Left, Right []string
		Within      int
		Sentence    bool `json:",omitempty"`
	}
	cs := make([]clause, len(q.clauses))
	for i, c := range q.clauses {
		cs[i] = clause{Within: c.within, Sentence: c.sentence}
		for _, n := range c.left {
			cs[i].Left = append(cs[i].Left, string(n.b))
		}
		for _, n := range c.right {
			cs[i].Right = append(cs[i].Right, string(n.b))
		}
	}
	return json.Marshal(struct {
		Must      bquery.Query `json:"must"`
		Proximity []clause     `json:"proximity"`
	}{q.inner, cs})
}

// proximitySearcher passes on the matches of inner that satisfy the
// clauses, with their scores.
type proximitySearcher struct {
	inner   bsearch.Searcher
	clauses []*proxClause
	table   *textTable // of reader's snapshot; nil: read the stored text
	reader  bindex.IndexReader
	ctx     context.Context
	offsets []uint64 // of reader's segments, once a stored text is read
	blob    []byte
	dropped int
	// anchorRight: clause i's check walks its right side's occurrences,
	// the rarer in the index.
	anchorRight []bool
}

// hasBreak says whether passage num's text holds a line break, which its
// folded text in t does not show.
func (t *textTable) hasBreak(num uint64) bool {
	_, ok := slices.BinarySearch(t.breaks, num)
	return ok
}

func (s *proximitySearcher) Next(sctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.inner.Next(sctx)
	return s.first(sctx, dm, err)
}

func (s *proximitySearcher) Advance(sctx *bsearch.SearchContext, id bindex.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.inner.Advance(sctx, id)
	return s.first(sctx, dm, err)
}

// first returns dm if it satisfies the clauses, else the next match of
// inner that does.
func (s *proximitySearcher) first(sctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for err == nil && dm != nil {
		ok, cerr := s.accept(dm)
		if cerr != nil {
			return nil, cerr
		}
		if ok {
			return dm, nil
		}
		sctx.DocumentMatchPool.Put(dm)
		// Bleve's collector checks for cancellation between the matches
		// it receives; a long run of rejected candidates is checked here.
		if s.dropped++; s.dropped%1024 == 0 && s.ctx.Err() != nil {
			return nil, s.ctx.Err()
		}
		dm, err = s.inner.Next(sctx)
	}
	return nil, err
}

// accept checks one candidate in its text.
func (s *proximitySearcher) accept(dm *bsearch.DocumentMatch) (bool, error) {
	num, err := docNum(dm.IndexInternalID)
	if err != nil {
		return false, err
	}
	if t := s.table; t != nil && num < uint64(len(t.live)) && t.live[num] && !t.hasBreak(num) {
		return allHold(s.clauses, s.anchorRight, &proxText{text: t.passageText(num)}), nil
	}
	text, err := s.storedText(num)
	if err != nil {
		return false, err
	}
	return allHold(s.clauses, s.anchorRight, foldedText(text)), nil
}

// storedText reads the text of passage num from the snapshot: on scorch
// by the segment's local number, as the text table is built (texts.go).
func (s *proximitySearcher) storedText(num uint64) (string, error) {
	s.blob = s.blob[:0]
	if is, ok := s.reader.(*scorch.IndexSnapshot); ok {
		segs := is.Segments()
		if s.offsets == nil {
			var off uint64
			for _, ss := range segs {
				s.offsets = append(s.offsets, off)
				off += ss.Segment().Count()
			}
		}
		i := sort.Search(len(s.offsets), func(i int) bool { return s.offsets[i] > num }) - 1
		if i < 0 {
			return "", fmt.Errorf("passage %d: no segment holds it", num)
		}
		if err := segs[i].VisitDocument(num-s.offsets[i], func(field string, _ byte, value []byte, _ []uint64) bool {
			if field == fieldStored {
				s.blob = append(s.blob, value...)
			}
			return true
		}); err != nil {
			return "", err
		}
	} else {
		id, err := s.reader.ExternalID(internalID(num))
		if err != nil {
			return "", err
		}
		doc, err := s.reader.Document(id)
		if err != nil {
			return "", err
		}
		if doc != nil {
			doc.VisitFields(func(f bindex.Field) {
				if f.Name() == fieldStored {
					s.blob = append(s.blob, f.Value()...)
				}
			})
		}
	}
	p, err := decodeStored(s.blob)
	if err != nil {
		return "", fmt.Errorf("passage %d: unreadable stored fields: %w", num, err)
	}
	return p.Text, nil
}

func (s *proximitySearcher) Close() error               { return s.inner.Close() }
func (s *proximitySearcher) Weight() float64            { return s.inner.Weight() }
func (s *proximitySearcher) SetQueryNorm(n float64)     { s.inner.SetQueryNorm(n) }
func (s *proximitySearcher) Count() uint64              { return s.inner.Count() }
func (s *proximitySearcher) Min() int                   { return s.inner.Min() }
func (s *proximitySearcher) DocumentMatchPoolSize() int { return s.inner.DocumentMatchPoolSize() }
func (s *proximitySearcher) Size() int                  { return 128 + s.inner.Size() }
