package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Keywords of a subcorpus A against a reference B are the character
// n-grams that are more frequent in A than B leads one to expect.
//
// The statistics are those of the corpus tools:
//   - log-likelihood (G², Rayson and Garside 2000, "Comparing corpora using
//     frequency profiling", as CQPweb, WordSmith and quanteda's
//     textstat_keyness(measure = "lr") compute it without correction):
//     with a, b the frequencies in A and B and N_A, N_B their sizes,
//     E_A = N_A(a+b)/(N_A+N_B), E_B = N_B(a+b)/(N_A+N_B) and
//     G² = 2(a ln(a/E_A) + b ln(b/E_B)), a zero term counting as 0;
//   - Log Ratio (Hardie 2014, "Log Ratio – an informal introduction",
//     CQPweb 3.1.7): log₂((a/N_A)/(b/N_B)), the binary log of the ratio of
//     relative frequencies, with a zero b counted as 0.5 as CQPweb does.
//
// Ranking is by G² (the evidence for a difference); Log Ratio is the effect
// size (1 = twice as frequent). Only keywords of A are listed (a/N_A >
// b/N_B), with G² of at least MinLogLikelihood (p < 0.001, one degree of
// freedom).
//
// Sizes are in Chinese characters: N_A is the number of Chinese characters
// in A's passages, the positions an n-gram can start at.

// Keyword list limits and defaults.
const (
	MinLogLikelihood   = 10.83
	DefaultKeywordMin  = 5
	DefaultKeywords    = 100
	MaxKeywords        = 1000
	minNgram, maxNgram = 2, 8
)

// KeywordsRequest asks for the keywords of subcorpus A against B.
type KeywordsRequest struct {
	// Request is A: its filters and, if given, its query (A is then the
	// passages that match it). Paging and sort are not used.
	Request
	// Versus is B in the search box's syntax (year:2014, speaker:王强
	// kind:body); empty means the rest of the corpus, every passage not in A.
	Versus string `json:"vs,omitempty"`
	Min    int    `json:"min"`   // frequency floor in A
	Limit  int    `json:"limit"` // most keywords listed
}

// Keywords is the answer to a KeywordsRequest.
type Keywords struct {
	A          Subcorpus `json:"a"`
	B          Subcorpus `json:"b"`
	Basis      string    `json:"basis"`
	Min        int       `json:"min"`
	MinLL      float64   `json:"min_ll"`
	Generation string    `json:"generation"`
	Time       string    `json:"time"`       // RFC 3339
	Candidates int       `json:"candidates"` // n-grams of A at or above the floor
	Keywords   []Keyword `json:"keywords"`
	TookMs     float64   `json:"took_ms"`
}

// Subcorpus is one side of a keyword comparison.
type Subcorpus struct {
	Query   string            `json:"query"`   // A's query, or B's box text
	Filters map[string]string `json:"filters"` // as interpreted; B's "rest" when it is the rest of the corpus
	Rest    bool              `json:"rest,omitempty"`
	Han     int64             `json:"han_characters"` // the size N of the statistics
	Size    Size              `json:"size"`
}

// Keyword is one n-gram typical of A.
type Keyword struct {
	Text          string   `json:"text"` // folded (Simplified, half-width)
	FreqA         int64    `json:"freq_a"`
	FreqB         int64    `json:"freq_b"`
	DocsA         int      `json:"docs_a"`
	DocsB         int      `json:"docs_b"`
	LogLikelihood float64  `json:"log_likelihood"`
	LogRatio      float64  `json:"log_ratio"`
	Folded        []string `json:"folded"` // shorter n-grams of the list folded into this one
}

// KeywordBasis says what the frequencies count.
const KeywordBasis = "occurrences of character n-grams (2–8 Chinese characters, not crossing punctuation, white space, digits or Latin letters; every start counted), folded as search folds; sizes in Chinese characters"

// Keywords lists the n-grams typical of A against B.
func (x *Index) Keywords(ctx context.Context, req KeywordsRequest) (*Keywords, error) {
	start := time.Now()
	if req.Min == 0 {
		req.Min = DefaultKeywordMin
	}
	if req.Limit == 0 {
		req.Limit = DefaultKeywords
	}
	if req.Min < 1 {
		return nil, invalidf("min must be 1 or more")
	}
	if req.Limit < 1 || req.Limit > MaxKeywords {
		return nil, invalidf("limit must be between 1 and %d", MaxKeywords)
	}
	a := req.Request
	a.Page, a.Size, a.After, a.Sort = 0, 0, "", ""
	g := x.acquire()
	defer x.release()
	custom := g.cat.derived().names
	aPlan, err := makePlan(a, x.opts.Limits, x.syn.Load(), custom)
	if err != nil {
		return nil, err
	}
	if !aPlan.hasText && len(aPlan.interp.Filters) == 0 {
		return nil, invalidf("subcorpus A is the whole corpus: choose it with filters (year, speaker, …) or a query")
	}
	var bPlan *plan
	if strings.TrimSpace(req.Versus) != "" {
		if bPlan, err = makePlan(Request{Query: req.Versus}, x.opts.Limits, x.syn.Load(), custom); err != nil {
			return nil, err
		}
	}
	out, err := retryMoved(ctx, func() (*Keywords, error) {
		return x.keywords(ctx, g, req, aPlan, bPlan)
	})
	if err != nil {
		return nil, err
	}
	out.TookMs = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

func (x *Index) keywords(ctx context.Context, g *generation, req KeywordsRequest, aPlan, bPlan *plan) (*Keywords, error) {
	t, err := x.textTable(g)
	if err != nil {
		return nil, err
	}
	aNums, err := t.collect(ctx, g, aPlan)
	if err != nil {
		return nil, err
	}
	var bNums []uint64
	if bPlan != nil {
		if bNums, err = t.collect(ctx, g, bPlan); err != nil {
			return nil, err
		}
	} else {
		inA := make([]bool, len(t.live))
		for _, n := range aNums {
			inA[n] = true
		}
		for n, live := range t.live {
			if live && !inA[n] {
				bNums = append(bNums, uint64(n))
			}
		}
	}
	aNums, bNums = t.byDocument(aNums), t.byDocument(bNums)
	out := &Keywords{
		A:     t.subcorpus(aNums, req.Query, aPlan.interp.Filters),
		Basis: KeywordBasis, Min: req.Min, MinLL: MinLogLikelihood,
		Generation: g.name, Time: time.Now().UTC().Format(time.RFC3339), Keywords: []Keyword{},
	}
	if bPlan != nil {
		out.B = t.subcorpus(bNums, req.Versus, bPlan.interp.Filters)
	} else {
		out.B = t.subcorpus(bNums, "", map[string]string{})
		out.B.Rest = true
	}
	if out.A.Han == 0 || out.B.Han == 0 {
		return out, nil
	}
	ng := countNgrams(t, aNums, req.Min)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := ng.countReference(ctx, t, bNums); err != nil {
		return nil, err
	}
	out.Candidates = len(ng.kept)
	out.Keywords = ng.keywords(float64(out.A.Han), float64(out.B.Han), req.Limit)
	return out, nil
}

// subcorpus describes the passages nums.
func (t *textTable) subcorpus(nums []uint64, query string, filters map[string]string) Subcorpus {
	s := Subcorpus{Query: query, Filters: filters}
	last := int32(-2)
	for _, n := range nums {
		if !t.live[n] {
			continue
		}
		s.Han += int64(t.han[n])
		s.Size.Characters += int64(t.runes[n])
		s.Size.Passages++
		if d := t.doc[n]; d != last || d < 0 {
			s.Size.Documents++
			last = d
		}
	}
	return s
}

// ngramEntry is one n-gram of A: its last character and the entry of its
// prefix (for bigrams, first is the first character).
type ngramEntry struct {
	prefix      int32
	first, last rune
	n           uint8
	keep        bool
	freqA       int64
	docsA       int32
	lastDoc     int32
	kid         int32 // dense number among the kept entries, -1 if not kept
}

// ngramCounts is every n-gram of A, counted level by level: an n-gram can
// only reach the floor if its prefix does, so each level extends only the
// positions whose prefix was kept. The kept ones are numbered densely
// (kid), and levels[n] maps (the kid of the prefix, or the first
// character for bigrams; the next character) to the kid of an n-gram of n
// characters, for the pass over B.
type ngramCounts struct {
	entries []ngramEntry
	kept    []int32 // entry of each kid
	levels  [maxNgram + 1]*ngramTable
	freqB   []int64 // by kid
	docsB   []int32
}

func ngramKey(prefix uint64, r rune) uint64 { return prefix<<21 | uint64(r) }

// hanRuns appends the runs of Chinese characters of folded text to seq,
// each followed by a 0, and the document d for every rune appended.
func hanRuns(seq []rune, docs []int32, text []byte, d int32) ([]rune, []int32) {
	n := len(seq)
	seq = hanRunsOnly(seq, text)
	for range len(seq) - n {
		docs = append(docs, d)
	}
	return seq, docs
}

// hanRunsOnly is hanRuns without the documents, for B's pass.
func hanRunsOnly(seq []rune, text []byte) []rune {
	inRun := false
	for i := 0; i < len(text); {
		var r rune
		if c := text[i]; c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else if c >= 0xE4 && c <= 0xE9 && i+2 < len(text) {
			// The common block (U+4E00–U+9FFF) is E4–E9 and two
			// continuation bytes; the text is valid UTF-8 (it was encoded
			// from runes), so they are decoded without the checks of
			// utf8.DecodeRune, which took a third of the pass over B.
			// With isHan's shortcuts: the keywords of year:2022 at 100 MB
			// from 1.94 to 1.25 s, the collocations of 主席 by sentence
			// from about 1.4 to 0.7–1.2 s (two runs each, loaded machine).
			r = rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			i += 3
		} else {
			var size int
			r, size = utf8.DecodeRune(text[i:])
			i += size
		}
		if isHan(r) {
			seq = append(seq, r)
			inRun = true
		} else if inRun {
			seq = append(seq, 0)
			inRun = false
		}
	}
	if inRun {
		seq = append(seq, 0)
	}
	return seq
}

// isHan: r is a Chinese character, the characters n-grams are made of.
// ASCII, the common block and the punctuation of Chinese text (…“”、。
// 《》, about a tenth of its characters) are told without classify, whose
// unicode.Is they would otherwise pay for.
func isHan(r rune) bool {
	switch {
	case 0x4E00 <= r && r <= 0x9FFF:
		return true
	case r < utf8.RuneSelf, 0x2000 <= r && r <= 0x206F, 0x3000 <= r && r <= 0x3004, 0x3008 <= r && r <= 0x3011:
		return false
	}
	return classify(r) == classCJK
}

// countNgrams counts the n-grams of A (nums in document order).
func countNgrams(t *textTable, nums []uint64, min int) *ngramCounts {
	var seq []rune
	var docs []int32
	for _, n := range nums {
		if t.live[n] {
			seq, docs = hanRuns(seq, docs, t.passageText(n), t.doc[n])
		}
	}
	return countNgramsIn(seq, docs, nil, min)
}

// countNgramsIn counts the n-grams of seq (runs of Chinese characters,
// each followed by a 0; docs holds each rune's document, in document
// order) that occur at least min times. When lim is not nil, an n-gram
// starting at p is counted only if it is at most lim[p] characters long:
// the collocations' windows of N characters end where they end, not
// where the run does.
func countNgramsIn(seq []rune, docs []int32, lim []uint8, min int) *ngramCounts {
	c := &ngramCounts{}
	cur := make([]int32, len(seq)) // the entry of the n-gram starting at each position, -1 if none
	for n := minNgram; n <= maxNgram; n++ {
		lvl := map[uint64]int32{}
		first := len(c.entries)
		for p := 0; p+n-1 < len(seq); p++ {
			r := seq[p+n-1]
			if r == 0 || seq[p] == 0 || lim != nil && n > int(lim[p]) {
				cur[p] = -1
				continue
			}
			var key uint64
			if n == minNgram {
				key = ngramKey(uint64(seq[p]), r)
			} else {
				if cur[p] < 0 {
					continue
				}
				key = ngramKey(uint64(cur[p]), r)
			}
			id, ok := lvl[key]
			if !ok {
				id = int32(len(c.entries))
				e := ngramEntry{prefix: cur[p], last: r, n: uint8(n), lastDoc: -2}
				if n == minNgram {
					e.prefix, e.first = -1, seq[p]
				}
				c.entries = append(c.entries, e)
				lvl[key] = id
			}
			e := &c.entries[id]
			e.freqA++
			if docs[p] != e.lastDoc || docs[p] < 0 {
				e.docsA++
				e.lastDoc = docs[p]
			}
			cur[p] = id
		}
		for p := len(seq) - n + 1; p >= 0 && p < len(seq); p++ {
			cur[p] = -1 // too close to the end for this length
		}
		// Keep this level's n-grams at the floor and drop the others,
		// renumbering the kept ones in place: only they are extended, so
		// the entries held stay those kept plus one level's candidates
		// (for 6 MB of A at 100 MB, 207 MiB allocated instead of 282).
		remap := make([]int32, len(c.entries)-first)
		w := first
		for id := first; id < len(c.entries); id++ {
			remap[id-first] = -1
			if c.entries[id].freqA >= int64(min) {
				c.entries[id].keep = true
				c.entries[w] = c.entries[id]
				remap[id-first] = int32(w)
				w++
			}
		}
		c.entries = c.entries[:w]
		for p := range cur {
			if cur[p] >= int32(first) {
				cur[p] = remap[cur[p]-int32(first)]
			}
		}
		if w == first {
			break
		}
	}
	c.number()
	return c
}

// number numbers the kept n-grams, the most frequent first (so that the
// counters B's pass hits most often share cache lines). The kept ones
// must hold the prefix of each.
func (c *ngramCounts) number() {
	c.kept = c.kept[:0]
	for id := range c.entries {
		c.entries[id].kid = -1
		if c.entries[id].keep {
			c.kept = append(c.kept, int32(id))
		}
	}
	slices.SortFunc(c.kept, func(a, b int32) int {
		return cmp.Or(cmp.Compare(c.entries[b].freqA, c.entries[a].freqA), cmp.Compare(a, b))
	})
	for kid, id := range c.kept {
		c.entries[id].kid = int32(kid)
	}
}

// index indexes the kept n-grams by kid for B's pass: built by the pass,
// after the last number (collocations number again once they have
// chosen what to list).
func (c *ngramCounts) index() {
	var perLevel [maxNgram + 1]int
	for _, id := range c.kept {
		perLevel[c.entries[id].n]++
	}
	for n := minNgram; n <= maxNgram; n++ {
		c.levels[n] = newNgramTable(perLevel[n], len(c.kept))
	}
	for kid, id := range c.kept {
		e := &c.entries[id]
		var key uint64
		if e.prefix < 0 {
			key = ngramKey(uint64(e.first), e.last)
		} else {
			key = ngramKey(uint64(c.entries[e.prefix].kid), e.last)
		}
		c.levels[e.n].put(key, int32(kid))
	}
}

// ngramTable maps n-gram keys to kids: open addressing with linear
// probing over one slice. The pass over B looks up every start of B's
// text, and more for each start that continues an n-gram of A: at 100 MB
// Go's map spent 60% of the keyword time in probing, and the lookups miss
// the cache, so a slot is one word (the key's 40 bits and the kid's 24)
// when the kids are few enough for keys to fit, else two.
type ngramTable struct {
	narrow []uint64 // key<<24 | kid+1; 0 is empty
	wide   []ngramSlot
	shift  uint
	// bloom has a bit set for every key held (by a second hash), eight
	// bits a key: most of B's n-grams that A lacks are turned away by a
	// word that is in the cache, not by a slot that is not.
	bloom      []uint64
	bloomShift uint
}

type ngramSlot struct {
	key uint64 // 0: empty (keys hold a Chinese character, never 0)
	kid int32
}

// narrowKids bounds the kids of narrow slots: a key is a kid (19 bits) and
// a character (21 bits).
const narrowKids = 1 << 19

func newNgramTable(n, kids int) *ngramTable {
	bits := uint(4)
	for 1<<bits < 2*n {
		bits++
	}
	t := &ngramTable{shift: 64 - bits, bloom: make([]uint64, 1<<(bits+2-6)), bloomShift: 64 - (bits + 2)}
	if kids < narrowKids {
		t.narrow = make([]uint64, 1<<bits)
	} else {
		t.wide = make([]ngramSlot, 1<<bits)
	}
	return t
}

func (t *ngramTable) slot(key uint64) uint64 { return (key * 0x9E3779B97F4A7C15) >> t.shift }

func (t *ngramTable) bloomBit(key uint64) uint64 {
	return ((key ^ key>>29) * 0xC2B2AE3D27D4EB4F) >> t.bloomShift
}

func (t *ngramTable) put(key uint64, kid int32) {
	b := t.bloomBit(key)
	t.bloom[b>>6] |= 1 << (b & 63)
	if t.narrow != nil {
		mask := uint64(len(t.narrow) - 1)
		for i := t.slot(key); ; i = (i + 1) & mask {
			if t.narrow[i] == 0 {
				t.narrow[i] = key<<24 | uint64(kid+1)
				return
			}
		}
	}
	mask := uint64(len(t.wide) - 1)
	for i := t.slot(key); ; i = (i + 1) & mask {
		if t.wide[i].key == 0 {
			t.wide[i] = ngramSlot{key, kid}
			return
		}
	}
}

func (t *ngramTable) get(key uint64) (int32, bool) {
	if b := t.bloomBit(key); t.bloom[b>>6]&(1<<(b&63)) == 0 {
		return 0, false
	}
	if t.narrow != nil {
		mask := uint64(len(t.narrow) - 1)
		for i := t.slot(key); ; i = (i + 1) & mask {
			v := t.narrow[i]
			if v>>24 == key {
				return int32(v&(1<<24-1)) - 1, true
			}
			if v == 0 {
				return 0, false
			}
		}
	}
	mask := uint64(len(t.wide) - 1)
	for i := t.slot(key); ; i = (i + 1) & mask {
		s := &t.wide[i]
		if s.key == key {
			return s.kid, true
		}
		if s.key == 0 {
			return 0, false
		}
	}
}

// countReference counts B's occurrences and documents of every kept
// n-gram in one pass over B's text: each start is extended only while the
// n-gram so far is one of A's. The pass is split between two goroutines
// by document, so that the document counts add up. It stops with ctx's
// error when ctx is done (the pass takes seconds for a large A, and a
// page that asks again cancels the request it no longer wants).
func (c *ngramCounts) countReference(ctx context.Context, t *textTable, nums []uint64) error {
	c.index()
	// One struct per kid: the three counters of a hit share a cache line.
	type counter struct{ freq, docs, last int32 }
	k := len(c.kept)
	parts := make([][]counter, 2)
	var wg sync.WaitGroup
	for w := range parts {
		wg.Go(func() {
			cs := make([]counter, k)
			for i := range cs {
				cs[i].last = -2
			}
			var seq []rune
			for i, n := range nums {
				if i%1024 == 0 && ctx.Err() != nil {
					return
				}
				d := t.doc[n]
				if !t.live[n] || int(d+1)%2 != w {
					continue
				}
				seq = hanRunsOnly(seq[:0], t.passageText(n))
				for p := 0; p+1 < len(seq); p++ {
					if seq[p+1] == 0 || seq[p] == 0 {
						continue
					}
					kid, ok := c.levels[minNgram].get(ngramKey(uint64(seq[p]), seq[p+1]))
					for l := minNgram; ok; {
						cn := &cs[kid]
						cn.freq++
						if cn.last != d || d < 0 {
							cn.docs++
							cn.last = d
						}
						l++
						if l > maxNgram || p+l-1 >= len(seq) || seq[p+l-1] == 0 {
							break
						}
						kid, ok = c.levels[l].get(ngramKey(uint64(kid), seq[p+l-1]))
					}
				}
			}
			parts[w] = cs
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	c.freqB, c.docsB = make([]int64, k), make([]int32, k)
	for i := range k {
		for _, p := range parts {
			c.freqB[i] += int64(p[i].freq)
			c.docsB[i] += p[i].docs
		}
	}
	return nil
}

// text is entry id's n-gram.
func (c *ngramCounts) text(id int32) string {
	e := &c.entries[id]
	rs := make([]rune, e.n)
	for i := int(e.n) - 1; i >= 0; i-- {
		rs[i] = e.last
		if e.prefix < 0 {
			rs[0] = e.first
			break
		}
		e = &c.entries[e.prefix]
	}
	return string(rs)
}

// logLikelihood is G² of frequencies a in A and b in B of sizes na, nb.
func logLikelihood(a, b, na, nb float64) float64 {
	ea := na * (a + b) / (na + nb)
	eb := nb * (a + b) / (na + nb)
	ll := 0.0
	if a > 0 {
		ll += a * math.Log(a/ea)
	}
	if b > 0 {
		ll += b * math.Log(b/eb)
	}
	return 2 * ll
}

// logRatio is Hardie's Log Ratio, a zero b counted as 0.5.
func logRatio(a, b, na, nb float64) float64 {
	return math.Log2((a / na) / (max(b, 0.5) / nb))
}

// keywords scores the kept n-grams, folds fragments into the longer
// n-grams that hold them, and returns the best limit by log-likelihood.
func (c *ngramCounts) keywords(na, nb float64, limit int) []Keyword {
	var list []Keyword
	for kid, id := range c.kept {
		e := &c.entries[id]
		a, b := float64(e.freqA), float64(c.freqB[kid])
		if a/na <= b/nb {
			continue
		}
		ll := logLikelihood(a, b, na, nb)
		if ll < MinLogLikelihood {
			continue
		}
		list = append(list, Keyword{
			Text: c.text(id), FreqA: e.freqA, FreqB: c.freqB[kid], DocsA: int(e.docsA), DocsB: int(c.docsB[kid]),
			LogLikelihood: round3(ll), LogRatio: round3(logRatio(a, b, na, nb)), Folded: []string{},
		})
	}
	list = foldFragments(list)
	slices.SortFunc(list, func(x, y Keyword) int {
		return cmp.Or(cmp.Compare(y.LogLikelihood, x.LogLikelihood), cmp.Compare(y.FreqA, x.FreqA), strings.Compare(x.Text, y.Text))
	})
	if len(list) > limit {
		list = list[:limit]
	}
	return list
}

// foldFragments folds each n-gram that occurs almost only inside one
// longer n-gram of the list into it (see foldRoots), by frequency in A.
func foldFragments(list []Keyword) []Keyword {
	texts, freqs := make([]string, len(list)), make([]int64, len(list))
	for i, k := range list {
		texts[i], freqs[i] = k.Text, k.FreqA
	}
	root, folded := foldRoots(texts, freqs)
	out := []Keyword{}
	for i, k := range list {
		if root[i] >= 0 {
			continue
		}
		if f := folded[i]; f != nil {
			k.Folded = f
		}
		out = append(out, k)
	}
	return out
}

// foldRoots folds each n-gram that occurs almost only inside one longer
// n-gram of the list into it: 质量发 into 高质量发展. A fragment s is
// folded into a longer h holding it when at most a tenth of s's
// occurrences lie outside h (freq(s) − k·freq(h) ≤ freq(s)/10, k the
// times s occurs in h); of several such h the longest wins, and a chain
// (质量发 → 质量发展 → 高质量发展) ends at the one that is listed. root[i]
// is the n-gram texts[i] is folded into, -1 for one that stays listed;
// folded[i] the fragments folded into a listed one, longest first.
func foldRoots(texts []string, freqs []int64) (root []int, folded map[int][]string) {
	at := make(map[string]int, len(texts))
	for i, t := range texts {
		at[t] = i
	}
	order := make([]int, len(texts))
	for i := range order {
		order[i] = i
	}
	runeLen := func(i int) int { return utf8.RuneCountInString(texts[i]) }
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(runeLen(b), runeLen(a)) })
	parent := make([]int, len(texts))
	for i := range parent {
		parent[i] = -1
	}
	for _, h := range order {
		rs := []rune(texts[h])
		for n := len(rs) - 1; n >= minNgram; n-- {
			for s := 0; s+n <= len(rs); s++ {
				j, ok := at[string(rs[s:s+n])]
				if !ok || parent[j] >= 0 || j == h {
					continue
				}
				k := int64(overlapping(rs, rs[s:s+n]))
				if f := freqs[j]; f-k*freqs[h] <= f/10 {
					parent[j] = h
				}
			}
		}
	}
	root = make([]int, len(texts))
	folded = map[int][]string{}
	for i := range texts {
		root[i] = -1
		if parent[i] >= 0 {
			r := i
			for parent[r] >= 0 {
				r = parent[r]
			}
			root[i] = r
			folded[r] = append(folded[r], texts[i])
		}
	}
	for _, f := range folded {
		slices.SortFunc(f, func(a, b string) int {
			return cmp.Or(cmp.Compare(utf8.RuneCountInString(b), utf8.RuneCountInString(a)), strings.Compare(a, b))
		})
	}
	return root, folded
}

// overlapping counts the starts of n in rs.
func overlapping(rs, n []rune) int {
	c := 0
	for i := 0; i+len(n) <= len(rs); i++ {
		if slices.Equal(rs[i:i+len(n)], n) {
			c++
		}
	}
	return c
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }
