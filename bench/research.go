package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"time"

	"sessionsearch/search"
	"sessionsearch/server"
	"sessionsearch/web"
)

// ResearchResult is the figures of `bench research`: distributions by year
// of a frequent term and of a frequent character, in-process and over
// HTTP, keywords of a subcorpus of about 5 MB (5% of smaller corpora)
// against the rest, and the collocations of a term of about 10,000
// occurrences at 100 MB in each kind of window.
type ResearchResult struct {
	Size           string                 `json:"size"`
	Passages       int                    `json:"passages"`
	IndexSeconds   float64                `json:"index_seconds,omitempty"` // 0: the index was there
	Table          *search.TextTableStats `json:"text_table"`
	Distribution   map[string]float64     `json:"distribution_ms"`      // median in-process, by query
	DistHTTP       map[string]float64     `json:"distribution_http_ms"` // median over HTTP on loopback
	Occurrences    map[string]int64       `json:"occurrences"`
	KeywordsA      string                 `json:"keywords_a"`
	KeywordsABytes int64                  `json:"keywords_a_bytes"` // A's text, approximately (3 bytes a character)
	KeywordsMs     float64                `json:"keywords_ms"`
	KeywordsTop    []string               `json:"keywords_top"`
	Candidates     int                    `json:"keyword_candidates"`
	// Collocations of collocatesQuery, by window (5, 10, sentence,
	// passage): median in-process, over HTTP, and the candidates counted.
	CollocatesQuery      string             `json:"collocates_query"`
	CollocatesNodes      int64              `json:"collocates_occurrences"`
	CollocatesMs         map[string]float64 `json:"collocates_ms"`
	CollocatesHTTP       map[string]float64 `json:"collocates_http_ms"`
	CollocatesCandidates map[string]int     `json:"collocates_candidates"`
	CollocatesTop        []string           `json:"collocates_top"` // by sentence, logDice
}

// collocatesQuery occurs 11,094 times in the 100 MB corpus (大会执行主席, 市政协主席
// …): the term of about 10,000 occurrences.
const collocatesQuery = "主席"

// collocateWindows are measured in this order.
var collocateWindows = []string{"5", "10", "sentence", "passage"}

// researchQueries are counted by year: the frequent term and
// character, and for scale the corpus' most frequent character and a
// frequent word (发展 is rare in the generated prose).
var researchQueries = []string{"发展", "在", "的", "一个"}

// runResearch measures the research endpoints on the corpus of c.size.
func runResearch(ctx context.Context, e *env, c config, stdout io.Writer) error {
	corpus, _, err := ensureCorpus(e, c.size)
	if err != nil {
		return err
	}
	dir := filepath.Join(e.out, "work-"+c.size, "research-index")
	res := &ResearchResult{Size: c.size, Distribution: map[string]float64{}, DistHTTP: map[string]float64{}, Occurrences: map[string]int64{},
		CollocatesQuery: collocatesQuery, CollocatesMs: map[string]float64{}, CollocatesHTTP: map[string]float64{}, CollocatesCandidates: map[string]int{}}
	t0 := time.Now()
	idx, err := search.Open(dir, search.Options{Corpus: corpus})
	if err != nil {
		return err
	}
	defer idx.Close()
	// Incremental: a no-op on an index built by an earlier run.
	sum, err := idx.Update(ctx, nil)
	if err != nil {
		return err
	}
	if sum.Added > 0 || sum.Changed > 0 || sum.Rebuilt {
		res.IndexSeconds = time.Since(t0).Seconds()
	}
	if res.Table, err = idx.PrepareCounts(); err != nil {
		return err
	}
	res.Passages = res.Table.Passages
	median := func(n int, f func() error) (float64, error) {
		var ms []float64
		for i := range n + 1 {
			t := time.Now()
			if err := f(); err != nil {
				return 0, err
			}
			if i > 0 { // the first run warms caches
				ms = append(ms, float64(time.Since(t).Microseconds())/1000)
			}
		}
		slices.Sort(ms)
		return ms[len(ms)/2], nil
	}
	var byYear *search.Distribution
	for _, q := range researchQueries {
		req := search.DistributionRequest{Queries: []string{q}, By: "year"}
		if res.Distribution[q], err = median(5, func() error {
			d, err := idx.Distribution(ctx, req)
			if err == nil {
				res.Occurrences[q] = d.Totals[0].Occurrences
				byYear = d
			}
			return err
		}); err != nil {
			return err
		}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := server.New(idx, web.FS(), server.Config{}, logger)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	defer srv.Close()
	for _, q := range researchQueries {
		u := ts.URL + "/api/distribution?by=year&q=" + url.QueryEscape(q)
		if res.DistHTTP[q], err = median(5, func() error { return httpGet(u) }); err != nil {
			return err
		}
	}
	for _, w := range collocateWindows {
		win, err := search.ParseWindow(w)
		if err != nil {
			return err
		}
		req := search.CollocatesRequest{Request: search.Request{Query: collocatesQuery}, Window: win}
		if res.CollocatesMs[w], err = median(3, func() error {
			co, err := idx.Collocates(ctx, req)
			if err == nil {
				res.CollocatesNodes = co.Nodes
				res.CollocatesCandidates[w] = co.Candidates
				if w == "sentence" {
					res.CollocatesTop = nil
					for i, k := range co.Collocates {
						if i == 10 {
							break
						}
						res.CollocatesTop = append(res.CollocatesTop, k.Text)
					}
				}
			}
			return err
		}); err != nil {
			return err
		}
		u := ts.URL + "/api/collocates?window=" + w + "&q=" + url.QueryEscape(collocatesQuery)
		if res.CollocatesHTTP[w], err = median(3, func() error { return httpGet(u) }); err != nil {
			return err
		}
	}
	// A: the year whose text is nearest 5 MB (5% of a smaller corpus).
	target := int64(5 << 20)
	if total := byYear.Corpus.Characters * 3; total < 40<<20 {
		target = total / 20
	}
	best, bestDiff := "", int64(-1)
	for _, b := range byYear.Buckets {
		d := b.Size.Characters*3 - target
		if d < 0 {
			d = -d
		}
		if b.Size.Passages > 0 && (bestDiff < 0 || d < bestDiff) {
			best, bestDiff = b.Value, d
		}
	}
	res.KeywordsA = "year:" + best
	var kw *search.Keywords
	if res.KeywordsMs, err = median(3, func() error {
		var err error
		kw, err = idx.Keywords(ctx, search.KeywordsRequest{Request: search.Request{Year: []string{best}}})
		return err
	}); err != nil {
		return err
	}
	res.KeywordsABytes = kw.A.Size.Characters * 3
	res.Candidates = kw.Candidates
	for i, k := range kw.Keywords {
		if i == 10 {
			break
		}
		res.KeywordsTop = append(res.KeywordsTop, k.Text)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(res)
}

// httpGet fetches u and reads its body; a status other than 200 is an error.
func httpGet(u string) error {
	resp, err := http.Get(u)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return nil
}
