package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

// engine is one system answering the query set.
type engine interface {
	Name() string
	Top10(ctx context.Context, q query) (int, error)
	All(ctx context.Context, q query) ([]string, error)
	Facets(ctx context.Context, q query) (map[string]map[string]int, error)
}

// Latency is a distribution of query times in milliseconds.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

func summarize(ms []float64) Latency {
	if len(ms) == 0 {
		return Latency{}
	}
	s := append([]float64(nil), ms...)
	sort.Float64s(s)
	q := func(p float64) float64 {
		i := int(p*float64(len(s))+0.5) - 1
		return s[max(0, min(i, len(s)-1))]
	}
	return Latency{N: len(s), P50: q(0.50), P99: q(0.99), Max: s[len(s)-1]}
}

// samples collects latencies by class.
type samples map[string][]float64

func (s samples) add(class string, d time.Duration) {
	ms := float64(d.Nanoseconds()) / 1e6
	s[class] = append(s[class], ms)
	s["all"] = append(s["all"], ms)
}

func (s samples) summary() map[string]Latency {
	out := map[string]Latency{}
	for k, v := range s {
		out[k] = summarize(v)
	}
	return out
}

// Accuracy is recall and precision against the oracle.
type Accuracy struct {
	Queries   int     `json:"queries"`
	Expected  int     `json:"expected"` // passages the oracle finds
	Returned  int     `json:"returned"`
	Correct   int     `json:"correct"`
	Recall    float64 `json:"recall"`
	Precision float64 `json:"precision"`
	Failures  int     `json:"failed_queries"` // queries with a miss or a false hit
	Errors    int     `json:"errors"`
	Example   string  `json:"example,omitempty"` // the first failing query
}

func (a *Accuracy) finish() {
	a.Recall, a.Precision = 1, 1
	if a.Expected > 0 {
		a.Recall = float64(a.Correct) / float64(a.Expected)
	}
	if a.Returned > 0 {
		a.Precision = float64(a.Correct) / float64(a.Returned)
	}
}

// score compares one result set with the oracle.
func (a *Accuracy) score(q query, got []string, err error, want truth) {
	a.Queries++
	a.Expected += len(want.IDs)
	if err != nil {
		a.Errors++
		a.Failures++
		if a.Example == "" {
			a.Example = q.Box + ": " + err.Error()
		}
		return
	}
	seen := map[string]bool{}
	correct := 0
	for _, id := range got {
		if seen[id] {
			continue
		}
		seen[id] = true
		if want.IDs[id] {
			correct++
		}
	}
	a.Returned += len(seen)
	a.Correct += correct
	if correct != len(want.IDs) || correct != len(seen) {
		a.Failures++
		if a.Example == "" {
			a.Example = fmt.Sprintf("%s: %d expected, %d returned, %d correct", q.Box, len(want.IDs), len(seen), correct)
		}
	}
}

// facetsMatch says whether every reported facet count equals the oracle's.
func facetsMatch(got, want map[string]map[string]int) bool {
	for _, k := range []string{"kind", "year"} {
		if len(got[k]) == 0 && len(want[k]) > 0 {
			return false
		}
		for v, n := range got[k] {
			if want[k][v] != n {
				return false
			}
		}
	}
	return true
}

// statusKB reads a field of /proc/PID/status, in bytes.
func statusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			f := strings.Fields(line[len(field)+1:])
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n * 1024
			}
		}
	}
	return 0
}

// resetPeak resets a process's peak RSS (VmHWM), so that the next reading
// covers only what follows.
func resetPeak(pid int) {
	os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", pid), []byte("5"), 0)
}

const mib = 1 << 20
