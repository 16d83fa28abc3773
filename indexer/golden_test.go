package indexer

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files and encoding fixtures in testdata")

// testTaxonomy loads testdata/topics.yaml, a copy of corpus/topics.yaml,
// so that editing the corpus does not break the tests.
func testTaxonomy(t testing.TB) *Taxonomy {
	t.Helper()
	tax, err := LoadTaxonomy(filepath.Join("testdata", "topics.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return tax
}

// marshal writes v as the inspect command does: indented, with Chinese as
// written.
func marshal(t testing.TB, v any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGoldenSeed pins the parse of the seed: passage texts after repair,
// kinds, speakers and roles, people (the two 丁国华), date, title,
// sessions and topics. Rewrite with `go test ./indexer -update` and read
// the diff.
func TestGoldenSeed(t *testing.T) {
	checkGolden(t, "seed.txt", parseSeed(t), filepath.Join("testdata", "seed.golden.json"))
}

func parseSeed(t testing.TB) *Document {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("seed.txt", raw, Options{Taxonomy: testTaxonomy(t)})
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkGolden compares the parse of rel, doc, with the golden file,
// rewriting it first under -update.
func checkGolden(t *testing.T, rel string, doc *Document, golden string) {
	t.Helper()
	got := marshal(t, doc)
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./indexer -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("Parse(%s) differs from %s (-want +got):\n%s", rel, golden, diff)
	}
}

// goldenShapes pins one document of each shape of the labelled set
// beside the seed (a city news report): the whole parse, so that a change
// in any extractor shows as a readable diff. The documents live in the
// labelled set; the golden files in testdata/golden/.
var goldenShapes = []struct{ shape, rel string }{
	{"national-work-report", "national/2024年中华人民共和国国务院政府工作报告.txt"},
	{"national-work-report-1954", "national/1954年政府工作报告.txt"},
	{"npc-resolution", "npc/2024年关于政府工作报告的决议.txt"},
	{"party-congress-report", "party/二十大报告.txt"},
	{"cppcc-news", "cppcc/全国/全国政协十四届二次会议举行第二次全体会议.txt"},
	{"press-conference", "press/两会记者会/2024-03-06经济主题记者会.txt"},
	{"speech-news", "speech-news/人民日报/1954-09-24周恩来总理作政府工作报告.txt"},
	{"city-news-shanghai", "cities/上海/2025-01-15 解放日报 上海市十六届人大三次会议开幕.txt"},
	{"county-news", "counties/湖南/会同县十八届人大五次会议闭幕.txt"},
	{"province-work-report-gbk", "provinces/广东/2024年广东省政府工作报告.txt"},
	{"news-page-html", "pages/南方网/十四届全国人大三次会议在京开幕_南方网.html"},
}

// TestGoldenShapes compares each shape's parse with its golden file.
// Rewrite with `go test ./indexer -update` and read the diff.
func TestGoldenShapes(t *testing.T) {
	for _, g := range goldenShapes {
		t.Run(g.shape, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "labelled", "docs", filepath.FromSlash(g.rel)))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Parse(g.rel, raw, Options{Taxonomy: testTaxonomy(t)})
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, g.rel, doc, filepath.Join("testdata", "golden", g.shape+".golden.json"))
		})
	}
}
