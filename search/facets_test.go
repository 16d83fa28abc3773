package search

import (
	"context"
	"errors"
	"fmt"
	"math/rand"
	"reflect"
	"slices"
	"strings"
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

// TestChosenFacets: a request that names its facets gets those, with the
// counts of the whole set; the cached whole is not cut; an unknown name is
// an error naming the ones there are.
func TestChosenFacets(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	all := facetsOfSearch(t, x, Request{Query: "发展"})
	if len(all["kind"]) == 0 || len(all["place"]) == 0 {
		t.Fatalf("发展: facets %v, want kind and place values", all)
	}
	for _, names := range [][]string{{"kind", "year"}, {"place"}, {}} {
		for _, cached := range []bool{false, true} {
			if !cached {
				x.cache.clear()
			}
			got := search(t, x, Request{Query: "发展", Facets: names}).Facets
			want := Facets{}
			for _, n := range names {
				want[n] = all[n]
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("facets %v (cached %v): %v, want %v", names, cached, got, want)
			}
		}
	}
	if got := search(t, x, Request{Query: "发展"}).Facets; !reflect.DeepEqual(got, all) {
		t.Errorf("after chosen facets, the whole set is %v, want %v", got, all)
	}
	_, err := x.Search(context.Background(), Request{Query: "发展", Facets: []string{"kind", "colour"}})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrInvalid) || !strings.Contains(e.Msg, `"colour"`) || !strings.Contains(e.Msg, "place, level") {
		t.Errorf("unknown facet: %v, want an invalid-request error naming it and the facets", err)
	}
}
