package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"sessionsearch/search"
)

// ssInproc is sessionsearch called in-process through the search package.
type ssInproc struct{ idx *search.Index }

func (s *ssInproc) Name() string { return "sessionsearch" }

// benchFacets are the facets every system is asked for: Groonga's
// drilldown is kind and year, so sessionsearch answers with the same two
// instead of all eight (the doc facet of a frequent term alone was 7.7 of
// the 23 KB of a top-10 answer at 10 MB).
var benchFacets = []string{"kind", "year"}

func (s *ssInproc) Top10(ctx context.Context, q query) (int, error) {
	res, err := s.idx.Search(ctx, search.Request{Query: q.Box, Size: 10, Facets: benchFacets})
	if err != nil {
		return 0, err
	}
	return len(res.Hits), nil
}

// All fetches the complete result set in one call (search.Matches).
func (s *ssInproc) All(ctx context.Context, q query) ([]string, error) {
	m, err := s.idx.Matches(ctx, search.Request{Query: q.Box})
	if err != nil {
		return nil, err
	}
	return m.IDs, nil
}

func (s *ssInproc) Facets(ctx context.Context, q query) (map[string]map[string]int, error) {
	res, err := s.idx.Search(ctx, search.Request{Query: q.Box, Size: 1, Facets: benchFacets})
	if err != nil {
		return nil, err
	}
	return facetCounts(res.Facets), nil
}

func facetCounts(f search.Facets) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, k := range []string{"kind", "year"} {
		out[k] = map[string]int{}
		for _, v := range f[k] {
			out[k][v.Value] = v.Count
		}
	}
	return out
}

// ssHTTP is sessionsearch over HTTP: the `serve` binary on the loopback.
type ssHTTP struct {
	bin, corpus, index string
	addr               string
	cmd                *exec.Cmd
	client             *http.Client
}

func (s *ssHTTP) Name() string { return "sessionsearch" }

// start runs `sessionsearch serve` on an existing index and returns the
// time until /healthz answers 200.
func (s *ssHTTP) start(logTo io.Writer) (time.Duration, error) {
	s.cmd = exec.Command(s.bin, "serve", "--corpus", s.corpus, "--index", s.index, "--addr", s.addr)
	s.cmd.Stdout, s.cmd.Stderr = logTo, logTo
	// Answers are asked for uncompressed, as Groonga sends them and wrk
	// asks for them: the server gzips large answers for clients that
	// accept it (browsers), which cost 0.34–0.57 ms of a top-10 answer's
	// p50 over the loopback (1.56–1.79 against 1.22 ms, 100 MB index).
	s.client = &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 4, DisableCompression: true}}
	t0 := time.Now()
	if err := s.cmd.Start(); err != nil {
		return 0, err
	}
	exited := make(chan error, 1)
	go func() { exited <- s.cmd.Wait() }()
	for time.Since(t0) < 5*time.Minute {
		select {
		case err := <-exited:
			s.cmd = nil
			return 0, fmt.Errorf("sessionsearch serve exited: %v", err)
		default:
		}
		resp, err := s.client.Get("http://" + s.addr + "/healthz")
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				d := time.Since(t0)
				go func() { <-exited }()
				return d, nil
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	return 0, fmt.Errorf("sessionsearch serve did not become ready")
}

// waitWarm waits until /healthz reports that the server's search tables
// are built, and returns how long that took.
func (s *ssHTTP) waitWarm() (time.Duration, error) {
	t0 := time.Now()
	for time.Since(t0) < 5*time.Minute {
		var h struct {
			Warming bool `json:"warming"`
		}
		if err := s.getJSON("/healthz", &h); err != nil {
			return 0, err
		}
		if !h.Warming {
			return time.Since(t0), nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return 0, fmt.Errorf("sessionsearch serve was still warming after 5 minutes")
}

func (s *ssHTTP) stop() {
	if s.cmd == nil || s.cmd.Process == nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if s.cmd.Process.Signal(syscall.Signal(0)) != nil {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	s.cmd.Process.Kill()
	s.cmd = nil
}

func (s *ssHTTP) searchPath(q query, size int, after string) string {
	v := url.Values{"q": {q.Box}, "size": {fmt.Sprint(size)}, "facets": {strings.Join(benchFacets, ",")}}
	if after != "" {
		v.Set("after", after)
	}
	return "/api/search?" + v.Encode()
}

func (s *ssHTTP) get(path string) (*search.Result, error) {
	var res search.Result
	if err := s.getJSON(path, &res); err != nil {
		return nil, err
	}
	return &res, nil
}

func (s *ssHTTP) getJSON(path string, v any) error {
	resp, err := s.client.Get("http://" + s.addr + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != 200 {
		return fmt.Errorf("GET %s: %s: %.200s", path, resp.Status, b)
	}
	return json.Unmarshal(b, v)
}

// Top10 reads the answer as deep as Groonga's client reads its own: the
// whole body parsed, the hits kept as raw JSON and counted. Decoding them
// into search.Result (snippets, citations, facets into Go values) cost the
// client 270 µs for a 23 KB answer against 175 µs for this, time that
// measured Go's encoding/json rather than the server.
func (s *ssHTTP) Top10(ctx context.Context, q query) (int, error) {
	var res struct {
		Hits []json.RawMessage `json:"hits"`
	}
	if err := s.getJSON(s.searchPath(q, 10, ""), &res); err != nil {
		return 0, err
	}
	return len(res.Hits), nil
}

// All fetches the complete result set from /api/matches.
func (s *ssHTTP) All(ctx context.Context, q query) ([]string, error) {
	var m search.MatchList
	if err := s.getJSON("/api/matches?"+url.Values{"q": {q.Box}}.Encode(), &m); err != nil {
		return nil, err
	}
	return m.IDs, nil
}

func (s *ssHTTP) Facets(ctx context.Context, q query) (map[string]map[string]int, error) {
	res, err := s.get(s.searchPath(q, 1, ""))
	if err != nil {
		return nil, err
	}
	return facetCounts(res.Facets), nil
}

func (s *ssHTTP) pid() int {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}

// freePort asks the kernel for a free loopback port.
func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 18080
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// childIndex is what the ss-index child reports.
type childIndex struct {
	Seconds  float64 `json:"seconds"`
	Bytes    int64   `json:"bytes"`
	Passages int     `json:"passages"`
	Docs     int     `json:"documents"`
	Skipped  int     `json:"skipped"`
	// PeakRSS is the child's own VmHWM when it is done: the rusage of a
	// finished child also counts the parent's resident set when it
	// started (Linux keeps the larger of the two when a process execs),
	// which made the harness's own memory (the oracle's passages) the
	// indexing peak.
	PeakRSS int64 `json:"peak_rss_bytes"`
}

// runChildIndex is the hidden subcommand `ss-index CORPUS INDEX`: it
// indexes in a fresh process so that the parent can read its peak memory.
func runChildIndex(corpus, index string, stdout io.Writer) error {
	os.RemoveAll(index)
	sum, d, err := timedUpdate(corpus, index)
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(childIndex{Seconds: d.Seconds(), Bytes: dirBytes(index), Passages: sum.Passages, Docs: sum.Documents, Skipped: len(sum.Skipped),
		PeakRSS: statusKB(os.Getpid(), "VmHWM")})
}

// timedUpdate does what `sessionsearch index` does: it opens the index
// (creating it if need be), brings it up to date with the corpus and
// closes it, and returns the summary and the time all three took.
func timedUpdate(corpus, index string) (*search.Summary, time.Duration, error) {
	t0 := time.Now()
	idx, err := search.Open(index, search.Options{Corpus: corpus})
	if err != nil {
		return nil, 0, err
	}
	sum, err := idx.Update(context.Background(), nil)
	if err != nil {
		idx.Close()
		return nil, 0, err
	}
	if err := idx.Close(); err != nil {
		return nil, 0, err
	}
	return sum, time.Since(t0), nil
}

// runChildOpen is the hidden subcommand `ss-open CORPUS INDEX`: the time
// to open an existing index and answer a first query, in a fresh process.
func runChildOpen(corpus, index string, stdout io.Writer) error {
	t0 := time.Now()
	idx, err := search.Open(index, search.Options{Corpus: corpus, ReadOnly: true})
	if err != nil {
		return err
	}
	defer idx.Close()
	if _, err := idx.Search(context.Background(), search.Request{Query: `"发展"`, Size: 10}); err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(map[string]float64{"seconds": time.Since(t0).Seconds()})
}
