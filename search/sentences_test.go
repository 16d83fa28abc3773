package search

import (
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"sessionsearch/fold"
)

func TestSentenceSpans(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"empty", "", nil},
		{"no ender", "推动高质量发展", []string{"推动高质量发展"}},
		{"full stop", "推动高质量发展。发展数字经济", []string{"推动高质量发展。", "发展数字经济"}},
		{"every ender", "一。二！三？四；五", []string{"一。", "二！", "三？", "四；", "五"}},
		{"ends with an ender", "一。二。", []string{"一。", "二。"}},
		{"line break", "第一行\n第二行", []string{"第一行\n", "第二行"}},
		{"line separator", "第一行\u2028第二行\r第三行", []string{"第一行\u2028", "第二行\r", "第三行"}},
		{"comma does not end", "一，二、三：四", []string{"一，二、三：四"}},
		{"two enders", "真的吗？！好", []string{"真的吗？", "！", "好"}},
		{"half-width stop", "一｡二", []string{"一｡", "二"}},
		{"ascii after folding", "一!二?三;四", []string{"一!", "二?", "三;", "四"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, text := range []string{tt.text, fold.String(tt.text)} {
				rs := []rune(text)
				var got []string
				for _, s := range sentenceSpans(rs) {
					got = append(got, string(rs[s.start:s.end]))
				}
				want := tt.want
				if text != tt.text {
					want = nil
					for _, w := range tt.want {
						want = append(want, fold.String(w))
					}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("sentenceSpans(%q) (-want +got):\n%s", text, diff)
				}
			}
		})
	}
}

// FuzzSentenceSpans: the sentences cover the text in order without gaps,
// none is empty, and a sentence end stands only at the end of one.
func FuzzSentenceSpans(f *testing.F) {
	for _, s := range []string{"", "推动高质量发展。发展数字经济", "一。二！三？四；五", "。。", "a\nb\u2028c", "真的吗？！好"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs := []rune(s)
		at := 0
		for i, sp := range sentenceSpans(rs) {
			if sp.start != at || sp.end <= sp.start {
				t.Fatalf("sentenceSpans(%q): sentence %d is [%d,%d), after %d", s, i, sp.start, sp.end, at)
			}
			for j := sp.start; j < sp.end-1; j++ {
				if sentenceEnd(rs[j]) {
					t.Fatalf("sentenceSpans(%q): sentence %d holds an end at %d", s, i, j)
				}
			}
			at = sp.end
		}
		if at != len(rs) {
			t.Fatalf("sentenceSpans(%q) covers %d of %d runes", s, at, len(rs))
		}
	})
}

// TestEndAtIsSentenceEnd: the proximity check's byte-level reading of a
// sentence end in folded text (endAt) agrees with sentenceEnd on every
// character of the Basic Multilingual Plane, folded as the text is.
func TestEndAtIsSentenceEnd(t *testing.T) {
	for r := rune(1); r < 0x10000; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		f := fold.Rune(r)
		if classify(f) == classSpace {
			continue // the text table writes white space as a space; line breaks are listed apart
		}
		b := utf8.AppendRune(nil, f)
		got, _ := endAt(b, 0)
		if want := sentenceEnd(f); got != want {
			t.Errorf("U+%04X folded to %q: endAt %v, sentenceEnd %v", r, f, got, want)
		}
	}
}
