package search

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
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
	if !slices.EqualFunc(fast.chunks, slow.chunks, bytes.Equal) || !slices.Equal(fast.start, slow.start) || !slices.Equal(fast.runes, slow.runes) || !slices.Equal(fast.han, slow.han) ||
		!slices.Equal(fast.live, slow.live) || !slices.Equal(fast.doc, slow.doc) {
		t.Errorf("the text tables differ: %d and %d bytes of text, %d and %d live", fast.bytes, slow.bytes, count(fast.live), count(slow.live))
	}
	// Each passage's text is its stored text folded as snippets fold it,
	// with its characters counted.
	if err := visitStored(r, func(num uint64, blob []byte) error {
		p, err := decodeStored(blob)
		if err != nil {
			if fast.live[num] {
				t.Errorf("%d is live and no passage", num)
			}
			return nil
		}
		rs := matchRunes(p.Text)
		han := 0
		for _, r := range rs {
			if isHan(r) {
				han++
			}
		}
		if got := fast.passageText(num); string(got) != string(rs) || fast.runes[num] != uint32(len(rs)) || fast.han[num] != uint32(han) {
			t.Errorf("passage %d: %q, %d runes, %d Chinese; want %q, %d, %d", num, got, fast.runes[num], fast.han[num], string(rs), len(rs), han)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if count(fast.live) == 0 {
		t.Error("no live passages")
	}
}

// tableOf is a text table of live passages with these folded texts, of
// the documents docs.
func tableOf(docs []int32, texts ...string) *textTable {
	t := &textTable{doc: docs}
	for _, s := range texts {
		t.start = append(t.start, t.place([]byte(s)))
		t.live = append(t.live, true)
	}
	t.start = append(t.start, t.end)
	return t
}

// TestTextTableChunks: every passage reads back whole wherever it falls:
// at a chunk's end, in a new chunk, over a chunk's size, empty between
// them.
func TestTextTableChunks(t *testing.T) {
	var texts []string
	long := strings.Repeat("发展", textChunk/3) // 2 MiB: two fill a chunk but for 4 bytes
	texts = append(texts, "", long, long, "甲乙", "", strings.Repeat("a", textChunk-len("甲乙")), "", "丙",
		strings.Repeat("丁", textChunk), "", "", "戊", strings.Repeat("b", 3*textChunk), "")
	for i := range 50 {
		texts = append(texts, strings.Repeat("己", i*1000))
	}
	tt := tableOf(nil, texts...)
	held := 0
	for i, want := range texts {
		if got := tt.passageText(uint64(i)); string(got) != want {
			t.Fatalf("passage %d: %d bytes back, want %d", i, len(got), len(want))
		}
		held += len(want)
	}
	if tt.bytes != held {
		t.Errorf("%d bytes held, want %d", tt.bytes, held)
	}
	if tt.passageText(uint64(len(texts))) != nil {
		t.Error("a passage past the last")
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
