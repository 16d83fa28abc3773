package indexer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: no input makes Parse panic; a document's passages are valid
// UTF-8, numbered from 1, never empty; a failure is always a *SkipError.
func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add("seed.txt", seed)
	for name, enc := range encodingFixtures {
		f.Add(name, enc(encodingSample))
	}
	f.Add("a.md", []byte("---\ntitle: 标题\ndate: 2025-02-15\nspeakers: [张三]\n---\n# 标题\n\n张三说，好。\n"))
	f.Add("a.html", []byte("<p>刘俊义说，<b>好</b>&amp;</p><script>x</script><br>"))
	f.Add("a.txt", []byte("他说，\n\n丁国华（市人大）、丁国华（"))
	f.Add("a.txt", []byte("政协第十届第次会议市第〇届人大百次会议"))
	f.Add("a.txt", []byte{0xFF, 0xFE, 0x00})
	tax := testTaxonomy(f)
	f.Fuzz(func(t *testing.T, rel string, raw []byte) {
		doc, err := Parse(rel, raw, Options{Taxonomy: tax, MaxFileBytes: 1 << 16})
		if err != nil {
			var skip *SkipError
			if !errors.As(err, &skip) {
				t.Fatalf("Parse error %v is not a *SkipError", err)
			}
			return
		}
		for i, p := range doc.Passages {
			if p.N != i+1 || strings.TrimSpace(p.Text) == "" || !utf8.ValidString(p.Text) {
				t.Fatalf("passage %d = %+v: want n=%d and non-empty valid UTF-8", i, p, i+1)
			}
			if p.Speaker != "" && !utf8.ValidString(p.Speaker) {
				t.Fatalf("speaker %q is not valid UTF-8", p.Speaker)
			}
		}
		if !utf8.ValidString(doc.Title) {
			t.Fatalf("title %q is not valid UTF-8", doc.Title)
		}
	})
}

// FuzzRepair: rejoining never loses or adds text, never yields more
// paragraphs than it got, and leaves no empty paragraph.
func FuzzRepair(f *testing.F) {
	f.Add("刘俊义在报告中说，大同人民勤劳善良、敢为人先，大同发展潜力巨大、前景广阔。让我们更加紧密地团结在以习近平同志\n为核心的党中央周围。")
	f.Add("全面加快高质量发展 持续深化全方位转型\n市十六届人大五次会议隆重开幕\n本报记者 张占兵 摄")
	f.Add("两会影像\n2025\n◀ 15日，代表们讨论。")
	f.Add(strings.Repeat("数字经济data", 10) + "\ncenter。")
	f.Fuzz(func(t *testing.T, text string) {
		in := paragraphs(text)
		out := repair(in)
		if len(out) > len(in) {
			t.Fatalf("repair made %d paragraphs from %d", len(out), len(in))
		}
		strip := func(ps []string) string { return strings.Join(strings.Fields(strings.Join(ps, "")), "") }
		if strip(in) != strip(out) {
			t.Fatalf("repair changed the text:\n%q\n%q", in, out)
		}
		for _, p := range out {
			if p == "" {
				t.Fatalf("repair made an empty paragraph from %q", in)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	raw, err := os.ReadFile(filepath.Join("testdata", "seed.txt"))
	if err != nil {
		b.Fatal(err)
	}
	tax := testTaxonomy(b)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Parse("seed.txt", raw, Options{Taxonomy: tax}); err != nil {
			b.Fatal(err)
		}
	}
}
