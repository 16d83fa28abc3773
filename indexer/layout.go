package indexer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// paragraphs splits text into trimmed non-empty lines: the seed has one
// paragraph per line with blank lines between. A short unpunctuated line
// followed, with no blank line between, by a short line without Han
// characters is one label set on two lines: the seed's photo block is
// headed 两会影像 / 2025, which reads as "两会影像 2025". (Two Han lines
// stay apart: a headline over a deck is often set that way.)
//
// Text that starts its paragraphs with an indent (　　, as most Chinese
// .txt files do) and sets no blank lines between them marks a layout
// break by a line without the indent: …民生实事全部 / 完成。 is one
// paragraph, however short.
func paragraphs(text string) []string {
	lines := strings.Split(text, "\n")
	indented := indentedParagraphs(lines)
	var out []string
	prevBlank, inIndented := true, false
	for _, raw := range lines {
		line := strings.TrimFunc(raw, func(r rune) bool { return unicode.IsSpace(r) || r == '\ufeff' })
		if line == "" {
			prevBlank, inIndented = true, false
			continue
		}
		n := len(out)
		switch {
		case indented && hasIndent(raw):
			out = append(out, line)
			inIndented = true
		case indented && inIndented && !prevBlank && !endsSentence(out[n-1]) && !startsNewItem(line) && !isCaption(line) && !isCredit(line):
			out[n-1] = join(out[n-1], line)
		case n > 0 && !prevBlank && isLabelLine(out[n-1]) && isLabelLine(line) && !hasHan(line):
			out[n-1] += " " + line
			inIndented = false
		default:
			out = append(out, line)
			inIndented = false
		}
		prevBlank = false
	}
	return out
}

// hasIndent: the line starts with an ideographic space, a tab or two
// spaces.
func hasIndent(line string) bool {
	return strings.HasPrefix(line, "\u3000") || strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "  ")
}

// indentedParagraphs: at least two lines start with an indent, and no
// blank line separates paragraphs (with blank lines, breaks are already
// clear and an indent says nothing more).
func indentedParagraphs(lines []string) bool {
	indents, blanks, nonEmpty := 0, 0, 0
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1] // the file's last line end
	}
	for _, l := range lines {
		if strings.TrimSpace(strings.ReplaceAll(l, "\u3000", " ")) == "" {
			blanks++
			continue
		}
		nonEmpty++
		if hasIndent(l) {
			indents++
		}
	}
	return indents >= 2 && blanks*4 < nonEmpty
}

func endsSentence(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(sentenceEnd, last)
}

// isLabelLine: at most a dozen characters and no sentence punctuation.
func isLabelLine(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return utf8.RuneCountInString(s) <= maxLabelRunes && !strings.ContainsRune(sentenceEnd+"，,、", last)
}

const maxLabelRunes = 12

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// sentenceEnd are the characters that can end a complete paragraph.
const sentenceEnd = "。！？!?…”」』）)；;：:"

// repair rejoins body paragraphs split by print layout. The seed has three
// such breaks: "…深化全方位转" | "型，转型“四步走”…", "…更加积极有为的" |
// "宏观政策…" and "…以习近平同志" | "为核心的党中央…". A paragraph is
// continued when it is long enough to be body text (headlines, labels and
// credits are short and also end without punctuation), does not end a
// sentence, and the next paragraph is not a caption or credit.
func repair(paras []string) []string {
	var out []string
	for i := 0; i < len(paras); i++ {
		p := paras[i]
		for i+1 < len(paras) && continues(p, paras[i+1]) {
			p = join(p, paras[i+1])
			i++
		}
		out = append(out, p)
	}
	return out
}

const minBodyRunes = 40

func continues(p, next string) bool {
	if utf8.RuneCountInString(p) < minBodyRunes {
		return false
	}
	if endsSentence(p) {
		return false
	}
	return !isCaption(next) && !isCredit(next) && !startsNewItem(next)
}

// startsNewItem: a numbered heading or list item starts afresh
// (一、2024年工作回顾 or （一）统筹提振消费… when set as their own lines).
func startsNewItem(s string) bool { return newItemRe.MatchString(s) }

var newItemRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]\s)`)

func join(a, b string) string {
	la, _ := utf8.DecodeLastRuneInString(a)
	fb, _ := utf8.DecodeRuneInString(b)
	if la < 0x80 && fb < 0x80 && unicode.IsLetter(la) && unicode.IsLetter(fb) {
		return a + " " + b
	}
	return a + b
}
