package search

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// damages are the ways an index on disk is found broken: each gets the
// live generation's directory and breaks one file.
var damages = []struct {
	name   string
	reason string // in Damage.Reason
	damage func(t *testing.T, gen string)
}{
	{"segment cut in half", "zap is cut or corrupt", func(t *testing.T, gen string) { cutFile(t, oneSegment(t, gen), 0.5) }},
	{"segment missing", "zap is missing", func(t *testing.T, gen string) { removeFile(t, oneSegment(t, gen)) }},
	{"root.bolt cut", "store/root.bolt is cut", func(t *testing.T, gen string) {
		// Cut in the middle of the pages in use (the file is larger:
		// bbolt grows it ahead).
		path := filepath.Join(gen, "store", "root.bolt")
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Truncate(path, int64(boltSize(b)/2)); err != nil {
			t.Fatal(err)
		}
	}},
	{"root.bolt empty", "store/root.bolt is cut (0 of", func(t *testing.T, gen string) { cutFile(t, filepath.Join(gen, "store", "root.bolt"), 0) }},
	{"index_meta.json cut", "index_meta.json is cut or corrupt", func(t *testing.T, gen string) { cutFile(t, filepath.Join(gen, "index_meta.json"), 0.5) }},
	{"index_meta.json missing", "index_meta.json is missing", func(t *testing.T, gen string) { removeFile(t, filepath.Join(gen, "index_meta.json")) }},
	{"meta broken", "reading index meta", func(t *testing.T, gen string) {
		writeBatch(t, gen, func(b *bleve.Batch) { b.SetInternal([]byte(metaKey), []byte(`{"mapping":`)) })
	}},
	{"catalog and a document record broken", "document record d:broken", func(t *testing.T, gen string) {
		writeBatch(t, gen, func(b *bleve.Batch) {
			b.SetInternal([]byte(catalogKey), []byte(`[{"id":`))
			// A record without its stored form: the catalog cannot be
			// read from the records either.
			d, _ := recordDocument(&DocumentInfo{ID: "broken"})
			d.Fields = d.Fields[:1]
			if err := b.IndexAdvanced(d); err != nil {
				t.Fatal(err)
			}
		})
	}},
	{"CURRENT corrupt", "CURRENT is cut or corrupt", func(t *testing.T, gen string) {
		if err := os.WriteFile(filepath.Join(filepath.Dir(gen), currentFile), []byte("ge"), 0o644); err != nil {
			t.Fatal(err)
		}
	}},
	{"generation missing", "its directory is missing", func(t *testing.T, gen string) {
		if err := os.RemoveAll(gen); err != nil {
			t.Fatal(err)
		}
	}},
}

func oneSegment(t *testing.T, gen string) string {
	t.Helper()
	// The newest: a merged-away segment whose file is not yet deleted
	// may still be there, and damaging it would damage nothing.
	zaps, _ := filepath.Glob(filepath.Join(gen, "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatalf("no segment in %s", gen)
	}
	return zaps[len(zaps)-1]
}

func cutFile(t *testing.T, path string, keep float64) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, int64(float64(st.Size())*keep)); err != nil {
		t.Fatal(err)
	}
}

func removeFile(t *testing.T, path string) {
	t.Helper()
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
}

// writeBatch applies one batch to the generation at path and waits until
// it is on disk.
func writeBatch(t *testing.T, gen string, fill func(*bleve.Batch)) {
	t.Helper()
	idx, err := bleve.OpenUsing(gen, scorchConfig(false))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	b := idx.NewBatch()
	fill(b)
	done := make(chan error, 1)
	b.SetPersistedCallback(func(err error) { done <- err })
	if err := idx.Batch(b); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// buildIndex indexes corpus into dir and returns the live generation's
// path and the number of hits of q.
func buildIndex(t *testing.T, dir, corpus, q string) (string, uint64) {
	t.Helper()
	x, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if _, err := x.Update(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	name, err := readCurrent(dir)
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, name), search(t, x, Request{Query: q}).Total
}

func TestDamagedIndexHeals(t *testing.T) {
	corpus := copyCorpus(t)
	const q = "算力之城"
	for _, tt := range damages {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			gen, want := buildIndex(t, dir, corpus, q)
			if want == 0 {
				t.Fatalf("%s: no hits before the damage", q)
			}
			tt.damage(t, gen)

			// A reader is told what to do. It opens a copy: bbolt's panic
			// on a cut root.bolt leaves the file open and locked in this
			// process, as it would in a `search` process that then exits.
			ro := dir + "-copy"
			if err := os.CopyFS(ro, os.DirFS(dir)); err != nil {
				t.Fatal(err)
			}
			r, err := Open(ro, Options{Corpus: corpus, ReadOnly: true})
			if err == nil {
				r.Close()
			}
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "run `sessionsearch index`") || strings.Contains(err.Error(), "\n") {
				t.Errorf("read-only Open: err = %v, want one line of ErrDamaged saying to run `sessionsearch index`", err)
			}

			// A writer sets the generation aside and starts empty.
			x, err := Open(dir, Options{Corpus: corpus})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer x.Close()
			d := x.Damaged()
			if d == nil {
				t.Fatal("Damaged() = nil after opening a damaged index")
			}
			t.Logf("%s", d)
			if !strings.Contains(d.Reason, tt.reason) {
				t.Errorf("Reason = %q, want it to say %q", d.Reason, tt.reason)
			}
			if tt.name != "generation missing" {
				if want := filepath.Join(dir, damagedPrefix+filepath.Base(gen)); d.MovedTo != want {
					t.Errorf("MovedTo = %q, want %q", d.MovedTo, want)
				}
				if _, err := os.Stat(d.MovedTo); err != nil {
					t.Errorf("the damaged generation is not kept: %v", err)
				}
			}
			if !x.Empty() {
				t.Error("the index is not empty after setting the damage aside")
			}
			if _, err := x.Update(context.Background(), nil); err != nil {
				t.Fatalf("Update after the damage: %v", err)
			}
			if got := search(t, x, Request{Query: q}).Total; got != want {
				t.Errorf("%s after the rebuild: %d hits, want %d", q, got, want)
			}
			x.Close()

			// Opened again: clean, and the damaged generation is still kept.
			y, err := Open(dir, Options{Corpus: corpus, ReadOnly: true})
			if err != nil {
				t.Fatalf("Open after the rebuild: %v", err)
			}
			y.Close()
			if d.MovedTo != "" {
				if _, err := os.Stat(d.MovedTo); err != nil {
					t.Errorf("the damaged generation was removed on reopening: %v", err)
				}
			}
		})
	}
}

// A catalog blob that cannot be read is not damage: the document records
// hold the same, and Open reads them instead.
func TestBrokenCatalogBlobReadsRecords(t *testing.T) {
	for name, cut := range map[string]func([]byte) []byte{
		"cut JSON":   func([]byte) []byte { return []byte(`[{"id":`) },
		"cut binary": func(b []byte) []byte { return b[:len(b)/2] },
	} {
		t.Run(name, func(t *testing.T) {
			corpus := copyCorpus(t)
			dir := filepath.Join(t.TempDir(), "index")
			gen, want := buildIndex(t, dir, corpus, "算力之城")
			idx, err := bleve.OpenUsing(gen, scorchConfig(true))
			if err != nil {
				t.Fatal(err)
			}
			blob, err := idx.GetInternal([]byte(catalogKey))
			idx.Close()
			if err != nil || len(blob) == 0 || blob[0] != catalogVersion {
				t.Fatalf("the catalog blob: %.8q, %v", blob, err)
			}
			written, _ := decodeCatalog(blob)
			broken := cut(blob)
			writeBatch(t, gen, func(b *bleve.Batch) { b.SetInternal([]byte(catalogKey), broken) })
			x, err := Open(dir, Options{Corpus: corpus})
			if err != nil {
				t.Fatal(err)
			}
			defer x.Close()
			if d := x.Damaged(); d != nil {
				t.Errorf("Damaged() = %v, want nil", d)
			}
			if b, _ := x.gen.idx.GetInternal([]byte(catalogKey)); !bytes.Equal(b, broken) {
				t.Fatalf("the catalog blob was not broken: %.20q", b)
			}
			if got := x.gen.cat.list(); !reflect.DeepEqual(got, written) {
				t.Errorf("the catalog read from the records is\n%#v\nwant\n%#v", got, written)
			}
			if got := search(t, x, Request{Query: "算力之城"}).Total; got != want {
				t.Errorf("算力之城: %d hits, want %d", got, want)
			}
			sum, err := x.Update(context.Background(), nil)
			if err != nil {
				t.Fatal(err)
			}
			if sum.Added+sum.Changed+sum.Removed != 0 {
				t.Errorf("update after reading the records: %+v, want nothing to do", sum)
			}
		})
	}
}
