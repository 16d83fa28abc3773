package indexer

import (
	_ "embed"
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
// Invisible characters (U+200B, U+FEFF and the other format characters)
// are dropped from every line, and a line of nothing else is blank: report
// files copied from web pages open with a U+200B line, or a BOM before
// 各位代表：.
//
// Text that starts its paragraphs with an indent (　　, as most Chinese
// .txt files do) and sets no blank lines between them marks a layout
// break by a line without the indent: …民生实事全部 / 完成。 is one
// paragraph, however short. A line pushed far right or centred with
// spaces (　　　　　　国务院总理　李　强) is aligned, not indented: it stands
// alone. So do the lines of a title block: before the body has begun,
// only a continuation that brings sentence punctuation joins the line
// above (the title 政府工作报告 and the line ——2024年3月5日在…会议上 under
// it, or a role line 国务院总理 and a name line 李　强, stay apart), and a
// salutation (各位代表：) never joins anything.
//
// Text hard-wrapped at one width rejoins its lines (wrapWidth), and in
// text that separates paragraphs with blank lines a headline may be set
// over two lines with a line break only (headlineOverLines).
func paragraphs(text string) []string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		lines[i] = strings.Map(dropInvisible, l)
	}
	indented := indentedParagraphs(lines)
	wrap := 0 // the width text is hard-wrapped at, in columns
	if !indented {
		wrap = wrapWidth(lines)
	}
	spaced := blankLineParagraphs(lines)
	var out []string
	prevBlank, inIndented, body, subtitled, joinedHead := true, false, false, false, false
	prevLine, prevCols := "", 0 // the last line read, and its width
	paraPunct := false          // the paragraph being built has sentence punctuation
	pageBreak := false          // a page number was dropped since the last line
	for i, raw := range lines {
		line := strings.TrimFunc(raw, unicode.IsSpace)
		if line == "" {
			prevBlank, inIndented = true, false
			continue
		}
		if pageNumberRe.MatchString(line) {
			pageBreak = true // a printed page's number: no text
			continue
		}
		n := len(out)
		broken := pageBreak
		pageBreak = false
		if n > 0 && body && !endsSentence(out[n-1]) && strings.ContainsAny(out[n-1], sentencePunct) &&
			runningHead(line, wrap) && (broken || nextIsPageNumber(lines[i+1:])) {
			pageBreak = broken
			continue
		}
		switch {
		case broken && n > 0 && body && strings.ContainsAny(out[n-1], sentencePunct) && continuesWrapped(out[n-1], line):
			// …并请全国政 / — 1 — / 协委员提出意见。: running text goes on
			// over the page break.
			out[n-1] = join(out[n-1], line)
		case indented && indentOf(raw) == indentAligned:
			out = append(out, line)
			inIndented = false
		case indented && indentOf(raw) == indentParagraph:
			out = append(out, line)
			inIndented = true
		case indented && inIndented && !prevBlank && continuesIndented(prevLine, line, body):
			out[n-1] = join(out[n-1], line)
		case wrap > 0 && n > 0 && !prevBlank && prevCols >= wrap-wrapSlack && paraPunct && continuesWrapped(prevLine, line):
			out[n-1] = join(out[n-1], line)
		case spaced && n > 0 && !prevBlank && !body && !subtitled && !joinedHead && headlineOverLines(out[n-1], line, isSubtitle(nextLine(lines[i+1:]))):
			out[n-1] = joinHeadline(out[n-1], line)
			joinedHead = true // two lines at most: a third is a deck
		case n > 0 && !prevBlank && isLabelLine(out[n-1]) && isLabelLine(line) && !hasHan(line):
			out[n-1] += " " + line
			inIndented = false
		default:
			out = append(out, line)
			inIndented = false
		}
		if last := out[len(out)-1]; !body {
			switch {
			case strings.ContainsAny(last, sentencePunct) && !isSalutation(last):
				body = true
			case !subtitled && isSubtitle(last):
				subtitled = true
			}
		}
		if len(out) > n { // a new paragraph
			paraPunct = false
		}
		// A paragraph indent in the body (or under its salutation) opens
		// running text, as sentence punctuation shows it does: 　　今年…的主要
		// 预期目标是：地区生产总值增长6 / %左右，… is one paragraph though its first
		// line has no comma.
		opensText := len(out) > n && indentOf(raw) == indentParagraph && (body || n > 0 && isSalutation(out[n-1]))
		paraPunct = paraPunct || strings.ContainsAny(line, sentencePunct) || opensText
		prevBlank, prevLine, prevCols = false, line, printedColumns(raw)
	}
	return out
}

// pageNumberRe is a printed page's number on a line of its own, as text
// copied from a PDF keeps it: — 1 —, - 12 -, 第3页, 第 3 页 共 12 页. A number
// alone is no page number: the seed's photo block is labelled 两会影像 /
// 2025.
var pageNumberRe = regexp.MustCompile(`^(?:[-—–－·]+\s*\d{1,4}\s*[-—–－·]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)$`)

// Hard-wrapped text (copied from a PDF or a fixed-width page) breaks every
// line at one width, paragraphs or not: 现在，我代表国务院，向大会报告政府工作，
// 请予审议，并请全国政协委员提 / 出意见。 A line that fills the width and
// does not end a sentence goes on in the next line. The width is found
// from the lines themselves: at least three lines, and a quarter of all,
// that do not end a sentence and are within wrapSlack columns of one
// width of at least minWrapColumns. One-paragraph-a-line text (the seed)
// has no such cluster: its unfinished lines are headlines of all widths
// and paragraphs of hundreds of characters, so it is left alone.
const (
	wrapSlack      = 3  // a line may end short of the width by a wide character and a closing mark
	minWrapColumns = 24 // twelve Han characters: shorter lines are headlines or labels
)

// wrapWidth is the width in columns the text is hard-wrapped at, or 0.
func wrapWidth(lines []string) int {
	count := map[int]int{}
	nonEmpty := 0
	for _, raw := range lines {
		l := strings.TrimFunc(raw, unicode.IsSpace)
		if l == "" {
			continue
		}
		nonEmpty++
		if c := printedColumns(raw); c >= minWrapColumns && !endsSentence(l) {
			count[c]++
		}
	}
	best, bestN := 0, 0
	for w := range count {
		n := 0
		for c := w - wrapSlack; c <= w; c++ {
			n += count[c]
		}
		if n > bestN || n == bestN && w > best {
			best, bestN = w, n
		}
	}
	if bestN < 3 || bestN*4 < nonEmpty {
		return 0
	}
	return best
}

// continuesWrapped: in hard-wrapped text, a full line prev of running
// text (the caller checks that its paragraph has sentence punctuation: a
// title block's ——2024年3月5日在…会议上 may fill the width too) goes on in
// the next unless it ends a sentence, or the next starts a new item, is a
// caption, credit, salutation or ——… line, or is aligned.
func continuesWrapped(prev, line string) bool {
	switch {
	case endsSentence(prev), isSalutation(prev), startsNewItem(line), isCaption(line), isCredit(line):
		return false
	case isSalutation(line), strings.HasPrefix(line, "——"), hasAlignmentSpace(line):
		return false
	}
	return true
}

// printedColumns is the width a line takes on its page, its indent
// included: a paragraph's first line, indented by two ideographic spaces,
// fills the width of the wrap as the flush lines under it do (　　现在，我代表
// 省人民政府，…并请省政协 / 委员和其他列席人员提出意见。).
func printedColumns(raw string) int {
	return columns(strings.TrimRightFunc(raw, unicode.IsSpace))
}

// A running head or foot is a line that a printed page repeats beside
// its number (河北省人民政府公报, 2024年第5期), which text copied from a PDF
// keeps between two halves of a sentence: …地区生 / — 2 — / 河北省人民政府公报
// / 产总值增长5.5%，…. It is dropped when it stands next to a page number
// inside a paragraph that goes on over the page: short, without sentence
// punctuation, after a line that ends no sentence. A heading after a page
// break follows a paragraph that ended (…五年来的工作。 / — 3 — / 二、今后五
// 年的主要任务) and stays, and so does a paragraph's last line, which ends
// with its punctuation (…推动高质量 / — 2 — / 发展。).
func runningHead(line string, wrap int) bool {
	limit := minWrapColumns
	if wrap > 0 {
		limit = wrap - wrapSlack
	}
	return columns(line) < limit && !strings.ContainsAny(line, sentencePunct)
}

// nextIsPageNumber: the next line with text is a page number.
func nextIsPageNumber(lines []string) bool {
	for _, l := range lines {
		if l = strings.TrimFunc(l, unicode.IsSpace); l != "" {
			return pageNumberRe.MatchString(l)
		}
	}
	return false
}

// columns is the width of s as a fixed-width page sets it: two columns
// for a Han character or a full-width mark, one for ASCII and half-width
// forms.
func columns(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x80 || r >= 0xFF61 && r <= 0xFFDC {
			n++
		} else {
			n += 2
		}
	}
	return n
}

// blankLineParagraphs: the text separates its paragraphs with blank
// lines (at least one blank line for every two lines of text), so that a
// line break without one is a break inside a paragraph.
func blankLineParagraphs(lines []string) bool {
	blanks, nonEmpty, prevBlank := 0, 0, false // blanks: runs of blank lines between lines of text
	for _, l := range lines {
		if strings.TrimFunc(l, unicode.IsSpace) == "" {
			prevBlank = true
			continue
		}
		if prevBlank && nonEmpty > 0 {
			blanks++
		}
		nonEmpty++
		prevBlank = false
	}
	return nonEmpty >= 3 && blanks*2 >= nonEmpty-1
}

// headlineOverLines: in text that separates paragraphs with blank lines,
// two lines of the headline block with only a line break between them are
// one headline set over two lines when the first is the subject of the
// second (成都市十八届人大三次会议 / 举行第二次全体会议: it ends with a body
// that meets or issues, data/issuers.txt), or when they are a report's
// two-part title over its ——… or date line (决胜全面建成小康社会 / 夺取新时代
// 中国特色社会主义伟大胜利 / ——在中国共产党第十九次全国代表大会上的报告;
// overSubtitle says the next line is one). A kicker over a headline (坚定
// 扛起“走在前、做示范”的使命担当 / 南京市十七届人大四次会议开幕) is neither.
// Never a ——… or date line, a salutation, a credit, a line with spaces (a
// kicker or deck of spaced phrases), a role line (政府工作报告 / 国务院总理 /
// 李强), nor a line of a name's length (新年贺词 / 习近平 is a title over its
// signature); the lines under a ——… or date line are the signature and
// stay apart (the caller stops there).
func headlineOverLines(prev, line string, overSubtitle bool) bool {
	if !isHeadLine(prev) || !isHeadLine(line) || utf8.RuneCountInString(prev+line) > 60 {
		return false
	}
	if isSubtitle(prev) || isSubtitle(line) || isSalutation(line) || isCredit(line) || isCaption(line) || isCredit(prev) {
		return false
	}
	if !hasHan(prev) || !hasHan(line) {
		return false
	}
	if strings.ContainsAny(prev+line, " \u3000") && !(overSubtitle && spacedPhrases(prev) && !strings.ContainsAny(line, " \u3000")) {
		// A spaced kicker or deck (张强武健鹏…出席 谷明主持 …), a name spaced
		// out. Over a ——… or date line a report's title may open with
		// spaced phrases: 坚定信心　勇毅前行 / 奋力谱写社会主义现代化国际大都市
		// 建设新篇章 / ——在中国共产党上海市第十二次代表大会上的报告.
		return false
	}
	if hasAnySuffix(line, signatureOffices) || hasAnySuffix(prev, signatureOffices) {
		return false // 政府工作报告 / 国务院总理 / 李强
	}
	if utf8.RuneCountInString(line) <= 4 || strings.ContainsRune(line, '·') {
		return false
	}
	return overSubtitle || headlineContinues(prev, line) || hasAnySuffix(prev, issuers)
}

// spacedPhrases: s is phrases of two characters or more set apart by
// spaces (坚定信心　勇毅前行), not a name spaced for alignment (李　强).
func spacedPhrases(s string) bool {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\u3000' })
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) < 2 {
			return false
		}
	}
	return true
}

// nextLine is the first non-blank line of lines, trimmed, or "".
func nextLine(lines []string) string {
	for _, l := range lines {
		if t := strings.TrimFunc(l, unicode.IsSpace); t != "" {
			return t
		}
	}
	return ""
}

//go:embed data/signature_offices.txt
var signatureOfficeData string

// signatureOffices end the role line of a signature.
var signatureOffices = embeddedList(signatureOfficeData)

// joinHeadline joins the two lines of a headline: with nothing between
// them when the cut splits a word or a subject from its predicate (政府工作报
// / 告, 成都市十八届人大三次会议 / 举行第二次全体会议: the first line ends
// with a body that issues or meets, see data/issuers.txt), else with one
// space, as two phrases of a headline are set apart (决胜全面建成小康社会
// 夺取新时代中国特色社会主义伟大胜利).
func joinHeadline(prev, line string) string {
	if headlineContinues(prev, line) {
		return join(prev, line)
	}
	if hasAnySuffix(prev, issuers) {
		return prev + line
	}
	// 关于2024年国民经济和社会发展计划执行情况 / 与2025年…草案的报告: a title
	// opened by 关于 is one noun phrase up to its 报告, 决定 or 决议, however
	// the lines fall; two phrases are never set that way.
	if strings.HasPrefix(prev, "关于") && !strings.ContainsAny(prev, " \u3000") {
		return prev + line
	}
	return prev + " " + line
}

// continuesIndented: in indented text, an unindented line continues the
// paragraph above (whose last line is prev) unless that ended a sentence, or the line starts a new
// item, is a caption, credit, salutation or a ——… subtitle, or is set
// with alignment spaces inside (国务院总理　李　强). Before the body has
// begun, it continues only when it brings sentence punctuation (…没有 /
// 写完。), so that the lines of a title block stay apart.
func continuesIndented(prev, line string, body bool) bool {
	switch {
	case endsSentence(prev), startsNewItem(line), isCaption(line), isCredit(line):
		return false
	case isSalutation(prev), isSalutation(line), strings.HasPrefix(line, "——"), hasAlignmentSpace(line), hasAlignmentSpace(prev):
		return false
	}
	return body || strings.ContainsAny(line, sentencePunct)
}

// hasAlignmentSpace: an ideographic space or a run of two spaces between
// Han characters, as names are spaced out to the width of a line (李　强,
// 习　近　平) and role and name are set apart (国务院总理　李　强). Running
// text has no spaces between Han characters.
func hasAlignmentSpace(s string) bool {
	return alignmentSpaceRe.MatchString(s)
}

var alignmentSpaceRe = regexp.MustCompile(`\p{Han}(?:\x{3000}| {2,})+\p{Han}`)

// dropInvisible removes format characters (zero-width spaces and joiners,
// the BOM, soft hyphens, direction marks) that show nothing on the page.
func dropInvisible(r rune) rune {
	if unicode.Is(unicode.Cf, r) {
		return -1
	}
	return r
}

// The leading white space of a line: none, a paragraph indent, or an
// alignment.
const (
	indentNone = iota
	indentParagraph
	indentAligned
)

// indentOf measures a line's leading white space in half-width columns
// (a space is one, an ideographic space two, a tab four). A paragraph
// indent is two to five columns (两个全角空格, two or four spaces, a tab);
// more is a line centred or pushed right, as report title blocks set
// their signatures (　　　　　　　　李　强).
func indentOf(line string) int {
	cols := 0
	for _, r := range line {
		switch r {
		case ' ':
			cols++
		case '\u3000':
			cols += 2
		case '\t':
			cols += 4
		default:
			switch {
			case cols >= 6:
				return indentAligned
			case cols >= 2:
				return indentParagraph
			}
			return indentNone
		}
	}
	return indentNone
}

// indentedParagraphs: at least two lines start with a paragraph indent,
// and no blank line separates paragraphs (with blank lines, breaks are
// already clear and an indent says nothing more). Aligned lines (a
// centred title block) say nothing either way.
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
		if indentOf(l) == indentParagraph {
			indents++
		}
	}
	return indents >= 2 && blanks*4 < nonEmpty
}

func endsSentence(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(paragraphEnds, last)
}

// isLabelLine: at most a dozen characters and no sentence punctuation.
func isLabelLine(s string) bool {
	last, _ := utf8.DecodeLastRuneInString(s)
	return utf8.RuneCountInString(s) <= maxLabelRunes && !strings.ContainsRune(paragraphEnds+"，,、", last)
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

// repair rejoins body paragraphs split by print layout. The seed has three
// such breaks: "…深化全方位转" | "型，转型“四步走”…", "…更加积极有为的" |
// "宏观政策…" and "…以习近平同志" | "为核心的党中央…". A paragraph is
// continued when it is long enough to be body text (headlines, labels and
// credits are short and also end without punctuation), does not end a
// sentence, and the next paragraph is not a caption or credit. A headline
// cut over two lines is rejoined too (see headlineContinues).
func repair(paras []string) []string {
	var out []string
	head := true // still in the headline block
	for i := 0; i < len(paras); i++ {
		p, last := paras[i], paras[i]
		body := isBodyText(p)
		for i+1 < len(paras) && (body && continues(p, last, paras[i+1]) || head && headlineContinues(p, paras[i+1])) {
			p = join(p, paras[i+1])
			last = paras[i+1]
			i++
		}
		if !isHeadLine(p) {
			head = false
		}
		out = append(out, p)
	}
	return out
}

//go:embed data/headline_words.txt
var headlineWordData string

//go:embed data/issuers.txt
var issuerData string

//go:embed data/headline_open_ends.txt
var headlineOpenEndData string

var (
	headlineWords = embeddedList(headlineWordData)
	issuers       = embeddedList(issuerData)
	// headlineOpenEnds never end a headline.
	headlineOpenEnds = embeddedList(headlineOpenEndData)
)

// isHeadLine: a line of the headline block, short and without sentence
// punctuation.
func isHeadLine(p string) bool {
	return utf8.RuneCountInString(p) <= 60 && !strings.ContainsAny(p, sentencePunct+"：:") && !endsSentence(p)
}

// headlineContinues: two lines of the headline block are one headline
// cut by print layout when nothing stands between them (no punctuation at
// the cut, no ——, date or signature line) and either the cut splits a
// word of data/headline_words.txt (政府工作报 / 告, 第十四届全国人民代表大
// / 会第二次会议开幕), or the second line is a single character, which no
// headline, kicker or name is, or the first line names an issuer and the
// second is its document (第十四届全国人民代表大会第二次会议 / 关于政府工作
// 报告的决议), or the first line ends with a word no headline ends with
// (…会议关于 / 政府工作报告的决议). A kicker above a headline ends with a whole word (…大同篇章 /
// 市十六届…), so it is not glued to it; nor is a title to a name line
// (政府工作报告 / 李　强) or a ——… line.
func headlineContinues(p, next string) bool {
	if !isHeadLine(p) || !isHeadLine(next) || utf8.RuneCountInString(p+next) > 60 {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	first, _ := utf8.DecodeRuneInString(next)
	if !unicode.Is(unicode.Han, last) || hasAlignmentSpace(next) || isSalutation(next) || isCredit(next) || isCaption(next) {
		return false
	}
	if unicode.IsDigit(first) && first < 0x80 {
		// 国务院关于 / 2023年度国有资产管理情况的综合报告
		return hasAnySuffix(p, headlineOpenEnds)
	}
	if !unicode.Is(unicode.Han, first) {
		return false
	}
	if utf8.RuneCountInString(next) == 1 {
		return true
	}
	for _, w := range headlineWords {
		rs := []rune(w)
		for k := 1; k < len(rs); k++ {
			if strings.HasSuffix(p, string(rs[:k])) && strings.HasPrefix(next, string(rs[k:])) && !strings.HasSuffix(p, w) {
				return true
			}
		}
	}
	if hasAnySuffix(p, headlineOpenEnds) {
		return true
	}
	return strings.HasPrefix(next, "关于") && !strings.Contains(p, "关于") && !strings.ContainsAny(p+next, " \u3000") && hasAnySuffix(p, issuers)
}

const minBodyRunes = 40

// isBodyText: p is long enough to be body text cut by the layout
// (headlines, labels and credits are short and also end without
// punctuation), and is running text: a line of 40 characters with no
// sentence punctuation is a page's fields (发布时间：2025-01-21 16:05 来源：
// 中山市人民政府新闻办公室【字号：】), and a numbered heading, however long
// (（一）统筹提振消费和扩大投资，全力推动经济增长取得新突破), is not cut short,
// while a numbered paragraph of sentences (（一）着力扩大国内需求。推动消费…)
// may be.
func isBodyText(p string) bool {
	if len(p) < minBodyRunes || utf8.RuneCountInString(p) < minBodyRunes || !strings.ContainsAny(p, sentencePunct) {
		return false
	}
	return !startsNewItem(p) || strings.ContainsAny(p, stops)
}

// continues: body text p, whose last piece is last, goes on in next: it
// does not end a sentence nor close a caption with its credit (…在北京人民
// 大会堂开幕。新华社记者 李学仁 摄), and next is no caption, credit or new
// item. Only the ends are read, so that a paragraph rejoined from many
// pieces costs no more than its length.
func continues(p, last, next string) bool {
	if endsSentence(p) || captionCredit(last) != nil {
		return false
	}
	return !isCaption(next) && !isCredit(next) && !startsNewItem(next)
}

// startsNewItem: a numbered heading or list item starts afresh
// (一、2024年工作回顾, （一）统筹提振消费…, 1、扩大国内需求, （1）…, ①…
// when set as their own lines). 1.5亿 and 2023、2024年 are not items: a
// dot needs a space after it, and 、 follows one or two digits only.
func startsNewItem(s string) bool { return newItemRe.MatchString(s) }

var newItemRe = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|[（(]\d{1,2}[）)]|\d{1,2}、|\d+[.．]\s|[①-⑳])`)

func join(a, b string) string {
	la, _ := utf8.DecodeLastRuneInString(a)
	fb, _ := utf8.DecodeRuneInString(b)
	if la < 0x80 && fb < 0x80 && unicode.IsLetter(la) && unicode.IsLetter(fb) {
		return a + " " + b
	}
	return a + b
}

// embeddedList reads a word list of the data folder: one entry a line,
// blank lines and # comments left out.
func embeddedList(data string) []string {
	var out []string
	for _, line := range strings.Split(data, "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
