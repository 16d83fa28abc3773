package search

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"sessionsearch/indexer"
)

// copyCorpus copies testdata/corpus into a fresh folder, so that tests can
// change files without touching the checked-in ones.
func copyCorpus(t testing.TB) string {
	t.Helper()
	dst := t.TempDir()
	src := filepath.Join("testdata", "corpus")
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// openTestIndex builds a real on-disk index of corpus in a temp dir.
func openTestIndex(t testing.TB, corpus string) *Index {
	t.Helper()
	x, err := Open(filepath.Join(t.TempDir(), "index"), Options{Corpus: corpus, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	if _, err := x.Update(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	return x
}

// allIDs pages through every hit of a request with the after cursor.
func allIDs(t testing.TB, x *Index, req Request) []string {
	t.Helper()
	req.Size = 100
	var ids []string
	for {
		res, err := x.Search(context.Background(), req)
		if err != nil {
			t.Fatalf("Search(%q): %v", req.Query, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if res.Next == "" {
			break
		}
		req.After = res.Next
	}
	sort.Strings(ids)
	return ids
}

func search(t testing.TB, x *Index, req Request) *Result {
	t.Helper()
	res, err := x.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

func TestSeedPhrase(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	res := search(t, x, Request{Query: "算力之城"})
	var seed []Hit
	for _, h := range res.Hits {
		if strings.HasPrefix(h.DocID, "datong") {
			seed = append(seed, h)
		}
	}
	if len(seed) != 1 {
		t.Fatalf("算力之城 in the seed: %d hits, want 1: %+v", len(seed), res.Hits)
	}
	h := seed[0]
	if h.Speaker != "刘俊义" || h.SpeakerRole != "代市长" {
		t.Errorf("speaker = %q (%q), want 刘俊义 (代市长)", h.Speaker, h.SpeakerRole)
	}
	if !strings.Contains(h.Snippet, "<mark>算力之城</mark>") {
		t.Errorf("snippet %q lacks the highlighted phrase", h.Snippet)
	}
	if h.ID != h.DocID+":"+strconv.Itoa(h.N) || h.DocTitle == "" || h.Date != "2025-02-15" {
		t.Errorf("hit metadata = %+v", h)
	}
}

func TestSyntaxForms(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	count := func(q string, req ...Request) uint64 {
		r := Request{Query: q}
		if len(req) > 0 {
			r = req[0]
			r.Query = q
		}
		return search(t, x, r).Total
	}
	both := count("能源之城 文化之城")
	if both == 0 || both != count("文化之城 能源之城") {
		t.Errorf("AND is not order-free: %d vs %d", both, count("文化之城 能源之城"))
	}
	if a, b := count("算力"), count("算力 -算力之城"); b >= a {
		t.Errorf("exclusion did not remove anything: %d then %d", a, b)
	}
	if or, a, b := count("能源之城 OR 民生实事"), count("能源之城"), count("民生实事"); or < max(a, b) || or > a+b {
		t.Errorf("OR count %d outside [%d, %d]", or, max(a, b), a+b)
	}
	if n := count("speaker:刘俊义 十四五"); n == 0 {
		t.Errorf("speaker filter in the box found nothing")
	}
	for _, h := range search(t, x, Request{Query: "发展 speaker:刘俊义"}).Hits {
		if h.Speaker != "刘俊义" {
			t.Errorf("speaker filter let through %s by %q", h.ID, h.Speaker)
		}
	}
	for _, h := range search(t, x, Request{Query: "date:2025-01-01..2025-12-31"}).Hits {
		if !strings.HasPrefix(h.Date, "2025") {
			t.Errorf("date filter let through %s dated %s", h.ID, h.Date)
		}
	}
	for _, tc := range []struct{ box, field string }{
		{"kind:body 发展", "kind"}, {"topic:民生保障 发展", "topic"}, {"doc:report-2023 增长", "doc"}, {"year:2025 发展", "year"},
	} {
		res := search(t, x, Request{Query: tc.box, Size: 100})
		want := strings.SplitN(strings.Fields(tc.box)[0], ":", 2)[1]
		if res.Total == 0 {
			t.Errorf("%s: no hits", tc.box)
		}
		for _, h := range res.Hits {
			var got []string
			switch tc.field {
			case "kind":
				got = []string{h.Kind}
			case "topic":
				got = h.Topics
			case "doc":
				got = []string{h.DocID}
			case "year":
				got = []string{h.Date[:4]}
			}
			if !contains(got, want) {
				t.Errorf("%s let through %s with %s %v", tc.box, h.ID, tc.field, got)
			}
		}
		if res.Interpreted.Filters[tc.field] != want {
			t.Errorf("%s: interpreted filters %v", tc.box, res.Interpreted.Filters)
		}
	}
	if n := count("\"使用在\""); n != 0 {
		t.Errorf("使用在 matched across 。: %d hits", n)
	}
	if n := count("被使用"); n == 0 {
		t.Errorf("被使用 not found")
	}
}

func TestNumbersAreWholeTokens(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	for _, tt := range []struct {
		q    string
		want []string // substrings of the texts that must match
	}{
		{"341", []string{"341人", "341亿元"}},
		{"1341", []string{"1341个"}},
		{"2025年", []string{"2025年"}},
		{"5.2%", []string{"5.2%"}},
	} {
		res := search(t, x, Request{Query: tt.q, Size: 100})
		for _, h := range res.Hits {
			if !strings.Contains(h.Snippet, "<mark>") {
				t.Errorf("%s: hit %s has no mark: %q", tt.q, h.ID, h.Snippet)
			}
		}
		for _, w := range tt.want {
			found := false
			for _, h := range res.Hits {
				found = found || strings.Contains(h.Text, w)
			}
			if !found {
				t.Errorf("%s: no hit contains %q", tt.q, w)
			}
		}
		if tt.q == "341" {
			for _, h := range res.Hits {
				if strings.Contains(h.Text, "1341") && !strings.Contains(strings.ReplaceAll(h.Text, "1341", ""), "341") {
					t.Errorf("341 matched only inside 1341 in %s", h.ID)
				}
			}
		}
	}
}

func TestNormalization(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	ids := func(q string) []string { return allIDs(t, x, Request{Query: q}) }
	simp, trad := ids("数字经济"), ids("數字經濟")
	if len(simp) < 2 || strings.Join(simp, ",") != strings.Join(trad, ",") {
		t.Errorf("数字经济 %v vs 數字經濟 %v: want the same, from both scripts", simp, trad)
	}
	if a, b := ids("GDP"), ids("ｇｄｐ"); len(a) == 0 || strings.Join(a, ",") != strings.Join(b, ",") {
		t.Errorf("GDP %v vs ｇｄｐ %v", a, b)
	}
	res := search(t, x, Request{Query: "數字經濟"})
	for _, h := range res.Hits {
		if strings.Contains(h.Text, "數字經濟") && !strings.Contains(h.Snippet, "<mark>數字經濟</mark>") {
			t.Errorf("snippet %q should mark the Traditional text as written", h.Snippet)
		}
	}
}

func TestSynonymsAndSessions(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	res := search(t, x, Request{Query: "十四五", Size: 50})
	var sawLong bool
	for _, h := range res.Hits {
		sawLong = sawLong || strings.Contains(h.Text, "第十四個五年規劃")
	}
	if !sawLong {
		t.Errorf("十四五 did not find 第十四个五年规划 (Traditional in the Taiyuan report)")
	}
	if got := res.Interpreted.Expansions["十四五"]; len(got) == 0 {
		t.Errorf("interpretation does not show the expansion: %+v", res.Interpreted)
	}
	// A session named in another wording.
	long := allIDs(t, x, Request{Query: "\"大同市第十六届人民代表大会第五次会议\""})
	short := allIDs(t, x, Request{Query: "市十六届人大五次会议"})
	for _, id := range long {
		if !contains(short, id) {
			t.Errorf("市十六届人大五次会议 misses %s, which names 大同市第十六届人民代表大会第五次会议", id)
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestRankingHeadlineFirst(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	res := search(t, x, Request{Query: "标记测试报道"})
	if len(res.Hits) == 0 || res.Hits[0].Kind != string(indexer.KindHeadline) {
		t.Fatalf("first hit %+v, want the headline", res.Hits)
	}
	res = search(t, x, Request{Query: "发展", Sort: "date"})
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i-1].Date < res.Hits[i].Date {
			t.Errorf("sort=date: %s before %s", res.Hits[i-1].Date, res.Hits[i].Date)
		}
	}
}

func TestFacets(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	res := search(t, x, Request{Query: "发展"})
	sum := 0
	for _, v := range res.Facets["doc"] {
		sum += v.Count
		if v.Label == "" {
			t.Errorf("doc facet %q has no title", v.Value)
		}
	}
	if uint64(sum) != res.Total {
		t.Errorf("doc facet counts sum to %d, total is %d", sum, res.Total)
	}
	for _, name := range []string{"speaker", "topic", "session", "doc", "kind", "year"} {
		if _, ok := res.Facets[name]; !ok {
			t.Errorf("facet %s missing", name)
		}
	}
	var liu int
	for _, v := range res.Facets["speaker"] {
		if v.Value == "刘俊义" {
			liu = v.Count
		}
	}
	filtered := search(t, x, Request{Query: "发展", Speaker: []string{"刘俊义"}})
	if liu == 0 || filtered.Total != uint64(liu) {
		t.Errorf("speaker facet says %d, filter gives %d", liu, filtered.Total)
	}
	both := search(t, x, Request{Query: "发展", Speaker: []string{"刘俊义"}, Year: []string{"2025"}, Kind: []string{"body"}})
	if both.Total > filtered.Total {
		t.Errorf("combined filters widened the result: %d > %d", both.Total, filtered.Total)
	}
}

func TestPagingLimitsAndCursor(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	_, err := x.Search(context.Background(), Request{Query: "的", Page: 100000, Size: 10})
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("deep page: err = %v, want ErrInvalid", err)
	}
	for _, r := range []Request{{Query: "的", Size: 1000}, {Query: "的", Page: -1}, {Query: "的", Sort: "x"}, {Query: "的", After: "garbage"}, {From: "2025-02-30"}} {
		if _, err := x.Search(context.Background(), r); !errors.Is(err, ErrInvalid) {
			t.Errorf("Search(%+v) err = %v, want ErrInvalid", r, err)
		}
	}
	// Pages by number and by cursor agree.
	var byPage, byCursor []string
	for p := 1; p <= 3; p++ {
		for _, h := range search(t, x, Request{Query: "的", Page: p, Size: 5}).Hits {
			byPage = append(byPage, h.ID)
		}
	}
	req := Request{Query: "的", Size: 5}
	for p := 1; p <= 3; p++ {
		res := search(t, x, req)
		if res.Page != p {
			t.Errorf("cursor page = %d, want %d", res.Page, p)
		}
		for _, h := range res.Hits {
			byCursor = append(byCursor, h.ID)
		}
		req.After = res.Next
	}
	if strings.Join(byPage, ",") != strings.Join(byCursor, ",") {
		t.Errorf("pages by number %v differ from pages by cursor %v", byPage, byCursor)
	}
}

func TestIncrementalUpdate(t *testing.T) {
	corpus := copyCorpus(t)
	x := openTestIndex(t, corpus)
	ctx := context.Background()
	sum, err := x.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added+sum.Changed+sum.Removed != 0 || sum.Unchanged == 0 {
		t.Errorf("second update changed things: %+v", sum)
	}
	// Change one file, delete one, add one.
	if err := os.WriteFile(filepath.Join(corpus, "report-2023.md"), []byte("# 新标题\n\n独一无二的新句子出现了。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(corpus, "markup.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "new doc 新文件.txt"), []byte("新增文件\n\n这里有前所未见的词语组合。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err = x.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Added != 1 || sum.Changed != 1 || sum.Removed != 1 || len(sum.Skipped) != 1 {
		t.Errorf("update summary = %+v, want 1 added, 1 changed, 1 removed, 1 skipped", sum)
	}
	for q, want := range map[string]uint64{"独一无二的新句子": 1, "前所未见的词语组合": 1, "标记测试报道": 0, "1341": 0} {
		if got := search(t, x, Request{Query: q}).Total; got != want {
			t.Errorf("after update, %s: %d hits, want %d", q, got, want)
		}
	}
	docs, _ := x.Documents(ctx)
	if len(docs) != sum.Documents {
		t.Errorf("Documents() = %d, summary says %d", len(docs), sum.Documents)
	}
}

func TestOpenLocked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, Options{Corpus: copyCorpus(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrLocked) {
		t.Errorf("second writer: err = %v, want ErrLocked", err)
	}
	if _, err := Open(dir, Options{ReadOnly: true}); !errors.Is(err, ErrLocked) {
		t.Errorf("reader while a writer holds it: err = %v, want ErrLocked", err)
	}
}

func TestRebuildWhileSearching(t *testing.T) {
	corpus := copyCorpus(t)
	x := openTestIndex(t, corpus)
	ctx := context.Background()
	want := search(t, x, Request{Query: "算力之城"}).Total
	var wg sync.WaitGroup
	stop := make(chan struct{})
	errs := make(chan error, 100)
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := x.Search(ctx, Request{Query: "算力之城"})
				if err != nil {
					errs <- err
					return
				}
				if res.Total != want {
					errs <- errors.New("a search saw a half-built index")
					return
				}
			}
		}()
	}
	for i := 0; i < 3; i++ {
		if _, err := x.Rebuild(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	entries, _ := os.ReadDir(x.dir)
	gens := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), genPrefix) {
			gens++
		}
	}
	if gens != 1 {
		t.Errorf("%d generations on disk after rebuilds, want 1", gens)
	}
}

// indexIn indexes corpus into a fresh directory and returns the open
// index (the caller closes it, to reopen the directory), the directory
// and what the update did.
func indexIn(t *testing.T, corpus string) (*Index, string, *Summary) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "index")
	x, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	sum, err := x.Update(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return x, dir, sum
}

// TestReopenKeepsEverything: batches return before they are persisted, so
// an index closed right after Update must still hold every passage.
func TestReopenKeepsEverything(t *testing.T) {
	corpus := copyCorpus(t)
	ctx := context.Background()
	x, dir, sum := indexIn(t, corpus)
	want := search(t, x, Request{Query: "的"}).Total
	written := x.gen.cat.list()
	if err := x.Close(); err != nil {
		t.Fatal(err)
	}
	y, err := Open(dir, Options{Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	defer y.Close()
	// The catalog is read back from its blob, in the binary form, as it
	// was written.
	if b, _ := y.gen.idx.GetInternal([]byte(catalogKey)); len(b) == 0 || b[0] != catalogVersion {
		t.Errorf("the catalog blob starts %.8q, want the binary form", b)
	}
	if got := y.gen.cat.list(); !reflect.DeepEqual(got, written) {
		t.Errorf("after reopening, the catalog is\n%#v\nwant\n%#v", got, written)
	}
	fields := 0
	for _, d := range written {
		fields += len(d.Fields)
	}
	if len(written) < 4 || fields == 0 {
		t.Errorf("%d documents with %d custom fields written: the check checks little", len(written), fields)
	}
	if got := search(t, y, Request{Query: "的"}).Total; got != want {
		t.Errorf("after reopening, 的 has %d hits, want %d", got, want)
	}
	st, err := y.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != sum.Documents || int(st.Passages) != sum.Passages {
		t.Errorf("after reopening: %d documents, %d passages; indexed %d, %d", st.Documents, st.Passages, sum.Documents, sum.Passages)
	}
	again, err := y.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if again.Unchanged != sum.Documents || again.Added+again.Changed != 0 {
		t.Errorf("update after reopening redid work: %+v", again)
	}
}

func TestRankingAdjacentTermsFirst(t *testing.T) {
	x := openTestIndex(t, copyCorpus(t))
	res := search(t, x, Request{Query: "能源 之城", Size: 50})
	if res.Total < 2 {
		t.Fatalf("能源 之城: %d hits, want several", res.Total)
	}
	first := res.Hits[0]
	if !strings.Contains(first.Text, "能源之城") {
		t.Errorf("first hit %s lacks 能源之城 while others have the terms apart", first.ID)
	}
	seenApart := false
	for _, h := range res.Hits {
		together := strings.Contains(h.Text, "能源之城")
		if !together {
			seenApart = true
		} else if seenApart {
			t.Errorf("%s has 能源之城 together but ranks below a passage with the terms apart", h.ID)
		}
	}
}

func TestChangedTaxonomyRebuilds(t *testing.T) {
	corpus := copyCorpus(t)
	x := openTestIndex(t, corpus)
	ctx := context.Background()
	tax := filepath.Join(corpus, "topics.yaml")
	b, err := os.ReadFile(tax)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, []byte("  - label: 测试主题\n    signals: [算力之城]\n")...)
	if err := os.WriteFile(tax, b, 0o644); err != nil {
		t.Fatal(err)
	}
	sum, err := x.Update(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !sum.Rebuilt {
		t.Errorf("a changed taxonomy did not rebuild: %+v", sum)
	}
	res := search(t, x, Request{Query: "算力之城", Topic: []string{"测试主题"}})
	if res.Total == 0 {
		t.Errorf("the new topic is not on the passages after the rebuild")
	}
}

// TestSharedDocumentID: a.txt and a.md both have the id "a"; the first in
// path order keeps it, the other is skipped with the reason, and a second
// update changes nothing (neither replaces the other back and forth).
func TestSharedDocumentID(t *testing.T) {
	corpus := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.txt", "标题甲\n\n纯文本里的独特句子甲乙丙。\n")
	x := openTestIndex(t, corpus)
	write("a.md", "# 标题乙\n\nMarkdown里的独特句子丁戊己。\n")
	ctx := context.Background()
	for run := 1; run <= 2; run++ {
		sum, err := x.Update(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Skipped) != 1 || sum.Skipped[0].Path != "a.txt" || !strings.Contains(sum.Skipped[0].Reason, "already taken by a.md") {
			t.Errorf("run %d: skipped = %+v, want a.txt skipped for a.md", run, sum.Skipped)
		}
		if run == 2 && sum.Added+sum.Changed+sum.Removed != 0 {
			t.Errorf("run 2 changed the index: %+v", sum)
		}
		if got := search(t, x, Request{Query: "丁戊己"}).Total; got != 1 {
			t.Errorf("run %d: 丁戊己 has %d hits, want 1", run, got)
		}
		if got := search(t, x, Request{Query: "甲乙丙"}).Total; got != 0 {
			t.Errorf("run %d: 甲乙丙 has %d hits, want 0 (a.txt gave its id up)", run, got)
		}
	}
}
