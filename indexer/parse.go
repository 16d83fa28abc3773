package indexer

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sessionsearch/fold"
)

// build fills doc from its text: paragraphs, layout repair, kinds,
// metadata, sessions, speakers, people and topics.
func build(doc *Document, text string, fm frontMatter, tax *Taxonomy) {
	paras := repair(paragraphs(text))
	kinds := classify(paras, fm.Title)

	for i, p := range paras {
		doc.Passages = append(doc.Passages, Passage{N: i + 1, Kind: kinds[i], Text: p})
	}
	doc.Title, doc.Subtitles = titles(doc.Passages, fm.Title)
	doc.Source, doc.Reporters = byline(doc.Passages, fm)
	doc.Photographers = photographers(doc.Passages)
	doc.Date = docDate(doc, text, fm.Date)

	place := fm.Place
	if place == "" {
		place = inferPlace(text)
	}
	province := inferProvince(text, place)
	sessions := func(s string) []Session {
		out := FindSessions(s, place)
		for i := range out {
			// 在本市工作的省第十四届人大代表 in a Datong document is
			// Shanxi's congress: the seed names 山西 (对山西工作).
			if out[i].Level == "省" && out[i].Place == "" && province != "" {
				out[i].Place = province
				out[i].Name = out[i].Canonical()
			}
		}
		return out
	}
	for i := range doc.Passages {
		p := &doc.Passages[i]
		p.Sessions = sessions(p.Text)
		for _, s := range p.Sessions {
			doc.Sessions = appendSession(doc.Sessions, s)
		}
		p.Topics = tax.Match(p.Text)
	}
	for _, w := range []string{fm.Session, fm.Meeting} {
		for _, s := range sessions(w) {
			doc.Sessions = appendSession(doc.Sessions, s)
			if doc.MainSession == nil {
				s := s
				doc.MainSession = &s
			}
		}
	}
	if doc.MainSession == nil {
		doc.MainSession = mainSession(doc)
	}
	attribute(doc, fm.Speakers)
	for i := range doc.Passages {
		p := &doc.Passages[i]
		if p.Topics == nil {
			p.Topics = []string{}
		}
		if p.Sessions == nil {
			p.Sessions = []Session{}
		}
		if p.People == nil {
			p.People = []Person{}
		}
	}
	if doc.Subtitles == nil {
		doc.Subtitles = []string{}
	}
	if doc.Sessions == nil {
		doc.Sessions = []Session{}
	}
}

func appendSession(list []Session, s Session) []Session {
	for _, have := range list {
		if have.Name == s.Name {
			return list
		}
	}
	return append(list, s)
}

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

var (
	creditRe   = regexp.MustCompile(`^(?:（|\()?(?:本报|新华社|人民网)?(?:记者|摄影|通讯员|特约摄影)?\s*[\p{Han}·\s、]{2,20}\s*摄(?:影)?(?:）|\))?$`)
	captionRe  = regexp.MustCompile(`^(?:[◀▶◆▲▼►◄■□●○→←↑↓]|图为|上图|下图|左图|右图|图：|图片：)`)
	bylineRe   = regexp.MustCompile(`^(本报讯|新华社\p{Han}{0,6}电|\p{Han}{2,8}讯|\p{Han}{2,8}电)\s*[（(]\s*(?:记者|通讯员|实习生)?\s*([^）)]*)[）)]`)
	listVerbRe = regexp.MustCompile(`就座|出席|列席|旁听|出席会议的还有|参加会议的还有`)
)

func isCaption(s string) bool { return captionRe.MatchString(s) }

// creditLineRe is a byline on a line of its own, as many papers set it
// under the headline: 本报记者 张伟, 记者 张伟 王芳 摄影 李强, （通讯员
// 赵一）. Names are separated by spaces or 、; the seed's byline is in its
// lead instead (本报讯（记者 李雪峰）). It runs on folded text, so that
// 本報記者 and full-width spaces match too.
var (
	creditLineRe   = regexp.MustCompile(`^\(?(?:本报|新华社)?(?:记者|通讯员|实习生)\s*(` + creditNames + `)\)?$`)
	creditPhotoRe  = regexp.MustCompile(`^\s+(?:摄影|摄像)(?:记者)?\s*(` + creditNames + `)\)?$`)
	creditMarkerRe = regexp.MustCompile(`\s+(?:摄影|摄像)`)
)

const creditNames = `[\p{Han}·]{2,4}(?:(?:\s+|\s*、\s*)[\p{Han}·]{2,4})*`

// captionCreditRe is a photo credit closing a caption: ▲图为会议现场。记者
// 李强 摄.
var captionCreditRe = regexp.MustCompile(`(?:记者|摄影|通讯员)\s*(` + creditNames + `)\s*摄\)?$`)

// creditLine reads a byline line: its reporters and photographers as
// written. The first name must start with a surname, so that a column
// label such as 记者观察 is not a byline.
func creditLine(s string) (reporters, photographers []string, ok bool) {
	if utf8.RuneCountInString(s) > 40 {
		return nil, nil, false
	}
	f := fold.String(s)
	// The photographers' part starts at 摄影 (a name of two characters to
	// the pattern).
	cut := len(f)
	if loc := creditMarkerRe.FindStringIndex(f); loc != nil {
		cut = loc[0]
	}
	m := creditLineRe.FindStringSubmatchIndex(f[:cut])
	if m == nil {
		return nil, nil, false
	}
	if r, _ := utf8.DecodeRuneInString(f[m[2]:]); !strings.ContainsRune(surnames, r) {
		return nil, nil, false
	}
	if cut < len(f) {
		pm := creditPhotoRe.FindStringSubmatchIndex(f[cut:])
		if pm == nil {
			return nil, nil, false
		}
		photographers = splitNames(asWritten(s, f, cut+pm[2], cut+pm[3]))
	}
	return splitNames(asWritten(s, f, m[2], m[3])), photographers, true
}

// captionCredit reads the photographers a caption ends with.
func captionCredit(s string) []string {
	f := fold.String(s)
	if m := captionCreditRe.FindStringSubmatchIndex(f); m != nil {
		return splitNames(asWritten(s, f, m[2], m[3]))
	}
	return nil
}

// asWritten is the part of s at the byte span [b0, b1) of its folded form
// f; folding maps rune to rune, so the span is the same runes. A negative
// span (an unmatched group) is "".
func asWritten(s, f string, b0, b1 int) string {
	if b0 < 0 {
		return ""
	}
	r0 := utf8.RuneCountInString(f[:b0])
	r1 := r0 + utf8.RuneCountInString(f[b0:b1])
	rs := []rune(s)
	if r1 > len(rs) {
		return "" // cannot happen while folding keeps the rune count (fold's tests)
	}
	return string(rs[r0:r1])
}

func isCredit(s string) bool {
	if utf8.RuneCountInString(s) <= 30 && creditRe.MatchString(s) {
		return true
	}
	_, _, ok := creditLine(s)
	return ok
}

// classify names each paragraph's kind. Short lines before the first
// sentence are the headline block; the seed's photo block ends the
// document with a label (两会影像 / 2025), captions (◀ / ▶) and credits
// (本报记者 张占兵 摄).
func classify(paras []string, fmTitle string) []Kind {
	kinds := make([]Kind, len(paras))
	inHead := true
	for i, p := range paras {
		short := utf8.RuneCountInString(p) <= 60
		last, _ := utf8.DecodeLastRuneInString(p)
		ends := strings.ContainsRune("。！？!?；;", last)
		switch {
		case isCredit(p):
			kinds[i] = KindCredit
		case isCaption(p):
			kinds[i] = KindCaption
		case inHead && short && !ends:
			kinds[i] = KindSubheadline
		case !inHead && short && !ends && utf8.RuneCountInString(p) <= 2*maxLabelRunes+1:
			kinds[i] = KindLabel
		case isList(p):
			kinds[i] = KindList
		default:
			kinds[i] = KindBody
		}
		if kinds[i] != KindSubheadline {
			if inHead && kinds[i] == KindBody && bylineRe.MatchString(p) {
				kinds[i] = KindLead
			}
			inHead = false
		}
	}
	// The headline: the front matter's title when it is one of the lines;
	// else the first line without inner spaces. Chinese papers set a
	// kicker above the main headline and a deck below it, both made of
	// spaced phrases (全面加快高质量发展 持续深化全方位转型 … over
	// 市十六届人大五次会议隆重开幕, over 张强武健鹏… 谷明主持 …); the main
	// headline is the one a researcher cites.
	head := -1
	for i := range paras {
		if kinds[i] != KindSubheadline {
			break
		}
		if fmTitle != "" && fold.String(paras[i]) == fold.String(fmTitle) {
			head = i
			break
		}
		if head < 0 && !strings.ContainsAny(paras[i], " \u3000") {
			head = i
		}
	}
	if head < 0 && len(paras) > 0 && kinds[0] == KindSubheadline {
		head = 0
	}
	if head >= 0 {
		kinds[head] = KindHeadline
	}
	return kinds
}

// isList: an attendance or seating list, many names joined by 、 with a
// verb of attendance (大会执行主席张强、武健鹏…在主席台前排就座).
func isList(p string) bool {
	return strings.Count(p, "、")+strings.Count(p, "；") >= 3 && listVerbRe.MatchString(p)
}

func titles(ps []Passage, fmTitle string) (string, []string) {
	title := fmTitle
	var subs []string
	for _, p := range ps {
		switch p.Kind {
		case KindHeadline:
			if title == "" {
				title = p.Text
			} else if p.Text != title {
				subs = append(subs, p.Text)
			}
		case KindSubheadline:
			subs = append(subs, p.Text)
		}
	}
	if title == "" && len(ps) > 0 {
		title = string([]rune(ps[0].Text)[:min(30, utf8.RuneCountInString(ps[0].Text))])
	}
	return title, subs
}

// byline reads 本报讯（记者 李雪峰） from the lead.
func byline(ps []Passage, fm frontMatter) (string, []string) {
	source, reporters := fm.Source, fm.Reporter
	for _, p := range ps {
		if p.Kind != KindLead {
			continue
		}
		m := bylineRe.FindStringSubmatch(p.Text)
		if source == "" {
			source = m[1]
		}
		if len(reporters) == 0 {
			reporters = splitNames(strings.NewReplacer("记者", " ", "通讯员", " ", "实习生", " ").Replace(m[2]))
		}
		break
	}
	// A saved news page's dateline: 2026/1/20 10:30 来源：太原日报.
	for _, p := range ps {
		if source != "" || p.Kind == KindLead || p.Kind == KindBody {
			break
		}
		if m := sourceRe.FindStringSubmatch(p.Text); m != nil {
			source = m[1]
		}
	}
	for _, p := range ps {
		if len(reporters) > 0 {
			break
		}
		if r, _, ok := creditLine(p.Text); p.Kind == KindCredit && ok {
			reporters = r
		}
	}
	if reporters == nil {
		reporters = []string{}
	}
	return source, reporters
}

var sourceRe = regexp.MustCompile(`来源[：:]\s*([\p{Han}A-Za-z0-9·]{2,20})`)

var photographerRe = regexp.MustCompile(`(?:记者|摄影|通讯员)?\s*([\p{Han}·]{2,4}(?:\s+[\p{Han}·]{2,4})*)\s*摄`)

// photographers reads the credits: 本报记者 张占兵 摄.
func photographers(ps []Passage) []string {
	out := []string{}
	for _, p := range ps {
		if p.Kind == KindCaption {
			for _, n := range captionCredit(p.Text) {
				out = appendString(out, n)
			}
		}
		if p.Kind != KindCredit {
			continue
		}
		if _, ph, ok := creditLine(p.Text); ok {
			// A byline line names photographers after 摄影 only.
			for _, n := range ph {
				out = appendString(out, n)
			}
			continue
		}
		t := strings.TrimPrefix(strings.TrimPrefix(p.Text, "本报"), "记者")
		t = strings.TrimPrefix(strings.TrimSpace(t), "记者")
		if m := photographerRe.FindStringSubmatch(t); m != nil {
			for _, n := range strings.Fields(m[1]) {
				out = appendString(out, n)
			}
		}
	}
	return out
}

func appendString(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

var (
	fullDateRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	isoDateRe  = regexp.MustCompile(`((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})`)
	monthDayRe = regexp.MustCompile(`(\d{1,2})月(\d{1,2})日`)
	yearLineRe = regexp.MustCompile(`(?:^|\s)((?:19|20)\d\d)$`)
	yearRe     = regexp.MustCompile(`(到|至)?((?:19|20)\d\d)年`)
	pathYearRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:\D|$)`)
	// 二〇二五年二月十五日, as official documents date themselves.
	hanDateRe   = regexp.MustCompile(`([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日`)
	placeNameRe = regexp.MustCompile(`(\p{Han}{2,6}?(?:自治区|自治州|省|市|县|区))(?:第\p{Han}{1,3}届|人民代表大会|人民政府|政协)`)
)

// arabicDates writes dates in Chinese numerals (二〇二五年二月十五日) in
// Arabic numerals (2025年2月15日), for the date patterns.
func arabicDates(s string) string {
	if !strings.Contains(s, "〇") && !strings.Contains(s, "零") {
		return s
	}
	return hanDateRe.ReplaceAllStringFunc(s, func(d string) string {
		m := hanDateRe.FindStringSubmatch(d)
		var parts [3]int
		for i := range parts {
			n, ok := parseNumber(m[i+1])
			if !ok {
				return d
			}
			parts[i] = n
		}
		return fmt.Sprintf("%d年%d月%d日", parts[0], parts[1], parts[2])
	})
}

// docDate finds the document's date: the front matter's; a full date in
// the lead (2025年2月15日, 二〇二五年二月十五日, 2025-02-15); a dateline
// in the headline block (2025-02-15 10:30 来源：…, as pages saved from news
// sites begin); else the lead's month and day (the seed's 2月15日) with the
// year from context: a line that is a year alone (the seed's photo block
// label 2025), a year in the file name, or the latest year the text names
// twice or more, leaving out targets (到2035年); else a full date anywhere.
func docDate(doc *Document, text, fmDate string) string {
	for _, s := range []string{fmDate} {
		if s == "" {
			continue
		}
		if m := isoDateRe.FindStringSubmatch(s); m != nil {
			return ymd(m[1], m[2], m[3])
		}
		if m := fullDateRe.FindStringSubmatch(s); m != nil {
			return ymd(m[1], m[2], m[3])
		}
	}
	var lead, head string
	for _, p := range doc.Passages {
		if p.Kind == KindLead || p.Kind == KindBody {
			lead = arabicDates(p.Text)
			break
		}
		head += p.Text + "\n"
	}
	if d, ok := findDate(lead); ok {
		return d
	}
	m := monthDayRe.FindStringSubmatch(lead)
	if dl, _ := findDate(arabicDates(head)); dl != "" {
		if m == nil {
			return dl
		}
		// The lead's day is the event's, the dateline's the page's: the
		// year is the dateline's, or the one before when the lead's month
		// comes later (12月31日 under a 2026/1/2 dateline).
		y, _ := strconv.Atoi(dl[:4])
		if lm, _ := strconv.Atoi(m[1]); lm > 0 {
			if dm, _ := strconv.Atoi(dl[5:7]); lm > dm {
				y--
			}
		}
		return ymd(strconv.Itoa(y), m[1], m[2])
	}
	if m == nil {
		if fm := fullDateRe.FindStringSubmatch(arabicDates(text)); fm != nil {
			return ymd(fm[1], fm[2], fm[3])
		}
		return ""
	}
	year := ""
	for _, p := range doc.Passages {
		if y := yearLineRe.FindStringSubmatch(p.Text); y != nil && p.Kind == KindLabel {
			year = y[1]
		}
	}
	if year == "" {
		if y := pathYearRe.FindStringSubmatch(doc.Path); y != nil {
			year = y[1]
		}
	}
	if year == "" {
		counts := map[string]int{}
		for _, y := range yearRe.FindAllStringSubmatch(text, -1) {
			if y[1] == "" {
				counts[y[2]]++
			}
		}
		var ys []string
		for y, c := range counts {
			if c >= 2 {
				ys = append(ys, y)
			}
		}
		sort.Strings(ys)
		if len(ys) > 0 {
			year = ys[len(ys)-1]
		}
	}
	if year == "" {
		return ""
	}
	return ymd(year, m[1], m[2])
}

// findDate reads a full date from s: 2025年2月15日 (found even when it is
// impossible, which then gives ""), else 2025-02-15, 2025/2/15 or
// 2025.02.15 when it is a real date (not 2019-2021-2023).
func findDate(s string) (date string, found bool) {
	if m := fullDateRe.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3]), true
	}
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		if d := ymd(m[1], m[2], m[3]); d != "" {
			return d, true
		}
	}
	return "", false
}

func ymd(y, m, d string) string {
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return y + "-" + twoDigits(mi) + "-" + twoDigits(di)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// inferPlace: the first place that holds a congress, government or CPPCC
// in the text (the seed's 大同市第十六届人民代表大会 gives 大同市).
func inferPlace(text string) string {
	m := placeNameRe.FindStringSubmatch(fold.String(text))
	if m == nil {
		return ""
	}
	return strings.TrimLeft(m[1], placeStop)
}

// provinces are the provincial-level divisions by their short names, to
// name the province of a document whose sessions say only 省.
var provinces = []struct{ short, full string }{
	{"北京", "北京市"}, {"天津", "天津市"}, {"上海", "上海市"}, {"重庆", "重庆市"},
	{"河北", "河北省"}, {"山西", "山西省"}, {"辽宁", "辽宁省"}, {"吉林", "吉林省"},
	{"黑龙江", "黑龙江省"}, {"江苏", "江苏省"}, {"浙江", "浙江省"}, {"安徽", "安徽省"},
	{"福建", "福建省"}, {"江西", "江西省"}, {"山东", "山东省"}, {"河南", "河南省"},
	{"湖北", "湖北省"}, {"湖南", "湖南省"}, {"广东", "广东省"}, {"海南", "海南省"},
	{"四川", "四川省"}, {"贵州", "贵州省"}, {"云南", "云南省"}, {"陕西", "陕西省"},
	{"甘肃", "甘肃省"}, {"青海", "青海省"}, {"台湾", "台湾省"},
	{"内蒙古", "内蒙古自治区"}, {"广西", "广西壮族自治区"}, {"西藏", "西藏自治区"},
	{"宁夏", "宁夏回族自治区"}, {"新疆", "新疆维吾尔自治区"},
}

// inferProvince is the province a document is set in: the place itself
// when it is one, else the province named most often (the seed names
// 山西 twice, in 对山西工作的重要讲话), the earlier in the list on a tie.
// Municipalities are left out of the count: a Datong report that names
// 北京 is still in Shanxi.
func inferProvince(text, place string) string {
	if levelOf(place) == "省" {
		return place
	}
	f := simplified(text)
	best, count := "", 0
	for _, p := range provinces {
		if strings.HasSuffix(p.full, "市") {
			continue
		}
		if n := strings.Count(f, p.short); n > count {
			best, count = p.full, n
		}
	}
	return best
}

// mainSession is the session the document reports: the one its headline
// names, else the one named most often.
func mainSession(doc *Document) *Session {
	for _, p := range doc.Passages {
		if p.Kind == KindHeadline || p.Kind == KindSubheadline || p.Kind == KindLead {
			for _, s := range p.Sessions {
				if s.Number > 0 {
					s := s
					return &s
				}
			}
		}
	}
	counts := map[string]int{}
	var best *Session
	for _, p := range doc.Passages {
		for _, s := range p.Sessions {
			if s.Number == 0 {
				continue
			}
			counts[s.Name]++
			if best == nil || counts[s.Name] > counts[best.Name] {
				s := s
				best = &s
			}
		}
	}
	return best
}
