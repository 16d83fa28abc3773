package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var soak = flag.Duration("soak", 6*time.Second, "length of the load test (e.g. -soak 60s for the full soak)")

// TestLoad holds 64 concurrent clients on loopback against the real
// server over a generated corpus for -soak (6 s by default, 60 s for the
// soak run), and checks: no error and no timeout; memory flat after
// warm-up (the heap after GC does not grow across three consecutive
// windows). It logs the latency percentiles and the heap per window.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: skipped in -short mode")
	}
	corpus := bigCorpus(t, 150)
	srv := startServe(t, corpus, filepath.Join(t.TempDir(), "index"), nil)
	queries := []string{"算力之城", "的", "发展", "高质量发展", "四个自信", "民生实事", "十四五", "2025年", "341",
		"刘俊义 转型", "\"全方位转型\"", "能源 OR 算力", "发展 -转型", "speaker:刘俊义 发展", "编号00042", "不存在的短语"}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

	const conns = 64
	window := *soak / 4 // one warm-up window, then three measured ones
	var (
		errs    atomic.Int64
		n       atomic.Int64
		mu      sync.Mutex
		lat     []time.Duration
		heaps   []uint64
		stop    = make(chan struct{})
		wg      sync.WaitGroup
		counter atomic.Int64
	)
	for c := 0; c < conns; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for {
				select {
				case <-stop:
					mu.Lock()
					lat = append(lat, mine...)
					mu.Unlock()
					return
				default:
				}
				q := queries[int(counter.Add(1))%len(queries)]
				start := time.Now()
				resp, err := client.Get(srv.base + "/api/search?q=" + url.QueryEscape(q))
				if err != nil {
					errs.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs.Add(1)
				}
				mine = append(mine, time.Since(start))
				n.Add(1)
			}
		}()
	}
	for w := 0; w < 4; w++ {
		if w == 0 {
			time.Sleep(window) // warm-up
			continue
		}
		// The least of five samples after GC: what requests in flight hold
		// at a sampling instant is noise, what stays is growth.
		low := uint64(1<<63 - 1)
		for i := 0; i < 5; i++ {
			time.Sleep(window / 5)
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			low = min(low, ms.HeapAlloc)
		}
		heaps = append(heaps, low)
	}
	close(stop)
	wg.Wait()

	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[int(p*float64(len(lat)-1))]
	}
	t.Logf("load: %d requests in %v from %d connections (%.0f req/s), %d errors; latency p50 %v, p99 %v, max %v; heap after GC per window %v MiB",
		n.Load(), *soak, conns, float64(n.Load())/soak.Seconds(), errs.Load(), pct(0.5), pct(0.99), pct(1), mib(heaps))
	if errs.Load() != 0 {
		t.Errorf("%d failed requests under load, want 0", errs.Load())
	}
	if n.Load() == 0 {
		t.Fatal("no request completed")
	}
	// Flat: the heap does not grow across the three windows (each step up
	// by more than 4 MiB), and no window is over the first by half again
	// plus 16 MiB.
	if len(heaps) == 3 {
		limit := heaps[0] + heaps[0]/2 + 16<<20
		growing := heaps[1] > heaps[0]+4<<20 && heaps[2] > heaps[1]+4<<20
		if growing || heaps[1] > limit || heaps[2] > limit {
			t.Errorf("heap grew under steady load: %v MiB", mib(heaps))
		}
	}
}

func mib(bs []uint64) string {
	s := ""
	for i, b := range bs {
		if i > 0 {
			s += " → "
		}
		s += fmt.Sprintf("%.1f", float64(b)/(1<<20))
	}
	return s
}
