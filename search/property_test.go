package search

import (
	"context"
	"flag"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"testing"

	"sessionsearch/fold"
)

var propertySeed = flag.Int64("seed", 20250215, "random seed of the substring property test")

// TestSubstringProperty checks the correctness contract: a query that is a
// run of characters returns exactly the passages whose folded text
// contains it. Queries are random substrings of the corpus (so most occur)
// and random recombinations (so many do not); the oracle is a plain
// substring scan.
func TestSubstringProperty(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	ctx := context.Background()
	docs, err := x.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	type passage struct{ id, folded string }
	var all []passage
	for _, d := range docs {
		v, err := x.Document(ctx, d.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range v.Passages {
			all = append(all, passage{passageID(d.ID, p.N), string(matchRunes(p.Text))})
		}
	}
	rng := rand.New(rand.NewSource(*propertySeed))
	syn := x.syn.Load()
	tried := map[string]bool{}
	checked := 0
	for i := 0; i < 1500 && checked < 400; i++ {
		src := []rune(all[rng.Intn(len(all))].folded)
		if len(src) == 0 {
			continue
		}
		n := 1 + rng.Intn(8)
		start := rng.Intn(len(src))
		end := min(len(src), start+n)
		q := src[start:end]
		if i%4 == 3 {
			// A recombination: swap two characters; often absent.
			if len(q) > 2 {
				q = append([]rune(nil), q...)
				q[0], q[len(q)-1] = q[len(q)-1], q[0]
			}
		}
		qs := string(q)
		if tried[qs] || !plainQuery(q) || len(syn.expand(fold.String(qs))) > 0 || looksLikeSession(qs) {
			continue
		}
		if !tokenEdges(src, start, end) && i%4 != 3 {
			continue
		}
		tried[qs] = true
		var want []string
		for _, p := range all {
			fp := []rune(p.folded)
			if hasWholeToken(fp, q) {
				want = append(want, p.id)
			}
		}
		sort.Strings(want)
		got := allIDs(t, x, Request{Query: qs})
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("seed %d: query %q: got %v, want %v (rerun with -seed=%d)", *propertySeed, qs, got, want, *propertySeed)
		}
		checked++
	}
	if checked < 200 {
		t.Fatalf("only %d queries checked", checked)
	}
	t.Logf("seed %d: %d queries checked against the substring oracle", *propertySeed, checked)
}

// plainQuery reports whether q is typed as one term with no syntax: no
// space, quote, operator, field prefix or foreign query syntax.
func plainQuery(q []rune) bool {
	s := string(q)
	if strings.ContainsAny(s, " \"“”「」『』＂|｜:：-－"+syntaxEdges+"/^~") || s == "OR" {
		return false
	}
	return strings.TrimSpace(s) == s && s != ""
}

// hasWholeToken is the oracle: a substring scan, where letters and digits
// at the query's edges must be whole tokens of the text.
func hasWholeToken(text, q []rune) bool {
	for i := 0; i+len(q) <= len(text); i++ {
		if hasAt(text, i, q) && tokenEdges(text, i, i+len(q)) {
			return true
		}
	}
	return false
}

// TestMatchesAgreesWithPaging: the complete result set equals what paging
// through every page returns, for frequent and rare queries and filters.
func TestMatchesAgreesWithPaging(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	for _, req := range []Request{{Query: "的"}, {Query: "发展"}, {Query: "算力之城"}, {Query: "不存在的词"}, {Query: "发展", Speaker: []string{"刘俊义"}}, {Query: "十四五"}} {
		m, err := x.Matches(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		got := append([]string(nil), m.IDs...)
		sort.Strings(got)
		want := allIDs(t, x, req)
		if strings.Join(got, ",") != strings.Join(want, ",") || m.Total != uint64(len(want)) {
			t.Errorf("Matches(%+v) = %d ids (total %d), paging gives %d", req, len(got), m.Total, len(want))
		}
		for i := 1; i < len(m.IDs); i++ {
			a, b := m.IDs[i-1], m.IDs[i]
			if a[:strings.LastIndexByte(a, ':')] == b[:strings.LastIndexByte(b, ':')] {
				na, _ := strconv.Atoi(a[strings.LastIndexByte(a, ':')+1:])
				nb, _ := strconv.Atoi(b[strings.LastIndexByte(b, ':')+1:])
				if na > nb {
					t.Errorf("Matches(%+v): %s before %s, not in document order", req, a, b)
				}
			}
		}
	}
}
