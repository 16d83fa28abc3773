package fold

import (
	"testing"
	"unicode/utf8"
)

func TestString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"數字經濟", "数字经济"},
		{"数字经济", "数字经济"},
		{"乾隆", "干隆"}, // character-level on purpose: see the package comment
		{"ＡＢＣ１２３", "abc123"},
		{"GDP增长", "gdp增长"},
		{"２０２５年", "2025年"},
		{"，。“”、", ",。“”、"}, // full-width comma folds, CJK punctuation stays
		{"\u3000", " "},
		{"ｶﾀｶﾅ", "カタカナ"},
	}
	for _, tt := range tests {
		if got := String(tt.in); got != tt.want {
			t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestStringKeepsRuneCount(t *testing.T) {
	for _, s := range []string{"臺灣省政協會議", "ＡＢＣ", "a\xffb", "𠀀𪚥龍"} {
		if a, b := utf8.RuneCountInString(s), utf8.RuneCountInString(String(s)); a != b {
			t.Errorf("String(%q) has %d runes, want %d", s, b, a)
		}
	}
}

func FuzzString(f *testing.F) {
	f.Add("數字經濟 ＡＢＣ")
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if a, b := utf8.RuneCountInString(s), utf8.RuneCountInString(got); a != b {
			t.Fatalf("String(%q) = %q: %d runes, want %d", s, got, b, a)
		}
		if String(got) != got {
			t.Fatalf("String is not idempotent on %q", s)
		}
	})
}
