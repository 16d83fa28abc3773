package indexer

import (
	_ "embed"
	"unicode/utf8"

	"sessionsearch/fold"
)

//go:embed data/common_chars.txt
var commonCharsData string

// commonSet holds the common characters of data/common_chars.txt.
var commonSet = runeSet(embeddedList(commonCharsData))

// commonHan counts the runes of b that are common characters, in either
// script (Traditional ones are folded first).
func commonHan(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		if r >= 0x3400 && commonSet[fold.Rune(r)] {
			n++
		}
	}
	return n
}
