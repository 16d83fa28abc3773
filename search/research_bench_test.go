package search

import (
	"context"
	"testing"
)

// BenchmarkDistribution counts a phrase and a character by year over the
// generated corpus of the exactness test (bench/ measures 1–100 MB).
func BenchmarkDistribution(b *testing.B) {
	x := openTestIndex(b, genCorpus(b, 300))
	if _, err := x.PrepareCounts(); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{"发展", "在"} {
		b.Run(q, func(b *testing.B) {
			req := DistributionRequest{Queries: []string{q}, By: "year"}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := x.Distribution(context.Background(), req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkKeywords lists the keywords of one year against the rest.
func BenchmarkKeywords(b *testing.B) {
	x := openTestIndex(b, genCorpus(b, 300))
	if _, err := x.PrepareCounts(); err != nil {
		b.Fatal(err)
	}
	req := KeywordsRequest{Request: Request{Year: []string{"2020"}}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := x.Keywords(context.Background(), req); err != nil {
			b.Fatal(err)
		}
	}
}
