package main

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"sessionsearch/search"
	"sessionsearch/server"
	"sessionsearch/web"
)

// ProximityResult is the figures of `bench proximity`: each pair of terms
// of the query set's "and" class (and a few frequent pairs) searched as
// written (both terms ANDed), with NEAR/10 and with 同句 between them,
// side by side, in-process and over HTTP.
type ProximityResult struct {
	Size     string                   `json:"size"`
	Passages int                      `json:"passages"`
	Pairs    int                      `json:"pairs"`
	Runs     int                      `json:"runs"`        // per query and path, after a first run
	First    map[string]Latency       `json:"first_run"`   // by form: the first run of each query (facets counted)
	Process  map[string]Latency       `json:"in_process"`  // by form: the later runs (facets cached)
	HTTP     map[string]Latency       `json:"http"`        // by form: GET /api/search, later runs
	Totals   map[string]uint64        `json:"totals"`      // by form: matching passages over all pairs
	Ratios   map[string]ProximityStat `json:"p99_ratios"`  // p99 of a form over the AND's, by path
	Worst    map[string]string        `json:"worst_pairs"` // by form: the pair of the slowest run in-process
	// The same, the query set's pairs and the frequent pairs apart.
	Groups map[string]ProximityGroup `json:"groups"`
}

// ProximityGroup is the figures of one group of pairs.
type ProximityGroup struct {
	Pairs   int                      `json:"pairs"`
	Process map[string]Latency       `json:"in_process"`
	HTTP    map[string]Latency       `json:"http"`
	Ratios  map[string]ProximityStat `json:"p99_ratios"`
}

// ProximityStat is one p99 ratio.
type ProximityStat struct {
	Process float64 `json:"in_process"`
	HTTP    float64 `json:"http"`
	First   float64 `json:"first_run,omitempty"`
}

// proximityForms are the three ways each pair is searched.
var proximityForms = []struct{ name, op string }{{"and", " "}, {"near10", " NEAR/10 "}, {"sentence", " 同句 "}}

// frequentPairs add to the query set's pairs what costs the check most:
// pairs of frequent characters and words, whose AND matches tens of
// thousands of passages.
var frequentPairs = [][2]string{{"的", "在"}, {"的", "是"}, {"一个", "的"}, {"发展", "经济"}, {"数据", "已经"}, {"可以", "使用"}}

// runProximity measures the proximity operators against AND on the corpus
// of c.size, on the index `bench research` builds.
func runProximity(ctx context.Context, e *env, c config, stdout io.Writer) error {
	corpus, _, err := ensureCorpus(e, c.size)
	if err != nil {
		return err
	}
	// The corpus may be a link to one generated elsewhere; the indexer
	// does not follow a linked root.
	if corpus, err = filepath.EvalSymlinks(corpus); err != nil {
		return err
	}
	qs, err := readQueries(filepath.Join(e.root, "bench", "queries.txt"))
	if err != nil {
		return err
	}
	var pairs [][2]string
	for _, q := range qs {
		if q.Class == "and" && len(q.Terms) == 2 {
			pairs = append(pairs, [2]string{q.Terms[0], q.Terms[1]})
		}
	}
	setPairs := len(pairs)
	pairs = append(pairs, frequentPairs...)
	group := func(i int) string {
		if i < setPairs {
			return "query set"
		}
		return "frequent"
	}
	dir := filepath.Join(e.out, "work-"+c.size, "research-index")
	idx, err := search.Open(dir, search.Options{Corpus: corpus})
	if err != nil {
		return err
	}
	defer idx.Close()
	if _, err := idx.Update(ctx, nil); err != nil {
		return err
	}
	// As serve's warm-up builds it.
	table, err := idx.PrepareCounts()
	if err != nil {
		return err
	}
	const runs = 5
	res := &ProximityResult{Size: c.size, Passages: table.Passages, Pairs: len(pairs), Runs: runs,
		First: map[string]Latency{}, Process: map[string]Latency{}, HTTP: map[string]Latency{},
		Totals: map[string]uint64{}, Worst: map[string]string{}, Groups: map[string]ProximityGroup{}}
	box := func(p [2]string, op string) string { return `"` + p[0] + `"` + op + `"` + p[1] + `"` }

	first, proc, overHTTP := samples{}, samples{}, samples{}
	worst := map[string]float64{}
	for pi, p := range pairs {
		for _, f := range proximityForms {
			req := search.Request{Query: box(p, f.op)}
			for i := range runs + 1 {
				t := time.Now()
				r, err := idx.Search(ctx, req)
				if err != nil {
					return err
				}
				d := time.Since(t)
				if i == 0 {
					first.add(f.name, d)
					res.Totals[f.name] += r.Total
					continue
				}
				proc.add(f.name, d)
				proc.add(group(pi)+"/"+f.name, d)
				if ms := float64(d.Nanoseconds()) / 1e6; ms > worst[f.name] {
					worst[f.name], res.Worst[f.name] = ms, req.Query
				}
			}
		}
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	srv := server.New(idx, web.FS(), server.Config{}, logger)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	defer srv.Close()
	for pi, p := range pairs {
		for _, f := range proximityForms {
			u := ts.URL + "/api/search?q=" + url.QueryEscape(box(p, f.op))
			for i := range runs + 1 {
				t := time.Now()
				if err := httpGet(u); err != nil {
					return err
				}
				if d := time.Since(t); i > 0 {
					overHTTP.add(f.name, d)
					overHTTP.add(group(pi)+"/"+f.name, d)
				}
			}
		}
	}
	for _, f := range proximityForms {
		res.First[f.name] = summarize(first[f.name])
		res.Process[f.name] = summarize(proc[f.name])
		res.HTTP[f.name] = summarize(overHTTP[f.name])
	}
	res.Ratios = p99Ratios(res.Process, res.HTTP, res.First)
	for _, gname := range []string{"query set", "frequent"} {
		g := ProximityGroup{Pairs: setPairs, Process: map[string]Latency{}, HTTP: map[string]Latency{}}
		if gname == "frequent" {
			g.Pairs = len(frequentPairs)
		}
		for _, f := range proximityForms {
			g.Process[f.name] = summarize(proc[gname+"/"+f.name])
			g.HTTP[f.name] = summarize(overHTTP[gname+"/"+f.name])
		}
		g.Ratios = p99Ratios(g.Process, g.HTTP, nil)
		res.Groups[gname] = g
	}
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	if c.report {
		if err := os.WriteFile(filepath.Join(e.root, "bench", "report", "proximity-"+c.size+".json"), append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	_, err = stdout.Write(append(b, '\n'))
	return err
}

// p99Ratios is the p99 of each proximity form over the AND's, by path;
// first may be nil.
func p99Ratios(process, overHTTP, first map[string]Latency) map[string]ProximityStat {
	out := map[string]ProximityStat{}
	for _, f := range proximityForms[1:] {
		st := ProximityStat{
			Process: process[f.name].P99 / process["and"].P99,
			HTTP:    overHTTP[f.name].P99 / overHTTP["and"].P99,
		}
		if first != nil {
			st.First = first[f.name].P99 / first["and"].P99
		}
		out[f.name] = st
	}
	return out
}
