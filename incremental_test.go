package main

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The admin endpoint applies a changed file to the live index without
// building a new generation, and the searches see it.
func TestAdminReindexIsIncremental(t *testing.T) {
	corpus := bigCorpus(t, 20)
	index := filepath.Join(t.TempDir(), "index")
	srv := startServe(t, corpus, index, func(k string) string {
		if k == envAdminToken {
			return "secret-token"
		}
		return ""
	})
	base := srv.base
	getJSON := func(path string, v any) {
		t.Helper()
		resp, err := srv.client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: status %d", path, resp.StatusCode)
		}
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	total := func(q string) int {
		var res struct{ Total int }
		getJSON("/api/search?q="+url.QueryEscape(q), &res)
		return res.Total
	}
	var before struct{ Generation string }
	getJSON("/api/stats", &before)

	const marker = "管理接口增量更新的标记句"
	b, err := os.ReadFile(filepath.Join(corpus, "doc-00003.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "doc-00003.txt"), append(b, "\n\n"+marker+"。\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", base+"/api/admin/reindex", nil)
	req.Header.Set("Authorization", "Bearer secret-token")
	resp, err := srv.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusAccepted {
		t.Fatalf("reindex: status %d, want 202", resp.StatusCode)
	}
	deadline := time.Now().Add(30 * time.Second)
	for total(marker) != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the changed document is not found 30 s after the reindex\n%s", srv.stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if got := total("编号00003"); got != 1 {
		t.Errorf("编号00003: %d hits, want 1 (the changed document once)", got)
	}
	var after struct{ Generation string }
	getJSON("/api/stats", &after)
	if after.Generation != before.Generation {
		t.Errorf("the reindex built a new generation (%s, was %s): want the change applied in place", after.Generation, before.Generation)
	}
	if err := srv.stop(t); err != nil {
		t.Errorf("serve: %v", err)
	}
}
