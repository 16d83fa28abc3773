package search

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2/analysis"
	bindex "github.com/blevesearch/bleve_index_api"
	"github.com/google/go-cmp/cmp"
)

func tokens(s string, mode tokenMode) []string {
	var out []string
	tokenize(matchRunes(s), mode, func(t token) { out = append(out, fmt.Sprintf("%s@%d", t.String(), t.pos)) })
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		mode     tokenMode
		want     []string
	}{
		{"cjk run with edge unigrams", "算力之城", indexMode, []string{"算@0", "算力@0", "力之@1", "之城@2", "城@3"}},
		{"query run is bigrams only", "算力之城", queryMode, []string{"算力@0", "力之@1", "之城@2"}},
		{"one character run", "年", queryMode, []string{"年@0"}},
		{"numbers are whole tokens", "应到代表341人", indexMode, []string{"应@0", "应到@0", "到代@1", "代表@2", "表@3", "341@4", "人@7"}},
		{"number with inner separators", "增长3.5%，1,000元", queryMode, []string{"增长@0", "3.5@2", "%@5", ",@6", "1,000@7", "元@12"}},
		{"punctuation breaks bigrams", "被使用。用在", indexMode, []string{"被@0", "被使@0", "使用@1", "用@2", "。@3", "用@4", "用在@4", "在@5"}},
		{"white space is one token", "2025  年", queryMode, []string{"2025@0", " @4", "年@6"}},
		{"folding applies", "ＧＤＰ數字", queryMode, []string{"gdp@0", "数字@3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tokens(tt.in, tt.mode)); diff != "" {
				t.Errorf("tokenize(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestAnalyzerPositionsAreRuneOffsets(t *testing.T) {
	ts := textAnalysis{}.Analyze([]byte("第5次会议"))
	var got []string
	for _, tok := range ts {
		got = append(got, fmt.Sprintf("%s@%d", tok.Term, tok.Position))
	}
	want := []string{"第@1", "5@2", "次@3", "次会@3", "会议@4", "议@5"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Analyze mismatch (-want +got):\n%s", diff)
	}
}

func BenchmarkAnalyze(b *testing.B) {
	text := []byte(strings.Repeat("刘俊义说，今年是“十四五”规划收官之年。做好政府工作，要以习近平新时代中国特色社会主义思想为指导，2025年全面贯彻落实。", 20))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		textAnalysis{}.Analyze(text)
		charsAnalysis{}.Analyze(text)
	}
}

// TestPassageFieldMatchesAnalyzers: the fields written to the index carry
// exactly the terms, frequencies and positions of the registered
// analyzers, which describe them to Bleve.
func TestPassageFieldMatchesAnalyzers(t *testing.T) {
	for _, text := range []string{
		"刘俊义说，今年是“十四五”规划收官之年。2025年 GDP增长5.2%，1,000元！",
		"數字經濟  ＡＢＣ 第5次会议 被使用。用在",
		"", "a", "算",
	} {
		for _, tc := range []struct {
			f  *passageField
			an interface {
				Analyze([]byte) analysis.TokenStream
			}
		}{{newTextField([]byte(text)), textAnalysis{}}, {newCharsField([]byte(text)), charsAnalysis{}}} {
			tc.f.Analyze()
			want := analysis.TokenFrequency(tc.an.Analyze([]byte(text)), nil, tc.f.Options())
			if diff := cmp.Diff(describeFreqs(want), describeFreqs(tc.f.AnalyzedTokenFrequencies())); diff != "" {
				t.Errorf("%s field of %q (-analyzer +field):\n%s", tc.f.Name(), text, diff)
			}
			if n := len(tc.an.Analyze([]byte(text))); tc.f.AnalyzedLength() != n {
				t.Errorf("%s field of %q: length %d, want %d", tc.f.Name(), text, tc.f.AnalyzedLength(), n)
			}
		}
	}
}

func describeFreqs(tf bindex.TokenFrequencies) map[string]string {
	out := map[string]string{}
	for term, f := range tf {
		var pos []string
		for _, l := range f.Locations {
			pos = append(pos, fmt.Sprint(l.Position))
		}
		out[term] = fmt.Sprintf("%d %s", f.Frequency(), strings.Join(pos, ","))
	}
	return out
}

func TestClassifyHanBlock(t *testing.T) {
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		if !unicode.Is(unicode.Han, r) {
			t.Fatalf("U+%04X is in the fast path of classify but not Han", r)
		}
	}
}

// BenchmarkPassageField is the analysis as indexing runs it: a passage of
// the seed report into the text and the chars fields.
func BenchmarkPassageField(b *testing.B) {
	text := []byte(strings.Repeat("刘俊义说，今年是“十四五”规划收官之年。做好政府工作，要以习近平新时代中国特色社会主义思想为指导，2025年全面贯彻落实。", 3))
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		newTextField(text).Analyze()
		newCharsField(text).Analyze()
	}
}
