package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"sessionsearch/search"
)

// IndexFigures describe one system's indexing run.
type IndexFigures struct {
	Seconds   float64 `json:"seconds"`
	MiBps     float64 `json:"mib_per_s"`
	Bytes     int64   `json:"bytes"`
	SizeRatio float64 `json:"size_ratio"` // index bytes / text bytes
	PeakRSS   int64   `json:"peak_rss_bytes"`
}

// SystemResult holds one system's figures.
type SystemResult struct {
	Name        string               `json:"name"`
	Version     string               `json:"version,omitempty"`
	Setup       string               `json:"setup"`
	Skipped     string               `json:"skipped,omitempty"`
	Index       *IndexFigures        `json:"index,omitempty"`
	StartupS    float64              `json:"startup_s,omitempty"`      // in-process open + first query
	StartupHTTP float64              `json:"startup_http_s,omitempty"` // exec to first answer over HTTP
	WarmHTTP    float64              `json:"warm_http_s,omitempty"`    // exec to /healthz reporting the search tables built
	Top10       map[string]Latency   `json:"top10_inprocess,omitempty"`
	All         map[string]Latency   `json:"all_inprocess,omitempty"`
	Top10HTTP   map[string]Latency   `json:"top10_http,omitempty"`
	AllHTTP     map[string]Latency   `json:"all_http,omitempty"`
	Accuracy    map[string]*Accuracy `json:"accuracy,omitempty"`
	AccHTTP     map[string]*Accuracy `json:"accuracy_http,omitempty"`
	FacetFails  int                  `json:"facet_mismatches"`
	FacetChecks int                  `json:"facet_checks"`
	Throughput  map[string]float64   `json:"http_requests_per_s,omitempty"` // by connections
	Incremental []UpdateStep         `json:"incremental,omitempty"`
	ServeRSS    int64                `json:"serving_peak_rss_bytes,omitempty"`
	// What the resident set held at the end of serving: the process's
	// own memory, and the pages of mapped files (the index's segments,
	// which the kernel can drop and read again).
	ServeAnon int64    `json:"serving_rss_anon_bytes,omitempty"`
	ServeFile int64    `json:"serving_rss_file_bytes,omitempty"`
	Notes     []string `json:"notes,omitempty"`
}

// Results is one run of the harness.
type Results struct {
	Date     string          `json:"date"`
	Machine  string          `json:"machine"`
	Go       string          `json:"go"`
	Size     string          `json:"size"`
	Smoke    bool            `json:"smoke"`
	Corpus   *CorpusStats    `json:"corpus"`
	Passages int             `json:"passages"`
	Queries  map[string]int  `json:"queries_by_class"`
	Systems  []*SystemResult `json:"systems"`
	Seconds  float64         `json:"harness_seconds"`
}

func (r *Results) system(name string) *SystemResult {
	for _, s := range r.Systems {
		if s.Name == name {
			return s
		}
	}
	return nil
}

func cpuModel() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "model name") {
			if _, v, ok := strings.Cut(l, ":"); ok {
				return fmt.Sprintf("%s, %d cores", strings.TrimSpace(v), runtime.NumCPU())
			}
		}
	}
	return fmt.Sprintf("%d cores", runtime.NumCPU())
}

func runBench(ctx context.Context, e *env, c config) error {
	t0 := time.Now()
	corpus, cst, err := ensureCorpus(e, c.size)
	if err != nil {
		return err
	}
	e.log.Info("corpus ready", "dir", corpus, "bytes", cst.Bytes, "documents", cst.Documents, "real_share", fmt.Sprintf("%.2f", cst.RealShare))
	qs, err := readQueries(filepath.Join(e.root, "bench", "queries.txt"))
	if err != nil {
		return err
	}
	ps, err := loadPassages(corpus)
	if err != nil {
		return err
	}
	var textBytes int64
	for _, p := range ps {
		textBytes += int64(len(p.Text))
	}
	e.log.Info("oracle", "passages", len(ps), "queries", len(qs))
	truths := oracle(ps, qs)
	res := &Results{Date: time.Now().UTC().Format(time.RFC3339), Machine: cpuModel(), Go: runtime.Version(),
		Size: c.size, Smoke: c.smoke, Corpus: cst, Passages: len(ps), Queries: map[string]int{}}
	for _, q := range qs {
		res.Queries[q.Class]++
	}
	work := filepath.Join(e.out, "work-"+c.size)
	os.MkdirAll(work, 0o755)
	// The figures are per text byte of the corpus files.
	mb := float64(cst.Bytes) / mib
	figures := func(d time.Duration, bytes, rss int64) *IndexFigures {
		return &IndexFigures{Seconds: d.Seconds(), MiBps: mb / d.Seconds(), Bytes: bytes, SizeRatio: float64(bytes) / float64(cst.Bytes), PeakRSS: rss}
	}

	// sessionsearch: index in a child process through the search package.
	ss := &SystemResult{Name: "sessionsearch", Setup: "search package in-process (search.Open, Update, Search); HTTP via `sessionsearch serve`"}
	res.Systems = append(res.Systems, ss)
	ssIndex := filepath.Join(work, "ss-index")
	self, err := os.Executable()
	if err != nil {
		return err
	}
	e.log.Info("indexing", "system", "sessionsearch")
	cmd := exec.CommandContext(ctx, self, "ss-index", corpus, ssIndex)
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("sessionsearch indexing: %w", err)
	}
	var ci childIndex
	if err := json.Unmarshal(out, &ci); err != nil {
		return fmt.Errorf("sessionsearch indexing: %q: %w", out, err)
	}
	_ = start
	ss.Index = figures(time.Duration(ci.Seconds*float64(time.Second)), ci.Bytes, ci.PeakRSS)
	if ci.Passages != len(ps) {
		ss.Notes = append(ss.Notes, fmt.Sprintf("indexed %d passages, the oracle has %d", ci.Passages, len(ps)))
	}

	// Peers.
	var gr *groonga
	var sq *sqliteFTS
	grRes := &SystemResult{Name: "groonga", Setup: "groonga-bin HTTP server on 127.0.0.1, TokenBigramSplitSymbolAlphaDigit, NormalizerAuto, cache off; folded text loaded"}
	sqRes := &SystemResult{Name: "sqlite-fts5", Setup: "sqlite3 shell over pipes, FTS5 trigram; LIKE scan for 1–2 character terms; folded text loaded"}
	res.Systems = append(res.Systems, grRes, sqRes)
	if !c.peers {
		grRes.Skipped, sqRes.Skipped = "-peers=false", "-peers=false"
	}
	if c.peers && !groongaAvailable() {
		grRes.Skipped = "groonga is not installed (apt-get install groonga-bin)"
		fmt.Fprintln(os.Stderr, "bench: skipping Groonga:", grRes.Skipped)
	}
	if c.peers && !sqliteAvailable() {
		sqRes.Skipped = "sqlite3 is not installed (apt-get install sqlite3)"
		fmt.Fprintln(os.Stderr, "bench: skipping SQLite:", sqRes.Skipped)
	}
	if grRes.Skipped == "" {
		grRes.Version = commandVersion("groonga", "--version")
		gdir := filepath.Join(work, "groonga")
		os.RemoveAll(gdir)
		os.MkdirAll(gdir, 0o755)
		gr = &groonga{dir: gdir, port: freePort()}
		e.log.Info("indexing", "system", "groonga")
		if _, err := gr.start(true); err != nil {
			return err
		}
		defer gr.stop()
		resetPeak(gr.pid())
		t := time.Now()
		if err := gr.index(ps); err != nil {
			return err
		}
		d := time.Since(t)
		peak := statusKB(gr.pid(), "VmHWM")
		gr.stop()
		grRes.Index = figures(d, gr.size(), peak)
		st, err := gr.start(false)
		if err != nil {
			return err
		}
		grRes.StartupHTTP = st.Seconds()
		resetPeak(gr.pid())
	}
	if sqRes.Skipped == "" {
		sqRes.Version = commandVersion("sqlite3", "--version")
		sq = &sqliteFTS{dir: filepath.Join(work, "sqlite")}
		e.log.Info("indexing", "system", "sqlite")
		d, rss, err := sq.index(ps)
		if err != nil {
			return err
		}
		fi, _ := os.Stat(sq.db())
		sqRes.Index = figures(d, fi.Size(), rss)
		st, err := sq.start()
		if err != nil {
			return err
		}
		defer sq.stop()
		sqRes.StartupS = st.Seconds()
	}

	// Start-up of sessionsearch on the existing index, in a fresh process.
	if out, err := exec.CommandContext(ctx, self, "ss-open", corpus, ssIndex).Output(); err == nil {
		var v map[string]float64
		json.Unmarshal(out, &v)
		ss.StartupS = v["seconds"]
	} else {
		ss.Notes = append(ss.Notes, "start-up measurement failed: "+err.Error())
	}

	// Phase 1: in-process (sessionsearch's package; SQLite's shell).
	idx, err := search.Open(ssIndex, search.Options{Corpus: corpus, ReadOnly: true})
	if err != nil {
		return err
	}
	idx.Warm() // as serve does before its first request
	// Phrases are checked in the text table: it is built before the
	// queries are timed, as a server that has been up a few seconds has
	// it (before, each candidate's stored passage is read).
	if _, err := idx.PrepareCounts(); err != nil {
		return err
	}
	inproc := []engine{&ssInproc{idx: idx}}
	results := []*SystemResult{ss}
	if sq != nil {
		inproc = append(inproc, sq)
		results = append(results, sqRes)
	}
	e.log.Info("queries in-process", "passes", c.passes)
	top, all, acc, facetFails, facetChecks := runQueries(ctx, inproc, qs, truths, c.passes, nil)
	for i, r := range results {
		r.Top10, r.All, r.Accuracy, r.FacetFails, r.FacetChecks = top[i], all[i], acc[i], facetFails[i], facetChecks[i]
	}
	idx.Close()

	// Incremental updates on the index just built, each as `sessionsearch
	// index` runs them: a fresh process opens the index, updates it and
	// closes it.
	steps, err := measureIncremental(ctx, self, corpus, ssIndex)
	if err != nil {
		ss.Notes = append(ss.Notes, "incremental update measurement failed: "+err.Error())
	}
	ss.Incremental = steps

	// Phase 2: over HTTP (sessionsearch serve; Groonga's server).
	bin := c.useBin
	if bin == "" {
		bin = filepath.Join(e.out, "sessionsearch")
		e.log.Info("building", "binary", bin)
		b := exec.CommandContext(ctx, "go", "build", "-o", bin, ".")
		b.Dir, b.Stdout, b.Stderr = e.root, os.Stderr, os.Stderr
		if err := b.Run(); err != nil {
			return fmt.Errorf("building sessionsearch: %w", err)
		}
	}
	logf, _ := os.Create(filepath.Join(work, "serve.log"))
	defer logf.Close()
	sh := &ssHTTP{bin: bin, corpus: corpus, index: ssIndex, addr: fmt.Sprintf("127.0.0.1:%d", freePort())}
	st, err := sh.start(logf)
	if err != nil {
		return err
	}
	defer sh.stop()
	ss.StartupHTTP = st.Seconds()
	// The serving peak includes the tables' build, which serve does.
	resetPeak(sh.pid())
	// The queries are timed on a warm server, as in-process they are on a
	// warm index: serve builds its search tables in the background after
	// its first answer (about 2 s at 100 MB), and a first pass run
	// meanwhile measured the build more than the server.
	warm, err := sh.waitWarm()
	if err != nil {
		return err
	}
	ss.WarmHTTP = warm.Seconds() + ss.StartupHTTP
	httpEngines := []engine{sh}
	httpResults := []*SystemResult{ss}
	if gr != nil {
		httpEngines = append(httpEngines, gr)
		httpResults = append(httpResults, grRes)
	}
	e.log.Info("queries over HTTP", "passes", c.passes)
	var server samples
	if gr != nil {
		server = samples{}
	}
	top, all, acc, facetFails, facetChecks = runQueries(ctx, httpEngines, qs, truths, c.passes, server)
	for i, r := range httpResults {
		r.Top10HTTP, r.AllHTTP, r.AccHTTP = top[i], all[i], acc[i]
		if r == grRes {
			// Groonga has no in-process mode: its own elapsed time
			// stands in, and its accuracy is measured over HTTP.
			r.Top10, r.Accuracy, r.FacetFails, r.FacetChecks = server.summary(), acc[i], facetFails[i], facetChecks[i]
		}
	}

	// HTTP throughput under a bounded loopback load.
	if _, err := exec.LookPath("wrk"); err != nil {
		ss.Notes = append(ss.Notes, "wrk is not installed: no throughput figures (apt-get install wrk)")
	} else {
		paths := map[string][]string{}
		for _, q := range qs {
			if q.Class == "absent" {
				continue
			}
			paths["sessionsearch"] = append(paths["sessionsearch"], sh.searchPath(q, 10, ""))
			if gr != nil {
				paths["groonga"] = append(paths["groonga"], gr.selectPath(q))
			}
		}
		for _, conns := range []int{8, 64} {
			for i, r := range httpResults {
				base := "http://" + sh.addr
				if r == grRes {
					base = gr.base()
				}
				_ = httpEngines[i]
				rps, err := runWrk(ctx, work, base, paths[r.Name], conns, c.wrkSecs)
				if err != nil {
					r.Notes = append(r.Notes, fmt.Sprintf("wrk -c%d: %v", conns, err))
					continue
				}
				if r.Throughput == nil {
					r.Throughput = map[string]float64{}
				}
				r.Throughput[fmt.Sprintf("c%d", conns)] = rps
			}
		}
	}
	ss.ServeRSS = statusKB(sh.pid(), "VmHWM")
	ss.ServeAnon, ss.ServeFile = statusKB(sh.pid(), "RssAnon"), statusKB(sh.pid(), "RssFile")
	if gr != nil {
		grRes.ServeRSS = statusKB(gr.pid(), "VmHWM")
	}
	if sq != nil {
		sqRes.ServeRSS = statusKB(sq.pid(), "VmHWM")
	}
	res.Seconds = time.Since(t0).Seconds()

	b, _ := json.MarshalIndent(res, "", "  ")
	path := filepath.Join(e.out, "results-"+c.size+".json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return err
	}
	os.WriteFile(filepath.Join(e.out, "results.json"), b, 0o644)
	fmt.Fprintln(e.stdout, summaryText(res))
	if c.report && !c.smoke {
		os.MkdirAll(filepath.Join(e.root, "bench", "report"), 0o755)
		if err := os.WriteFile(filepath.Join(e.root, "bench", "report", "results-"+c.size+".json"), b, 0o644); err != nil {
			return err
		}
		if err := renderReport(e); err != nil {
			return err
		}
	}
	// The smoke run's verdict: sessionsearch must be exact on every class.
	var failed []string
	for class, a := range ss.Accuracy {
		if a.Recall < 1 || a.Precision < 1 || a.Errors > 0 {
			failed = append(failed, fmt.Sprintf("%s (recall %.4f, precision %.4f, %d errors; e.g. %s)", class, a.Recall, a.Precision, a.Errors, a.Example))
		}
	}
	if ss.FacetFails > 0 {
		failed = append(failed, fmt.Sprintf("facets: %d of %d checks differ from the oracle", ss.FacetFails, ss.FacetChecks))
	}
	sort.Strings(failed)
	if len(failed) > 0 {
		return fmt.Errorf("sessionsearch is not exact against the substring oracle:\n  %s", strings.Join(failed, "\n  "))
	}
	return nil
}

// runQueries runs the query set through the engines, alternating them
// pass by pass: a warm-up pass, then passes measured passes of top-10
// queries, then one pass of complete result sets that is also scored
// against the oracle, and the facet checks.
func runQueries(ctx context.Context, engines []engine, qs []query, truths []truth, passes int, server samples) (
	top, all []map[string]Latency, acc []map[string]*Accuracy, facetFails, facetChecks []int) {
	n := len(engines)
	topS, allS := make([]samples, n), make([]samples, n)
	acc = make([]map[string]*Accuracy, n)
	facetFails, facetChecks = make([]int, n), make([]int, n)
	for i := range engines {
		topS[i], allS[i], acc[i] = samples{}, samples{}, map[string]*Accuracy{}
	}
	for pass := 0; pass <= passes; pass++ {
		for i, en := range engines {
			for _, q := range qs {
				t := time.Now()
				_, err := en.Top10(ctx, q)
				d := time.Since(t)
				if pass > 0 && err == nil {
					topS[i].add(q.Class, d)
					if g, ok := en.(*groonga); ok && server != nil {
						server.add(q.Class, time.Duration(g.lastElapsed*float64(time.Second)))
					}
				}
			}
		}
	}
	for i, en := range engines {
		for qi, q := range qs {
			t := time.Now()
			ids, err := en.All(ctx, q)
			d := time.Since(t)
			if err == nil {
				allS[i].add(q.Class, d)
			}
			for _, class := range []string{q.Class, "all"} {
				if acc[i][class] == nil {
					acc[i][class] = &Accuracy{}
				}
				acc[i][class].score(q, ids, err, truths[qi])
			}
			if q.Facet {
				facetChecks[i]++
				f, err := en.Facets(ctx, q)
				if err != nil || !facetsMatch(f, truths[qi].Facets) {
					facetFails[i]++
				}
			}
		}
	}
	top, all = make([]map[string]Latency, n), make([]map[string]Latency, n)
	for i := range engines {
		top[i], all[i] = topS[i].summary(), allS[i].summary()
		for _, a := range acc[i] {
			a.finish()
		}
	}
	return top, all, acc, facetFails, facetChecks
}

var reRPS = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)

// runWrk loads base with the given paths in rotation for secs seconds on
// the loopback, and returns requests per second.
func runWrk(ctx context.Context, work, base string, paths []string, conns, secs int) (float64, error) {
	script := filepath.Join(work, "wrk.lua")
	f, err := os.Create(script)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintln(w, "local paths = {")
	for _, p := range paths {
		fmt.Fprintf(w, "  %q,\n", p)
	}
	fmt.Fprintln(w, "}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend")
	fmt.Fprintln(w, "response = function(status, headers, body)\n  if status ~= 200 then wrk.thread:stop() end\nend")
	w.Flush()
	f.Close()
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		return 0, fmt.Errorf("refusing to load %s: loopback only", base)
	}
	cmd := exec.CommandContext(ctx, "wrk", "-t2", fmt.Sprintf("-c%d", conns), fmt.Sprintf("-d%ds", secs), "--timeout", "10s", "-s", script, base)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%v: %.300s", err, out)
	}
	if strings.Contains(string(out), "Non-2xx") {
		return 0, fmt.Errorf("non-2xx responses: %.300s", out)
	}
	m := reRPS.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no Requests/sec in wrk output: %.300s", out)
	}
	return strconv.ParseFloat(string(m[1]), 64)
}

func commandVersion(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	if len(line) > 80 {
		line = line[:80]
	}
	return line
}
