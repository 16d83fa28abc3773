package main

import (
	"os"
	"os/exec"
	"testing"
	"time"
)

// TestPeakIsTheChilds: a child's peak memory is its own, not the
// parent's resident set when it started, which the rusage of a finished
// child reports instead (Linux keeps the larger when a process execs).
func TestPeakIsTheChilds(t *testing.T) {
	if os.Getenv("BENCH_PEAK_CHILD") != "" {
		b := make([]byte, 96<<20)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		time.Sleep(100 * time.Millisecond)
		os.Exit(int(b[0]) - 1)
	}
	held := make([]byte, 768<<20)
	for i := 0; i < len(held); i += 4096 {
		held[i] = 1
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestPeakIsTheChilds$")
	cmd.Env = append(os.Environ(), "BENCH_PEAK_CHILD=1")
	peak, err := runWatchingPeak(cmd)
	if err != nil {
		t.Fatal(err)
	}
	if peak < 96<<20 || peak > 512<<20 {
		t.Errorf("the child's peak is %d MiB; it held 96 MiB, its parent %d MiB", peak>>20, len(held)>>20)
	}
	held[0] = 0
}
