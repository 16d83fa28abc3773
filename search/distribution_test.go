package search

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sessionsearch/fold"
)

// researchSeed fixes the generated corpora of the distribution and keyword
// tests; it is printed when a comparison fails.
const researchSeed = 1302

// genCorpus writes a corpus of Markdown reports over several years (2019
// left out, so that a gap must show as zero) and speakers, with
// Traditional passages, numbers and repeated phrases.
func genCorpus(t testing.TB, docs int) string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(researchSeed, 2))
	years := []int{2016, 2017, 2018, 2020, 2021, 2023}
	speakers := []string{"张伟", "李强", "王芳", "赵敏"}
	clauses := []string{
		"推动高质量发展", "在新的起点上", "數字經濟蓬勃發展", "数字经济加快发展", "341人参加", "投入1341万元",
		"坚持以人民为中心的发展思想", "在全市范围内", "发展新质生产力", "城乡居民收入稳步增长", "在在",
		"全面深化改革", "生态环境持续改善", "341", "高质量发展高质量发展",
	}
	for d := range docs {
		y := years[rng.IntN(len(years))]
		sp := speakers[rng.IntN(len(speakers))]
		var b strings.Builder
		// A third of the documents name no place, so that the bucket of
		// no value of a document-level field is counted too.
		place := []string{"", "大同市", "上海市"}[rng.IntN(3)]
		fmt.Fprintf(&b, "---\ntitle: 第%d号报告\ndate: %d-03-%02d\nspeakers: [%s]\n", d, y, 1+rng.IntN(28), sp)
		if place != "" {
			fmt.Fprintf(&b, "place: %s\n", place)
		}
		fmt.Fprintf(&b, "---\n# 第%d号报告\n\n", d)
		for range 2 + rng.IntN(6) {
			for k := range 2 + rng.IntN(6) {
				if k > 0 {
					b.WriteString([]string{"，", "、", "；", " "}[rng.IntN(4)])
				}
				b.WriteString(clauses[rng.IntN(len(clauses))])
			}
			b.WriteString("。\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%03d.md", d)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// plainPassage is a passage as the oracle sees it: stored text and metadata.
type plainPassage struct {
	doc, text string
	values    map[string][]string // by field: year, speaker, kind, topic
}

// plainPassages reads every passage's stored text back from the index.
func plainPassages(t testing.TB, x *Index) []plainPassage {
	t.Helper()
	docs, err := x.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []plainPassage
	for _, d := range docs {
		v, err := x.Document(context.Background(), d.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range v.Passages {
			pp := plainPassage{doc: d.ID, text: p.Text, values: map[string][]string{
				"year": {d.Date[:4]}, "kind": {string(p.Kind)}, "doc": {d.ID}, "topic": p.Topics,
			}}
			if p.Speaker != "" {
				pp.values["speaker"] = []string{p.Speaker}
			}
			if d.Place != "" {
				pp.values["place"] = []string{d.Place}
			}
			if d.Level != "" {
				pp.values["level"] = []string{d.Level}
			}
			out = append(out, pp)
		}
	}
	return out
}

// plainCount counts q in text by folding both and scanning, without the
// index or the matcher: non-overlapping, and a needle that begins or ends
// with a digit or Latin letter only where the text's neighbour is not one
// (nor a comma or point that joins two digits into one number).
func plainCount(text, q string) int {
	ft, fq := fold.String(text), fold.String(q)
	alnum := func(b byte) bool { return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' }
	n := 0
	for i := 0; ; {
		j := strings.Index(ft[i:], fq)
		if j < 0 {
			return n
		}
		s, e := i+j, i+j+len(fq)
		// 1,000 and 3.5 are one number: a separator between digits joins.
		digit := func(i int) bool { return i >= 0 && i < len(ft) && ft[i] >= '0' && ft[i] <= '9' }
		sep := func(i int) bool { return i >= 0 && i < len(ft) && (ft[i] == ',' || ft[i] == '.') }
		joinedBefore := s > 0 && (alnum(ft[s-1]) || digit(s) && sep(s-1) && digit(s-2))
		joinedAfter := e < len(ft) && (alnum(ft[e]) || digit(e-1) && sep(e) && digit(e+1))
		if alnum(fq[0]) && joinedBefore || alnum(fq[len(fq)-1]) && joinedAfter {
			i = s + 1
			continue
		}
		n++
		i = e
	}
}

// TestDistributionIsExact compares every figure of distributions by year,
// speaker, kind, topic, document, place and level with a plain scan of the
// stored text.
func TestDistributionIsExact(t *testing.T) {
	x := openTestIndex(t, genCorpus(t, 60))
	ps := plainPassages(t, x)
	docs, err := x.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{}
	for _, d := range docs {
		labels[d.ID] = d.Title + "（" + d.Date[:4] + "）"
	}
	queries := []string{"在", "发展", "高质量发展", "341", "数字经济", "數字經濟", "發展"}
	for _, by := range []string{"year", "speaker", "kind", "topic", "doc", "place", "level"} {
		for _, filter := range []string{"", "2020"} {
			t.Run(by+"/"+filter, func(t *testing.T) {
				req := DistributionRequest{Queries: queries, By: by, Limit: MaxBuckets}
				if filter != "" {
					req.Year = []string{filter}
				}
				got, err := x.Distribution(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				// Two places, and documents without a place.
				if by == "place" && (len(got.Buckets) != 2 || got.None == nil) {
					t.Fatalf("Distribution(by=place) has %d buckets and none=%v, want 2 and a bucket of no place", len(got.Buckets), got.None != nil)
				}
				if by == "doc" {
					// A document's bucket is shown as the doc facet shows it:
					// its title and year, 第3号报告（2020）.
					for _, b := range got.Buckets {
						if want := labels[b.Value]; b.Label != want {
							t.Errorf("Distribution(by=doc) bucket %s label = %q, want %q", b.Value, b.Label, want)
						}
					}
				}
				want := plainDistribution(ps, queries, by, filter)
				gotB := map[string]Bucket{} // as the oracle keys them, rates and labels left out
				add := func(key string, b Bucket) {
					for i := range b.Counts {
						b.Counts[i].Rate = 0
					}
					b.Label = ""
					gotB[key] = b
				}
				for _, b := range got.Buckets {
					add(b.Value, b)
				}
				if got.None != nil {
					add("(none)", *got.None)
				}
				if diff := cmp.Diff(want, gotB); diff != "" {
					t.Errorf("seed %d: Distribution(by=%s, year=%s) buckets (-plain scan +got):\n%s", researchSeed, by, filter, diff)
				}
				var total Size
				for _, p := range ps {
					if filter == "" || p.values["year"][0] == filter {
						total.Characters += int64(len([]rune(p.text)))
						total.Passages++
					}
				}
				if got.Corpus.Characters != total.Characters || got.Corpus.Passages != total.Passages {
					t.Errorf("corpus = %+v, want %+v", got.Corpus, total)
				}
				for i, q := range queries {
					var occ int64
					for _, p := range ps {
						if filter == "" || p.values["year"][0] == filter {
							occ += int64(plainCount(p.text, q))
						}
					}
					if got.Totals[i].Occurrences != occ {
						t.Errorf("total occurrences of %s = %d, want %d", q, got.Totals[i].Occurrences, occ)
					}
				}
			})
		}
	}
}

// plainDistribution is the oracle's distribution, by bucket value
// ("(none)" for passages without one), rates left out.
func plainDistribution(ps []plainPassage, queries []string, by, year string) map[string]Bucket {
	out := map[string]Bucket{}
	docSeen := map[string]bool{}
	for _, p := range ps {
		if year != "" && p.values["year"][0] != year {
			continue
		}
		vals := p.values[by]
		if len(vals) == 0 {
			vals = []string{"(none)"}
		}
		for _, v := range vals {
			b, ok := out[v]
			if !ok {
				b = Bucket{Value: v, Counts: make([]Count, len(queries))}
				if v == "(none)" {
					b.Value = ""
				}
			}
			b.Size.Characters += int64(len([]rune(p.text)))
			b.Size.Passages++
			if k := v + "\x00" + p.doc; !docSeen[k] {
				docSeen[k] = true
				b.Size.Documents++
			}
			for i, q := range queries {
				if n := plainCount(p.text, q); n > 0 {
					b.Counts[i].Occurrences += int64(n)
					b.Counts[i].Passages++
					if k := strconv.Itoa(i) + "\x00" + v + "\x00" + p.doc; !docSeen[k] {
						docSeen[k] = true
						b.Counts[i].Documents++
					}
				}
			}
			out[v] = b
		}
	}
	if by == "year" && year == "" {
		out["2019"] = Bucket{Value: "2019", Counts: make([]Count, len(queries))} // the gap, as zero
		out["2022"] = Bucket{Value: "2022", Counts: make([]Count, len(queries))}
	}
	return out
}
