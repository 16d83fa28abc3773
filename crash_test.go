package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash tests run the program in a child process (this test binary,
// re-executed with SESSIONSEARCH_CHILD set) and kill it with SIGKILL in the
// middle of its work.

func TestMain(m *testing.M) {
	if os.Getenv("SESSIONSEARCH_CHILD") == "1" {
		err := run(context.Background(), os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
		if err != nil {
			fmt.Fprintln(os.Stderr, "sessionsearch:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// child starts the program with args; its output goes to the returned
// reader (stdout) and to the test log (stderr).
func child(t *testing.T, env []string, args ...string) (*exec.Cmd, *bufio.Reader) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "SESSIONSEARCH_CHILD=1"), env...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewReader(out)
}

// bigCorpus writes n documents derived from the seed report, each with a
// unique marker sentence, so that indexing takes a few seconds.
func bigCorpus(t *testing.T, n int) string {
	t.Helper()
	seed, err := os.ReadFile(filepath.Join("indexer", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i := 0; i < n; i++ {
		text := string(seed) + fmt.Sprintf("\n\n第%d号标记：编号%05d的文件到此结束。\n", i, i)
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("doc-%05d.txt", i)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func hashTree(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			fmt.Fprintf(h, "%s %x\n", p, sha256.Sum256(b))
		}
		return nil
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}

// searchTotal runs `search --json` in a child and returns the total.
func searchTotal(t *testing.T, index, corpus, q string) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "search", "--json", "--index", index, "--corpus", corpus, q)
	cmd.Env = append(os.Environ(), "SESSIONSEARCH_CHILD=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("search %s: %v", q, err)
	}
	var res struct{ Total int }
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatal(err)
	}
	return res.Total
}

func TestKillDuringIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped in -short mode")
	}
	corpus := bigCorpus(t, 300)
	before := hashTree(t, corpus)
	index := filepath.Join(t.TempDir(), "index")

	cmd, _ := child(t, nil, "index", "--corpus", corpus, "--index", index)
	// Kill it once the first segment is on disk: a partly written index.
	waitForSegment(t, index)
	time.Sleep(time.Second)
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	// The next run completes what the killed one started.
	again := exec.Command(os.Args[0], "index", "--corpus", corpus, "--index", index)
	again.Env = append(os.Environ(), "SESSIONSEARCH_CHILD=1")
	out, err := again.CombinedOutput()
	if err != nil {
		t.Fatalf("index after the crash: %v\n%s", err, out)
	}
	t.Logf("after the crash: %s", strings.TrimSpace(string(out)))
	if got := searchTotal(t, index, corpus, "编号"); got != 300 {
		t.Errorf("编号 has %d hits after recovery, want 300 (one per document)", got)
	}
	if got := searchTotal(t, index, corpus, "算力之城"); got != 300 {
		t.Errorf("算力之城 has %d hits after recovery, want 300", got)
	}
	if hashTree(t, corpus) != before {
		t.Errorf("the corpus was modified")
	}
}

func TestKillDuringAdminRebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test: skipped in -short mode")
	}
	corpus := bigCorpus(t, 200)
	index := filepath.Join(t.TempDir(), "index")
	env := []string{"SESSIONSEARCH_ADMIN_TOKEN=secret-token"}
	// The endpoint rebuilds only when the taxonomy (or the mapping)
	// changed, so the taxonomy is edited before it is called.
	topics, err := os.ReadFile(filepath.Join("corpus", "topics.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "topics.yaml"), topics, 0o644); err != nil {
		t.Fatal(err)
	}

	start := func() (*exec.Cmd, string) {
		cmd, out := child(t, env, "serve", "--corpus", corpus, "--index", index, "--addr", "127.0.0.1:0")
		deadline := time.Now().Add(120 * time.Second)
		for time.Now().Before(deadline) {
			line, err := out.ReadString('\n')
			if err != nil {
				t.Fatalf("serve ended: %v", err)
			}
			if addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on "); ok {
				go io.Copy(io.Discard, out)
				return cmd, addr
			}
		}
		t.Fatal("serve did not start")
		return nil, ""
	}
	total := func(base, q string) int {
		resp, err := http.Get(base + "/api/search?q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("search %s: status %d", q, resp.StatusCode)
		}
		var res struct{ Total int }
		json.NewDecoder(resp.Body).Decode(&res)
		return res.Total
	}

	cmd, base := start()
	if got := total(base, "编号"); got != 200 {
		t.Fatalf("编号: %d hits, want 200", got)
	}
	edited := append(topics, "  - label: 编号专题\n    signals: [编号]\n"...)
	if err := os.WriteFile(filepath.Join(corpus, "topics.yaml"), edited, 0o644); err != nil {
		t.Fatal(err)
	}
	before := hashTree(t, corpus)
	req, _ := http.NewRequest("POST", base+"/api/admin/reindex", nil)
	req.Header.Set("Authorization", "Bearer secret-token")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("reindex: status %d, want 202", resp.StatusCode)
	}
	waitForGenerations(t, index, 2)
	time.Sleep(300 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()

	// The next serve answers from a consistent index: the old one or a
	// complete new one, never a half-built one.
	cmd, base = start()
	if got := total(base, "编号"); got != 200 {
		t.Errorf("after the crash, 编号 has %d hits, want 200", got)
	}
	entries, _ := os.ReadDir(index)
	var gens []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "gen-") {
			gens = append(gens, e.Name())
		}
	}
	if len(gens) != 1 {
		t.Errorf("generations on disk after restart: %v, want the live one only", gens)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	cmd.Wait()
	if hashTree(t, corpus) != before {
		t.Errorf("the corpus was modified")
	}
}

// waitForSegment waits until a persisted segment file exists under dir,
// or 20 s at most: on a slow machine (the race detector, a busy CI) the
// kill then lands before the first segment, which is a crash too.
func waitForSegment(t *testing.T, dir string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(dir, "gen-*", "store", "*.zap")); len(m) > 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Log("no segment on disk after 20 s; killing anyway")
}

// waitForGenerations waits until dir holds n index generations (a rebuild
// under way).
func waitForGenerations(t *testing.T, dir string, n int) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(filepath.Join(dir, "gen-*")); len(m) >= n {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the rebuild did not start in time")
}
