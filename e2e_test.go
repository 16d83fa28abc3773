package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sessionsearch/search"
)

// syncBuffer is a concurrency-safe writer that also hands out the lines
// written so far. It keeps the last syncBufferKeep bytes for error
// messages: the server logs every request, and under the load test's
// 2,800 requests/s an unbounded buffer grew the heap by 7 MiB every 15 s,
// which the test's flat-heap check then blamed on the server.
type syncBuffer struct {
	mu    sync.Mutex
	b     strings.Builder
	lines chan string
	part  string
}

const syncBufferKeep = 256 << 10

func newSyncBuffer() *syncBuffer { return &syncBuffer{lines: make(chan string, 64)} }

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.b.Len()+len(p) > syncBufferKeep {
		kept := s.b.String()
		kept = kept[max(0, len(kept)-syncBufferKeep/2):]
		if i := strings.IndexByte(kept, '\n'); i >= 0 {
			kept = kept[i+1:] // whole lines only, never half a character
		}
		s.b.Reset()
		s.b.WriteString(kept)
	}
	s.b.Write(p)
	s.part += string(p)
	for {
		line, rest, ok := strings.Cut(s.part, "\n")
		if !ok {
			break
		}
		s.part = rest
		select {
		case s.lines <- line:
		default:
		}
	}
	return len(p), nil
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServeEndToEnd runs the whole program: it builds the index from a
// temporary corpus, serves on a free loopback port, answers a search, and
// shuts down cleanly when its context is cancelled.
func TestServeEndToEnd(t *testing.T) {
	tmp := t.TempDir()
	corpus := filepath.Join(tmp, "corpus")
	if err := os.MkdirAll(corpus, 0o755); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(filepath.Join("indexer", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "2025-02-15 大同日报 市十六届人大五次会议开幕.txt"), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(tmp, "index")
	srv := startServe(t, corpus, index, nil)
	base, client, stderr := srv.base, srv.client, srv.stderr

	resp, err := client.Get(base + "/api/search?q=" + url.QueryEscape("算力之城"))
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("search: %d %v %s", resp.StatusCode, err, body)
	}
	var res search.Result
	if err := json.Unmarshal(body, &res); err != nil {
		t.Fatalf("search: %v in %s", err, body)
	}
	found := false
	for _, h := range res.Hits {
		if h.Speaker == "刘俊义" && strings.Contains(h.Snippet, "<mark>算力之城</mark>") {
			found = true
		}
	}
	if !found {
		t.Errorf("search 算力之城: no hit by 刘俊义 with <mark>算力之城</mark> in %s", body)
	}

	// A request racing the shutdown is either refused or answered in
	// full, never cut off.
	slow := make(chan int, 1)
	go func() {
		resp, err := client.Get(base + "/api/documents")
		if err != nil {
			slow <- 0
			return
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil {
			slow <- -1
			return
		}
		slow <- resp.StatusCode
	}()

	if err := srv.stop(t); err != nil {
		t.Fatalf("run after cancel = %v, want nil\nstderr:\n%s", err, stderr.String())
	}
	if code := <-slow; code != 0 && code != http.StatusOK {
		t.Errorf("request during shutdown: status %d (-1: body cut off)", code)
	}
	if _, err := client.Get(base + "/healthz"); err == nil {
		t.Errorf("the server still answers after run returned")
	}
	// The index was closed: another process can open it for writing.
	idx, err := search.Open(index, search.Options{Corpus: corpus})
	if err != nil {
		t.Fatalf("reopening the index after shutdown: %v", err)
	}
	defer idx.Close()
	if idx.Empty() {
		t.Errorf("the index built by serve is empty after reopening")
	}
	// The access log has one line per request, on stderr.
	sc := bufio.NewScanner(strings.NewReader(stderr.String()))
	logged := 0
	for sc.Scan() {
		if strings.Contains(sc.Text(), "msg=request") && strings.Contains(sc.Text(), "route=/api/search") {
			logged++
		}
	}
	if logged != 1 {
		t.Errorf("access log lines for /api/search = %d, want 1\nstderr:\n%s", logged, stderr.String())
	}
}

// served is a running `serve` in this process.
type served struct {
	base   string
	client *http.Client
	done   chan error // run's result once cancel is called
	stderr *syncBuffer
	cancel context.CancelFunc
}

// stop cancels serve and returns what run returned, failing the test if
// it does not return within 30 s.
func (s *served) stop(t *testing.T) error {
	t.Helper()
	s.cancel()
	select {
	case err := <-s.done:
		return err
	case <-time.After(30 * time.Second):
		t.Fatalf("serve did not stop within 30s of cancel\nstderr:\n%s", s.stderr.String())
		return nil
	}
}

// startServe runs `serve` on a free loopback port and waits until
// /healthz answers 200. getenv is the environment serve sees (nil: none).
func startServe(t *testing.T, corpus, index string, getenv func(string) string) *served {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	stdout, stderr := newSyncBuffer(), newSyncBuffer()
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--corpus", corpus, "--index", index, "--addr", "127.0.0.1:0"}, getenv, stdout, stderr)
	}()

	// The first line on stdout names the bound address.
	var base string
	select {
	case line := <-stdout.lines:
		addr, ok := strings.CutPrefix(line, "listening on ")
		if !ok {
			t.Fatalf("first stdout line = %q, want listening on http://ADDR", line)
		}
		base = addr
	case err := <-done:
		t.Fatalf("run returned before serving: %v\nstderr:\n%s", err, stderr.String())
	case <-time.After(120 * time.Second):
		t.Fatalf("no address printed within 120s\nstderr:\n%s", stderr.String())
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("listening on %q: want the real loopback port", base)
	}

	client := &http.Client{Timeout: 10 * time.Second}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return &served{base: base, client: client, done: done, stderr: stderr, cancel: cancel}
			}
		}
	}
	t.Fatalf("/healthz never answered 200\nstderr:\n%s", stderr.String())
	return nil
}
