package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	bindex "github.com/blevesearch/bleve_index_api"
)

// hiddenReader hides the scorch snapshot behind the interface, so that
// visitStored takes the path of any other index reader.
type hiddenReader struct{ bindex.IndexReader }

// TestTextTableBothWays: the table read segment by segment equals the one
// read through external IDs, after deletions (a changed document).
func TestTextTableBothWays(t *testing.T) {
	dir := genCorpus(t, 30)
	x := openTestIndex(t, dir)
	// One document changed and one removed: their old passages are
	// deleted in the segments that hold them.
	if err := os.WriteFile(filepath.Join(dir, "r000.md"), []byte("---\ntitle: 改\ndate: 2022-01-01\n---\n# 改\n\n推动高质量发展。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "r001.md")); err != nil {
		t.Fatal(err)
	}
	if sum, err := x.Update(context.Background(), nil); err != nil || sum.Changed != 1 || sum.Removed != 1 {
		t.Fatalf("Update = %+v, %v; want one changed and one removed", sum, err)
	}
	g := x.acquire()
	defer x.release()
	ix, err := g.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ix.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	ft, err := buildFacetTable(r)
	if err != nil {
		t.Fatal(err)
	}
	fast, err := buildTextTable(r, ft)
	if err != nil {
		t.Fatal(err)
	}
	slow, err := buildTextTable(hiddenReader{r}, ft)
	if err != nil {
		t.Fatal(err)
	}
	if string(fast.text) != string(slow.text) || !slices.Equal(fast.start, slow.start) || !slices.Equal(fast.runes, slow.runes) || !slices.Equal(fast.han, slow.han) ||
		!slices.Equal(fast.live, slow.live) || !slices.Equal(fast.doc, slow.doc) {
		t.Errorf("the text tables differ: %d and %d bytes of text, %d and %d live", len(fast.text), len(slow.text), count(fast.live), count(slow.live))
	}
	if count(fast.live) == 0 {
		t.Error("no live passages")
	}
}

func count(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}

func TestWarmingEndsWithTablesBuilt(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	x.Warm()
	deadline := time.Now().Add(30 * time.Second)
	for x.Warming() {
		if time.Now().After(deadline) {
			t.Fatal("still warming after 30 s")
		}
		time.Sleep(time.Millisecond)
	}
	g := x.acquire()
	defer x.release()
	r, err := g.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if ft := g.facets.table.Load(); ft == nil || ft.reader != r {
		t.Error("warm, but the facet table of the live snapshot is not built")
	}
	g.texts.mu.Lock()
	defer g.texts.mu.Unlock()
	if tt := g.texts.table; tt == nil || tt.reader != r {
		t.Error("warm, but the text table of the live snapshot is not built")
	}
}
