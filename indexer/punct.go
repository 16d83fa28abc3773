package indexer

// The punctuation the rules read, named by what it ends. Each set holds
// the full-width marks and their half-width forms: text is read both as
// written and folded (fold.String writes ！？；， as !?;,).
const (
	// stops end a sentence: 。！？.
	stops = "。！？!?"
	// sentenceEnds end a sentence for the clause rules (a session's or a
	// place's sentence, a speech verb's clause): the stops and ；.
	sentenceEnds = stops + "；;"
	// clauseEnds end a clause: the sentence ends, the comma, a line break.
	clauseEnds = sentenceEnds + "，,\n"
	// sentencePunct are the marks of running text; a title block's lines
	// (titles, ——…会议上, names) carry none.
	sentencePunct = sentenceEnds + "，,"
	// paragraphEnds can end a complete paragraph: the sentence ends, an
	// ellipsis, a colon, and the closing quotes and brackets after a stop.
	paragraphEnds = sentenceEnds + "…”」』）)：:"
	// clausePunct bounds a subject of reported speech (names.go), which
	// never reaches across one: every mark of running text, quotes,
	// brackets, dashes and line breaks included.
	clausePunct = "，。；：！？、,.;:!?“”「」『』\"（）()《》—…\n"
)
