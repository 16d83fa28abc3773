package search

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// filterRequests are filtered requests of every shape: kind, year,
// speaker and document filters alone and together, alternatives, a value
// the table does not know and one absent from the index, with words,
// phrases, single characters, AND, OR, NEAR, exclusions and date ranges,
// and filters alone. speaker and doc are values of the test corpus.
func filterRequests(speaker, doc string) []Request {
	qs := []string{
		"发展 kind:body", "发展 kind:headline", "发展 kind:body|lead", "发展 kind:lead|headline|body",
		"大同 year:2025", "发展 year:2024", "发展 year:2023|2025", "发展 kind:body year:2025",
		"发展 kind:nosuch", "发展 kind:body|nosuch", "发展 year:1999", "的 kind:body",
		"市 kind:headline", "的 year:2024 kind:body", `"算力之城" kind:body`, `"人民代表大会" year:2025`,
		"人大 代表 kind:body", "政府 工作 报告 year:2024", "大同 OR 发展 kind:body", "发展 NEAR/10 经济 kind:body",
		"发展 同句 经济 year:2025", "市 -的 kind:body", "发展 -经济 year:2024|2025", "kind:body",
		"kind:headline", "kind:body year:2025", "year:2024 kind:headline|body", "kind:nosuch year:2025",
		"speaker:" + speaker + " 发展", "speaker:" + speaker + " kind:body", "doc:" + doc + " 发展 kind:body",
		"doc:" + doc + " kind:lead|body", "topic:经济 发展 kind:body", "发展 kind:body session:大同市十六届人大五次会议",
	}
	var reqs []Request
	for _, q := range qs {
		reqs = append(reqs, Request{Query: q})
	}
	return append(reqs,
		Request{Query: "发展", Kind: []string{"body", "lead"}, Year: []string{"2025"}},
		Request{Query: "经济", Kind: []string{"body"}, From: "2024", To: "2025"},
		Request{Query: "会", Kind: []string{"body"}, From: "2025-01"},
		Request{Kind: []string{"body"}, Year: []string{"2024", "2025"}},
	)
}

// conjunctionOf is the conjunction of q's must clauses, if it has one.
func conjunctionOf(q bquery.Query) *conjunction {
	switch q := q.(type) {
	case *conjunction:
		return q
	case *boostQuery:
		return conjunctionOf(q.must)
	case *proximityQuery:
		return conjunctionOf(q.inner)
	case *bquery.BooleanQuery:
		if c, ok := q.Must.(*bquery.ConjunctionQuery); ok && len(c.Conjuncts) == 1 {
			return conjunctionOf(c.Conjuncts[0])
		}
	}
	return nil
}

// tableSnapshot opens the test corpus and holds its generation and a
// reader of its snapshot until the test ends, with the two ways of
// searching it (phrasePaths: with the snapshot's facet table, which it
// returns, and without a table).
func tableSnapshot(t *testing.T) (*Index, *generation, bindex.IndexReader, []struct {
	name string
	ctx  context.Context
}, *facetTable) {
	t.Helper()
	x := openTestIndex(t, copyCorpus(t))
	paths := phrasePaths(t, x)
	g := x.acquire()
	t.Cleanup(x.release)
	r, err := g.reader()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	ft := facetTableOf(paths[0].ctx, r)
	if ft == nil || facetTableOf(paths[1].ctx, r) != nil {
		t.Fatal("the paths do not differ by their facet table")
	}
	return x, g, r, paths, ft
}

// TestFacetFiltersEqualBleve: answered from the facet table, filters give
// the hits, order, scores to the last bit, totals and facets that Bleve's
// conjunction gives reading their posting lists, scored and unscored (the
// complete result sets); and the index's Search and Matches, which use the
// table once it is built, give what Bleve gives.
func TestFacetFiltersEqualBleve(t *testing.T) {
	x, g, r, paths, ft := tableSnapshot(t)
	speakers := ft.column("speaker").names
	if len(speakers) == 0 {
		t.Fatal("no speaker in the test corpus")
	}
	// One value per passage in every column the table answers filters of.
	for key := range facetFilterKeys {
		c := ft.column(key)
		for num := 0; num+1 < len(c.start); num++ {
			if n := len(c.of(uint64(num))); n > 1 {
				t.Fatalf("passage %d has %d values of %s", num, n, key)
			}
		}
	}
	reqs := filterRequests(speakers[0], ft.column("doc").names[0])
	fromTable := 0
	for _, req := range reqs {
		p, err := makePlan(req, x.opts.Limits, x.syn.Load(), nil)
		if err != nil {
			t.Fatalf("%+v: %v", req, err)
		}
		if c := conjunctionOf(p.query); c != nil {
			s, err := c.Searcher(paths[0].ctx, r, g.idx.Mapping(), bsearch.SearcherOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := s.(*filterConjunction); ok {
				fromTable++
			}
			s.Close()
			s, err = c.Searcher(paths[1].ctx, r, g.idx.Mapping(), bsearch.SearcherOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := s.(*filterConjunction); ok {
				t.Errorf("%+v: answered from the table without one", req)
			}
			s.Close()
		}
		run := func(ctx context.Context, scored bool) *bleve.SearchResult {
			sr := bleve.NewSearchRequestOptions(p.query, 10000, 0, false)
			sr.SortBy([]string{"-_score", fieldOrder})
			if !scored {
				sr.Score = bleve.ScoreNone
				sr.SortBy([]string{fieldOrder})
			}
			for _, f := range facetFields {
				sr.AddFacet(f.name, bleve.NewFacetRequest(f.field, 1000))
			}
			res, err := g.idx.SearchInContext(ctx, sr)
			if err != nil {
				t.Fatalf("%+v: %v", req, err)
			}
			return res
		}
		for _, scored := range []bool{true, false} {
			got, want := run(paths[0].ctx, scored), run(paths[1].ctx, scored)
			if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
				t.Errorf("%+v scored %v: %d hits (%d), without the table %d (%d)", req, scored, got.Total, len(got.Hits), want.Total, len(want.Hits))
				continue
			}
			for i, h := range got.Hits {
				if w := want.Hits[i]; h.ID != w.ID || scored && h.Score != w.Score {
					t.Errorf("%+v scored %v: hit %d is %s %v, without the table %s %v", req, scored, i, h.ID, h.Score, w.ID, w.Score)
					break
				}
			}
			if !reflect.DeepEqual(got.Facets, want.Facets) {
				t.Errorf("%+v scored %v: the facets differ", req, scored)
			}
		}
		want := run(paths[1].ctx, true)
		// The index's own paths, with its table built.
		req.Size = 100
		res, err := x.Search(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want.Total {
			t.Errorf("%+v: Search finds %d, Bleve %d", req, res.Total, want.Total)
		}
		for i, h := range res.Hits {
			if i >= len(want.Hits) || h.ID != want.Hits[i].ID || h.Score != want.Hits[i].Score {
				t.Errorf("%+v: Search's hit %d is %s %v, not Bleve's", req, i, h.ID, h.Score)
				break
			}
		}
		ml, err := x.Matches(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range want.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		got := slices.Clone(ml.IDs)
		slices.Sort(got)
		if ml.Total != want.Total || !slices.Equal(got, ids) {
			t.Errorf("%+v: Matches gives %d passages, Bleve %d", req, ml.Total, want.Total)
		}
	}
	t.Logf("%d of %d from the table", fromTable, len(reqs))
	if fromTable < 20 {
		t.Fatalf("only %d of %d requests answered from the table", fromTable, len(reqs))
	}
}

// TestFacetFiltersFallBack: with no facet table, or the table of another
// snapshot, or for a filter that most passages fail, a filtered query runs
// Bleve's conjunction over posting lists.
func TestFacetFiltersFallBack(t *testing.T) {
	x, g, r, paths, ft := tableSnapshot(t)
	stale := withTable(context.Background(), &textTable{facets: &facetTable{cols: ft.cols}})
	conj := func(q string) *conjunction {
		p, err := makePlan(Request{Query: q}, x.opts.Limits, x.syn.Load(), nil)
		if err != nil {
			t.Fatal(err)
		}
		c := conjunctionOf(p.query)
		if c == nil {
			t.Fatalf("%s: no conjunction in the plan", q)
		}
		return c
	}
	body, headline := conj("发展 kind:body"), conj("发展 kind:headline")
	for _, tc := range []struct {
		name  string
		c     *conjunction
		ctx   context.Context
		table bool
	}{
		{"current table", body, paths[0].ctx, true}, {"no table", body, context.Background(), false},
		{"stale table", body, stale, false}, {"a filter most passages fail", headline, paths[0].ctx, false},
	} {
		s, err := tc.c.Searcher(tc.ctx, r, g.idx.Mapping(), bsearch.SearcherOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, fromTable := s.(*filterConjunction)
		_, bleves := s.(*searcher.ConjunctionSearcher)
		if fromTable != tc.table || bleves == tc.table {
			t.Errorf("%s: the searcher is %T", tc.name, s)
		}
		s.Close()
	}
}
