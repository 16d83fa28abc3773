package search

import (
	"context"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	bquery "github.com/blevesearch/bleve/v2/search/query"
	bindex "github.com/blevesearch/bleve_index_api"

	"sessionsearch/fold"
)

// bleveMultiPhrase is the query phraseQuery replaces: Bleve's own
// multi-phrase query over the same terms and positions, for an index
// whose text field has locations (positionalIndex).
func bleveMultiPhrase(q *phraseQuery) bquery.Query {
	slots := make([][]string, q.offs[len(q.offs)-1]+1)
	for i, t := range q.terms {
		slots[q.offs[i]] = []string{t}
	}
	m := bquery.NewMultiPhraseQuery(slots, q.field)
	m.SetBoost(q.boost)
	return m
}

// positionalIndex is the reference the phrase searcher is held to: every
// document of x in a new index whose text field keeps the locations that
// x no longer stores (Bleve's own text field over the same analysis),
// with the fields the compared queries read (kind, rec) and the document
// records, so that document counts, and so idfs, are those of x.
func positionalIndex(t *testing.T, x *Index) bleve.Index {
	t.Helper()
	m := newMapping()
	m.DefaultMapping.Properties[fieldText].Fields[0].IncludeTermVectors = true
	ref, err := bleve.New(filepath.Join(t.TempDir(), "positional"), m)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ref.Close() })
	g := x.acquire()
	defer x.release()
	r, err := g.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b := ref.NewBatch()
	err = visitStored(r, func(num uint64, blob []byte) error {
		id, err := r.ExternalID(internalID(num))
		if err != nil {
			return err
		}
		doc := document.NewDocument(id)
		kw := func(field, value string, opts bindex.FieldIndexingOptions) {
			doc.AddField(document.NewTextFieldCustom(field, nil, []byte(value), opts, keywordAnalyzerImpl))
		}
		p, err := decodeStored(blob)
		if err != nil { // a document record
			kw(fieldRec, "doc", bindex.IndexField|bindex.SkipFreqNorm)
			return b.IndexAdvanced(doc)
		}
		doc.AddField(document.NewTextFieldCustom(fieldText, nil, []byte(p.Text), bindex.IndexField|bindex.IncludeTermVectors, textAnalysis{}))
		kw(fieldRec, recPassage, bindex.IndexField)
		if p.Kind != "" {
			kw(fieldKind, string(p.Kind), keywordOpts)
		}
		return b.IndexAdvanced(doc)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := ref.Batch(b); err != nil {
		t.Fatal(err)
	}
	want, _ := g.idx.DocCount()
	if got, _ := ref.DocCount(); got != want {
		t.Fatalf("the positional index holds %d documents, the index %d", got, want)
	}
	return ref
}

// scoresIn runs q on idx and returns the score of every match by ID.
func scoresIn(t *testing.T, ctx context.Context, idx bleve.Index, q bquery.Query) map[string]float64 {
	t.Helper()
	res, err := idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, 10000, 0, false))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, h := range res.Hits {
		out[h.ID] = h.Score
	}
	return out
}

// scoresOf runs q on x's current generation, without the text table.
func scoresOf(t *testing.T, x *Index, q bquery.Query) map[string]float64 {
	t.Helper()
	g := x.acquire()
	defer x.release()
	return scoresIn(t, context.Background(), g.idx, q)
}

// phrasePaths are the two ways a phrase searcher reads its candidates'
// text: from the text table of the snapshot, and from the stored passage
// while the table is not built. It fails the test unless the table is the
// one the searches will be given.
func phrasePaths(t *testing.T, x *Index) []struct {
	name string
	ctx  context.Context
} {
	t.Helper()
	g := x.acquire()
	defer x.release()
	table, err := x.textTable(g)
	if err != nil {
		t.Fatal(err)
	}
	r, err := g.reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if newCandidateText(withTable(context.Background(), table), r).table == nil {
		t.Fatal("the text table is not that of the index's snapshot")
	}
	return []struct {
		name string
		ctx  context.Context
	}{{"text table", withTable(context.Background(), table)}, {"stored text", context.Background()}}
}

// comparePhrases checks each phrase alone and in three query shapes
// (boosted, negated, combined with other clauses) on x, both ways of
// reading the text, against Bleve's multi-phrase searcher on ref: the
// same passages with the same scores. It returns the matches of each
// phrase alone, and how many phrases became a phraseQuery.
func comparePhrases(t *testing.T, x *Index, ref bleve.Index, phrases []string) (map[string][]string, int) {
	t.Helper()
	paths := phrasePaths(t, x)
	g := x.acquire()
	defer x.release()
	found := map[string][]string{}
	compared := 0
	for _, ph := range phrases {
		ours, ok := unitQuery(fold.String(ph)).(*phraseQuery)
		if !ok {
			continue // one term
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
			want := scoresIn(t, context.Background(), ref, sh.ref)
			if sh.name == "alone" {
				for id := range want {
					found[ph] = append(found[ph], id)
				}
				sort.Strings(found[ph])
			}
			for _, path := range paths {
				got := scoresIn(t, path.ctx, g.idx, sh.ours)
				if len(got) != len(want) {
					t.Errorf("%q %s, %s: %d passages, Bleve %d", ph, sh.name, path.name, len(got), len(want))
					continue
				}
				for id, w := range want {
					g, ok := got[id]
					if !ok || math.Abs(g-w) > 1e-9*math.Max(1, math.Abs(w)) {
						t.Errorf("%q %s, %s: passage %s score %v (found %v), Bleve %v", ph, sh.name, path.name, id, g, ok, w)
					}
				}
			}
		}
	}
	return found, compared
}

// TestPhraseSearcherEqualsBleve: for phrases cut from the corpus, and the
// same phrases boosted, negated and combined with other clauses, the
// phrase searcher on the index without locations matches the passages
// Bleve's multi-phrase searcher matches by positions, with the same
// scores, whether it reads the text table or the stored text.
func TestPhraseSearcherEqualsBleve(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	ref := positionalIndex(t, x)
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
	found, compared := comparePhrases(t, x, ref, phrases)
	if compared < 100 {
		t.Fatalf("only %d phrases compared", compared)
	}
	matched := 0
	for _, ids := range found {
		if len(ids) > 0 {
			matched++
		}
	}
	if matched < compared/2 {
		t.Errorf("only %d of %d phrases match anything: the comparison shows little", matched, compared)
	}
}

// TestPhraseCheckAsPositions: the phrases whose positions had gaps or
// crossed something other than Chinese characters (a Latin word, a
// number with its separators, punctuation, white space, a line break
// inside a passage) are decided by the text check as the positions
// decided them.
func TestPhraseCheckAsPositions(t *testing.T) {
	dir := t.TempDir()
	paras := []string{
		"全年GDP增长5.2%，规模以上工业增加值增长6%",
		"预计AGDP增长不在此列",
		"利润增长5.25倍",
		"资金被使用。用在民生领域",
		"资金被使用用在民生领域",
		"建设算力\u2028之城",
		"建设算力 之城",
		"建设算力  之城",
		"推动ai赋能产业",
		"预计AGDP增长，GDP总量",
		"利润增长5.25倍，5个百分点",
		"推动ai赋能，i赋能不算",
	}
	body := "---\ntitle: 报告\ndate: 2024-03-01\n---\n# 报告\n\n"
	for _, p := range paras {
		body += p + "\n\n"
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	x := openTestIndex(t, dir)
	ref := positionalIndex(t, x)
	// The passages of paras by text, to name the expected matches.
	ids := map[string]string{}
	for _, p := range passagesOf(t, x) {
		ids[p.text] = p.id
	}
	want := map[string][]string{
		"GDP增长":    {paras[0]},            // not AGDP增长, though GDP stands in paras[9]
		"增长5.2%":   {paras[0]},            // not 5.25
		"增长5.2":    {paras[0]},            // 5.2 is a whole number there, not in 5.25
		"增长5":      {},                    // 5.2 and 5.25 are one token each, though 5 stands in paras[10]
		"使用。用在":    {paras[3]},            // across punctuation
		"使用用在":     {paras[4]},            // not across it
		"算力 之城":    {paras[5], paras[6]},  // a line break is white space
		"算力  之城":   {paras[7]},            // a run of two, not one
		"\u200b之城": {paras[5], paras[6]},  // where a run of white space starts: not at the second space of paras[7]
		"ＡＩ赋能":     {paras[8], paras[11]}, // folded
		"i赋能":      {paras[11]},           // inside a word in paras[8] and at the start of paras[11]
		"规模以上工业增加": {paras[0]},
	}
	var phrases []string
	for ph := range want {
		phrases = append(phrases, ph)
	}
	sort.Strings(phrases)
	found, compared := comparePhrases(t, x, ref, phrases)
	if compared != len(phrases) {
		t.Errorf("%d of %d phrases became a phrase query", compared, len(phrases))
	}
	for _, ph := range phrases {
		var w []string
		for _, p := range want[ph] {
			id, ok := ids[p]
			if !ok {
				t.Fatalf("no passage %q in the index", p)
			}
			w = append(w, id)
		}
		sort.Strings(w)
		if got := found[ph]; !slices.Equal(got, w) {
			t.Errorf("%q: the positions matched %v, want %v", ph, got, w)
		}
	}
}

type idText struct{ id, text string }

// passagesOf is every passage of x with its text as written.
func passagesOf(t *testing.T, x *Index) []idText {
	t.Helper()
	ctx := context.Background()
	docs, err := x.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var out []idText
	for _, d := range docs {
		v, err := x.Document(ctx, d.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range v.Passages {
			out = append(out, idText{passageID(d.ID, p.N), p.Text})
		}
	}
	return out
}

// passageTexts is the folded text of every passage of the index.
func passageTexts(t *testing.T, x *Index) [][]rune {
	t.Helper()
	var texts [][]rune
	for _, p := range passagesOf(t, x) {
		texts = append(texts, matchRunes(p.text))
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
