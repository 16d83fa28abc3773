package search

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// boltFree opens a closed generation's root.bolt and returns its size and
// its free bytes.
func boltFree(t *testing.T, gen string) (size, free int64) {
	t.Helper()
	p := filepath.Join(gen, "store", "root.bolt")
	db, err := bolt.Open(p, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size(), int64(db.Stats().FreePageN) * int64(db.Info().PageSize)
}

// bloat writes a large value into the closed generation's root.bolt and
// deletes it, leaving free pages behind, as the persists of a bulk load
// leave them.
func bloat(t *testing.T, gen string, n int) {
	t.Helper()
	db, err := bolt.Open(filepath.Join(gen, "store", "root.bolt"), 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucket([]byte("bloat"))
		if err != nil {
			return err
		}
		return b.Put([]byte("v"), make([]byte, n))
	}); err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error { return tx.DeleteBucket([]byte("bloat")) }); err != nil {
		t.Fatal(err)
	}
}

func TestCloseCompactsRootBolt(t *testing.T) {
	corpus := copyCorpus(t)
	ctx := context.Background()
	x, dir, sum := indexIn(t, corpus)
	want := search(t, x, Request{Query: "的"}).Total
	written := x.gen.cat.list()
	gen := filepath.Join(dir, x.gen.name)
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	clean, _ := boltFree(t, gen)
	bloat(t, gen, 8<<20)
	size, bloated := boltFree(t, gen)
	if bloated < 8<<20 {
		t.Fatalf("root.bolt has %d free bytes after the bloat, want at least 8 MiB", bloated)
	}
	// A copy left by a crash during an earlier rewrite is replaced.
	tmp := filepath.Join(gen, "store", "root.bolt.compact")
	if err := os.WriteFile(tmp, []byte("half a copy"), 0o600); err != nil {
		t.Fatal(err)
	}

	// Opened and closed by a writer, the generation is compacted.
	y, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	if err := y.Close(); err != nil {
		t.Fatal(err)
	}
	after, free := boltFree(t, gen)
	if after > clean || after >= size-8<<20 || free >= compactMinFree {
		t.Errorf("root.bolt after Close: %d bytes, %d free; was %d with %d free, %d before the bloat", after, free, size, bloated, clean)
	}
	if _, err := os.Stat(tmp); !os.IsNotExist(err) {
		t.Errorf("%s is still there (%v)", tmp, err)
	}
	// Nothing to reclaim: the file is left as it is.
	if b, a, err := compactStore(gen); err != nil || a != b || b != after {
		t.Errorf("compacting again: %d -> %d bytes, %v; want %d unchanged", b, a, err, after)
	}

	// Everything is read back as it was written.
	z, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if got := z.gen.cat.list(); !reflect.DeepEqual(got, written) {
		t.Errorf("after compacting, the catalog differs:\n%#v\nwant\n%#v", got, written)
	}
	if got := search(t, z, Request{Query: "的"}).Total; got != want {
		t.Errorf("after compacting, 的 has %d hits, want %d", got, want)
	}
	again, err := z.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != sum.Documents || again.Added+again.Changed+again.Removed != 0 {
		t.Errorf("update after compacting redid work: %+v", again)
	}
}

func TestRebuildCompactsRootBolt(t *testing.T) {
	defer func(n int64) { compactMinFree = n }(compactMinFree)
	corpus := copyCorpus(t)
	// rebuiltFree is the free space in root.bolt of a generation rebuilt
	// with compactMinFree at min (and closed without compacting it).
	rebuiltFree := func(min int64) int64 {
		x, err := Open(filepath.Join(t.TempDir(), "index"), Options{Corpus: corpus})
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if _, err := x.Update(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		want := search(t, x, Request{Query: "的"}).Total
		compactMinFree = min
		if _, err := x.Rebuild(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		if got := search(t, x, Request{Query: "的"}).Total; got != want {
			t.Errorf("after the rebuild, 的 has %d hits, want %d", got, want)
		}
		gen := filepath.Join(x.dir, x.gen.name)
		compactMinFree = 1 << 62
		if err := x.Close(); err != nil {
			t.Fatal(err)
		}
		_, free := boltFree(t, gen)
		return free
	}
	// The test corpus's catalog is small: with no threshold, every free
	// page is reclaimed. (Bleve writes again on reopening the compacted
	// generation, which frees a few pages.)
	kept, compacted := rebuiltFree(1<<62), rebuiltFree(0)
	if compacted >= kept {
		t.Errorf("free bytes in root.bolt of a rebuilt generation: %d compacted, %d not", compacted, kept)
	}
	t.Logf("free bytes in root.bolt of a rebuilt generation: %d compacted, %d not", compacted, kept)
}
