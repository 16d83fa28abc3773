package main

import (
	"strings"
	"testing"
)

// TestClassBoundOverHTTP: the 50 ms bound on a class's top-10 p99 is
// checked over HTTP as well as in-process, and names the class and where
// it was slow.
func TestClassBoundOverHTTP(t *testing.T) {
	fast := map[string]Latency{"all": {N: 10, P50: 1, P99: 20}, "char-frequent": {N: 5, P50: 14, P99: 30}}
	slowHTTP := map[string]Latency{"all": {N: 10, P50: 2, P99: 25}, "char-frequent": {N: 5, P50: 20, P99: 54}}
	bound := func(top10, http map[string]Latency) string {
		r := &Results{Size: "100MB", Systems: []*SystemResult{{
			Name: "sessionsearch", Index: &IndexFigures{MiBps: 1, SizeRatio: 6.5},
			Top10: top10, Top10HTTP: http,
		}}}
		for _, line := range targets(r, []*Results{r}) {
			if strings.HasPrefix(line, "No query class with a top-10 p99 over 50 ms") {
				return line
			}
		}
		t.Fatal("no line for the 50 ms class bound")
		return ""
	}
	if got := bound(fast, fast); !strings.Contains(got, "**met**") {
		t.Errorf("all classes under 50 ms: %q", got)
	}
	got := bound(fast, slowHTTP)
	if !strings.Contains(got, "**not met**") || !strings.Contains(got, "char-frequent 54 ms over HTTP") {
		t.Errorf("char-frequent at 54 ms over HTTP: %q", got)
	}
	got = bound(slowHTTP, fast)
	if !strings.Contains(got, "char-frequent 54 ms in-process") {
		t.Errorf("char-frequent at 54 ms in-process: %q", got)
	}
}

// TestFlatIndexingPeak: a larger run's peak memory of indexing is measured
// against the 10 MB run's, met up to flatSlack, with Groonga's growth
// beside it; the 10 MB run itself, or a set without one, states none.
func TestFlatIndexingPeak(t *testing.T) {
	run := func(size string, ss, gr int64) *Results {
		return &Results{Size: size, Systems: []*SystemResult{
			{Name: "sessionsearch", Index: &IndexFigures{MiBps: 1, PeakRSS: ss * mib}},
			{Name: "groonga", Index: &IndexFigures{MiBps: 1, PeakRSS: gr * mib}},
		}}
	}
	flat := func(r *Results, rs []*Results) string {
		for _, line := range targets(r, rs) {
			if strings.HasPrefix(line, "Peak memory while indexing flat") {
				return line
			}
		}
		return ""
	}
	base := run("10MB", 200, 100)
	for _, tt := range []struct {
		name string
		ss   int64
		want string
	}{
		{"within the slack", 240, "10MB run's: **met** (240 vs 200 MiB, ratio 1.20; Groonga's ratio 1.50)"},
		{"over the slack", 260, "10MB run's: **not met** (260 vs 200 MiB, ratio 1.30; Groonga's ratio 1.50)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := run("100MB", tt.ss, 150)
			if got := flat(r, []*Results{base, r}); !strings.Contains(got, tt.want) {
				t.Errorf("flat line = %q, want it to contain %q", got, tt.want)
			}
		})
	}
	if got := flat(base, []*Results{base}); got != "" {
		t.Errorf("the 10 MB run against itself: %q", got)
	}
	r := run("100MB", 240, 150)
	if got := flat(r, []*Results{run("1MB", 100, 50), r}); got != "" {
		t.Errorf("no 10 MB run: %q", got)
	}
}

// TestServingMemorySplit: the serving memory line states the process's own
// memory and the mapped index pages when they were read, and only then.
func TestServingMemorySplit(t *testing.T) {
	serving := func(anon, file int64) string {
		r := &Results{Size: "100MB", Systems: []*SystemResult{{
			Name: "sessionsearch", Index: &IndexFigures{MiBps: 1},
			ServeRSS: 300 * mib, ServeAnon: anon * mib, ServeFile: file * mib,
		}}}
		for _, line := range targets(r, []*Results{r}) {
			if strings.HasPrefix(line, "Memory while serving stated") {
				return line
			}
		}
		t.Fatal("no line for the serving memory")
		return ""
	}
	if got, want := serving(120, 170), "peak 300 MiB for the `serve` process through the query passes and the load test; at the end, 120 MiB of its own memory and 170 MiB of mapped index pages."; !strings.HasSuffix(got, want) {
		t.Errorf("serving line = %q, want it to end %q", got, want)
	}
	if got, want := serving(0, 0), "the load test."; !strings.HasSuffix(got, want) {
		t.Errorf("serving line without the split = %q, want it to end %q", got, want)
	}
}
