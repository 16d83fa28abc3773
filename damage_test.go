package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// liveSegment returns a segment file of the index's live generation.
func liveSegment(t *testing.T, index string) string {
	t.Helper()
	cur, err := os.ReadFile(filepath.Join(index, "CURRENT"))
	if err != nil {
		t.Fatal(err)
	}
	zaps, _ := filepath.Glob(filepath.Join(index, strings.TrimSpace(string(cur)), "store", "*.zap"))
	if len(zaps) == 0 {
		t.Fatal("no segment in the live generation")
	}
	return zaps[len(zaps)-1] // the newest, as in search/heal_test.go
}

func halve(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, st.Size()/2); err != nil {
		t.Fatal(err)
	}
}

// runCmd runs one subcommand in this process.
func runCmd(args ...string) (stdout, stderr string, err error) {
	var out, errb bytes.Buffer
	err = run(context.Background(), args, func(string) string { return "" }, &out, &errb)
	return out.String(), errb.String(), err
}

func TestDamagedIndexSubcommands(t *testing.T) {
	tmp := t.TempDir()
	corpus := bigCorpus(t, 5)
	index := filepath.Join(tmp, "index")
	if _, stderr, err := runCmd("index", "--corpus", corpus, "--index", index); err != nil {
		t.Fatalf("index: %v\n%s", err, stderr)
	}

	// search: one line that says to run index.
	halve(t, liveSegment(t, index))
	_, _, err := runCmd("search", "--index", index, "--corpus", corpus, "编号")
	if err == nil || !strings.Contains(err.Error(), "is damaged") || !strings.Contains(err.Error(), "run `sessionsearch index`") || strings.Contains(err.Error(), "\n") {
		t.Errorf("search on a damaged index: err = %v, want one line saying it is damaged and to run `sessionsearch index`", err)
	}

	// index: one line, the damaged generation kept, the index rebuilt.
	stdout, stderr, err := runCmd("index", "--corpus", corpus, "--index", index)
	if err != nil {
		t.Fatalf("index on a damaged index: %v\n%s", err, stderr)
	}
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 1 || !strings.Contains(lines[0], "is damaged") || !strings.Contains(lines[0], "rebuilding it from") {
		t.Errorf("index stderr = %q, want one line saying the index is damaged and is rebuilt", stderr)
	}
	if !strings.Contains(stdout, "5 added") {
		t.Errorf("index stdout = %q, want 5 documents added", stdout)
	}
	if kept, _ := filepath.Glob(filepath.Join(index, "damaged-gen-*")); len(kept) != 1 {
		t.Errorf("damaged generations kept: %v, want one", kept)
	}
	out, stderr, err := runCmd("search", "--json", "--index", index, "--corpus", corpus, "编号")
	if err != nil {
		t.Fatalf("search after the rebuild: %v\n%s", err, stderr)
	}
	var res struct{ Total int }
	if err := json.Unmarshal([]byte(out), &res); err != nil || res.Total != 5 {
		t.Errorf("search 编号 after the rebuild: total %d (%v), want 5", res.Total, err)
	}

	// serve: one line, then it serves the rebuilt index.
	if err := os.Remove(liveSegment(t, index)); err != nil {
		t.Fatal(err)
	}
	srv := startServe(t, corpus, index, nil)
	resp, err := srv.client.Get(srv.base + "/api/search?q=" + url.QueryEscape("编号"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err := json.Unmarshal(body, &res); err != nil || resp.StatusCode != http.StatusOK || res.Total != 5 {
		t.Errorf("serve after the damage: %d %s, want 5 hits", resp.StatusCode, body)
	}
	if err := srv.stop(t); err != nil {
		t.Errorf("serve: %v", err)
	}
	damaged := 0
	for _, l := range strings.Split(srv.stderr.String(), "\n") {
		if strings.Contains(l, "is damaged") && strings.Contains(l, "rebuilding it from") {
			damaged++
		}
		if strings.Contains(l, "building the index in") {
			t.Errorf("serve printed a second line about the build: %q", l)
		}
	}
	if damaged != 1 {
		t.Errorf("serve's lines about the damage: %d, want 1\nstderr:\n%s", damaged, srv.stderr.String())
	}
	if kept, _ := filepath.Glob(filepath.Join(index, "damaged-gen-*")); len(kept) != 2 {
		t.Errorf("damaged generations kept: %v, want two", kept)
	}
}
