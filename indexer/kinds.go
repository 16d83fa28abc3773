package indexer

import (
	_ "embed"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"sessionsearch/fold"
)

//go:embed data/salutations.txt
var salutationData string

//go:embed data/page_fields.txt
var pageFieldData string

var (
	salutationTerms = embeddedList(salutationData)
	pageFields      = embeddedList(pageFieldData)
)

// classify names each paragraph's kind. Short lines before the first
// sentence are the headline block; the seed's photo block ends the
// document with a label (两会影像 / 2025), captions (◀ / ▶) and credits
// (本报记者 张占兵 摄). A salutation (各位代表：) ends the headline block
// of a report or speech.
func classify(paras []string, fmTitle string) []Kind {
	kinds := make([]Kind, len(paras))
	inHead := true
	for i, p := range paras {
		short := utf8.RuneCountInString(p) <= 60
		last, _ := utf8.DecodeLastRuneInString(p)
		ends := strings.ContainsRune(sentenceEnds, last)
		switch {
		case isSalutation(p):
			kinds[i] = KindSalutation
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
			// Folded, so that a Traditional lead (本報北京3月6日電（記者
			// 陳志遠）) is one too.
			if inHead && kinds[i] == KindBody && bylineRe.MatchString(fold.String(p)) {
				kinds[i] = KindLead
			}
			inHead = false
		}
	}
	if head := headline(paras, kinds, fmTitle); head >= 0 {
		kinds[head] = KindHeadline
	}
	return kinds
}

// headline picks the main headline among the headline block's lines
// (kinds[i] == KindSubheadline), or -1: the front matter's title when it
// is one of the lines; else the first candidate without inner spaces, or
// failing one the first candidate, whole; but a column label (兩會直擊,
// at most maxColumnLabelRunes) gives way to the candidate after it, and a
// candidate that reports no meeting's event gives way to the one that
// does (see data/event_verbs.txt).
//
// Chinese papers set a kicker above the main headline and a deck below
// it, often made of spaced phrases (全面加快高质量发展 持续深化全方位转型 …
// over 市十六届人大五次会议隆重开幕, over 张强武健鹏… 谷明主持 …), or of one
// phrase (为太原高质量发展献计出力 over 市政协十四届四次会议举行大会发言;
// 坚定扛起“走在前、做示范”的使命担当 over 南京市十七届人大四次会议开幕); the
// main headline is the one a researcher cites, and in session news it
// reports what the meeting did. A party congress report's headline is
// itself two spaced phrases (高举中国特色社会主义伟大旗帜 为全面建设社会主义
// 现代化国家而团结奋斗): with no other candidate, it is the headline, whole.
//
// Candidates are the lines above the first subtitle: a report's title
// block sets the title, then a ——… line or a date line, then the
// signature (政府工作报告 / ——2024年3月5日在…会议上 / 国务院总理　李　强,
// 高举… / ——在中国共产党第二十次全国代表大会上的报告 / （2022年10月16日） /
// 习近平). Subtitles, datelines, page fields (来源：…) and lines of
// running text (with ， or ；) are never headlines.
func headline(paras []string, kinds []Kind, fmTitle string) int {
	var cands []int
	title := fold.String(fmTitle)
	for i, p := range paras {
		if kinds[i] != KindSubheadline {
			break
		}
		if fmTitle != "" && fold.String(p) == title {
			return i
		}
		if isSubtitle(p) {
			if len(cands) > 0 {
				break // what follows is the signature
			}
			continue
		}
		if headlineCandidate(p) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return -1
	}
	head := cands[0]
	for _, i := range cands {
		if !strings.ContainsAny(paras[i], " \u3000") {
			head = i
			break
		}
	}
	if utf8.RuneCountInString(paras[head]) <= maxColumnLabelRunes {
		// 兩會直擊 over 港區委員倡深化大灣區規則銜接, but not 新年贺词 over
		// its signature 习近平.
		for _, i := range cands {
			if i > head && utf8.RuneCountInString(paras[i]) > 2*maxColumnLabelRunes {
				head = i
				break
			}
		}
	}
	if !reportsEvent(paras[head]) {
		for _, i := range cands {
			if i != head && reportsEvent(paras[i]) && !strings.ContainsAny(paras[i], " \u3000") {
				return i
			}
		}
	}
	return head
}

// maxColumnLabelRunes is the longest column label set above a headline
// (兩會直擊, 聚焦两会, 代表风采).
const maxColumnLabelRunes = 4

//go:embed data/event_verbs.txt
var eventVerbData string

var eventVerbs = embeddedList(eventVerbData)

// reportsEvent: the line names what a meeting did (开幕, 举行…).
func reportsEvent(p string) bool {
	return hasAnyInfix(fold.String(p), eventVerbs)
}

// isSubtitle: a title block's line under the title, opened by a dash
// (——2024年3月5日在第十四届全国人民代表大会第二次会议上, ——在中国共产党第二十次
// 全国代表大会上的报告), or a dated line (（2017年10月18日）, （2024年3月11日
// 第十四届全国人民代表大会第二次会议通过）, 1954年9月23日在…上), or a saved
// page's dateline (2026/1/20 10:30 来源：…).
func isSubtitle(p string) bool {
	if strings.HasPrefix(p, "—") || strings.HasPrefix(p, "--") {
		return true
	}
	t := dateText(p)
	if m := yearMonthRe.FindStringIndex(t); m != nil && m[0] <= len("（") {
		return true
	}
	d, _ := findDate(t)
	return d != "" && strings.HasPrefix(strings.TrimLeft(t, "（("), d[:4])
}

// headlineCandidate: a headline holds Han characters, and neither running
// text (a comma or semicolon: 现在，我代表国务院…), a page's fields
// (来源：太原日报, 编辑：王五) nor a paper's page header (文匯報　2024年3月6日
// 星期三　A10　兩會專題 over 港區全國政協委員：把握兩會機遇 融入國家發展).
func headlineCandidate(p string) bool {
	if !hasHan(p) || strings.ContainsAny(p, "，,；;") {
		return false
	}
	f := fold.String(p)
	if pageHeaderRe.MatchString(f) {
		return false
	}
	for _, w := range pageFields {
		if strings.Contains(f, w+":") {
			return false
		}
	}
	return true
}

// isSalutation: a line made of terms of address and closed by a colon
// (各位代表：, 同志们：, 各位委员：, 女士们、先生们：, 尊敬的各位代表，各位
// 委员：, Traditional 同志們： too). A colon inside a body sentence (他说：)
// or a heading (一、过去一年的工作：) is not one: every part must be a term.
func isSalutation(p string) bool {
	if last, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(p)); last != '：' && last != ':' {
		return false
	}
	f := strings.TrimSpace(fold.String(p))
	if !strings.HasSuffix(f, ":") {
		return false
	}
	f = strings.TrimPrefix(strings.TrimSuffix(f, ":"), "尊敬的")
	parts := strings.FieldsFunc(f, func(r rune) bool { return strings.ContainsRune("、,， ", r) })
	if len(parts) == 0 {
		return false
	}
	for _, part := range parts {
		if !slices.Contains(salutationTerms, part) {
			return false
		}
	}
	return true
}

// isList: an attendance or seating list, many names joined by 、 with a
// verb of attendance in one sentence (大会执行主席张强、武健鹏…在主席台前排就座).
// A report's paragraph that names the attendees in passing and lists
// other things later is running text (…并请省政协委员和其他列席人员提出意见。
// …全省经济运行稳中有进、稳中向好…).
func isList(p string) bool {
	for s := range strings.FieldsFuncSeq(p, func(r rune) bool { return strings.ContainsRune(stops, r) }) {
		if strings.Count(s, "、")+strings.Count(s, "；") >= 3 && listVerbRe.MatchString(s) {
			return true
		}
	}
	return false
}

// titles sets the document's title and subtitles: the front matter's
// title, else the headline, else the file's name without its extension
// (2024年中华人民共和国国务院政府工作报告.txt); never a salutation, an
// invisible line or the first words of the body. The subtitles are the
// headline block's other lines, signatures left out.
func titles(doc *Document, fmTitle string) {
	title, source := fmTitle, SourceText
	if fmTitle != "" && isMarkdown(doc.Path) {
		source = SourceFrontMatter // an HTML page's <h1> or <title> is its text
	}
	var subs []string
	opening := reportTitleOpening(doc.Passages)
	if opening >= 0 && title == "" {
		title = doc.Passages[opening].Text + " " + doc.Passages[opening+1].Text
	}
	if title == "" {
		title = proposalSubject(doc.Passages)
	}
	for i, p := range doc.Passages {
		if opening >= 0 && (i == opening || i == opening+1) {
			continue
		}
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
	if title == "" {
		base := path.Base(doc.Path)
		// A name is bytes: keep it readable whatever its encoding.
		title, source = strings.ToValidUTF8(strings.TrimSpace(strings.TrimSuffix(base, path.Ext(base))), "\uFFFD"), SourceFileName
	}
	// One space between the parts of a title, however the page spaced
	// them (坚定不移沿着中国特色社会主义道路前进　为全面建成小康社会而奋斗).
	title = strings.Join(strings.Fields(title), " ")
	title = unspaced(title)
	doc.Title, doc.Subtitles = title, subs
	if title != "" {
		doc.setProvenance("title", source)
	}
}

// unspaced joins a title printed letter-spaced, one character between
// spaces, as report covers set it (政 府 工 作 报 告, 政　府　工　作　报　告
// over ——2024年1月10日在平遥县第十七届人民代表大会第四次会议上): the title
// a researcher cites is 政府工作报告. A title of spaced words (两会 观察,
// 坚定信心 勇毅前行) is kept, and so is one of only two characters.
func unspaced(title string) string {
	parts := strings.Split(title, " ")
	if len(parts) < 3 {
		return title
	}
	for _, p := range parts {
		if utf8.RuneCountInString(p) != 1 {
			return title
		}
	}
	return strings.Join(parts, "")
}

// reportTitleOpening is the index of the first line of a report's title
// set over two passages, or -1: spaced phrases opening the document, then
// the headline, then its ——… line (坚定信心　勇毅前行 / 奋力谱写社会主义现代化
// 国际大都市建设新篇章 / ——在中国共产党上海市第十二次代表大会上的报告). The two
// are one title. A city paper's spaced kicker (凝心聚力勇当尖兵　踔厉奋发再创
// 新局 / 市七届人大四次会议隆重开幕) stands over a deck or a lead, never over a
// ——… line, and stays a subtitle.
func reportTitleOpening(ps []Passage) int {
	if len(ps) < 3 || ps[0].Kind != KindSubheadline || ps[1].Kind != KindHeadline {
		return -1
	}
	if !spacedPhrases(ps[0].Text) || !strings.HasPrefix(strings.TrimSpace(ps[2].Text), "——") {
		return -1
	}
	return 0
}

// proposalSubject is the subject a CPPCC proposal form gives in its head
// (政协浦江县第十一届委员会第三次会议 / 提　案 / 第0045号 / 案由：关于加快农村生活污水
// 治理设施长效运维的建议 / 提案人：何志明): what the proposal is cited by, rather
// than the session that heads the form. "" when the head has no 案由 line;
// one in the running text (…的案由：) is no title.
func proposalSubject(ps []Passage) string {
	for _, p := range ps {
		if p.Kind == KindLead || p.Kind == KindBody || p.Kind == KindList || p.Kind == KindSalutation {
			break
		}
		t := strings.TrimSpace(p.Text)
		for _, label := range []string{"案由：", "案由:"} {
			if subject, ok := strings.CutPrefix(t, label); ok && hasHan(subject) {
				return strings.TrimSpace(subject)
			}
		}
	}
	return ""
}

func isMarkdown(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".md", ".markdown":
		return true
	}
	return false
}
