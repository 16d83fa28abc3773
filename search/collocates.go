package search

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sessionsearch/fold"
)

// Collocates of a query are the character n-grams that occur near its
// occurrences (the nodes) more often than their frequency leads one to
// expect. Items are counted as keywords count them (2–8 Chinese
// characters, not crossing punctuation, white space, digits or Latin
// letters, every start counted, folded as search folds), inside the
// windows of the nodes:
//   - a window of N characters: the N characters of the passage (as
//     written, punctuation included) before a node and the N after it; an
//     item is in it when it lies wholly inside, so at most N − len(item)
//     characters stand between the item and the node (what `q NEAR/k
//     item` finds, k = N − len(item));
//   - a sentence: the sentence that holds a node (sentenceSpans: up to
//     。！？；, a line break or the end of the passage); a node that
//     crosses a sentence end is in no sentence and has no window, as 同句
//     has it;
//   - a passage: the passage that holds a node.
//
// An item occurrence is counted once however many windows hold it, and
// never when it overlaps a node. The figures, for every window kind:
//   - f_x: the nodes, the occurrences of the query (as the concordance
//     lists them) in the subcorpus;
//   - f_y: the item's occurrences in the subcorpus (the filters; the
//     whole corpus without them);
//   - f_xy: the item's occurrences inside the nodes' windows;
//   - N: the subcorpus' size in Chinese characters (the starts an item
//     can have);
//   - W: the Chinese characters inside the windows, the nodes left out.
//
// The measures are those of Sketch Engine ("Statistics used in Sketch
// Engine", with f_A = f_x the size of the concordance, f_B = f_y, f_AB =
// f_xy) and CQPweb:
//   - logDice = 14 + log₂(2·f_xy / (f_x + f_y)) (Rychlý 2008), at most
//     14 when every node has the item beside it and the item occurs
//     nowhere else; it does not grow with the corpus;
//   - MI = log₂(f_xy·N / (f_x·f_y)) (Church and Hanks 1990, as Sketch
//     Engine computes it, without a correction for the window's size);
//   - log-likelihood: G² (Dunning 1993) of the 2×2 table of the windows
//     against the rest of the subcorpus, as CQPweb tabulates a
//     collocation (the windows as a subcorpus of W characters, the rest
//     of N − W): f_xy and f_y − f_xy occurrences of the item, W − f_xy and
//     N − W − (f_y − f_xy) other starts. It is logLikelihood(f_xy,
//     f_y − f_xy, W, N − W), the keywords' G².
//
// Listed are the items with f_xy at or above the floor (min), the query's
// own fragments left out, fragments folded into the longer items that
// hold them as keywords fold them (by f_xy), ranked by the measure asked.

// Collocation limits and defaults.
const (
	DefaultCollocateMin = 3
	DefaultCollocates   = 100
	MaxCollocates       = 1000
	MaxCollocateWindow  = 50 // characters on each side
	// MaxWindowCharacters bounds the Chinese characters of the windows
	// (W): their n-grams are counted in memory, about 330 bytes a
	// character (411 MiB for the 1.25 million of 主席 by passage at 100
	// MB), so that a frequent character by passage (的) is refused rather
	// than counted in gigabytes.
	MaxWindowCharacters = 2_000_000
	DefaultWindow       = "sentence"
	DefaultMeasure      = "logdice"
)

// CollocateMeasures are the rankings a collocation list takes.
var CollocateMeasures = []string{"logdice", "ll", "mi", "freq"}

// CollocateBasis says what the frequencies count.
const CollocateBasis = "occurrences of character n-grams (2–8 Chinese characters, not crossing punctuation, white space, digits or Latin letters; every start counted), folded as search folds, inside the windows of the query's occurrences (each counted once, none overlapping an occurrence); N is the subcorpus' size in Chinese characters"

// Window is where collocates are counted: N characters on each side of
// an occurrence of the query, its sentence, or its passage.
type Window struct {
	Unit  string // "chars", "sentence" or "passage"
	Chars int    // N, for "chars"
}

// ParseWindow reads a window: "sentence", "passage" or a number of
// characters from 1 to MaxCollocateWindow.
func ParseWindow(s string) (Window, error) {
	switch s = strings.TrimSpace(s); s {
	case "", DefaultWindow:
		return Window{Unit: "sentence"}, nil
	case "passage":
		return Window{Unit: "passage"}, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return Window{}, invalidf("window must be sentence, passage or a number of characters on each side (1 to %d), not %s", MaxCollocateWindow, strconv.Quote(s))
	}
	if n < 1 || n > MaxCollocateWindow {
		return Window{}, invalidf("a window of characters must be 1 to %d characters on each side, not %d", MaxCollocateWindow, n)
	}
	return Window{Unit: "chars", Chars: n}, nil
}

// String is the window as the window parameter spells it.
func (w Window) String() string {
	if w.Unit == "chars" {
		return strconv.Itoa(w.Chars)
	}
	return w.Unit
}

// CollocatesRequest asks for the collocates of a query.
type CollocatesRequest struct {
	// Request is the query (q) and the subcorpus' filters. Paging and
	// sort are not used.
	Request
	Window  Window
	Measure string // one of CollocateMeasures; logdice when empty
	Min     int    // floor of f_xy
	Limit   int    // most collocates listed
}

// Collocates is the answer to a CollocatesRequest.
type Collocates struct {
	Query       string            `json:"query"`
	Window      string            `json:"window"` // sentence, passage or N
	Measure     string            `json:"measure"`
	Filters     map[string]string `json:"filters"` // the subcorpus, as interpreted
	Basis       string            `json:"basis"`
	Min         int               `json:"min"`
	Corpus      Size              `json:"corpus"`            // the subcorpus
	Han         int64             `json:"han_characters"`    // N
	Nodes       int64             `json:"nodes"`             // f_x
	WindowHan   int64             `json:"window_characters"` // W
	Generation  string            `json:"generation"`
	Time        string            `json:"time"`       // RFC 3339
	Candidates  int               `json:"candidates"` // items at or above the floor, before folding
	Collocates  []Collocate       `json:"collocates"`
	Interpreted Interpretation    `json:"interpreted"`
	TookMs      float64           `json:"took_ms"`
}

// Collocate is one item near the query.
type Collocate struct {
	Text          string   `json:"text"`        // folded (Simplified, half-width)
	Freq          int64    `json:"freq"`        // f_xy: occurrences in the windows
	CorpusFreq    int64    `json:"corpus_freq"` // f_y: occurrences in the subcorpus
	Docs          int      `json:"docs"`        // documents where it stands in a window
	LogDice       float64  `json:"log_dice"`
	LogLikelihood float64  `json:"log_likelihood"`
	MI            float64  `json:"mi"`
	Folded        []string `json:"folded"` // shorter items folded into this one
	// Kwic is a query for /api/kwic that finds the lines where the two
	// stand together: q NEAR/k "item", q 同句 "item", or q "item".
	Kwic string `json:"kwic"`
}

// Collocates lists what occurs near the query's occurrences.
func (x *Index) Collocates(ctx context.Context, req CollocatesRequest) (*Collocates, error) {
	start := time.Now()
	if req.Window.Unit == "" {
		req.Window.Unit = DefaultWindow
	}
	if req.Measure == "" {
		req.Measure = DefaultMeasure
	}
	if req.Min == 0 {
		req.Min = DefaultCollocateMin
	}
	if req.Limit == 0 {
		req.Limit = DefaultCollocates
	}
	switch {
	case !slices.Contains(CollocateMeasures, req.Measure):
		return nil, invalidf("measure must be one of %s, not %s", strings.Join(CollocateMeasures, ", "), strconv.Quote(req.Measure))
	case req.Window.Unit == "chars" && (req.Window.Chars < 1 || req.Window.Chars > MaxCollocateWindow):
		return nil, invalidf("a window of characters must be 1 to %d characters on each side, not %d", MaxCollocateWindow, req.Window.Chars)
	case !slices.Contains([]string{"chars", "sentence", "passage"}, req.Window.Unit):
		return nil, invalidf("window must be sentence, passage or a number of characters")
	case req.Min < 1:
		return nil, invalidf("min must be 1 or more")
	case req.Limit < 1 || req.Limit > MaxCollocates:
		return nil, invalidf("limit must be between 1 and %d", MaxCollocates)
	case strings.TrimSpace(req.Query) == "":
		return nil, invalidf("collocations need a query (q)")
	}
	r := req.Request
	r.Page, r.Size, r.After, r.Sort = 0, 0, "", ""
	g := x.acquire()
	defer x.release()
	custom := g.cat.derived().names
	sub := r
	sub.Query = ""
	subPlan, err := makePlan(sub, x.opts.Limits, nil, custom)
	if err != nil {
		return nil, err
	}
	p, err := makePlan(r, x.opts.Limits, x.syn.Load(), custom)
	if err != nil {
		return nil, err
	}
	if !p.hasText || len(p.needles) == 0 {
		return nil, invalidf("query %s has nothing to find collocates of: give it a word or phrase", strconv.Quote(req.Query))
	}
	if len(p.prox) > 0 {
		// The nodes are the query's occurrences; those of an operator
		// are pairs, whose windows would be neither one's.
		return nil, invalidf("query %s holds NEAR or 同句: collocations are counted around a word or a phrase (give the other term as a collocate)", strconv.Quote(req.Query))
	}
	if !maps.Equal(p.interp.Filters, subPlan.interp.Filters) {
		// f_y and N are counted in the subcorpus of the filters: a filter
		// typed in the box would narrow the nodes and not the corpus.
		return nil, invalidf("query %s holds a filter: give the filters as parameters (year=2024, speaker=…), and the query as words or phrases", strconv.Quote(req.Query))
	}
	out, err := retryMoved(ctx, func() (*Collocates, error) {
		return x.collocates(ctx, g, req, subPlan, p)
	})
	if err != nil {
		return nil, err
	}
	out.TookMs = float64(time.Since(start).Microseconds()) / 1000
	return out, nil
}

func (x *Index) collocates(ctx context.Context, g *generation, req CollocatesRequest, subPlan, p *plan) (*Collocates, error) {
	t, err := x.textTable(g)
	if err != nil {
		return nil, err
	}
	var subNums []uint64
	if len(subPlan.interp.Filters) == 0 {
		subNums = t.liveNums()
	} else if subNums, err = t.collect(ctx, g, subPlan); err != nil {
		return nil, err
	}
	nums, err := t.collect(ctx, g, p)
	if err != nil {
		return nil, err
	}
	subNums, nums = t.byDocument(subNums), t.byDocument(nums)
	sc := t.subcorpus(subNums, "", nil)
	out := &Collocates{
		Query: req.Query, Window: req.Window.String(), Measure: req.Measure, Filters: subPlan.interp.Filters,
		Basis: CollocateBasis, Min: req.Min, Corpus: sc.Size, Han: sc.Han,
		Generation: g.name, Time: time.Now().UTC().Format(time.RFC3339), Collocates: []Collocate{}, Interpreted: p.interp,
	}
	var stored func(uint64) (string, error)
	if req.Window.Unit == "sentence" && len(t.breaks) > 0 {
		// The table folds a line break to a space: a passage that holds
		// one is read from the snapshot for its sentences, as 同句 reads
		// it (none of the 328,816 passages at 100 MB holds one).
		r, err := g.reader()
		if err != nil {
			return nil, err
		}
		defer r.Close()
		if r != t.reader {
			return nil, errSnapshotMoved
		}
		stored = (&candidateText{reader: r}).storedText
	}
	w, err := collectWindows(t, nums, newMatcher(p.needles), req.Window, MaxWindowCharacters, stored)
	if err != nil {
		return nil, err
	}
	if w.han > MaxWindowCharacters {
		return nil, invalidf("the windows of %s hold more than %d Chinese characters: narrow the subcorpus with filters, or choose a smaller window", strconv.Quote(req.Query), MaxWindowCharacters)
	}
	out.Nodes, out.WindowHan = w.nodes, w.han
	if w.han == 0 {
		return out, nil
	}
	c := countNgramsIn(w.seq, w.docs, w.lim, req.Min)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out.Candidates = len(c.kept)
	items := c.listable(p.needles)
	if len(items) == 0 {
		return out, nil
	}
	if err := c.countReference(ctx, t, subNums); err != nil {
		return nil, err
	}
	out.Collocates = c.collocates(items, req, float64(out.Nodes), float64(out.WindowHan), float64(out.Han))
	for i := range out.Collocates {
		out.Collocates[i].Kwic = kwicQuery(req.Query, out.Collocates[i].Text, req.Window, p)
	}
	return out, nil
}

// windows is the text of the nodes' windows as countNgramsIn reads it.
type windows struct {
	seq   []rune  // runs of Chinese characters inside the windows, each followed by a 0
	docs  []int32 // the document of each rune of seq
	lim   []uint8 // for a window of N characters: the longest item that may start at each rune
	nodes int64   // f_x
	han   int64   // W: the Chinese characters of seq
}

// collectWindows finds the nodes of m in the passages nums (in document
// order) and gathers the windows around them; it stops once they hold
// more than bound Chinese characters. stored reads the text of a passage
// with a line break, for its sentences (nil when there is none).
func collectWindows(t *textTable, nums []uint64, m *matcher, win Window, bound int64, stored func(uint64) (string, error)) (*windows, error) {
	w := &windows{}
	var text []rune
	var reach []int // for N characters: how far from each rune the windows holding it reach
	for _, n := range nums {
		if !t.live[n] {
			continue
		}
		if w.han > bound {
			break
		}
		text = appendRunes(text[:0], t.passageText(n))
		nodes := m.find(text)
		if len(nodes) == 0 {
			continue
		}
		w.nodes += int64(len(nodes))
		d := t.doc[n]
		// The windows as spans of text, ascending and disjoint.
		var spans []span
		switch win.Unit {
		case "passage":
			spans = []span{{0, len(text)}}
		case "sentence":
			// A sentence is a window when a node lies inside it; a node
			// that crosses a sentence end is in no sentence, as 同句 has it.
			lines := text
			if stored != nil && t.hasBreak(n) {
				s, err := stored(n)
				if err != nil {
					return nil, err
				}
				if ls := lineRunes(s); len(ls) == len(text) {
					lines = ls
				}
			}
			k := 0
			for _, s := range sentenceSpans(lines) {
				for k < len(nodes) && nodes[k].start < s.start {
					k++
				}
				if k < len(nodes) && nodes[k].end <= s.end {
					spans = append(spans, s)
				}
			}
		case "chars":
			reach = slices.Grow(reach[:0], len(text))[:len(text)]
			clear(reach)
			for _, nd := range nodes {
				// Left: [start−N, start), each rune reaching start; right:
				// [end, end+N), each reaching end+N.
				for i := max(0, nd.start-win.Chars); i < nd.start; i++ {
					reach[i] = max(reach[i], nd.start)
				}
				for i := nd.end; i < min(len(text), nd.end+win.Chars); i++ {
					reach[i] = max(reach[i], nd.end+win.Chars)
				}
			}
			for i := 0; i < len(text); {
				if reach[i] == 0 {
					i++
					continue
				}
				j := i
				for j < len(text) && reach[j] > 0 {
					j++
				}
				spans = append(spans, span{i, j})
				i = j
			}
		}
		// Each window less the nodes, its Chinese runs appended to seq; a
		// run ends at a rune that is no Chinese character, in a node, or
		// at the window's end.
		k := 0
		for _, s := range spans {
			inRun := false
			for i := s.start; i <= s.end; i++ {
				for k < len(nodes) && nodes[k].end <= i {
					k++
				}
				inNode := k < len(nodes) && nodes[k].start <= i
				if i < s.end && !inNode && isHan(text[i]) {
					w.seq = append(w.seq, text[i])
					w.docs = append(w.docs, d)
					if win.Unit == "chars" {
						w.lim = append(w.lim, uint8(min(maxNgram, reach[i]-i)))
					}
					w.han++
					inRun = true
				} else if inRun {
					w.seq, w.docs = append(w.seq, 0), append(w.docs, d)
					if win.Unit == "chars" {
						w.lim = append(w.lim, 0)
					}
					inRun = false
				}
			}
		}
	}
	return w, nil
}

// lineRunes is s folded as the text table folds it (one rune per rune,
// white space as a space) but with its line breaks kept, as '\n'.
func lineRunes(s string) []rune {
	rs := make([]rune, 0, len(s)/2)
	for _, r := range s {
		f := fold.Rune(r)
		if classify(f) == classSpace {
			f = ' '
			if isLineBreak(r) {
				f = '\n'
			}
		}
		rs = append(rs, f)
	}
	return rs
}

// appendRunes decodes UTF-8 text into rs.
func appendRunes(rs []rune, text []byte) []rune {
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf {
			rs = append(rs, rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		rs = append(rs, r)
		i += size
	}
	return rs
}

// Association measures; see the comment at the top of the file.
func logDice(fxy, fx, fy float64) float64 { return 14 + math.Log2(2*fxy/(fx+fy)) }
func mutualInformation(fxy, fx, fy, n float64) float64 {
	return math.Log2(fxy * n / (fx * fy))
}

// listedItem is an n-gram that will be listed: its entry and the
// fragments folded into it.
type listedItem struct {
	id     int32
	text   string
	folded []string
}

// listable leaves out the query's fragments, folds fragments into the
// items that hold them (by f_xy, freqA), and keeps for the pass over the
// subcorpus only the items listed and their prefixes, which the pass
// walks through: folding needs no f_y, and the pass costs by the entries
// it holds (for 主席 by sentence at 100 MB, 37,931 of 50,196: 1.37–1.44 s
// of CPU a request to 1.21 s).
func (c *ngramCounts) listable(needles []string) []listedItem {
	var ids []int32
	var texts []string
	var freqs []int64
	for _, id := range c.kept {
		text := c.text(id)
		if slices.ContainsFunc(needles, func(q string) bool { return strings.Contains(q, text) }) {
			continue
		}
		ids, texts, freqs = append(ids, id), append(texts, text), append(freqs, c.entries[id].freqA)
	}
	root, folded := foldRoots(texts, freqs)
	for i := range c.entries {
		c.entries[i].keep = false
	}
	var items []listedItem
	for i, id := range ids {
		if root[i] >= 0 {
			continue
		}
		items = append(items, listedItem{id: id, text: texts[i], folded: folded[i]})
		for e := id; e >= 0 && !c.entries[e].keep; e = c.entries[e].prefix {
			c.entries[e].keep = true
		}
	}
	c.number()
	return items
}

// collocates scores the listed items (freqA is f_xy, freqB f_y, counted
// since listable numbered them) and returns the best limit by the
// measure.
func (c *ngramCounts) collocates(items []listedItem, req CollocatesRequest, fx, win, n float64) []Collocate {
	list := make([]Collocate, 0, len(items))
	for _, it := range items {
		e := &c.entries[it.id]
		fxy, fy := float64(e.freqA), float64(c.freqB[e.kid])
		k := Collocate{
			Text: it.text, Freq: e.freqA, CorpusFreq: c.freqB[e.kid], Docs: int(e.docsA),
			LogDice:       round3(finite(logDice(fxy, fx, fy))),
			LogLikelihood: round3(finite(logLikelihood(fxy, fy-fxy, win, n-win))),
			MI:            round3(finite(mutualInformation(fxy, fx, fy, n))),
			Folded:        []string{},
		}
		if it.folded != nil {
			k.Folded = it.folded
		}
		list = append(list, k)
	}
	score := func(k Collocate) float64 {
		switch req.Measure {
		case "ll":
			return k.LogLikelihood
		case "mi":
			return k.MI
		case "freq":
			return float64(k.Freq)
		}
		return k.LogDice
	}
	slices.SortFunc(list, func(a, b Collocate) int {
		return cmp.Or(cmp.Compare(score(b), score(a)), cmp.Compare(b.Freq, a.Freq), strings.Compare(a.Text, b.Text))
	})
	if len(list) > req.Limit {
		list = list[:req.Limit]
	}
	return list
}

// kwicQuery is the concordance query of q beside item in the window: an
// item wholly inside N characters of a node has at most N − len(item)
// characters between them. The nodes of a query of several groups (发展
// 经济) are the occurrences of any of them, so the operator stands beside
// their alternatives, after the query: 发展 经济 发展 OR 经济 NEAR/3 "item"
// (OR binds tighter than NEAR); so do they after an exclusion, which no
// operator may stand beside (发展 -改革 发展 NEAR/3 "item").
func kwicQuery(q, item string, win Window, p *plan) string {
	q = strings.TrimSpace(q)
	quoted := `"` + item + `"`
	near := q
	if p.groups > 1 || len(p.interp.Exclusions) > 0 { // a query with NEAR or 同句 has no collocates
		near = q + " " + p.anyUnit
	}
	switch win.Unit {
	case "chars":
		return near + " NEAR/" + strconv.Itoa(win.Chars-utf8.RuneCountInString(item)) + " " + quoted
	case "sentence":
		return near + " 同句 " + quoted
	}
	return q + " " + quoted
}
