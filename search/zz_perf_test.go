package search

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestPerfIndex(t *testing.T) {
	corpus := os.Getenv("PERF_CORPUS")
	if corpus == "" {
		t.Skip()
	}
	dir := filepath.Join(t.TempDir(), "idx")
	x, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	sum, err := x.Update(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	el := time.Since(start)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	x.Close()
	t.Logf("indexed %d docs %d passages in %v; size %d MB; heap sys %d MB", sum.Documents, sum.Passages, el, dirSize(dir)>>20, ms.Sys>>20)
	x, _ = Open(dir, Options{Corpus: corpus})
	defer x.Close()
	for _, q := range []string{"的", "发展", "算力之城", "高质量发展", "十四五", "2024年"} {
		s := time.Now()
		var res *Result
		for i := 0; i < 5; i++ {
			res, err = x.Search(context.Background(), Request{Query: q + " "})
			if err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("%s: total %d, %v per search", q, res.Total, time.Since(s)/5)
	}
}
