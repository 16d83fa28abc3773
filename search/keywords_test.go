package search

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sessionsearch/fold"
)

// keywordCorpus writes reports of 2014 and 2024: the clauses they share,
// and clauses of their own (发展新质生产力 in 2024, 转变经济发展方式 in 2014).
func keywordCorpus(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(researchSeed, 3))
	shared := []string{"坚持以人民为中心", "全面深化改革", "城乡居民收入稳步增长", "生态环境持续改善", "在全市范围内", "加强党的建设"}
	own := map[int][]string{
		2014: {"转变经济发展方式", "稳增长调结构", "简政放权"},
		2024: {"发展新质生产力", "推动高质量发展", "數字經濟蓬勃發展"},
	}
	for d := range 40 {
		y := []int{2014, 2024}[d%2]
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: 报告%d\ndate: %d-03-01\n---\n# 报告%d\n\n", d, y, d)
		for range 6 {
			for k := range 4 {
				if k > 0 {
					b.WriteString("，")
				}
				if rng.IntN(3) == 0 {
					b.WriteString(own[y][rng.IntN(len(own[y]))])
				} else {
					b.WriteString(shared[rng.IntN(len(shared))])
				}
			}
			b.WriteString("。\n\n")
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("k%02d.md", d)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestKeywordsReadAsPhrases: the keywords of 2024 against 2014 are the
// clauses of 2024 whole, not their fragments, and each figure agrees with
// a plain scan of the stored text.
func TestKeywordsReadAsPhrases(t *testing.T) {
	x := openTestIndex(t, keywordCorpus(t))
	ps := plainPassages(t, x)
	for _, vs := range []string{"year:2014", ""} {
		t.Run("vs="+vs, func(t *testing.T) {
			got, err := x.Keywords(context.Background(), KeywordsRequest{Request: Request{Year: []string{"2024"}}, Versus: vs})
			if err != nil {
				t.Fatal(err)
			}
			var texts []string
			for _, k := range got.Keywords {
				texts = append(texts, k.Text)
			}
			t.Logf("keywords: %s", strings.Join(texts, " "))
			for _, want := range []string{"发展新质生产力", "推动高质量发展", "数字经济蓬勃发展"} {
				if !slices.Contains(texts, want) {
					t.Errorf("seed %d: keywords %q lack %s", researchSeed, texts, want)
				}
			}
			for _, fragment := range []string{"新质生产", "质生产力", "高质量", "质量发", "数字经济蓬", "济蓬勃"} {
				if slices.Contains(texts, fragment) {
					t.Errorf("seed %d: keywords %q hold the fragment %s", researchSeed, texts, fragment)
				}
			}
			if len(texts) > 4 {
				t.Errorf("seed %d: %d keywords %q, want only the three clauses of 2024 (and none of their fragments)", researchSeed, len(texts), texts)
			}
			var na, nb float64
			for _, p := range ps {
				n := float64(hanCount(p.text))
				if p.values["year"][0] == "2024" {
					na += n
				} else {
					nb += n
				}
			}
			if float64(got.A.Han) != na || float64(got.B.Han) != nb {
				t.Errorf("sizes %d, %d, want %v, %v", got.A.Han, got.B.Han, na, nb)
			}
			for _, k := range got.Keywords {
				var fa, fb int64
				var da, db int
				seen := map[string]bool{}
				for _, p := range ps {
					c := int64(overlapping([]rune(fold.String(p.text)), []rune(k.Text)))
					if c == 0 {
						continue
					}
					side := "b"
					if p.values["year"][0] == "2024" {
						fa += c
						side = "a"
					} else {
						fb += c
					}
					if !seen[side+p.doc] {
						seen[side+p.doc] = true
						if side == "a" {
							da++
						} else {
							db++
						}
					}
				}
				if k.FreqA != fa || k.FreqB != fb || k.DocsA != da || k.DocsB != db {
					t.Errorf("%s: freq %d/%d docs %d/%d, plain scan %d/%d docs %d/%d", k.Text, k.FreqA, k.FreqB, k.DocsA, k.DocsB, fa, fb, da, db)
				}
				if ll := logLikelihood(float64(fa), float64(fb), na, nb); math.Abs(ll-k.LogLikelihood) > 0.001 {
					t.Errorf("%s: log-likelihood %v, want %v", k.Text, k.LogLikelihood, ll)
				}
			}
		})
	}
}

func hanCount(s string) int {
	n := 0
	for _, r := range fold.String(s) {
		if classify(r) == classCJK {
			n++
		}
	}
	return n
}

// TestLogLikelihood checks G² and Log Ratio against figures worked by hand.
func TestLogLikelihood(t *testing.T) {
	// a=10 in 1000, b=10 in 10000: E_A = 1000·20/11000, E_B = 10000·20/11000.
	ea, eb := 1000*20/11000.0, 10000*20/11000.0
	want := 2 * (10*math.Log(10/ea) + 10*math.Log(10/eb))
	if got := logLikelihood(10, 10, 1000, 10000); math.Abs(got-want) > 1e-9 {
		t.Errorf("logLikelihood = %v, want %v", got, want)
	}
	if got := logRatio(10, 10, 1000, 10000); math.Abs(got-math.Log2(10)) > 1e-9 {
		t.Errorf("logRatio = %v, want log2(10)", got)
	}
	if got := logRatio(4, 0, 1000, 1000); got != 3 {
		t.Errorf("logRatio with b = 0 is %v, want log2(4/0.5) = 3", got)
	}
}
