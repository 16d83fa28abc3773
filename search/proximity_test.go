package search

import (
	"context"
	"encoding/json"
	randv2 "math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestProxClauseHolds(t *testing.T) {
	near := func(n int) func(l, r []string) *proxClause {
		return func(l, r []string) *proxClause { return newProxClause(l, r, n, false) }
	}
	sent := func(l, r []string) *proxClause { return newProxClause(l, r, 0, true) }
	one := func(s string) []string { return []string{s} }
	tests := []struct {
		name        string
		text        string
		clause      func(l, r []string) *proxClause
		left, right []string
		want        bool
	}{
		{"adjacent", "推动算力数字经济发展", near(0), one("算力"), one("数字经济"), true},
		{"adjacent, the other order", "推动数字经济算力发展", near(0), one("算力"), one("数字经济"), true},
		{"one character between", "算力与数字经济", near(0), one("算力"), one("数字经济"), false},
		{"one character within 1", "算力与数字经济", near(1), one("算力"), one("数字经济"), true},
		{"punctuation counts", "数字经济，，算力", near(1), one("算力"), one("数字经济"), false},
		{"punctuation counts, within 2", "数字经济，，算力", near(2), one("算力"), one("数字经济"), true},
		{"a space counts", "算力 数字经济", near(0), one("算力"), one("数字经济"), false},
		{"Traditional text", "發展數字經濟", near(0), one("发展"), one("数字经济"), true},
		{"Traditional query", "发展数字经济", near(0), one("發展"), one("數字經濟"), true},
		{"full-width Latin", "ＡＩ赋能算力", near(2), one("ai"), one("算力"), true},
		{"overlapping operands are no pair", "推动发展开放", near(5), one("发展"), one("展开"), false},
		{"a separate occurrence is", "发展开放展开", near(2), one("发展"), one("展开"), true},
		{"one occurrence is not two", "坚持发展", near(5), one("发展"), one("发展"), false},
		{"two occurrences are", "发展和发展", near(1), one("发展"), one("发展"), true},
		{"contained is no pair", "发展", near(3), one("发展"), one("发"), false},
		{"overlapping occurrences of one string", "发发发展", near(0), one("发发"), one("展"), true},
		{"Latin inside a word is no occurrence", "AAAB", near(0), one("aa"), one("b"), false},
		{"341 is not in 1341", "共1341人", near(0), one("341"), one("人"), false},
		{"341 whole", "共1341人参加341", near(2), one("341"), one("人"), true},
		{"3.41 is one number", "3.41人", near(0), one("41"), one("人"), false},
		{"alternatives", "能源与数字经济", near(1), []string{"算力", "能源"}, one("数字经济"), true},
		{"long gap in bytes", "算力" + strings.Repeat("字", 10) + "数字经济", near(10), one("算力"), one("数字经济"), true},
		{"long gap in bytes, one too many", "算力" + strings.Repeat("字", 11) + "数字经济", near(10), one("算力"), one("数字经济"), false},
		{"long gap in Latin", "算力" + strings.Repeat("x", 10) + "数字经济", near(10), one("算力"), one("数字经济"), true},
		{"same sentence", "算力建设加快，数字经济发展。", sent, one("算力"), one("数字经济"), true},
		{"two sentences", "算力建设加快。数字经济发展。", sent, one("算力"), one("数字经济"), false},
		{"full-width exclamation", "算力！数字经济", sent, one("算力"), one("数字经济"), false},
		{"half-width question", "算力?数字经济", sent, one("算力"), one("数字经济"), false},
		{"semicolon", "算力；数字经济", sent, one("算力"), one("数字经济"), false},
		{"ideographic half-width stop", "算力｡数字经济", sent, one("算力"), one("数字经济"), false},
		{"a line break", "算力\n数字经济", sent, one("算力"), one("数字经济"), false},
		{"a line separator", "算力\u2028数字经济", sent, one("算力"), one("数字经济"), false},
		{"a space is no end", "算力 数字经济", sent, one("算力"), one("数字经济"), true},
		{"a comma is no end", "算力, 数字经济", sent, one("算力"), one("数字经济"), true},
		{"a sentence end closing an operand", "数字经济和算力。后来", sent, one("算力。"), one("数字经济"), true},
		{"an operand after its sentence end", "算力。数字经济", sent, one("算力。"), one("数字经济"), false},
		{"an operand across a sentence end", "算力。数字经济", sent, one("力。数"), one("经济"), false},
		{"the second sentence", "算力。数字经济与算力", sent, one("算力"), one("数字经济"), true},
		{"one sentence, one occurrence", "发展", sent, one("发展"), one("发展"), false},
		{"line break within NEAR", "算力\n数字经济", near(1), one("算力"), one("数字经济"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.clause(tt.left, tt.right)
			pt := foldedText(tt.text)
			for _, right := range []bool{false, true} {
				if got := c.holds(pt, right); got != tt.want {
					t.Errorf("%q: holds (anchored right: %v) = %v, want %v", tt.text, right, got, tt.want)
				}
			}
			if got := len(c.pairParticipants(pt, 0)) > 0; got != tt.want {
				t.Errorf("%q: participants %v, want some: %v", tt.text, c.pairParticipants(pt, 0), tt.want)
			}
		})
	}
}

// TestProxHoldsAgreesWithPairs compares the one-pass check with pairing
// every occurrence with every other (participants), on random text of a
// few characters, sentence ends and line breaks.
func TestProxHoldsAgreesWithPairs(t *testing.T) {
	rng := randv2.New(randv2.NewPCG(*proxSeed, 7))
	alphabet := []rune("发展开放展算力的在。！？；;，, \n\u2028１3４")
	words := []string{"发展", "展开", "发", "展", "算力", "的", "在", "发展开放", "力的", "13", "4", "开。", "，在"}
	checked, held := 0, 0
	for range 20000 {
		var rs []rune
		for range rng.IntN(20) {
			if rng.IntN(2) == 0 {
				rs = append(rs, []rune(words[rng.IntN(len(words))])...)
			} else {
				rs = append(rs, alphabet[rng.IntN(len(alphabet))])
			}
		}
		side := func() []string {
			out := []string{words[rng.IntN(len(words))]}
			if rng.IntN(4) == 0 {
				out = append(out, words[rng.IntN(len(words))])
			}
			return out
		}
		c := newProxClause(side(), side(), rng.IntN(6), rng.IntN(3) == 0)
		pt := foldedText(string(rs))
		want := len(c.pairParticipants(pt, 0)) > 0
		for _, right := range []bool{false, true} {
			if got := c.holds(pt, right); got != want {
				t.Fatalf("seed %d: %q, %+v: holds (anchored right: %v) = %v, pairs say %v", *proxSeed, string(rs), c, right, got, want)
			}
		}
		checked++
		if want {
			held++
		}
	}
	if held < checked/10 {
		t.Fatalf("only %d of %d random cases hold", held, checked)
	}
}

// proxTestCorpus is a document whose passages tell the operators apart.
func proxTestCorpus(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	doc := `---
title: 算力报告
date: 2025-02-15
---
# 算力报告

推动算力与数字经济深度融合。

算力建设加快推进，各地发展势头良好，全年数字经济规模持续扩大。

算力建设加快推进。数字经济规模持续扩大。

算力很重要。今年算力与數字經濟融合发展。
`
	if err := os.WriteFile(filepath.Join(dir, "report.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestProximitySearch(t *testing.T) {
	x := openTestIndex(t, proxTestCorpus(t))
	ctx := context.Background()
	ns := func(ids []string) []int {
		var out []int
		for _, id := range ids {
			out = append(out, atoi(id[strings.LastIndexByte(id, ':')+1:]))
		}
		slices.Sort(out)
		return out
	}
	for _, tt := range []struct {
		q        string
		want     []int
		snippets []string // of the passages in want, in passage order
	}{
		{"算力 数字经济", []int{2, 3, 4, 5}, nil},
		{"算力 NEAR/6 数字经济", []int{2, 5}, []string{
			"推动<mark>算力</mark>与<mark>数字经济</mark>深度融合。",
			"算力很重要。今年<mark>算力</mark>与<mark>數字經濟</mark>融合发展。",
		}},
		{"算力 NEAR/7 数字经济", []int{2, 4, 5}, nil},
		{"算力 NEAR/8 数字经济", []int{2, 4, 5}, []string{
			"推动<mark>算力</mark>与<mark>数字经济</mark>深度融合。",
			"<mark>算力</mark>建设加快推进。<mark>数字经济</mark>规模持续扩大。",
			"算力很重要。今年<mark>算力</mark>与<mark>數字經濟</mark>融合发展。",
		}},
		{"算力 NEAR/9 数字经济", []int{2, 4, 5}, []string{
			"推动<mark>算力</mark>与<mark>数字经济</mark>深度融合。",
			"<mark>算力</mark>建设加快推进。<mark>数字经济</mark>规模持续扩大。",
			"<mark>算力</mark>很重要。今年<mark>算力</mark>与<mark>數字經濟</mark>融合发展。",
		}},
		{"算力 NEAR/1 数字经济", []int{2, 5}, nil},
		{"算力 NEAR/0 数字经济", nil, nil},
		{"算力 同句 数字经济", []int{2, 3, 5}, []string{
			"推动<mark>算力</mark>与<mark>数字经济</mark>深度融合。",
			"<mark>算力</mark>建设加快推进，各地发展势头良好，全年<mark>数字经济</mark>规模持续扩大。",
			"算力很重要。今年<mark>算力</mark>与<mark>數字經濟</mark>融合发展。",
		}},
		{"算力 SENT 數字經濟 发展", []int{3, 5}, []string{
			"<mark>算力</mark>建设加快推进，各地<mark>发展</mark>势头良好，全年<mark>数字经济</mark>规模持续扩大。",
			"算力很重要。今年<mark>算力</mark>与<mark>數字經濟</mark>融合<mark>发展</mark>。",
		}},
		{"算力 同句 数字经济 -融合", []int{3}, nil},
		{"算力 NEAR/5 数字经济 kind:body", []int{2, 5}, nil},
		{"算力 NEAR/5 数字经济 kind:headline", nil, nil},
	} {
		t.Run(tt.q, func(t *testing.T) {
			res, err := x.Search(ctx, Request{Query: tt.q, Sort: "date_asc"})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			var snippets []string
			for _, h := range res.Hits {
				ids = append(ids, h.ID)
				snippets = append(snippets, h.Snippet)
			}
			if diff := cmp.Diff(tt.want, ns(ids)); diff != "" {
				t.Errorf("Search(%q) passages (-want +got):\n%s", tt.q, diff)
			}
			kinds := 0
			for _, v := range res.Facets["kind"] {
				kinds += v.Count
			}
			if res.Total != uint64(len(tt.want)) || kinds != len(tt.want) {
				t.Errorf("Search(%q): total %d, kind facet %d, want %d", tt.q, res.Total, kinds, len(tt.want))
			}
			if tt.snippets != nil {
				if diff := cmp.Diff(tt.snippets, snippets); diff != "" {
					t.Errorf("Search(%q) snippets (-want +got):\n%s", tt.q, diff)
				}
			}
			m, err := x.Matches(ctx, Request{Query: tt.q})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, ns(m.IDs)); diff != "" || m.Total != uint64(len(tt.want)) {
				t.Errorf("Matches(%q) = %v (total %d), want %v", tt.q, m.IDs, m.Total, tt.want)
			}
		})
	}
}

// TestProximityPaging: a candidate that fails the check is on no page, and
// the cursor of every page leads to the next one.
func TestProximityPaging(t *testing.T) {
	x := openTestIndex(t, proxTestCorpus(t))
	for _, sort := range []string{"relevance", "date", "date_asc"} {
		var got []string
		req := Request{Query: "算力 同句 数字经济", Size: 1, Sort: sort}
		for range 10 {
			res := search(t, x, req)
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			if res.Total != 3 {
				t.Errorf("sort %s: total %d, want 3", sort, res.Total)
			}
			if res.Next == "" {
				break
			}
			req.After = res.Next
		}
		slices.Sort(got)
		if len(got) != 3 || len(slices.Compact(slices.Clone(got))) != 3 {
			t.Errorf("sort %s: pages give %v, want three passages, each once", sort, got)
		}
	}
}

func TestProximityKWIC(t *testing.T) {
	x := openTestIndex(t, proxTestCorpus(t))
	c, err := x.KWIC(context.Background(), KWICRequest{Request: Request{Query: "算力 同句 数字经济"}, Width: 4})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, l := range c.Lines {
		got = append(got, l.Left+"["+l.Match+"]"+l.Right)
	}
	// Passage 5's first 算力 stands in another sentence than 數字經濟: no line.
	want := []string{
		"推动[算力]与数字经", "动算力与[数字经济]深度融合",
		"[算力]建设加快", "好，全年[数字经济]规模持续",
		"要。今年[算力]与數字經", "年算力与[數字經濟]融合发展",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("KWIC lines (-want +got):\n%s", diff)
	}
	if c.Total != len(want) {
		t.Errorf("KWIC total %d, want %d", c.Total, len(want))
	}
}

func TestProximityInterpretation(t *testing.T) {
	x := openTestIndex(t, proxTestCorpus(t))
	res := search(t, x, Request{Query: "算力 OR 能源 NEAR/10 数字经济 同句 发展"})
	b, err := json.Marshal(res.Interpreted.Proximity)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"operator":"NEAR/10","left":["算力","能源"],"right":["数字经济"],"within":10,"unit":"character"},` +
		`{"operator":"同句","left":["数字经济"],"right":["发展"],"within":0,"unit":"sentence"}]`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("interpreted.proximity (-want +got):\n%s", diff)
	}
	session := search(t, x, Request{Query: "市十六届人大五次会议 NEAR/5 开幕"})
	if !slices.Contains(session.Interpreted.Notes, "a session name beside NEAR or 同句 is matched as written, not in its other wordings: 市十六届人大五次会议") {
		t.Errorf("a session name as an operand: notes %q", session.Interpreted.Notes)
	}
	plain := search(t, x, Request{Query: "算力"})
	if plain.Interpreted.Proximity == nil {
		t.Errorf("interpreted.proximity of a query without operators is null, want []")
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// FuzzProxHolds: the one-pass check agrees with pairing every occurrence
// with every other, whatever the text and the operands.
func FuzzProxHolds(f *testing.F) {
	f.Add("推动发展开放，展开。发展", "发展", "展开", 3, false)
	f.Add("算力。数字经济\u2028算力 数字经济", "算力", "数字经济", 0, true)
	f.Add("1341人和341人", "341", "人", 0, false)
	f.Fuzz(func(t *testing.T, text, left, right string, within int, sentence bool) {
		// The reference pairs every occurrence with every other: a text of
		// 10,000 spaces, each an occurrence of both operands, took 11 s.
		// Texts of a kilobyte keep it to milliseconds.
		if within < 0 || within > maxNear || len(text) > 1024 {
			return
		}
		c := newProxClause([]string{left}, []string{right}, within, sentence)
		pt := foldedText(text)
		want := len(c.pairParticipants(pt, 0)) > 0
		for _, r := range []bool{false, true} {
			if got := c.holds(pt, r); got != want {
				t.Fatalf("%q, %q %q within %d (sentence %v): holds (anchored right: %v) = %v, pairs say %v", text, left, right, within, sentence, r, got, want)
			}
		}
	})
}

// TestProximityDistribution: a distribution of a proximity query counts
// the passages that satisfy it, as search does.
func TestProximityDistribution(t *testing.T) {
	x := openTestIndex(t, proxTestCorpus(t))
	for _, q := range []string{"算力 NEAR/6 数字经济", "算力 同句 数字经济", "算力 数字经济"} {
		d, err := x.Distribution(context.Background(), DistributionRequest{Queries: []string{q}, By: "year"})
		if err != nil {
			t.Fatal(err)
		}
		res := search(t, x, Request{Query: q})
		if got := d.Totals[0].Passages; uint64(got) != res.Total {
			t.Errorf("distribution of %s: %d passages, search finds %d", q, got, res.Total)
		}
	}
}

// TestProximityAfterUpdate: after an update the text table is of the old
// snapshot; the check reads the stored text meanwhile and stays exact.
func TestProximityAfterUpdate(t *testing.T) {
	dir := proxTestCorpus(t)
	x := openTestIndex(t, dir)
	if _, err := x.PrepareCounts(); err != nil {
		t.Fatal(err)
	}
	q := Request{Query: "算力 NEAR/0 数字经济"}
	if n := search(t, x, q).Total; n != 0 {
		t.Fatalf("before the update: %d matches, want 0", n)
	}
	doc := "---\ntitle: 新报告\ndate: 2025-03-01\n---\n# 新报告\n\n发展算力数字经济。\n\n算力、数字经济。\n"
	if err := os.WriteFile(filepath.Join(dir, "new.md"), []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := x.Update(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	for range 2 { // the stale table's stored text, then (maybe) the new table
		res := search(t, x, q)
		if res.Total != 1 || len(res.Hits) != 1 || !strings.HasPrefix(res.Hits[0].ID, "new") {
			t.Fatalf("after the update: %+v, want the new passage 发展算力数字经济", res.Hits)
		}
	}
}

// TestMarksOfAPathologicalPassage: a passage with more pairs than a snippet
// tries has every occurrence of both operands marked, without pairing them.
func TestMarksOfAPathologicalPassage(t *testing.T) {
	c := newProxClause([]string{"的"}, []string{"在"}, 0, true)
	pt := foldedText(strings.Repeat("的在", 20000))
	if got := c.participants(pt); len(got) != 40000 {
		t.Errorf("%d occurrences marked, want all 40000", len(got))
	}
	// Under the bound, only the pairs that hold: the 在, 的 and 在 of the
	// second sentence.
	pt = foldedText("的。在的，在。的")
	if got := c.participants(pt); len(got) != 3 {
		t.Errorf("participants %v, want the three of the second sentence", got)
	}
}
