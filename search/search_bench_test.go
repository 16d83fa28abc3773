package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	// Build the facet table and the text table (where phrases are
	// checked) before timing, as a running server has them.
	if _, err := x.Search(context.Background(), Request{Query: "的"}); err != nil {
		b.Fatal(err)
	}
	if _, err := x.PrepareCounts(); err != nil {
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

// BenchmarkFacetsOfCounts: turning a query's counts into Facets when every
// one of 15,000 documents matched (a frequent character at 100 MB), with
// and without document-level fields to sum from the doc facet.
func BenchmarkFacetsOfCounts(b *testing.B) {
	const docs = 15000
	for _, withFields := range []bool{false, true} {
		cat := newCatalog()
		t := &facetTable{cols: make([]facetColumn, len(facetFields))}
		docCol := slices.IndexFunc(facetFields, func(f struct{ name, field string }) bool { return f.name == "doc" })
		for i := range docs {
			d := &DocumentInfo{ID: fmt.Sprintf("d%05d", i), Title: "政府工作报告", Date: fmt.Sprintf("%d", 1954+i%70)}
			if withFields {
				d.Place, d.Level = fmt.Sprintf("城市%d", i%300), "市"
				d.Fields = map[string]string{"总理": fmt.Sprintf("总理%d", i%12), "届次": fmt.Sprintf("第%d届", i%14)}
			}
			cat.put(d)
			t.cols[docCol].names = append(t.cols[docCol].names, d.ID)
		}
		fc := &facetCounter{table: t, counts: make([][]uint32, len(t.cols))}
		for i, c := range t.cols {
			fc.counts[i] = make([]uint32, len(c.names))
			for v := range fc.counts[i] {
				fc.counts[i][v] = uint32(1 + v%40)
			}
		}
		cat.derived()
		fc.facets(cat) // builds the table's doc-facet index once, as the first search does
		b.Run(fmt.Sprintf("fields=%v", withFields), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				fc.facets(cat)
			}
		})
	}
}
