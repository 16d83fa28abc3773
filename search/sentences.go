package search

// A sentence ends at 。！？；, at a line break, and at the end of the
// passage; the ender belongs to the sentence it ends. The rule is the
// one the 同句 operator and the collocations' sentence window share.

// sentenceEnd reports whether r ends a sentence, as written or folded
// (fold turns ！？； into !?; and the half-width ｡ into 。): one of those
// or a line break (\n, \r, \v, \f, U+0085, U+2028, U+2029). The text
// table folds line breaks to spaces; the indexer joins a paragraph's
// lines, so passages hold none.
func sentenceEnd(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '!', '?', ';', '｡':
		return true
	}
	return isLineBreak(r)
}

// isLineBreak: the characters that end a line, and so a sentence.
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// sentenceSpans returns the sentences of text, in rune offsets, in
// order: each runs to just after its ender, the last to the end of the
// text. They cover the text without gaps; text ending with an ender has
// no empty sentence after it.
func sentenceSpans(text []rune) []span {
	var out []span
	start := 0
	for i, r := range text {
		if sentenceEnd(r) {
			out = append(out, span{start, i + 1})
			start = i + 1
		}
	}
	if start < len(text) {
		out = append(out, span{start, len(text)})
	}
	return out
}
