package search

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	randv2 "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"sessionsearch/fold"
)

var propertySeed = flag.Int64("seed", 20250215, "random seed of the substring property test")

// TestSubstringProperty checks the correctness contract: a query that is a
// run of characters returns exactly the passages whose folded text
// contains it. Queries are random substrings of the corpus (so most occur)
// and random recombinations (so many do not); the oracle is a plain
// substring scan.
func TestSubstringProperty(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	ctx := context.Background()
	docs, err := x.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type passage struct{ id, folded string }
	var all []passage
	for _, d := range docs {
		v, err := x.Document(ctx, d.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range v.Passages {
			all = append(all, passage{passageID(d.ID, p.N), string(matchRunes(p.Text))})
		}
	}
	rng := rand.New(rand.NewSource(*propertySeed))
	syn := x.syn.Load()
	tried := map[string]bool{}
	checked := 0
	for i := 0; i < 1500 && checked < 400; i++ {
		src := []rune(all[rng.Intn(len(all))].folded)
		if len(src) == 0 {
			continue
		}
		n := 1 + rng.Intn(8)
		start := rng.Intn(len(src))
		end := min(len(src), start+n)
		q := src[start:end]
		if i%4 == 3 {
			// A recombination: swap two characters; often absent.
			if len(q) > 2 {
				q = append([]rune(nil), q...)
				q[0], q[len(q)-1] = q[len(q)-1], q[0]
			}
		}
		qs := string(q)
		if tried[qs] || !plainQuery(q) || len(syn.expand(fold.String(qs))) > 0 || looksLikeSession(qs) {
			continue
		}
		if !tokenEdges(src, start, end) && i%4 != 3 {
			continue
		}
		tried[qs] = true
		var want []string
		for _, p := range all {
			fp := []rune(p.folded)
			if hasWholeToken(fp, q) {
				want = append(want, p.id)
			}
		}
		sort.Strings(want)
		got := allIDs(t, x, Request{Query: qs})
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("seed %d: query %q: got %v, want %v (rerun with -seed=%d)", *propertySeed, qs, got, want, *propertySeed)
		}
		checked++
	}
	if checked < 200 {
		t.Fatalf("only %d queries checked", checked)
	}
	t.Logf("seed %d: %d queries checked against the substring oracle", *propertySeed, checked)
}

// plainQuery reports whether q is typed as one term with no syntax: no
// space, quote, operator, field prefix or foreign query syntax.
func plainQuery(q []rune) bool {
	s := string(q)
	if strings.ContainsAny(s, " \"“”「」『』＂|｜:：-－"+syntaxEdges+"/^~") || s == "OR" {
		return false
	}
	return strings.TrimSpace(s) == s && s != ""
}

// hasWholeToken is the oracle: a substring scan, where letters and digits
// at the query's edges must be whole tokens of the text.
func hasWholeToken(text, q []rune) bool {
	for i := 0; i+len(q) <= len(text); i++ {
		if hasAt(text, i, q) && tokenEdges(text, i, i+len(q)) {
			return true
		}
	}
	return false
}

// TestMatchesAgreesWithPaging: the complete result set equals what paging
// through every page returns, for frequent and rare queries and filters.
func TestMatchesAgreesWithPaging(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	for _, req := range []Request{{Query: "的"}, {Query: "发展"}, {Query: "算力之城"}, {Query: "不存在的词"}, {Query: "发展", Speaker: []string{"刘俊义"}}, {Query: "十四五"}} {
		m, err := x.Matches(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		got := append([]string(nil), m.IDs...)
		sort.Strings(got)
		want := allIDs(t, x, req)
		if strings.Join(got, ",") != strings.Join(want, ",") || m.Total != uint64(len(want)) {
			t.Errorf("Matches(%+v) = %d ids (total %d), paging gives %d", req, len(got), m.Total, len(want))
		}
		for i := 1; i < len(m.IDs); i++ {
			a, b := m.IDs[i-1], m.IDs[i]
			if a[:strings.LastIndexByte(a, ':')] == b[:strings.LastIndexByte(b, ':')] {
				na, _ := strconv.Atoi(a[strings.LastIndexByte(a, ':')+1:])
				nb, _ := strconv.Atoi(b[strings.LastIndexByte(b, ':')+1:])
				if na > nb {
					t.Errorf("Matches(%+v): %s before %s, not in document order", req, a, b)
				}
			}
		}
	}
}

// proxSeed fixes the generated corpus and queries of the proximity
// property test; it is printed when a comparison fails.
var proxSeed = flag.Uint64("proxseed", 1402, "random seed of the proximity property test")

// proxWords are the operands the proximity corpus is made of: Traditional
// and Simplified forms, overlapping words (发展, 展开, 发展开放), numbers
// that hold one another (341 in 1341, 3.41), Latin in both cases, a
// synonym group (十四五), words ending or starting with a sentence end and
// the operator words themselves as text.
var proxWords = []string{
	"算力", "数字经济", "數字經濟", "发展", "展开", "发展开放", "改革", "341", "1341", "3.41",
	"十四五", "第十四个五年规划", "AI", "ai", "算力之城", "同句", "的", "力", "发展。", "！改革",
}

var proxFillers = []string{"推动", "加快", "建设", "全面", "在新的起点上", "城乡居民收入稳步增长", "x", "5G 网络", "人", "年"}

// proxSeps stand between the pieces of a paragraph: mostly nothing, so
// that operands fall at every small distance, and every sentence end in
// its full-width, half-width and ideographic forms.
var proxSeps = []string{"", "", "", "", "，", "、", "。", "！", "？", "；", "!", "?", ";", "｡", " ", ",", "　", "：", "”", "\u2028", "\v", "\u0085", "\f"}

// proxCorpus writes Markdown documents over three years whose paragraphs
// are random runs of proxWords and proxFillers.
func proxCorpus(t testing.TB, rng *randv2.Rand, docs int) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "synonyms.yaml"), []byte("groups:\n  - [十四五, 第十四个五年规划, 十四五规划]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for d := range docs {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: 第%d号报告\ndate: %d-03-%02d\n---\n# 第%d号报告\n\n", d, 2022+rng.IntN(3), 1+rng.IntN(28), d)
		for range 2 + rng.IntN(6) {
			for k := range 3 + rng.IntN(14) {
				if k > 0 {
					b.WriteString(proxSeps[rng.IntN(len(proxSeps))])
				}
				if rng.IntN(3) > 0 {
					b.WriteString(proxWords[rng.IntN(len(proxWords))])
				} else {
					b.WriteString(proxFillers[rng.IntN(len(proxFillers))])
				}
			}
			b.WriteString("。\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("p%03d.md", d)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// proxPassage is a passage as the proximity oracle sees it.
type proxPassage struct {
	id, year string
	folded   []rune
	end      []bool // a sentence ends at the character: 。!?; or a line break
}

// proxOperand is one side of an operator, or a free term: its strings
// folded, and how the box writes it.
type proxOperand struct {
	box  string
	alts [][]rune
}

// oracleOp is an operator of the oracle: between operands[left] and operands[left+1].
type oracleOp struct {
	box      string
	within   int
	sentence bool
}

// proxCase is one generated query.
type proxCase struct {
	operands []proxOperand
	ops      []oracleOp    // ops[i] joins operands i and i+1
	free     []proxOperand // further required terms
	exclude  string        // as typed, "" for none
	year     string
}

func (c proxCase) box() string {
	var parts []string
	for i, o := range c.operands {
		if i > 0 {
			parts = append(parts, c.ops[i-1].box)
		}
		parts = append(parts, o.box)
	}
	for _, f := range c.free {
		parts = append(parts, f.box)
	}
	if c.exclude != "" {
		parts = append(parts, "-"+c.exclude)
	}
	if c.year != "" {
		parts = append(parts, "year:"+c.year)
	}
	return strings.Join(parts, " ")
}

// occurrencesOf is the oracle's scan: every [s,e) where one of alts
// stands on token edges, overlapping ones included.
func occurrencesOf(text []rune, alts [][]rune) [][2]int {
	var out [][2]int
	for _, a := range alts {
		for i := 0; i+len(a) <= len(text); i++ {
			if hasAt(text, i, a) && tokenEdges(text, i, i+len(a)) {
				out = append(out, [2]int{i, i + len(a)})
			}
		}
	}
	return out
}

// holds is the oracle for one passage: a plain reading of the documented
// rules, pair by pair.
func (c proxCase) holds(p proxPassage) bool {
	if c.year != "" && p.year != c.year {
		return false
	}
	if c.exclude != "" && hasWholeToken(p.folded, matchRunes(c.exclude)) {
		return false
	}
	for _, f := range c.free {
		if len(occurrencesOf(p.folded, f.alts)) == 0 {
			return false
		}
	}
	for i, op := range c.ops {
		found := false
		for _, x := range occurrencesOf(p.folded, c.operands[i].alts) {
			for _, y := range occurrencesOf(p.folded, c.operands[i+1].alts) {
				a, b := x, y
				if a[0] > b[0] {
					a, b = b, a
				}
				if a[1] > b[0] {
					continue // they share a character
				}
				if op.sentence {
					same := true
					for k := a[0]; k < max(a[1], b[1])-1; k++ {
						same = same && !p.end[k]
					}
					found = found || same
				} else {
					found = found || b[0]-a[1] <= op.within
				}
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// TestProximityProperty compares NEAR/N and 同句 with the oracle on
// generated text: the paged search, its total and kind facet, the
// complete match list, and the query run on the stored text without the
// text table.
func TestProximityProperty(t *testing.T) {
	rng := randv2.New(randv2.NewPCG(*proxSeed, 14))
	x := openTestIndex(t, proxCorpus(t, rng, 40))
	ctx := context.Background()
	if _, err := x.PrepareCounts(); err != nil {
		t.Fatal(err)
	}
	docs, err := x.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var all []proxPassage
	breaks := 0 // line breaks inside passages
	for _, d := range docs {
		v, err := x.Document(ctx, d.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range v.Passages {
			pp := proxPassage{id: passageID(d.ID, p.N), year: d.Date[:4], folded: matchRunes(p.Text)}
			for i, r := range []rune(p.Text) {
				f := pp.folded[i]
				pp.end = append(pp.end, f == '。' || f == '!' || f == '?' || f == ';' || isLineBreak(r))
				if isLineBreak(r) {
					breaks++
				}
			}
			all = append(all, pp)
		}
	}
	syn := x.syn.Load()
	operand := func() proxOperand {
		var s string
		if rng.IntN(5) < 3 {
			s = proxWords[rng.IntN(len(proxWords))]
		} else {
			for {
				src := all[rng.IntN(len(all))].folded
				i := rng.IntN(len(src))
				q := src[i:min(len(src), i+1+rng.IntN(4))]
				if plainQuery(q) && tokenEdges(src, i, i+len(q)) && proxOperator(string(q)) == nil && !looksLikeSession(string(q)) {
					s = string(q)
					break
				}
			}
		}
		if s == "同句" || rng.IntN(5) == 0 {
			return proxOperand{box: `"` + s + `"`, alts: [][]rune{matchRunes(s)}}
		}
		o := proxOperand{box: s, alts: [][]rune{matchRunes(s)}}
		for _, w := range syn.expand(fold.String(s)) {
			o.alts = append(o.alts, matchRunes(w))
		}
		return o
	}
	ops := []oracleOp{{box: "同句", sentence: true}, {box: "SENT", sentence: true}}
	for _, n := range []int{0, 1, 2, 3, 5, 8, 20} {
		ops = append(ops, oracleOp{box: "NEAR/" + strconv.Itoa(n), within: n})
	}
	matched, tried := 0, map[string]bool{}
	for len(tried) < 300 {
		var c proxCase
		c.operands = []proxOperand{operand(), operand()}
		c.ops = []oracleOp{ops[rng.IntN(len(ops))]}
		switch rng.IntN(8) {
		case 0: // an alternative on one side
			o := operand()
			if !strings.HasPrefix(o.box, `"`) && !strings.HasPrefix(c.operands[1].box, `"`) {
				c.operands[1].box += " OR " + o.box
				c.operands[1].alts = append(c.operands[1].alts, o.alts...)
			}
		case 1: // a chain
			c.operands = append(c.operands, operand())
			c.ops = append(c.ops, ops[rng.IntN(len(ops))])
		case 2:
			c.free = append(c.free, operand())
		case 3:
			c.exclude = proxWords[rng.IntN(len(proxWords))]
		case 4:
			c.year = strconv.Itoa(2022 + rng.IntN(3))
		}
		box := c.box()
		if tried[box] {
			continue
		}
		tried[box] = true
		var want []string
		for _, p := range all {
			if c.holds(p) {
				want = append(want, p.id)
			}
		}
		sort.Strings(want)
		if len(want) > 0 {
			matched++
		}
		req := Request{Query: box}
		got := allIDs(t, x, req)
		if !slices.Equal(got, want) {
			t.Errorf("seed %d: query %q: got %v, want %v (rerun with -proxseed=%d)", *proxSeed, box, got, want, *proxSeed)
			continue
		}
		res, err := x.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		kinds := 0
		for _, v := range res.Facets["kind"] {
			kinds += v.Count
		}
		if res.Total != uint64(len(want)) || kinds != len(want) {
			t.Errorf("seed %d: query %q: total %d, kind facet %d, want %d", *proxSeed, box, res.Total, kinds, len(want))
		}
		m, err := x.Matches(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		ids := slices.Sorted(slices.Values(m.IDs))
		if !slices.Equal(ids, want) || m.Total != uint64(len(want)) {
			t.Errorf("seed %d: query %q: matches %v (total %d), want %v", *proxSeed, box, ids, m.Total, want)
		}
		if stored := storedPathIDs(t, x, req); !slices.Equal(stored, want) {
			t.Errorf("seed %d: query %q: without the text table %v, want %v", *proxSeed, box, stored, want)
		}
	}
	if matched < 100 {
		t.Fatalf("seed %d: only %d of %d queries match anything", *proxSeed, matched, len(tried))
	}
	if breaks < 20 {
		t.Fatalf("seed %d: only %d line breaks inside passages", *proxSeed, breaks)
	}
	t.Logf("seed %d: %d proximity queries checked against the oracle, %d with matches; %d line breaks in passages", *proxSeed, len(tried), matched, breaks)
}

// storedPathIDs runs a request's query without the text table, so that
// the proximity check reads every candidate's stored text.
func storedPathIDs(t testing.TB, x *Index, req Request) []string {
	t.Helper()
	g := x.acquire()
	defer x.release()
	p, err := makePlan(req, x.opts.Limits, x.syn.Load(), g.cat.derived().names)
	if err != nil {
		t.Fatal(err)
	}
	res, err := g.idx.SearchInContext(context.Background(), bleve.NewSearchRequestOptions(p.query, 10000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	ids := []string{}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	sort.Strings(ids)
	return ids
}
