package search

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"testing"
	"time"
)

// facetsOfSearch runs req with an empty facet cache and returns its facets.
func facetsOfSearch(t *testing.T, x *Index, req Request) Facets {
	t.Helper()
	x.cache.clear()
	return search(t, x, req).Facets
}

// TestFacetTableEqualsBleveFacets compares the three ways facets are
// counted: Bleve's terms facets (the date sorts), the doc values per match
// (relevance, before the table is built) and the facet table.
func TestFacetTableEqualsBleveFacets(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	// A phrase search on a snapshot without its text table starts
	// building one, and with it a facet table: the text table is built
	// first, so that no search builds a facet table but the relevance
	// searches below.
	if _, err := x.PrepareCounts(); err != nil {
		t.Fatal(err)
	}
	g := x.acquire()
	g.facets.table.Store(nil)
	x.release()
	queries := []Request{
		{Query: "的"}, {Query: "发展"}, {Query: "人大 代表"}, {Query: `"算力之城"`},
		{Query: "没有这个词语"}, {Query: "会", Kind: []string{"body"}}, {Query: "speaker:刘俊义"},
	}
	var byDocValues []Facets
	for i, q := range queries {
		q.Sort = "date"
		bleveFacets := facetsOfSearch(t, x, q)
		q.Sort = ""
		g := x.acquire()
		built := g.facets.table.Load() != nil
		x.release()
		if built {
			t.Fatal("the facet table exists before any relevance search")
		}
		f := facetsOfSearch(t, x, q)
		if !reflect.DeepEqual(f, bleveFacets) {
			t.Errorf("%+v: facets from doc values\n%v\nBleve's\n%v", q, f, bleveFacets)
		}
		byDocValues = append(byDocValues, f)
		waitForFacetTable(t, x)
		if i < len(queries)-1 {
			g = x.acquire()
			g.facets.table.Store(nil) // the next query counts from doc values again
			x.release()
		}
	}

	// The table is the one of the snapshot every search reads.
	g = x.acquire()
	tbl := g.facets.table.Load()
	ix, _ := g.idx.Advanced()
	r, err := ix.Reader()
	if err != nil {
		t.Fatal(err)
	}
	fc, err := newFacetCounter(r, tbl)
	r.Close()
	x.release()
	if err != nil || fc.table == nil {
		t.Fatalf("a new reader of the same snapshot does not use the table (err %v)", err)
	}
	for i, q := range queries {
		if f := facetsOfSearch(t, x, q); !reflect.DeepEqual(f, byDocValues[i]) {
			t.Errorf("%+v: facets from the table\n%v\nfrom doc values\n%v", q, f, byDocValues[i])
		}
	}
	// After an update the snapshot changes and the old table is not used.
	if _, err := x.Update(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if f := facetsOfSearch(t, x, queries[1]); !reflect.DeepEqual(f, byDocValues[1]) {
		t.Errorf("after an update: %v, want %v", f, byDocValues[1])
	}
}

func waitForFacetTable(t *testing.T, x *Index) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		g := x.acquire()
		ok := g.facets.table.Load() != nil && !g.facets.building.Load()
		x.release()
		if ok {
			return
		}
	}
	t.Fatal("the facet table was not built within 10 s")
}

// TestTopValuesEqualsSortAndCut: keeping the k best values as they come
// gives what sorting every value and keeping the first k gives, with many
// tied counts and more values than k.
func TestTopValuesEqualsSortAndCut(t *testing.T) {
	rng := rand.New(rand.NewSource(20250215))
	for round := range 300 {
		n, k := rng.Intn(200), 1+rng.Intn(60)
		var all []FacetValue
		top := topValues{k: k}
		for _, j := range rng.Perm(n) {
			v := FacetValue{Value: fmt.Sprintf("v%03d", j), Count: 1 + rng.Intn(5)}
			all = append(all, v)
			top.offer(v.Value, v.Count)
		}
		slices.SortFunc(all, facetOrder)
		want := all[:min(k, len(all))]
		if !slices.Equal(top.vals, want) {
			t.Fatalf("round %d (n %d, k %d):\n%v\nwant\n%v", round, n, k, top.vals, want)
		}
	}
}
