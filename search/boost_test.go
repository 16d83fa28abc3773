package search

import (
	"math/rand"
	"testing"
)

// TestBoostSearcherEqualsBleveBoolean: for every kind of query the search
// box makes (single characters, words, phrases, several terms with the
// adjacent-phrase clause, filters, exclusions, headline words), the boost
// searcher matches the passages Bleve's boolean searcher matches, with the
// same scores to the last bit, so that ranking and cursors do not change.
func TestBoostSearcherEqualsBleveBoolean(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	queries := []string{
		"的", "会", "市", "大同", "发展", "人大 代表", "算力 之城", `"算力之城"`,
		"丁国华", "市 -的", "发展 kind:body", "大同 year:2025", "民生实事",
		"speaker:刘俊义 发展", "人民代表大会", "2025年", "第5次", "没有这个词语",
		"开幕 大会", "政府 工作 报告", "大同 OR 发展", "3.5%",
	}
	// Plus words cut from the corpus's own text, two to five characters.
	rng := rand.New(rand.NewSource(20250215))
	texts := passageTexts(t, x)
	for len(queries) < 80 {
		src := texts[rng.Intn(len(texts))]
		if len(src) < 5 {
			continue
		}
		i := rng.Intn(len(src) - 4)
		n := 2 + rng.Intn(4)
		q := string(src[i : i+n])
		if rng.Intn(3) == 0 {
			q = string(src[i:i+2]) + " " + string(src[i+2:i+n+1])
		}
		queries = append(queries, q)
	}
	// Both with the facet table, which answers the headline clauses, and
	// without, when they advance their posting lists.
	paths := phrasePaths(t, x)
	g := x.acquire()
	r, err := g.reader()
	if err != nil {
		t.Fatal(err)
	}
	if facetTableOf(paths[0].ctx, r) == nil || facetTableOf(paths[1].ctx, r) != nil {
		t.Fatal("the paths do not differ by their facet table")
	}
	r.Close()
	x.release()
	compared := 0
	for _, q := range queries {
		p, err := makePlan(Request{Query: q}, x.opts.Limits, x.syn.Load(), nil)
		if err != nil {
			continue // a cut that is not a valid query, such as a lone quote
		}
		bq, ok := p.query.(*boostQuery)
		if !ok {
			t.Fatalf("%q: plan is %T, not a boost query", q, p.query)
		}
		compared++
		want := scoresOf(t, x, bq.booleanForm())
		for _, path := range paths {
			g := x.acquire()
			got := scoresIn(t, path.ctx, g.idx, bq)
			x.release()
			if len(got) != len(want) {
				t.Errorf("%q, %s: %d passages, Bleve %d", q, path.name, len(got), len(want))
				continue
			}
			for id, w := range want {
				if g, ok := got[id]; !ok || g != w {
					t.Errorf("%q, %s: passage %s score %v (found %v), Bleve %v", q, path.name, id, g, ok, w)
				}
			}
		}
	}
	if compared < 60 {
		t.Fatalf("only %d queries compared", compared)
	}
}
