package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func fmtMs(l Latency) string {
	if l.N == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f / %.1f", l.P50, l.P99)
}

func fmtAcc(a *Accuracy) string {
	if a == nil {
		return "–"
	}
	return fmt.Sprintf("%.3f / %.3f", a.Recall, a.Precision)
}

// summaryText is the short table printed at the end of a run.
func summaryText(r *Results) string {
	var b strings.Builder
	fmt.Fprintf(&b, "corpus %s: %d documents, %.1f MiB, %d passages, real text %.0f%%\n", r.Size, r.Corpus.Documents, float64(r.Corpus.Bytes)/mib, r.Passages, 100*r.Corpus.RealShare)
	for _, s := range r.Systems {
		if s.Skipped != "" {
			fmt.Fprintf(&b, "%-14s skipped: %s\n", s.Name, s.Skipped)
			continue
		}
		idx := "–"
		if s.Index != nil {
			idx = fmt.Sprintf("%.2f MiB/s, %.2f×, peak %.0f MiB", s.Index.MiBps, s.Index.SizeRatio, float64(s.Index.PeakRSS)/mib)
		}
		fmt.Fprintf(&b, "%-14s index %s; top10 %s ms; http %s ms; recall/precision %s\n", s.Name, idx, fmtMs(s.Top10["all"]), fmtMs(s.Top10HTTP["all"]), fmtAcc(s.Accuracy["all"]))
		if len(s.Incremental) > 0 {
			fmt.Fprintf(&b, "%-14s incremental: %s\n", "", fmtSteps(s.Incremental))
		}
	}
	return b.String()
}

// loadReports reads bench/report/results-*.json, smallest corpus first.
func loadReports(dir string) ([]*Results, error) {
	files, _ := filepath.Glob(filepath.Join(dir, "results-*.json"))
	var out []*Results
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var r Results
		if err := json.Unmarshal(b, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, &r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Corpus.Bytes < out[j].Corpus.Bytes })
	return out, nil
}

// renderReport writes BENCHMARKS.md and bench/report/plot.svg from the
// committed results.
func renderReport(e *env) error {
	dir := filepath.Join(e.root, "bench", "report")
	rs, err := loadReports(dir)
	if err != nil {
		return err
	}
	if len(rs) == 0 {
		return fmt.Errorf("no results in %s: run `go run ./bench -size 10MB` first", dir)
	}
	if err := os.WriteFile(filepath.Join(dir, "plot.svg"), []byte(plotSVG(rs)), 0o644); err != nil {
		return err
	}
	md := markdown(rs)
	// bench/design.md, written by hand, says what was tried and what each
	// change did; it is kept with the generated figures.
	if design, err := os.ReadFile(filepath.Join(e.root, "bench", "design.md")); err == nil {
		md += "\n" + string(design)
	}
	// bench/research.md, also by hand, gives the figures of `bench research`.
	if research, err := os.ReadFile(filepath.Join(e.root, "bench", "research.md")); err == nil {
		md += "\n" + string(research)
	}
	return os.WriteFile(filepath.Join(e.root, "BENCHMARKS.md"), []byte(md), 0o644)
}

// featured are the runs whose figures the report shows in full: those at
// the corpus sizes the targets are set at (100 MB, and 300 MB once), or
// the largest run when there is neither.
func featured(rs []*Results) []*Results {
	var out []*Results
	for _, r := range rs {
		if r.Size == "100MB" || r.Size == "300MB" {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		out = rs[len(rs)-1:]
	}
	return out
}

func markdown(rs []*Results) string {
	r := rs[len(rs)-1] // the largest corpus measured
	var b strings.Builder
	w := func(f string, a ...any) { fmt.Fprintf(&b, f, a...) }
	w("# Benchmarks\n\n")
	w("sessionsearch side by side with Groonga and SQLite FTS5, run by the harness in `bench/` on the same corpus, the same passages and the same %d queries, in one invocation, alternating the systems pass by pass so that the figures are ratios measured on the same machine at the same time.\n\n", sumClasses(r.Queries))
	for _, f := range featured(rs) {
		w("Run at %s: %s (%d documents, %.1f MiB of text, %d passages), %s, %s.\n\n", f.Size, f.Date, f.Corpus.Documents, float64(f.Corpus.Bytes)/mib, f.Passages, f.Machine, f.Go)
	}
	w("## Reproduce\n\n```sh\ngo run ./bench -size 10MB      # or 1MB, 100MB, 300MB; writes bench/out/ and bench/report/, renders this file\ngo run ./bench -size 1MB -smoke  # the CI smoke run: fails unless sessionsearch is exact on every query class\n```\n\n")
	w("The harness installs nothing itself except the Debian documentation it reads: it fetches `%s` with `apt-get download` and `dpkg -x` into `bench/out/cache/` when they are missing. The peers come from Debian: `apt-get install -y groonga-bin wrk sqlite3`; a peer that is not installed is skipped with a message.\n\n", strings.Join(debPackages, "`, `"))

	for _, f := range featured(rs) {
		b.WriteString(figures(f, rs))
	}
	w("\n## Against corpus size\n\n![latency and index time against corpus size](bench/report/plot.svg)\n\n")
	w("| corpus | system | index MiB/s | size × | peak memory indexing / serving MiB | top 10 p50 / p99 ms | complete p99 ms | recall / precision |\n|---|---|---|---|---|---|---|---|\n")
	for _, rr := range rs {
		for _, s := range rr.Systems {
			if s.Skipped != "" || s.Index == nil {
				continue
			}
			// Groonga answers complete sets over HTTP only.
			complete := "–"
			if l, ok := s.All["all"]; ok && l.N > 0 {
				complete = fmt.Sprintf("%.1f", l.P99)
			} else if l, ok := s.AllHTTP["all"]; ok && l.N > 0 {
				complete = fmt.Sprintf("%.1f over HTTP", l.P99)
			}
			serve := "–"
			if s.ServeRSS > 0 {
				serve = fmt.Sprintf("%.0f", float64(s.ServeRSS)/mib)
			}
			w("| %s | %s | %.2f | %.2f | %.0f / %s | %s | %s | %s |\n", rr.Size, s.Name, s.Index.MiBps, s.Index.SizeRatio, float64(s.Index.PeakRSS)/mib, serve, fmtMs(s.Top10["all"]), complete, fmtAcc(s.Accuracy["all"]))
		}
	}

	c := r.Corpus
	w("\n## The corpus\n\n")
	w("Generated deterministically (seed %d) from real Chinese prose: the documents of `corpus/`, copied whole, and sentences extracted from the Chinese documentation of the Debian packages %s (HTML and man pages reduced to text; a sentence is kept when it has at least 8 Han characters, two thirds of its characters Han, and no markup). The pool holds %d distinct sentences (%.1f MiB), %d of them in Traditional characters. Documents are shaped like session reports: a headline, sometimes a subheadline naming a session, a lead with a byline, a date and a session, paragraphs of 2–7 sentences, some opened by a speaker (X在报告中说，), some with figures (应到代表341人, 2024年); one document in ten is made of Traditional sentences. Documents are 2–20 KB.\n\n",
		c.GeneratorSeed, "`"+strings.Join(c.Packages, "`, `")+"`", c.PoolSentences, float64(c.PoolBytes)/mib, c.PoolTrad)
	w("| corpus | bytes | documents | real text used once | real sentences recombined again | template text |\n|---|---|---|---|---|---|\n")
	for _, rr := range rs {
		c := rr.Corpus
		w("| %s | %d | %d | %.1f%% | %.1f%% | %.1f%% |\n", rr.Size, c.Bytes, c.Documents, 100*float64(c.VerbatimBytes+c.FirstUseBytes)/float64(c.Bytes), 100*float64(c.ReusedBytes)/float64(c.Bytes), 100*float64(c.TemplateBytes)/float64(c.Bytes))
	}
	w("\nAll systems index the same passages: the harness parses the corpus with the project's `indexer` package, as `sessionsearch index` does, and loads the passages' folded text (`fold.String`: Traditional to Simplified, full-width to ASCII, lower case) into Groonga and SQLite, so that the peers get the folding for free and their recall measures their tokenizers. The oracle is a plain substring scan of each query's folded terms over the folded passage text; a term starting or ending with a Latin letter or a digit must start or end at a token edge (341 finds 341人, not 1341; 5 does not match inside 3.5).\n\n")
	w("## The query set\n\n`bench/queries.txt`, generated from the sentence pool by `go run ./bench queries` and committed: single characters (frequent, middle, rare), bigrams (frequent, including 发展, 经济, 改革; middle; rare), phrases of 3–8 characters, phrases that never occur, AND queries of two terms, numbers (341, 1341, 2025年, 第5次, 4.5), queries filtered by kind or year, queries whose kind and year facet counts are compared with the oracle, and Traditional-character queries. Every term is a quoted phrase, so synonym expansion does not apply and the substring contract is exact.\n\n")
	for _, s := range r.Systems {
		if len(s.Notes) > 0 {
			w("Notes on %s: %s.\n\n", s.Name, strings.Join(s.Notes, "; "))
		}
	}
	return b.String()
}

// figures is the section of one run: its figures, its recall and
// latency by class, and the targets as that run measured them.
func figures(r *Results, rs []*Results) string {
	var b strings.Builder
	w := func(f string, a ...any) { fmt.Fprintf(&b, f, a...) }
	w("## Figures (%s)\n\n", r.Size)
	names := []string{}
	head := "| figure |"
	sep := "|---|"
	for _, s := range r.Systems {
		names = append(names, s.Name)
		label := s.Name
		if s.Version != "" {
			label += " (" + s.Version + ")"
		}
		head += " " + label + " |"
		sep += "---|"
	}
	w("%s\n%s\n", head, sep)
	row := func(label string, f func(s *SystemResult) string) {
		w("| %s |", label)
		for _, s := range r.Systems {
			if s.Skipped != "" {
				w(" skipped |")
				continue
			}
			w(" %s |", f(s))
		}
		w("\n")
	}
	idx := func(f func(i *IndexFigures) string) func(s *SystemResult) string {
		return func(s *SystemResult) string {
			if s.Index == nil {
				return "–"
			}
			return f(s.Index)
		}
	}
	row("indexing time", idx(func(i *IndexFigures) string { return fmt.Sprintf("%.1f s", i.Seconds) }))
	row("indexing throughput", idx(func(i *IndexFigures) string { return fmt.Sprintf("%.2f MiB/s", i.MiBps) }))
	row("index size / text size", idx(func(i *IndexFigures) string { return fmt.Sprintf("%.2f×", i.SizeRatio) }))
	row("peak memory while indexing", idx(func(i *IndexFigures) string { return fmt.Sprintf("%.0f MiB", float64(i.PeakRSS)/mib) }))
	row("`index` after one document added / changed / removed", func(s *SystemResult) string {
		if len(s.Incremental) == 0 {
			return "–"
		}
		var parts []string
		for _, st := range s.Incremental {
			parts = append(parts, fmt.Sprintf("%.2f", st.Seconds))
		}
		return strings.Join(parts, " / ") + " s"
	})
	row("peak memory while serving", func(s *SystemResult) string {
		if s.ServeRSS == 0 {
			return "–"
		}
		return fmt.Sprintf("%.0f MiB", float64(s.ServeRSS)/mib)
	})
	row("top 10 + snippets, p50 / p99 ms, in-process", func(s *SystemResult) string { return fmtMs(s.Top10["all"]) })
	row("top 10 + snippets, p50 / p99 ms, over HTTP", func(s *SystemResult) string { return fmtMs(s.Top10HTTP["all"]) })
	row("complete result set, p50 / p99 ms, in-process", func(s *SystemResult) string { return fmtMs(s.All["all"]) })
	row("complete result set, p50 / p99 ms, over HTTP", func(s *SystemResult) string { return fmtMs(s.AllHTTP["all"]) })
	row("HTTP throughput, 8 connections", func(s *SystemResult) string { return fmtRPS(s.Throughput, "c8") })
	row("HTTP throughput, 64 connections", func(s *SystemResult) string { return fmtRPS(s.Throughput, "c64") })
	row("start-up on the existing index", func(s *SystemResult) string {
		var parts []string
		if s.StartupS > 0 {
			parts = append(parts, fmt.Sprintf("%.3f s", s.StartupS))
		}
		if s.StartupHTTP > 0 {
			parts = append(parts, fmt.Sprintf("%.3f s to HTTP", s.StartupHTTP))
		}
		if s.WarmHTTP > 0 {
			parts = append(parts, fmt.Sprintf("%.3f s until warm", s.WarmHTTP))
		}
		if len(parts) == 0 {
			return "–"
		}
		return strings.Join(parts, ", ")
	})
	row("recall / precision, all queries", func(s *SystemResult) string { return fmtAcc(s.Accuracy["all"]) })
	row("facet counts equal to the oracle", func(s *SystemResult) string {
		return fmt.Sprintf("%d of %d", s.FacetChecks-s.FacetFails, s.FacetChecks)
	})
	w("\nGroonga has no in-process mode: its in-process column shows the elapsed time Groonga reports itself (server side). SQLite has no HTTP server: it answers through one long-lived `sqlite3` shell over pipes.\n\n")

	classes := sortedClasses(r.Queries)
	w("### Recall / precision by query class\n\n| class | queries |")
	for _, n := range names {
		w(" %s |", n)
	}
	w("\n|---|---|%s\n", strings.Repeat("---|", len(names)))
	for _, c := range classes {
		w("| %s | %d |", c, r.Queries[c])
		for _, s := range r.Systems {
			w(" %s |", fmtAcc(s.Accuracy[c]))
		}
		w("\n")
	}
	w("\n### Top 10 + snippets by query class, p50 / p99 ms (in-process; over HTTP)\n\n| class |")
	for _, n := range names {
		w(" %s |", n)
	}
	w("\n|---|%s\n", strings.Repeat("---|", len(names)))
	for _, c := range classes {
		w("| %s |", c)
		for _, s := range r.Systems {
			w(" %s; %s |", fmtMs(s.Top10[c]), fmtMs(s.Top10HTTP[c]))
		}
		w("\n")
	}

	w("### Targets of issues 6 and 15 (%s)\n\n", r.Size)
	for _, t := range targets(r, rs) {
		w("- %s\n", t)
	}
	w("\n")
	return b.String()
}

func fmtRPS(m map[string]float64, k string) string {
	if v, ok := m[k]; ok {
		return fmt.Sprintf("%.0f req/s", v)
	}
	return "–"
}

func sumClasses(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

func sortedClasses(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// targets evaluates the targets on one run.
func targets(r *Results, rs []*Results) []string {
	ss, gr := r.system("sessionsearch"), r.system("groonga")
	var out []string
	verdict := func(ok bool) string {
		if ok {
			return "**met**"
		}
		return "**not met**"
	}
	exact := true
	var worst []string
	for c, a := range ss.Accuracy {
		if a.Recall < 1 || a.Precision < 1 {
			exact = false
			worst = append(worst, fmt.Sprintf("%s %.3f/%.3f", c, a.Recall, a.Precision))
		}
	}
	sort.Strings(worst)
	out = append(out, fmt.Sprintf("Recall and precision 1.00 on every class: %s%s.", verdict(exact), list(worst)))
	if gr == nil || gr.Skipped != "" || gr.Index == nil {
		out = append(out, "Ratios against Groonga: Groonga was not run.")
	} else {
		out = append(out, fmt.Sprintf("Indexing throughput at least Groonga's: %s (%.2f vs %.2f MiB/s, ratio %.2f).", verdict(ss.Index.MiBps >= gr.Index.MiBps), ss.Index.MiBps, gr.Index.MiBps, ss.Index.MiBps/gr.Index.MiBps))
		out = append(out, fmt.Sprintf("Top 10 with snippets below Groonga's, p50 and p99, in-process (against Groonga's server-side time): %s (p50 %.2f vs %.2f ms, p99 %.1f vs %.1f ms).",
			verdict(ss.Top10["all"].P50 < gr.Top10["all"].P50 && ss.Top10["all"].P99 < gr.Top10["all"].P99), ss.Top10["all"].P50, gr.Top10["all"].P50, ss.Top10["all"].P99, gr.Top10["all"].P99))
		out = append(out, fmt.Sprintf("Top 10 with snippets below Groonga's over HTTP: %s (p50 %.2f vs %.2f ms, p99 %.1f vs %.1f ms).",
			verdict(ss.Top10HTTP["all"].P50 < gr.Top10HTTP["all"].P50 && ss.Top10HTTP["all"].P99 < gr.Top10HTTP["all"].P99), ss.Top10HTTP["all"].P50, gr.Top10HTTP["all"].P50, ss.Top10HTTP["all"].P99, gr.Top10HTTP["all"].P99))
		for _, k := range []string{"c8", "c64"} {
			out = append(out, fmt.Sprintf("HTTP throughput above Groonga's at %s connections: %s (%.0f vs %.0f req/s).", k[1:], verdict(ss.Throughput[k] > gr.Throughput[k]), ss.Throughput[k], gr.Throughput[k]))
		}
	}
	if gr != nil && gr.Skipped == "" && gr.Index != nil {
		// Issue 15's targets, as ratios to Groonga in this run.
		out = append(out, fmt.Sprintf("Peak memory while indexing at most Groonga's: %s (%.0f vs %.0f MiB, ratio %.2f).", verdict(ss.Index.PeakRSS <= gr.Index.PeakRSS), float64(ss.Index.PeakRSS)/mib, float64(gr.Index.PeakRSS)/mib, float64(ss.Index.PeakRSS)/float64(gr.Index.PeakRSS)))
		if base := flatBase(rs); base != nil && base != r {
			b := base.system("sessionsearch")
			if b != nil && b.Index != nil && b.Index.PeakRSS > 0 {
				ratio := float64(ss.Index.PeakRSS) / float64(b.Index.PeakRSS)
				out = append(out, fmt.Sprintf("Peak memory while indexing flat, at most %.2f× the %s run's: %s (%.0f vs %.0f MiB, ratio %.2f; Groonga's ratio %s).",
					flatSlack, base.Size, verdict(ratio <= flatSlack), float64(ss.Index.PeakRSS)/mib, float64(b.Index.PeakRSS)/mib, ratio, groongaGrowth(base, gr)))
			}
		}
		half := func(where string, a, b Latency) string {
			return fmt.Sprintf("Top 10 with snippets at most half of Groonga's, p50 and p99, %s: %s (p50 ratio %.2f, p99 ratio %.2f).", where, verdict(a.P50 <= b.P50/2 && a.P99 <= b.P99/2), a.P50/b.P50, a.P99/b.P99)
		}
		out = append(out, half("in-process", ss.Top10["all"], gr.Top10["all"]), half("over HTTP", ss.Top10HTTP["all"], gr.Top10HTTP["all"]))
		a, b := ss.AllHTTP["all"], gr.AllHTTP["all"]
		out = append(out, fmt.Sprintf("Complete result sets with a p99 below Groonga's over HTTP: %s (%.1f vs %.1f ms).", verdict(a.P99 < b.P99), a.P99, b.P99))
	}
	out = append(out, fmt.Sprintf("Index size at most 3× the text: %s (%.2f×).", verdict(ss.Index.SizeRatio <= 3), ss.Index.SizeRatio))
	// The bound holds over HTTP as well as in-process, as the latency
	// targets do.
	var slow []string
	for _, m := range []struct {
		where string
		lat   map[string]Latency
	}{{"in-process", ss.Top10}, {"over HTTP", ss.Top10HTTP}} {
		var cs []string
		for c, l := range m.lat {
			if l.P99 > 50 {
				cs = append(cs, fmt.Sprintf("%s %.0f ms %s", c, l.P99, m.where))
			}
		}
		sort.Strings(cs)
		slow = append(slow, cs...)
	}
	scope := ""
	if r.Size != "100MB" && r.Size != "300MB" {
		scope = fmt.Sprintf(" (measured at %s; the target is set at 100 MB)", r.Size)
	}
	out = append(out, fmt.Sprintf("No query class with a top-10 p99 over 50 ms: %s%s%s.", verdict(len(slow) == 0), list(slow), scope))
	out = append(out, fmt.Sprintf("Start-up on an existing index under one second: %s (%.3f s in-process, %.3f s to the first HTTP answer%s).", verdict(ss.StartupS < 1 && ss.StartupHTTP < 1), ss.StartupS, ss.StartupHTTP, scope))
	if len(ss.Incremental) > 0 {
		ok := true
		for _, st := range ss.Incremental {
			ok = ok && st.Seconds < 1 && !st.Rebuilt && st.Hits == st.Want
		}
		out = append(out, fmt.Sprintf("After adding, changing or removing one document, `sessionsearch index` in under one second without a rebuild, and the searches see it: %s (%s%s).", verdict(ok), fmtSteps(ss.Incremental), scope))
	}
	split := ""
	if ss.ServeAnon > 0 || ss.ServeFile > 0 {
		split = fmt.Sprintf("; at the end, %.0f MiB of its own memory and %.0f MiB of mapped index pages", float64(ss.ServeAnon)/mib, float64(ss.ServeFile)/mib)
	}
	out = append(out, fmt.Sprintf("Memory while serving stated: peak %.0f MiB for the `serve` process through the query passes and the load test%s.", float64(ss.ServeRSS)/mib, split))
	return out
}

// flatSlack is how much more than at 10 MB the peak memory of indexing
// may be and still count as flat: the fixed part (the program, its
// buffers) is most of it at 10 MB, and what grows with the documents
// (their catalog) is a part of it.
const flatSlack = 1.25

// flatBase is the run the flatness of memory is measured against: the
// 10 MB run.
func flatBase(rs []*Results) *Results {
	for _, r := range rs {
		if r.Size == "10MB" {
			return r
		}
	}
	return nil
}

// groongaGrowth is the growth of Groonga's peak memory from base to this
// run, for comparison.
func groongaGrowth(base *Results, gr *SystemResult) string {
	g := base.system("groonga")
	if g == nil || g.Index == nil || g.Index.PeakRSS == 0 || gr.Index == nil {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(gr.Index.PeakRSS)/float64(g.Index.PeakRSS))
}

func list(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return ": " + strings.Join(items, ", ")
}

// plotSVG draws index time and top-10 latency against corpus size, one
// line per system, on log–log axes.
func plotSVG(rs []*Results) string {
	const W, H, pad = 900, 380, 60
	panelW := (W - 3*pad) / 2
	colors := map[string]string{"sessionsearch": "#1f77b4", "groonga": "#d62728", "sqlite-fts5": "#2ca02c"}
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", W, H)
	b.WriteString(`<rect width="100%" height="100%" fill="white"/>` + "\n")
	type pt struct{ x, y float64 }
	panel := func(x0 int, title, unit string, val func(s *SystemResult) float64) {
		series := map[string][]pt{}
		xmin, xmax, ymin, ymax := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
		for _, r := range rs {
			x := float64(r.Corpus.Bytes) / mib
			for _, s := range r.Systems {
				if s.Skipped != "" {
					continue
				}
				y := val(s)
				if y <= 0 {
					continue
				}
				series[s.Name] = append(series[s.Name], pt{x, y})
				xmin, xmax, ymin, ymax = math.Min(xmin, x), math.Max(xmax, x), math.Min(ymin, y), math.Max(ymax, y)
			}
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", x0, pad-25, title)
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888"/>`+"\n", x0, pad, panelW, H-2*pad)
		if math.IsInf(xmin, 1) {
			return
		}
		lx0, lx1 := math.Floor(math.Log10(xmin)), math.Ceil(math.Log10(xmax))
		ly0, ly1 := math.Floor(math.Log10(ymin)), math.Ceil(math.Log10(ymax))
		if lx1 == lx0 {
			lx1++
		}
		if ly1 == ly0 {
			ly1++
		}
		px := func(x float64) float64 { return float64(x0) + (math.Log10(x)-lx0)/(lx1-lx0)*float64(panelW) }
		py := func(y float64) float64 { return float64(H-pad) - (math.Log10(y)-ly0)/(ly1-ly0)*float64(H-2*pad) }
		for e := lx0; e <= lx1; e++ {
			x := px(math.Pow(10, e))
			fmt.Fprintf(&b, `<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#eee"/><text x="%.1f" y="%d" text-anchor="middle">%g MiB</text>`+"\n", x, pad, x, H-pad, x, H-pad+16, math.Pow(10, e))
		}
		for e := ly0; e <= ly1; e++ {
			y := py(math.Pow(10, e))
			fmt.Fprintf(&b, `<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#eee"/><text x="%d" y="%.1f" text-anchor="end">%g %s</text>`+"\n", x0, y, x0+panelW, y, x0-4, y+4, math.Pow(10, e), unit)
		}
		names := make([]string, 0, len(series))
		for n := range series {
			names = append(names, n)
		}
		sort.Strings(names)
		for i, n := range names {
			pts := series[n]
			sort.Slice(pts, func(a, c int) bool { return pts[a].x < pts[c].x })
			var path []string
			for _, p := range pts {
				path = append(path, fmt.Sprintf("%.1f,%.1f", px(p.x), py(p.y)))
				fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", px(p.x), py(p.y), colors[n])
			}
			fmt.Fprintf(&b, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", strings.Join(path, " "), colors[n])
			fmt.Fprintf(&b, `<text x="%d" y="%d" fill="%s">%s</text>`+"\n", x0+8, pad+16+14*i, colors[n], n)
		}
	}
	panel(pad, "Indexing time (s) against corpus size", "s", func(s *SystemResult) float64 {
		if s.Index == nil {
			return 0
		}
		return s.Index.Seconds
	})
	panel(2*pad+panelW, "Top 10 + snippets p99 (ms, in-process) against corpus size", "ms", func(s *SystemResult) float64 { return s.Top10["all"].P99 })
	b.WriteString("</svg>\n")
	return b.String()
}

func fmtSteps(steps []UpdateStep) string {
	var parts []string
	for _, st := range steps {
		p := fmt.Sprintf("%s %.2f s", st.Change, st.Seconds)
		if st.Rebuilt {
			p += " (rebuilt)"
		}
		if st.Hits != st.Want {
			p += fmt.Sprintf(" (%d hits, want %d)", st.Hits, st.Want)
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}
