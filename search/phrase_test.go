package search

import (
	"context"
	"math"
	"math/rand"
	"testing"

	"github.com/blevesearch/bleve/v2"
	bquery "github.com/blevesearch/bleve/v2/search/query"
)

// bleveMultiPhrase is the query phraseQuery replaces: Bleve's own
// multi-phrase query over the same terms and positions.
func bleveMultiPhrase(q *phraseQuery) bquery.Query {
	slots := make([][]string, q.offs[len(q.offs)-1]+1)
	for i, t := range q.terms {
		slots[q.offs[i]] = []string{t}
	}
	m := bquery.NewMultiPhraseQuery(slots, q.field)
	m.SetBoost(q.boost)
	return m
}

func scoresOf(t *testing.T, x *Index, q bquery.Query) map[string]float64 {
	t.Helper()
	g := x.acquire()
	defer x.release()
	sr := bleve.NewSearchRequestOptions(q, 10000, 0, false)
	res, err := g.idx.SearchInContext(context.Background(), sr)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	return out
}

// TestPhraseSearcherEqualsBleve: for phrases cut from the corpus, and the
// same phrases boosted, negated and combined with other clauses, the
// phrase searcher matches the passages Bleve's multi-phrase searcher
// matches, with the same scores.
func TestPhraseSearcherEqualsBleve(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	texts := passageTexts(t, x)
	rng := rand.New(rand.NewSource(20250215))
	phrases := []string{"算力之城", "2025年", "第5次", "人民代表大会", "的发展", "没有这个词语", "a b", "3.5%"}
	for len(phrases) < 150 {
		src := texts[rng.Intn(len(texts))]
		if len(src) < 3 {
			continue
		}
		n := 3 + rng.Intn(6)
		i := rng.Intn(len(src))
		phrases = append(phrases, string(src[i:min(len(src), i+n)]))
	}
	compared := 0
	for _, ph := range phrases {
		ours, ok := unitQuery(ph).(*phraseQuery)
		if !ok {
			continue // one term, or terms sharing a position
		}
		compared++
		theirs := bleveMultiPhrase(ours)
		other := termQuery(fieldKind, "body")
		shapes := []struct {
			name      string
			ours, ref bquery.Query
		}{
			{"alone", ours, theirs},
			{"must with a term, should headline", bquery.NewBooleanQuery([]bquery.Query{ours, allPassages()}, []bquery.Query{other}, nil),
				bquery.NewBooleanQuery([]bquery.Query{theirs, allPassages()}, []bquery.Query{other}, nil)},
			{"must not", bquery.NewBooleanQuery([]bquery.Query{allPassages()}, nil, []bquery.Query{ours}),
				bquery.NewBooleanQuery([]bquery.Query{allPassages()}, nil, []bquery.Query{theirs})},
			{"should, boosted", bquery.NewBooleanQuery([]bquery.Query{other}, []bquery.Query{boosted(ours, 20)}, nil),
				bquery.NewBooleanQuery([]bquery.Query{other}, []bquery.Query{boosted(theirs, 20)}, nil)},
		}
		for _, sh := range shapes {
			got, want := scoresOf(t, x, sh.ours), scoresOf(t, x, sh.ref)
			if len(got) != len(want) {
				t.Errorf("%q %s: %d passages, Bleve %d", ph, sh.name, len(got), len(want))
				continue
			}
			for id, w := range want {
				g, ok := got[id]
				if !ok || math.Abs(g-w) > 1e-9*math.Max(1, math.Abs(w)) {
					t.Errorf("%q %s: passage %s score %v (found %v), Bleve %v", ph, sh.name, id, g, ok, w)
				}
			}
		}
	}
	if compared < 100 {
		t.Fatalf("only %d phrases compared", compared)
	}
}

// passageTexts is the folded text of every passage of the index.
func passageTexts(t *testing.T, x *Index) [][]rune {
	t.Helper()
	ctx := context.Background()
	docs, err := x.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var texts [][]rune
	for _, d := range docs {
		v, err := x.Document(ctx, d.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range v.Passages {
			texts = append(texts, matchRunes(p.Text))
		}
	}
	return texts
}

func boosted(q bquery.Query, b float64) bquery.Query {
	switch q := q.(type) {
	case *phraseQuery:
		c := *q
		c.SetBoost(b)
		return &c
	case *bquery.MultiPhraseQuery:
		c := *q
		c.SetBoost(b)
		return &c
	}
	return q
}
