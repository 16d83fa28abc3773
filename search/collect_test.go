package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// bleveOrder is the relevance order as Bleve's own collector computes it
// (score, then the order key, for every match): what topCollector must
// reproduce without reading the order key of every match.
func bleveOrder(t *testing.T, x *Index, q string) (ids []string, scores []float64) {
	t.Helper()
	p, err := makePlan(Request{Query: q}, x.opts.Limits, x.syn.Load(), nil)
	if err != nil {
		t.Fatal(err)
	}
	g := x.acquire()
	defer x.release()
	sr := bleve.NewSearchRequestOptions(p.query, 10000, 0, false)
	sr.SortBy(sortOrders["relevance"])
	res, err := g.idx.SearchInContext(context.Background(), sr)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
		scores = append(scores, h.Score)
	}
	return ids, scores
}

func TestRelevanceOrderEqualsBleveSort(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	// Frequent single characters and bigrams have many tied scores (same
	// passage length and frequency), which is where the order key decides.
	for _, q := range []string{"的", "会", "发展", "大同", "人大 代表", `"算力之城"`, "市 -的", "speaker:刘俊义"} {
		want, scores := bleveOrder(t, x, q)
		ties := 0
		for i := 1; i < len(scores); i++ {
			if scores[i] == scores[i-1] {
				ties++
			}
		}
		for _, size := range []int{1, 3, 10} {
			// By page number.
			var byPage []string
			for page := 1; (page-1)*size < len(want) && page*size <= 200; page++ {
				res := search(t, x, Request{Query: q, Page: page, Size: size})
				if res.Total != uint64(len(want)) {
					t.Fatalf("%q: total %d, Bleve %d", q, res.Total, len(want))
				}
				for _, h := range res.Hits {
					byPage = append(byPage, h.ID)
				}
			}
			if n := len(byPage); !slices.Equal(byPage, want[:n]) {
				t.Errorf("%q size %d by page: %v\nBleve: %v", q, size, byPage, want[:n])
			}
			// By cursor, to the end.
			byCursor := cursorIDs(t, x, Request{Query: q, Size: size})
			if !slices.Equal(byCursor, want) {
				t.Errorf("%q size %d by cursor (%d hits): %v\nBleve (%d hits): %v", q, size, len(byCursor), byCursor, len(want), want)
			}
		}
		t.Logf("%q: %d hits, %d tied with the one before", q, len(want), ties)
	}
}

func TestMatchesEqualsEveryHit(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	checkMatches(t, x)
	// Again with the facet table, whose ranks sort the matches instead
	// of their IDs: the same order.
	if _, err := x.PrepareCounts(); err != nil {
		t.Fatal(err)
	}
	if g := x.acquire(); g.facets.table.Load() == nil {
		x.release()
		t.Fatal("no facet table after PrepareCounts")
	}
	x.release()
	checkMatches(t, x)
	// And with a table of the snapshot before an update, which Matches
	// must not rank by: the IDs' order keys sort them again.
	g := x.acquire()
	path := filepath.Join(x.opts.Corpus, g.cat.list()[0].Path)
	x.release()
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(text, []byte("\n\n补充：推动高质量发展的新段落。\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	if sum, err := x.Update(context.Background(), nil); err != nil || sum.Changed != 1 {
		t.Fatalf("Update = %+v, %v; want one document changed", sum, err)
	}
	g = x.acquire()
	r, err := g.reader()
	if err != nil {
		x.release()
		t.Fatal(err)
	}
	stale := g.facets.table.Load()
	if stale == nil || stale.reader == r {
		t.Error("the facet table is not of an older snapshot: the stale path is not tested")
	}
	r.Close()
	x.release()
	checkMatches(t, x)
}

func checkMatches(t *testing.T, x *Index) {
	t.Helper()
	for _, q := range []string{"的", "发展", `"算力之城"`, "没有这个词语"} {
		want, _ := bleveOrder(t, x, q)
		m, err := x.Matches(context.Background(), Request{Query: q})
		if err != nil {
			t.Fatal(err)
		}
		g := x.acquire()
		sortByDocumentOrder(want, g.cat)
		x.release()
		if m.Total != uint64(len(want)) || m.Truncated || !slices.Equal(m.IDs, want) {
			t.Errorf("%q: Matches = %d %v\nwant %d %v", q, m.Total, m.IDs, len(want), want)
		}
		// Document order: dates never go backwards.
		g = x.acquire()
		for i := 1; i < len(m.IDs); i++ {
			a, b := g.cat.docs[docOfPassage(m.IDs[i-1])], g.cat.docs[docOfPassage(m.IDs[i])]
			if a.Date > b.Date {
				t.Errorf("%q: %s (%s) before %s (%s)", q, m.IDs[i-1], a.Date, m.IDs[i], b.Date)
			}
		}
		x.release()
	}
}

// TestRelevanceTiesInDocumentOrder indexes passages of one length that
// all hold the term once, so that every score ties and the order key alone
// decides the order, across pages and cursors.
func TestRelevanceTiesInDocumentOrder(t *testing.T) {
	dir := t.TempDir()
	for i := range 30 {
		var b strings.Builder
		b.WriteString("---\ntitle: 报告" + strconv.Itoa(i) + "\ndate: 2024-" + fmt.Sprintf("%02d-%02d", 1+i%12, 1+i%28) + "\n---\n\n")
		for j := range 7 {
			fmt.Fprintf(&b, "第%c段推动高质量发展。\n\n", '一'+rune(j))
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%02d.md", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	x := openTestIndex(t, dir)
	want, scores := bleveOrder(t, x, "发展")
	if len(want) != 30*7 || scores[0] != scores[len(scores)-1] {
		t.Fatalf("setup: %d hits, scores %v..%v; want 210 tied hits", len(want), scores[0], scores[len(scores)-1])
	}
	// The first pass reads order keys; by the second, the facet table of
	// the snapshot holds their ranks.
	for pass := range 2 {
		if pass == 1 {
			waitForFacetTable(t, x)
		}
		checkCursorOrder(t, x, want)
	}
	res := search(t, x, Request{Query: "发展", Page: 4, Size: 10})
	if ids := hitIDs(res.Hits); !slices.Equal(ids, want[30:40]) {
		t.Errorf("page 4: %v, want %v", ids, want[30:40])
	}
}

func checkCursorOrder(t *testing.T, x *Index, want []string) {
	t.Helper()
	for _, size := range []int{1, 7, 50} {
		if got := cursorIDs(t, x, Request{Query: "发展", Size: size}); !slices.Equal(got, want) {
			t.Errorf("size %d: %d hits in order %v\nwant %v", size, len(got), got, want)
		}
	}
}

// cursorIDs follows the cursor of req from its first page to its last and
// returns the IDs of every hit in the order served.
func cursorIDs(t *testing.T, x *Index, req Request) []string {
	t.Helper()
	var ids []string
	for {
		res := search(t, x, req)
		ids = append(ids, hitIDs(res.Hits)...)
		if res.Next == "" {
			return ids
		}
		req.After = res.Next
	}
}

func hitIDs(hs []Hit) []string {
	var ids []string
	for _, h := range hs {
		ids = append(ids, h.ID)
	}
	return ids
}
