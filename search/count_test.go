package search

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// TestByteMatcherAgreesWithFind: on random text of Chinese characters,
// digits, letters, separators and spaces, the byte counter finds as many
// occurrences as the snippet matcher, for one needle and for several.
func TestByteMatcherAgreesWithFind(t *testing.T) {
	const seed = 20261201
	rng := rand.New(rand.NewPCG(seed, 1))
	alphabet := []rune("发展高质量在的13４5.,，a Bé數字经济。")
	word := func(n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(rs)
	}
	for i := range 20000 {
		text := word(rng.IntN(40))
		var needles []string
		for range 1 + rng.IntN(3) {
			needles = append(needles, word(1+rng.IntN(3)))
		}
		m := newMatcher(needles)
		folded := matchRunes(text)
		want := len(m.find(folded))
		fb := []byte(string(folded))
		if !utf8.Valid(fb) {
			continue
		}
		if got := newByteMatcher(m).count(fb); got != want {
			t.Fatalf("case %d (seed %d): count(%q) of %q = %d, want %d", i, seed, text, needles, got, want)
		}
	}
}

func BenchmarkByteMatcher(b *testing.B) {
	text := []byte(string(matchRunes(strings100k())))
	for _, q := range []string{"发展", "在", "高质量发展"} {
		b.Run(q, func(b *testing.B) {
			m := newByteMatcher(newMatcher([]string{q}))
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				m.count(text)
			}
		})
	}
}

func strings100k() string {
	s := "坚持以人民为中心的发展思想，推动高质量发展，在新的起点上。"
	out := ""
	for len(out) < 100_000 {
		out += s
	}
	return out
}
