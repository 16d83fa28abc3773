package search

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"sessionsearch/indexer"
)

func TestStoredFormRoundTrip(t *testing.T) {
	full := indexer.Passage{
		N: 7, Kind: indexer.KindBody, Text: "丁国华说，要发展。", Speaker: "丁国华", SpeakerRole: "主任",
		People:   []indexer.Person{{Name: "丁国华", Affiliation: "市人大", Role: "主任"}},
		Topics:   []string{"算力"},
		Sessions: []indexer.Session{{Place: "大同市", Level: "市", Body: "人大", Term: 16, Number: 5, Name: "大同市第十六届人民代表大会第五次会议"}},
	}
	bare := indexer.Passage{N: 1, Text: "标题", People: []indexer.Person{}, Topics: []string{}, Sessions: []indexer.Session{}}
	for _, p := range []indexer.Passage{full, bare} {
		b, err := encodeStored(&p)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeStored(b)
		if err != nil || !reflect.DeepEqual(got, p) {
			t.Errorf("round trip of %+v via %s: %+v, %v", p, b, got, err)
		}
		sameText(t, b)
	}
	// Every cut of a blob is an error, never a panic or a wrong passage.
	b, _ := encodeStored(&full)
	for n := range len(b) {
		if _, err := decodeStored(b[:n]); err == nil {
			t.Errorf("a blob cut to %d of %d bytes decoded without error", n, len(b))
		}
		sameText(t, b[:n])
	}
	if _, err := decodeStored(append(b, 0)); err == nil {
		t.Error("a blob with a trailing byte decoded without error")
	}
	sameText(t, append(b, 0))
}

// sameText checks that storedText reads what decodeStored reads of b: the
// same text, or an error where it fails.
func sameText(t *testing.T, b []byte) {
	t.Helper()
	p, err := decodeStored(b)
	text, terr := storedText([]byte("prefix"), b)
	if (err != nil) != (terr != nil) {
		t.Fatalf("blob %q: decodeStored error %v, storedText error %v", b, err, terr)
	}
	if err == nil && string(text) != "prefix"+p.Text {
		t.Fatalf("blob %q: storedText %q, decodeStored's text %q", b, text, p.Text)
	}
}

func FuzzDecodeStored(f *testing.F) {
	b, _ := encodeStored(&indexer.Passage{N: 3, Text: "发展", Topics: []string{"a"}})
	f.Add(b)
	f.Add([]byte{1, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		sameText(t, b)
		p, err := decodeStored(b)
		if err != nil {
			return
		}
		again, _ := encodeStored(&p)
		if q, err := decodeStored(again); err != nil || !reflect.DeepEqual(p, q) {
			t.Errorf("decode(encode(%+v)) = %+v, %v", p, q, err)
		}
	})
}

// TestChangedMappingRebuilds: an index written under an older mapping
// version (here the one whose text field stored locations) is rebuilt by
// the next update, and phrases find what they found before.
func TestChangedMappingRebuilds(t *testing.T) {
	corpus := copyCorpus(t)
	dir := filepath.Join(t.TempDir(), "index")
	ctx := context.Background()
	x, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x.Update(ctx, nil); err != nil {
		t.Fatal(err)
	}
	want := search(t, x, Request{Query: `"人民代表大会"`}).Total
	if want == 0 {
		t.Fatal("人民代表大会 is not in the corpus")
	}
	const old = "11/" + indexer.Version
	// Written as an update writes its meta, and waited for until it is
	// on disk: a bare SetInternal returns before it is persisted, and the
	// close that follows did not always persist it.
	g := x.acquire()
	m := g.cat.meta
	m.Mapping = old
	err = persistBarrier(ctx, g.idx, g.idx.NewBatch(), m, g.cat, loadFileStats(g.idx))
	x.release()
	if err != nil {
		t.Fatal(err)
	}
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}

	y, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	mappingOf := func() string {
		g := y.acquire()
		defer y.release()
		return g.cat.meta.Mapping
	}
	if got := mappingOf(); got != old {
		t.Fatalf("the reopened index has mapping %q, want the old %q", got, old)
	}
	sum, err := y.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Rebuilt {
		t.Errorf("an index of mapping %q was not rebuilt: %+v", old, sum)
	}
	if got := mappingOf(); got != mappingVersion {
		t.Errorf("after the update the mapping is %q, want %q", got, mappingVersion)
	}
	if got := search(t, y, Request{Query: `"人民代表大会"`}).Total; got != want {
		t.Errorf("after the rebuild, 人民代表大会 has %d hits, want %d", got, want)
	}
}
