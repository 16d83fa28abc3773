package search

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
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
// table is being built or is of an older snapshot, from the stored passage
// (about 5 µs a candidate instead of well under one), and a build of the
// table is started. The table folds every space to ' ', so a line break
// is not told from a space there; a 同句 check whose answer depends on
// that reads the stored text.

// maxNear is the largest distance NEAR/N takes.
const maxNear = 10000

// proxOp is an operator as lexed, before its operands are known.
type proxOp struct {
	sentence bool
	within   int    // NEAR's N; -1 when it has no /N
	bad      string // why the distance is unreadable
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
			return &proxOp{bad: n}
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
	case p.bad != "":
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
	for _, s := range left {
		if n, ok := newNeedle(s); ok {
			c.left = append(c.left, n)
		}
	}
	for _, s := range right {
		if n, ok := newNeedle(s); ok {
			c.right = append(c.right, n)
		}
	}
	return c
}

// occ is an occurrence: byte offsets [s, e) in folded text.
type occ struct{ s, e int }

// proxText is a passage's folded text (matchRunes, as UTF-8) and what is
// known of its line breaks, which folding made spaces.
type proxText struct {
	text []byte
	// breaks are the byte offsets of line breaks, when known; with
	// unsure, any space may be one.
	breaks []int
	unsure bool
}

// isLineBreak: the characters that end a line, and so a sentence.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
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

// sentenceEnds returns the byte offsets of the sentence ends of pt: 。!?;
// and the known line breaks, with maybe the spaces that may be line
// breaks as well.
func sentenceEnds(pt *proxText, maybe bool) []int {
	var ends []int
	bi := 0
	t := pt.text
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == '!' || c == '?' || c == ';':
			ends = append(ends, i)
		case c == 0xE3 && i+2 < len(t) && t[i+1] == 0x80 && t[i+2] == 0x82: // 。
			ends = append(ends, i)
		case c == ' ':
			for bi < len(pt.breaks) && pt.breaks[bi] < i {
				bi++
			}
			if maybe || bi < len(pt.breaks) && pt.breaks[bi] == i {
				ends = append(ends, i)
			}
		}
	}
	return ends
}

// sentenceOf is the number of the sentence that holds o, or -1 when o
// crosses a sentence end (one at its last character ends its sentence).
func sentenceOf(t []byte, ends []int, o occ) int {
	_, size := utf8.DecodeLastRune(t[:o.e])
	a := sort.SearchInts(ends, o.s)
	if b := sort.SearchInts(ends, o.e-size); a != b {
		return -1
	}
	return a
}

// near says whether x and y share no character and stand at most c.within
// characters apart.
func (c *proxClause) near(t []byte, x, y occ) bool {
	if x.s > y.s {
		x, y = y, x
	}
	gap := y.s - x.e
	switch {
	case gap < 0:
		return false
	case gap <= c.within: // no more characters than bytes
		return true
	case gap > utf8.UTFMax*c.within:
		return false
	}
	return utf8.RuneCount(t[x.e:y.s]) <= c.within
}

// disjoint says whether x and y share no character.
func disjoint(x, y occ) bool { return x.e <= y.s || y.e <= x.s }

// pairs calls f with each pair of occurrences that satisfies c, until f
// returns false; ends are the sentence ends for 同句.
func (c *proxClause) pairs(t []byte, ls, rs []occ, ends []int, f func(x, y occ) bool) {
	if !c.sentence {
		for _, x := range ls {
			for _, y := range rs {
				if c.near(t, x, y) && !f(x, y) {
					return
				}
			}
		}
		return
	}
	rsent := make([]int, len(rs))
	for j, y := range rs {
		rsent[j] = sentenceOf(t, ends, y)
	}
	for _, x := range ls {
		sx := sentenceOf(t, ends, x)
		if sx < 0 {
			continue
		}
		for j, y := range rs {
			if rsent[j] == sx && disjoint(x, y) && !f(x, y) {
				return
			}
		}
	}
}

// holds says whether some pair of occurrences in pt satisfies c; unsure
// when that depends on whether a space of pt is a line break.
func (c *proxClause) holds(pt *proxText) (ok, unsure bool) {
	ls := occurrences(pt.text, c.left)
	if len(ls) == 0 {
		return false, false
	}
	rs := occurrences(pt.text, c.right)
	if len(rs) == 0 {
		return false, false
	}
	some := func(ends []int) bool {
		found := false
		c.pairs(pt.text, ls, rs, ends, func(occ, occ) bool { found = true; return false })
		return found
	}
	if !c.sentence {
		return some(nil), false
	}
	if !pt.unsure || bytes.IndexByte(pt.text, ' ') < 0 {
		return some(sentenceEnds(pt, false)), false
	}
	// Every space a sentence end: sentences can only be shorter than
	// they are, so a pair found is a pair. None found, the spaces decide.
	if some(sentenceEnds(pt, true)) {
		return true, false
	}
	if !some(sentenceEnds(pt, false)) {
		return false, false
	}
	return false, true
}

// participants returns the occurrences that take part in a pair that
// satisfies c: what a snippet marks of c's operands.
func (c *proxClause) participants(pt *proxText) []occ {
	ls := occurrences(pt.text, c.left)
	rs := occurrences(pt.text, c.right)
	if len(ls) == 0 || len(rs) == 0 {
		return nil
	}
	var ends []int
	if c.sentence {
		ends = sentenceEnds(pt, false)
	}
	in := map[occ]bool{}
	c.pairs(pt.text, ls, rs, ends, func(x, y occ) bool {
		in[x], in[y] = true, true
		return true
	})
	out := make([]occ, 0, len(in))
	for o := range in {
		out = append(out, o)
	}
	return out
}

// allHold checks every clause; unsure when none fails and one depends on
// the line breaks.
func allHold(cs []*proxClause, pt *proxText) (ok, unsure bool) {
	for _, c := range cs {
		ok, u := c.holds(pt)
		if !ok && !u {
			return false, false
		}
		unsure = unsure || u
	}
	return !unsure, unsure
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
	return s, nil
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
	if t := s.table; t != nil && num < uint64(len(t.live)) && t.live[num] {
		ok, unsure := allHold(s.clauses, &proxText{text: t.passageText(num), unsure: true})
		if !unsure {
			return ok, nil
		}
	}
	text, err := s.storedText(num)
	if err != nil {
		return false, err
	}
	ok, _ := allHold(s.clauses, foldedText(text))
	return ok, nil
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
