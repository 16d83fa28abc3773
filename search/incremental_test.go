package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// ageCorpus sets every file's modification time an hour back, as for a
// corpus written long before it is indexed.
func ageCorpus(t *testing.T, corpus string) {
	t.Helper()
	old := time.Now().Add(-time.Hour)
	entries, _ := os.ReadDir(corpus)
	for _, e := range entries {
		if err := os.Chtimes(filepath.Join(corpus, e.Name()), old, old); err != nil {
			t.Fatal(err)
		}
	}
}

func segments(t *testing.T, x *Index) map[string]bool {
	t.Helper()
	zaps, _ := filepath.Glob(filepath.Join(x.dir, x.gen.name, "store", "*.zap"))
	m := map[string]bool{}
	for _, z := range zaps {
		m[filepath.Base(z)] = true
	}
	return m
}

func TestUpdateIsIncremental(t *testing.T) {
	corpus := copyCorpus(t)
	// Twenty more documents, so that one is a small part of the index.
	seed, err := os.ReadFile(filepath.Join(corpus, "datong-2025-02-15.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if err := os.WriteFile(filepath.Join(corpus, fmt.Sprintf("copy-%02d.txt", i)), seed, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ageCorpus(t, corpus)
	x := openTestIndex(t, corpus)
	ctx := context.Background()
	before := segments(t, x)
	gen := x.gen.name

	// One document changed, one added, one removed.
	if err := os.WriteFile(filepath.Join(corpus, "report-2023.md"), []byte("# 新标题\n\n独一无二的新句子出现了。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "added.txt"), []byte("新增文件\n\n这里有前所未见的词语组合。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(corpus, "markup.html")); err != nil {
		t.Fatal(err)
	}
	sum, err := x.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Rebuilt || sum.Added != 1 || sum.Changed != 1 || sum.Removed != 1 {
		t.Errorf("Update = %+v, want 1 added, 1 changed, 1 removed, no rebuild", sum)
	}
	for q, want := range map[string]uint64{"独一无二的新句子": 1, "前所未见的词语组合": 1, "标记测试报道": 0} {
		if got := search(t, x, Request{Query: q}).Total; got != want {
			t.Errorf("after the update, %s: %d hits, want %d", q, got, want)
		}
	}
	if x.gen.name != gen {
		t.Errorf("the update replaced the generation %s with %s", gen, x.gen.name)
	}
	// The segments of the bulk load are still there: the update added a
	// segment instead of rewriting the index.
	after := segments(t, x)
	for z := range before {
		if !after[z] {
			t.Errorf("segment %s was rewritten by a small update (now %v)", z, after)
		}
	}

	// After a close and reopen, the searches still see the change.
	dir := x.dir
	x.Close()
	y, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	if got := search(t, y, Request{Query: "独一无二的新句子"}).Total; got != 1 {
		t.Errorf("after reopening: %d hits, want 1", got)
	}
}

// A file whose size and modification time have not changed since its hash
// was taken is not read again.
func TestUpdateTrustsUnchangedFileTimes(t *testing.T) {
	corpus := copyCorpus(t)
	ageCorpus(t, corpus)
	x := openTestIndex(t, corpus)
	path := filepath.Join(corpus, "report-2023.md")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	// Same size, same time, other bytes: only a read would notice.
	b[len(b)-2] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	sum, err := x.Update(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed != 0 || sum.Unchanged == 0 {
		t.Errorf("Update = %+v, want nothing changed (the file was not read)", sum)
	}
	// A new time makes it read.
	now := time.Now()
	os.Chtimes(path, now, now)
	if sum, err = x.Update(context.Background(), nil); err != nil || sum.Changed != 1 {
		t.Errorf("Update after touching = %+v, %v; want 1 changed", sum, err)
	}
}

// A file hashed within racyWindow of its modification time may have been
// written again in the same timestamp: its record is not trusted, and the
// file is read again although its size and time are unchanged.
func TestUpdateDistrustsRacyFileTimes(t *testing.T) {
	corpus := copyCorpus(t)
	path := filepath.Join(corpus, "report-2023.md")
	now := time.Now()
	if err := os.Chtimes(path, now, now); err != nil {
		t.Fatal(err)
	}
	x := openTestIndex(t, corpus)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	b[len(b)-2] ^= 1 // same size, other bytes
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	sum, err := x.Update(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Changed != 1 {
		t.Errorf("Update = %+v, want the racily written file read and changed", sum)
	}
}

func TestFileStatsRoundTrip(t *testing.T) {
	m := map[string]fileStat{
		"a/b 文件.txt": {Size: 12, Mtime: 1700000000123456789, Taken: 1700000005000000000, Hash: strings.Repeat("ab", 32)},
		"empty.txt":  {Size: 0, Mtime: -5, Taken: 0},
	}
	got, err := decodeFileStats(encodeFileStats(m))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(m, got); diff != "" {
		t.Errorf("decodeFileStats(encodeFileStats(m)) differs (-want +got):\n%s", diff)
	}
	b := encodeFileStats(m)
	for n := 0; n < len(b); n++ {
		if _, err := decodeFileStats(b[:n]); err == nil && n > 0 {
			t.Errorf("decodeFileStats of %d of %d bytes: no error", n, len(b))
		}
	}
}
