package search

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"sessionsearch/fold"
)

// plainWindows is the oracle's view of one passage: its folded runes, the
// nodes (leftmost, non-overlapping occurrences of the query) and, for
// every rune, whether it is inside a window of a node.
type plainWindows struct {
	doc   string
	text  []rune
	nodes []span
}

// inNode reports whether [a,b) overlaps a node.
func (p plainWindows) inNode(a, b int) bool {
	for _, n := range p.nodes {
		if a < n.end && n.start < b {
			return true
		}
	}
	return false
}

// enders end sentences in the oracle: the README's list, folded and not,
// and every line break.
const enders = "。！？；!?;｡\n\r\v\f\u0085\u2028\u2029"

// inWindow reports whether [a,b) lies wholly inside one window of a node,
// as the README defines them, written out from the definition.
func (p plainWindows) inWindow(a, b int, win Window) bool {
	if len(p.nodes) == 0 {
		return false
	}
	switch win.Unit {
	case "passage":
		return true
	case "sentence":
		// The sentence of a: from after the last ender before a to the
		// next ender at or after it.
		s := a
		for s > 0 && !strings.ContainsRune(enders, p.text[s-1]) {
			s--
		}
		e := a
		for e < len(p.text) && !strings.ContainsRune(enders, p.text[e]) {
			e++
		}
		if b > e+1 {
			return false
		}
		for _, n := range p.nodes {
			if n.start >= s && n.end <= e+1 {
				return true
			}
		}
		return false
	}
	for _, n := range p.nodes {
		if a >= n.start-win.Chars && b <= n.start || a >= n.end && b <= n.end+win.Chars {
			return true
		}
	}
	return false
}

// findNodes is the leftmost non-overlapping occurrences of q in text.
func findNodes(text []rune, q []rune) []span {
	var out []span
	for i := 0; i+len(q) <= len(text); {
		if slices.Equal(text[i:i+len(q)], q) {
			out = append(out, span{i, i + len(q)})
			i += len(q)
		} else {
			i++
		}
	}
	return out
}

// TestCollocatesAreExact compares every figure of every listed collocate
// with a plain scan of the stored text, for each window kind, with and
// without a filter, for Simplified and Traditional queries; and checks
// that every n-gram at the floor is listed or folded into one listed.
func TestCollocatesAreExact(t *testing.T) {
	x := openTestIndex(t, genCorpus(t, 60))
	ps := plainPassages(t, x)
	for _, q := range []string{"发展", "數字經濟", "在", "高质量发展"} {
		for _, window := range []string{"3", "8", "sentence", "passage"} {
			for _, year := range []string{"", "2020"} {
				t.Run(q+"/"+window+"/"+year, func(t *testing.T) {
					win, err := ParseWindow(window)
					if err != nil {
						t.Fatal(err)
					}
					req := CollocatesRequest{Request: Request{Query: q}, Window: win, Min: 2, Limit: MaxCollocates}
					if year != "" {
						req.Year = []string{year}
					}
					got, err := x.Collocates(context.Background(), req)
					if err != nil {
						t.Fatal(err)
					}
					if len(got.Collocates) == 0 {
						t.Fatalf("seed %d: no collocates of %s in window %s", researchSeed, q, window)
					}
					checkCollocates(t, got, ps, q, win, year, req.Min)
				})
			}
		}
	}
}

func checkCollocates(t *testing.T, got *Collocates, ps []plainPassage, q string, win Window, year string, min int) {
	t.Helper()
	fq := []rune(fold.String(q))
	var sub []plainWindows
	var n, fx, w int64
	for _, p := range ps {
		if year != "" && p.values["year"][0] != year {
			continue
		}
		pw := plainWindows{doc: p.doc, text: []rune(fold.String(p.text))}
		pw.nodes = findNodes(pw.text, fq)
		fx += int64(len(pw.nodes))
		for i, r := range pw.text {
			if classify(r) != classCJK {
				continue
			}
			n++
			if !pw.inNode(i, i+1) && pw.inWindow(i, i+1, win) {
				w++
			}
		}
		sub = append(sub, pw)
	}
	if got.Han != n || got.Nodes != fx || got.WindowHan != w {
		t.Fatalf("seed %d: N, f_x, W = %d, %d, %d; plain scan %d, %d, %d", researchSeed, got.Han, got.Nodes, got.WindowHan, n, fx, w)
	}
	// Every n-gram of the windows, counted from the definition.
	type figures struct {
		fxy, fy int64
		docs    map[string]bool
	}
	plain := map[string]*figures{}
	for _, p := range sub {
		for a := range p.text {
			for l := minNgram; l <= maxNgram && a+l <= len(p.text); l++ {
				if classify(p.text[a+l-1]) != classCJK || classify(p.text[a]) != classCJK {
					break
				}
				s := string(p.text[a : a+l])
				f := plain[s]
				if f == nil {
					f = &figures{docs: map[string]bool{}}
					plain[s] = f
				}
				f.fy++
				if !p.inNode(a, a+l) && p.inWindow(a, a+l, win) {
					f.fxy++
					f.docs[p.doc] = true
				}
			}
		}
	}
	listed := map[string]bool{}
	for _, c := range got.Collocates {
		listed[c.Text] = true
		for _, f := range c.Folded {
			listed[f] = true
		}
		f := plain[c.Text]
		if f == nil {
			t.Errorf("seed %d: collocate %s does not occur in the subcorpus", researchSeed, c.Text)
			continue
		}
		if c.Freq != f.fxy || c.CorpusFreq != f.fy || c.Docs != len(f.docs) {
			t.Errorf("seed %d: %s: f_xy %d, f_y %d, docs %d; plain scan %d, %d, %d", researchSeed, c.Text, c.Freq, c.CorpusFreq, c.Docs, f.fxy, f.fy, len(f.docs))
		}
		if strings.Contains(string(fq), c.Text) {
			t.Errorf("collocate %s is a fragment of the query %s", c.Text, q)
		}
		fxy, fy := float64(f.fxy), float64(f.fy)
		wantDice := 14 + math.Log2(2*fxy/(float64(fx)+fy))
		wantMI := math.Log2(fxy * float64(n) / (float64(fx) * fy))
		wantLL := logLikelihood(fxy, fy-fxy, float64(w), float64(n-w))
		if math.Abs(c.LogDice-wantDice) > 0.001 || math.Abs(c.MI-wantMI) > 0.001 || math.Abs(c.LogLikelihood-wantLL) > 0.001 {
			t.Errorf("%s: logDice %v, MI %v, LL %v; want %v, %v, %v", c.Text, c.LogDice, c.MI, c.LogLikelihood, wantDice, wantMI, wantLL)
		}
		if !strings.Contains(c.Kwic, `"`+c.Text+`"`) || !strings.HasPrefix(c.Kwic, q) {
			t.Errorf("%s: concordance query %q", c.Text, c.Kwic)
		}
	}
	// Nothing at the floor is missing: every n-gram of the windows with
	// f_xy ≥ min is listed or folded into one that is, except the
	// query's own fragments.
	for s, f := range plain {
		if f.fxy >= int64(min) && !listed[s] && !strings.Contains(string(fq), s) {
			t.Errorf("seed %d: %s (f_xy %d) is neither listed nor folded", researchSeed, s, f.fxy)
		}
	}
	if got.Candidates < len(got.Collocates) {
		t.Errorf("%d candidates, %d listed", got.Candidates, len(got.Collocates))
	}
}

// TestCollocatesWindowEdges: an item is in a window of N characters only
// when it fits inside it, never overlaps a node, and is counted once when
// two nodes' windows hold it; its concordance query names the distance
// that finds it.
func TestCollocatesWindowEdges(t *testing.T) {
	dir := t.TempDir()
	doc := "---\ntitle: 甲\ndate: 2024-03-01\n---\n# 甲\n\n算力数字经济算力，数字经济在先。\n\n数字经济在前一句。很远很远的算力。\n"
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	x := openTestIndex(t, dir)
	for _, tt := range []struct {
		window   string
		item     string
		freq     int64
		kwic     string
		notFound []string
	}{
		// 数字经济 between two nodes, in the right window of the first
		// and the left of the second, is counted once; the one after
		// "，" does not fit in 4 characters, it does in 5.
		{"4", "数字经济", 1, `算力 NEAR/0 "数字经济"`, []string{"力数", "经济算"}},
		{"5", "数字经济", 2, `算力 NEAR/1 "数字经济"`, nil},
		// The third is in the passage, not in the sentence of a node.
		{"sentence", "数字经济", 2, `算力 同句 "数字经济"`, nil},
		{"passage", "数字经济", 3, `算力 "数字经济"`, nil},
	} {
		t.Run(tt.window, func(t *testing.T) {
			win, err := ParseWindow(tt.window)
			if err != nil {
				t.Fatal(err)
			}
			got, err := x.Collocates(context.Background(), CollocatesRequest{Request: Request{Query: "算力"}, Window: win, Min: 1, Limit: MaxCollocates})
			if err != nil {
				t.Fatal(err)
			}
			var found *Collocate
			for i, c := range got.Collocates {
				if c.Text == tt.item {
					found = &got.Collocates[i]
				}
				for _, bad := range tt.notFound {
					if c.Text == bad || slices.Contains(c.Folded, bad) {
						t.Errorf("window %s lists %s, which overlaps a node", tt.window, bad)
					}
				}
			}
			if found == nil {
				t.Fatalf("window %s: %s not listed in %+v", tt.window, tt.item, got.Collocates)
			}
			if found.Freq != tt.freq || found.Kwic != tt.kwic {
				t.Errorf("window %s: %s freq %d kwic %q, want %d and %q", tt.window, tt.item, found.Freq, found.Kwic, tt.freq, tt.kwic)
			}
		})
	}
}

// TestCollocatesRanking: each measure orders the list by itself, and the
// bad requests are refused with a message.
func TestCollocatesRanking(t *testing.T) {
	x := openTestIndex(t, genCorpus(t, 30))
	for _, m := range CollocateMeasures {
		got, err := x.Collocates(context.Background(), CollocatesRequest{Request: Request{Query: "发展"}, Measure: m, Min: 2})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Collocates) < 3 || got.Measure != m || got.Window != "sentence" {
			t.Fatalf("measure %s: %d collocates, measure %q, window %q", m, len(got.Collocates), got.Measure, got.Window)
		}
		score := func(c Collocate) float64 {
			return map[string]float64{"logdice": c.LogDice, "ll": c.LogLikelihood, "mi": c.MI, "freq": float64(c.Freq)}[m]
		}
		for i := 1; i < len(got.Collocates); i++ {
			if score(got.Collocates[i]) > score(got.Collocates[i-1]) {
				t.Errorf("measure %s: %s (%v) after %s (%v)", m, got.Collocates[i].Text, score(got.Collocates[i]), got.Collocates[i-1].Text, score(got.Collocates[i-1]))
			}
		}
	}
	for _, tt := range []struct {
		name string
		req  CollocatesRequest
	}{
		{"no query", CollocatesRequest{}},
		{"filters only", CollocatesRequest{Request: Request{Query: "year:2020"}}},
		{"a filter in the box", CollocatesRequest{Request: Request{Query: "发展 year:2020"}}},
		{"a proximity operator", CollocatesRequest{Request: Request{Query: "发展 NEAR/3 推动"}}},
		{"a sentence operator", CollocatesRequest{Request: Request{Query: "发展 同句 推动"}}},
		{"unknown measure", CollocatesRequest{Request: Request{Query: "发展"}, Measure: "t"}},
		{"window too wide", CollocatesRequest{Request: Request{Query: "发展"}, Window: Window{Unit: "chars", Chars: 51}}},
		{"limit too big", CollocatesRequest{Request: Request{Query: "发展"}, Limit: MaxCollocates + 1}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := x.Collocates(context.Background(), tt.req); err == nil || !strings.Contains(err.Error(), " ") {
				t.Errorf("Collocates(%+v) = %v, want an error that says what is wrong", tt.req, err)
			}
		})
	}
	for _, s := range []string{"0", "51", "-3", "sentences", "5.5"} {
		if _, err := ParseWindow(s); err == nil {
			t.Errorf("ParseWindow(%q) = nil error", s)
		}
	}
	for s, want := range map[string]Window{"": {Unit: "sentence"}, "passage": {Unit: "passage"}, "50": {Unit: "chars", Chars: 50}} {
		if got, err := ParseWindow(s); err != nil || got != want || (s != "" && got.String() != s) {
			t.Errorf("ParseWindow(%q) = %+v, %v", s, got, err)
		}
	}
	single := &plan{groups: 1, anyUnit: "算力"}
	if n := utf8.RuneCountInString("数字经济"); kwicQuery("算力", "数字经济", Window{Unit: "chars", Chars: 10}, single) != `算力 NEAR/`+string(rune('0'+10-n))+` "数字经济"` {
		t.Errorf("kwicQuery = %q", kwicQuery("算力", "数字经济", Window{Unit: "chars", Chars: 10}, single))
	}
}

// TestIsHan: the shortcuts of isHan agree with classify on every rune.
func TestIsHan(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := isHan(r), classify(r) == classCJK; got != want {
			t.Fatalf("isHan(%U) = %v, classify says %v", r, got, want)
		}
	}
}

// TestSentenceWindowOfACrossingNode: a node that crosses a sentence end
// is in no sentence, as 同句 has it, and so has no window.
func TestSentenceWindowOfACrossingNode(t *testing.T) {
	text := "甲乙发展。推动丙丁。戊"
	tt := tableOf([]int32{0}, text)
	for _, c := range []struct {
		q          string
		nodes, han int64
	}{
		{"展。推", 1, 0},
		{"推动", 1, 2},   // 丙丁
		{"发展", 1, 2},   // 甲乙
		{"乙发展。", 1, 1}, // 甲: the node ends with its sentence
	} {
		w, err := collectWindows(tt, []uint64{0}, newMatcher([]string{c.q}), Window{Unit: "sentence"}, MaxWindowCharacters, nil)
		if err != nil {
			t.Fatal(err)
		}
		if w.nodes != c.nodes || w.han != c.han {
			t.Errorf("%s: %d nodes, %d characters in windows; want %d, %d", c.q, w.nodes, w.han, c.nodes, c.han)
		}
	}
}

// TestWindowsBound: the windows stop growing once they pass the bound, so
// that a frequent character by passage is refused, not counted.
func TestWindowsBound(t *testing.T) {
	text := "甲乙发展丙丁"
	tt := tableOf([]int32{0, 0, 0}, text, text, text)
	m := newMatcher([]string{"发展"})
	if w, _ := collectWindows(tt, []uint64{0, 1, 2}, m, Window{Unit: "passage"}, 100, nil); w.han != 12 || w.nodes != 3 {
		t.Errorf("unbounded: %d characters, %d nodes; want 12 and 3", w.han, w.nodes)
	}
	if w, _ := collectWindows(tt, []uint64{0, 1, 2}, m, Window{Unit: "passage"}, 5, nil); w.han != 8 || w.nodes != 2 {
		t.Errorf("bounded by 5: %d characters, %d nodes; want to stop after the passage that passes it (8, 2)", w.han, w.nodes)
	}
}

// TestWindowsEndTheirRuns: a window's run of Chinese characters ends
// with the window, so that no item is counted across the end of one
// window and the start of the next (here in the next passage, the
// passage ending without punctuation).
func TestWindowsEndTheirRuns(t *testing.T) {
	a, b := "推动发展经济", "改革发展"
	tt := tableOf([]int32{0, 1}, a, b)
	m := newMatcher([]string{"发展"})
	for _, win := range []Window{{Unit: "passage"}, {Unit: "sentence"}, {Unit: "chars", Chars: 2}} {
		w, err := collectWindows(tt, []uint64{0, 1}, m, win, MaxWindowCharacters, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := string(w.seq), "推动\x00经济\x00改革\x00"; got != want {
			t.Errorf("window %s: runs %q, want %q", win, got, want)
		}
	}
}

// TestCountReferenceStops: the pass over the subcorpus stops with the
// context's error, and counts when the context is live.
func TestCountReferenceStops(t *testing.T) {
	text := "推动高质量发展，推动高质量发展。"
	tt := tableOf([]int32{0}, text)
	c := countNgramsIn(hanRunsOnly(nil, []byte(text)), make([]int32, 20), nil, 2)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := c.countReference(ctx, tt, []uint64{0}); err != context.Canceled {
		t.Errorf("countReference with a cancelled context = %v, want context.Canceled", err)
	}
	if err := c.countReference(context.Background(), tt, []uint64{0}); err != nil || len(c.freqB) == 0 || c.freqB[0] != 2 {
		t.Errorf("countReference = %v, freqB %v; want the kept n-grams twice each", err, c.freqB)
	}
}

// TestCollocatesConcordance: each collocate's concordance query (NEAR/k,
// 同句, or both in the passage) finds the co-occurrences: its lines of the
// item are as many as the item's f_xy.
func TestCollocatesConcordance(t *testing.T) {
	x := openTestIndex(t, genCorpus(t, 40))
	for _, window := range []string{"4", "8", "sentence", "passage"} {
		win, err := ParseWindow(window)
		if err != nil {
			t.Fatal(err)
		}
		got, err := x.Collocates(context.Background(), CollocatesRequest{Request: Request{Query: "发展"}, Window: win, Min: 2, Limit: 30})
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Collocates) < 10 {
			t.Fatalf("window %s: %d collocates of 发展, want 10 or more to check", window, len(got.Collocates))
		}
		for _, c := range got.Collocates {
			conc, err := x.KWIC(context.Background(), KWICRequest{Request: Request{Query: c.Kwic}, Limit: 100000})
			if err != nil {
				t.Fatalf("KWIC(%q): %v", c.Kwic, err)
			}
			var lines int64
			for _, l := range conc.Lines {
				if fold.String(l.Match) == c.Text {
					lines++
				}
			}
			if lines != c.Freq {
				t.Errorf("seed %d: window %s: KWIC(%q) has %d lines of %s, f_xy is %d", researchSeed, window, c.Kwic, lines, c.Text, c.Freq)
			}
		}
	}
}

// TestCollocatesLineBreak: a line break ends a sentence, though the text
// table shows it as a space: the passage is read for its sentences.
func TestCollocatesLineBreak(t *testing.T) {
	dir := t.TempDir()
	doc := "---\ntitle: 乙\ndate: 2024-03-01\n---\n# 乙\n\n算力发展\u2028数字经济在先。\n"
	if err := os.WriteFile(filepath.Join(dir, "b.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	x := openTestIndex(t, dir)
	for _, tt := range []struct {
		window string
		han    int64
		items  []string
	}{
		{"sentence", 2, []string{"发展"}},          // the line break ends 算力's sentence
		{"passage", 8, []string{"发展", "数字经济在先"}}, // 数字经济 folded into 数字经济在先
	} {
		win, _ := ParseWindow(tt.window)
		got, err := x.Collocates(context.Background(), CollocatesRequest{Request: Request{Query: "算力"}, Window: win, Min: 1, Limit: MaxCollocates})
		if err != nil {
			t.Fatal(err)
		}
		var items []string
		for _, c := range got.Collocates {
			items = append(items, c.Text)
		}
		slices.Sort(items)
		if got.Nodes != 1 || got.WindowHan != tt.han || !slices.Equal(items, tt.items) {
			t.Errorf("window %s: %d nodes, %d characters in windows, collocates %v; want 1, %d, %v", tt.window, got.Nodes, got.WindowHan, items, tt.han, tt.items)
		}
	}
}

// TestCollocateLinksFindTheirLines: each collocate's kwic query (q NEAR/k
// "item", q 同句 "item", q "item") finds the lines where the two stand
// together: the concordance's documents are the documents where the item
// stands in a window of the query.
func TestCollocateLinksFindTheirLines(t *testing.T) {
	x := openTestIndex(t, genCorpus(t, 40))
	for _, q := range []string{"发展", "高质量发展", "數字經濟", "发展 经济", "发展 OR 改革", "发展 \"推动高质量\"", "发展 -改革"} {
		for _, window := range []string{"3", "8", "sentence", "passage"} {
			t.Run(q+"/"+window, func(t *testing.T) {
				win, err := ParseWindow(window)
				if err != nil {
					t.Fatal(err)
				}
				got, err := x.Collocates(context.Background(), CollocatesRequest{Request: Request{Query: q}, Window: win, Min: 2, Limit: 30})
				if err != nil {
					t.Fatal(err)
				}
				if len(got.Collocates) == 0 {
					t.Fatalf("no collocates of %s in window %s", q, window)
				}
				for _, c := range got.Collocates {
					conc, err := x.KWIC(context.Background(), KWICRequest{Request: Request{Query: c.Kwic}, Width: 10, Limit: 100000})
					if err != nil {
						t.Fatalf("KWIC(%q): %v", c.Kwic, err)
					}
					docs := map[string]bool{}
					for _, l := range conc.Lines {
						docs[l.DocID] = true
					}
					if len(docs) != c.Docs {
						t.Errorf("%s: KWIC(%q) has lines in %d documents, the collocate stands in a window in %d", c.Text, c.Kwic, len(docs), c.Docs)
					}
				}
			})
		}
	}
}
