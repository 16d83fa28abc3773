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
