package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"sessionsearch/search"
)

// UpdateStep is one incremental update of the benchmark index.
type UpdateStep struct {
	Change  string  `json:"change"`  // add, change or remove one document
	Seconds float64 `json:"seconds"` // open, update and close, in a fresh process
	Rebuilt bool    `json:"rebuilt"`
	Written int     `json:"passages_written"`
	Hits    int     `json:"hits"` // of the step's marker, searched after the update
	Want    int     `json:"want"`
}

// incrementalFile is the document the benchmark adds, changes and removes;
// it is gone from the corpus when the measurement ends.
const incrementalFile = "zz-incremental-update.txt"

// measureIncremental adds one document to the corpus, changes it and
// removes it, running an update in a fresh process after each step.
func measureIncremental(ctx context.Context, self, corpus, index string) ([]UpdateStep, error) {
	path := filepath.Join(corpus, incrementalFile)
	defer os.Remove(path)
	// The document is a copy of the corpus's first one with a marker.
	var first string
	filepath.WalkDir(corpus, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".txt" && filepath.Base(p) != incrementalFile {
			first = p
			return filepath.SkipAll
		}
		return nil
	})
	base, err := os.ReadFile(first)
	if err != nil {
		return nil, fmt.Errorf("no document to copy: %w", err)
	}
	steps := []struct {
		change, marker string
		want           int
		apply          func() error
	}{
		{"add", "增量更新标记甲", 1, func() error { return os.WriteFile(path, append(base, "\n\n增量更新标记甲。\n"...), 0o644) }},
		{"change", "增量更新标记乙", 1, func() error { return os.WriteFile(path, append(base, "\n\n增量更新标记乙。\n"...), 0o644) }},
		{"remove", "增量更新标记乙", 0, func() error { return os.Remove(path) }},
	}
	var out []UpdateStep
	for _, st := range steps {
		if err := st.apply(); err != nil {
			return out, err
		}
		b, err := exec.CommandContext(ctx, self, "ss-update", corpus, index, st.marker).Output()
		if err != nil {
			return out, fmt.Errorf("%s: %w", st.change, err)
		}
		var r UpdateStep
		if err := json.Unmarshal(b, &r); err != nil {
			return out, fmt.Errorf("%s: %q: %w", st.change, b, err)
		}
		r.Change, r.Want = st.change, st.want
		out = append(out, r)
	}
	return out, nil
}

// runChildUpdate is the hidden subcommand `ss-update CORPUS INDEX QUERY`:
// it times what `sessionsearch index` does on an existing index (open,
// update, close), then counts the hits of QUERY on the updated index.
func runChildUpdate(corpus, index, q string, stdout io.Writer) error {
	sum, d, err := timedUpdate(corpus, index)
	if err != nil {
		return err
	}
	ro, err := search.Open(index, search.Options{Corpus: corpus, ReadOnly: true})
	if err != nil {
		return err
	}
	defer ro.Close()
	res, err := ro.Search(context.Background(), search.Request{Query: q, Size: 10})
	if err != nil {
		return err
	}
	return json.NewEncoder(stdout).Encode(UpdateStep{Seconds: d.Seconds(), Rebuilt: sum.Rebuilt, Written: sum.Passages, Hits: int(res.Total)})
}
