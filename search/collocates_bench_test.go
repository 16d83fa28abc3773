package search

import (
	"context"
	"testing"
)

// BenchmarkCollocates lists the collocates of a frequent phrase in each
// kind of window over the generated corpus of the exactness test (bench/
// measures a term of 10,000 occurrences at 100 MB).
func BenchmarkCollocates(b *testing.B) {
	x := openTestIndex(b, genCorpus(b, 300))
	if _, err := x.PrepareCounts(); err != nil {
		b.Fatal(err)
	}
	for _, w := range []string{"5", "sentence", "passage"} {
		b.Run(w, func(b *testing.B) {
			win, err := ParseWindow(w)
			if err != nil {
				b.Fatal(err)
			}
			req := CollocatesRequest{Request: Request{Query: "发展"}, Window: win}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := x.Collocates(context.Background(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
