package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchIndex indexes 120 documents made from the seed report's paragraphs,
// each under another date (about 1.2 MB of text).
func benchIndex(b *testing.B) *Index { return benchIndexWith(b, false) }

// benchIndexWith is benchIndex, with a metadata table giving each document
// a place, a level and two custom fields when table is set.
func benchIndexWith(b *testing.B, table bool) *Index {
	b.Helper()
	seed, err := os.ReadFile(filepath.Join("testdata", "corpus", "datong-2025-02-15.txt"))
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	for i := range 120 {
		body := fmt.Sprintf("---\ntitle: 报告%d\ndate: %d-%02d-%02d\n---\n\n%s", i, 2000+i%25, 1+i%12, 1+i%28, seed)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%03d.md", i)), []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	if table {
		var t strings.Builder
		t.WriteString("path,place,level,总理,届次\n")
		for i := range 120 {
			fmt.Fprintf(&t, "r%03d.md,城市%d,市,总理%d,第%d届\n", i, i%30, i%7, i%12)
		}
		if err := os.WriteFile(filepath.Join(dir, "metadata.csv"), []byte(t.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	x := openTestIndex(b, dir)
	// Build the facet table before timing, as a running server has.
	if _, err := x.Search(context.Background(), Request{Query: "的"}); err != nil {
		b.Fatal(err)
	}
	for {
		g := x.acquire()
		done := g.facets.table.Load() != nil
		x.release()
		if done {
			return x
		}
	}
}

// BenchmarkSearch: a top-10 page with snippets, with facets cached (as
// when paging) and counted afresh, and the complete result set.
func BenchmarkSearch(b *testing.B) {
	x := benchIndex(b)
	ctx := context.Background()
	for _, q := range []string{`"算力之城"`, `"发展"`, `"的"`, "人大 代表"} {
		b.Run("top10/"+strings.Trim(q, `"`), func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Search(ctx, Request{Query: q, Size: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("top10-facets/"+strings.Trim(q, `"`), func(b *testing.B) {
			for b.Loop() {
				x.cache.clear()
				if _, err := x.Search(ctx, Request{Query: q, Size: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("matches/"+strings.Trim(q, `"`), func(b *testing.B) {
			for b.Loop() {
				if _, err := x.Matches(ctx, Request{Query: q}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearchDocFacets: top-10 pages with facets counted afresh on an
// index whose documents have a place, a level and custom fields, whose
// facets are summed from the doc facet (docfields.go).
func BenchmarkSearchDocFacets(b *testing.B) {
	x := benchIndexWith(b, true)
	ctx := context.Background()
	for _, q := range []string{`"算力之城"`, `"发展"`, `"的"`, "人大 代表"} {
		b.Run("top10-facets/"+strings.Trim(q, `"`), func(b *testing.B) {
			for b.Loop() {
				x.cache.clear()
				if _, err := x.Search(ctx, Request{Query: q, Size: 10}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
