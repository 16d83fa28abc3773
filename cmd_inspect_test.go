package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"sessionsearch/indexer"
)

func TestRunInspect(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := []string{"--corpus", filepath.Join("indexer", "testdata"), filepath.Join("indexer", "testdata", "seed.txt")}
	if err := runInspect(context.Background(), args, func(string) string { return "" }, &stdout, &stderr); err != nil {
		t.Fatalf("runInspect(%q) = %v; stderr: %s", args, err, stderr.String())
	}
	out := stdout.String()
	if strings.Contains(out, `\u`) || !strings.Contains(out, "市十六届人大五次会议隆重开幕") {
		t.Errorf("inspect output does not carry Chinese as written:\n%.300s", out)
	}
	if !strings.Contains(out, "\n  \"passages\": [") {
		t.Errorf("inspect output is not indented JSON:\n%.300s", out)
	}
	var doc indexer.Document
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Title != "市十六届人大五次会议隆重开幕" || doc.Date != "2025-02-15" || len(doc.Passages) != 26 {
		t.Errorf("inspect = title %q date %q %d passages; want the seed's", doc.Title, doc.Date, len(doc.Passages))
	}
	if p := doc.Passages[16]; p.Speaker != "翟永清" || len(p.Topics) == 0 {
		t.Errorf("passage 17 = speaker %q topics %q, want 翟永清 with topics", p.Speaker, p.Topics)
	}
	if doc.Path != "seed.txt" || doc.ID != "seed" {
		t.Errorf("inspect = path %q id %q, want them relative to --corpus: seed.txt, seed", doc.Path, doc.ID)
	}
	for _, field := range []string{`"id"`, `"subtitles"`, `"source"`, `"reporters"`, `"sessions"`, `"n"`, `"kind"`, `"speaker_role"`, `"people"`, `"topics"`} {
		if !strings.Contains(out, field) {
			t.Errorf("inspect output lacks %s", field)
		}
	}
}

func TestRunInspectErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
	}{
		{"no file", nil},
		{"two files", []string{"a.txt", "b.txt"}},
		{"missing file", []string{filepath.Join(dir, "missing.txt")}},
		{"bad flag", []string{"--nope", "a.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := runInspect(context.Background(), tt.args, func(string) string { return "" }, &stdout, &stderr)
			if err == nil {
				t.Errorf("runInspect(%q) = nil, want an error", tt.args)
			}
			if stdout.Len() != 0 {
				t.Errorf("runInspect(%q) wrote to stdout: %q", tt.args, stdout.String())
			}
		})
	}
}
