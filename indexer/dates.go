package indexer

import (
	_ "embed"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"sessionsearch/fold"
)

//go:embed data/news_sources.txt
var newsSourceData string

var newsSources = embeddedList(newsSourceData)

var (
	fullDateRe  = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	yearMonthRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月`)
	isoDateRe   = regexp.MustCompile(`((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})`)
	monthDayRe  = regexp.MustCompile(`(\d{1,2})月(\d{1,2})日`)
	yearLineRe  = regexp.MustCompile(`(?:^|\s)((?:19|20)\d\d)$`)
	// 二〇二五年二月十五日 and 一九五四年九月二十三日, as official
	// documents date themselves; the day may be left out (一九五四年九月).
	hanDateRe = regexp.MustCompile(`([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月(?:([一二三四五六七八九十]{1,3})日)?`)
	// A line that is a date and nothing else, in parentheses or not:
	// （2017年10月18日）, 2023年12月31日, (2024年3月).
	dateOnlyRe = regexp.MustCompile(`^[（(]?\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(?:(\d{1,2})\s*日)?\s*[）)]?$`)
	// The lead's opening, where a news report states its date: nothing,
	// or a byline: a paper or wire service, a place and a parenthesised
	// reporter (本报讯（记者 李雪峰）, 新华社北京, 大同日报讯（记者 王芳）).
	leadOpeningRe = regexp.MustCompile(`^(?:(?:` + strings.Join(newsSources, "|") + `)\p{Han}{0,4}|\p{Han}{2,12}讯)?\s*(?:[（(][^）)]{0,20}[）)])?\s*$`)
	// A front matter's year or month: 2024, 2024-03.
	yearOrMonthRe = regexp.MustCompile(`^((?:19|20)\d\d)(?:-(\d{1,2}))?$`)
	// 今天（3月4日）, 昨日（2月15日）: a relative day with its date.
	relativeDayRe = regexp.MustCompile(`(?:今天|今日|昨天|昨日|前天|日前)[（(]$`)
)

// dateText is s in the form the date patterns read: full-width digits
// narrowed and Traditional folded (１９５４年９月２３日 → 1954年9月23日),
// and dates in Chinese numerals written in Arabic ones.
func dateText(s string) string { return arabicDates(fold.String(s)) }

// arabicDates writes dates in Chinese numerals (二〇二五年二月十五日) in
// Arabic numerals (2025年2月15日), for the date patterns.
func arabicDates(s string) string {
	if !strings.Contains(s, "年") {
		return s
	}
	return hanDateRe.ReplaceAllStringFunc(s, func(d string) string {
		m := hanDateRe.FindStringSubmatch(d)
		var parts [3]int
		for i := range parts {
			if m[i+1] == "" {
				continue
			}
			n, ok := parseNumber(m[i+1])
			if !ok {
				return d
			}
			parts[i] = n
		}
		if m[3] == "" {
			return fmt.Sprintf("%d年%d月", parts[0], parts[1])
		}
		return fmt.Sprintf("%d年%d月%d日", parts[0], parts[1], parts[2])
	})
}

// docDate finds the date the document states for itself, at the
// precision it states it (YYYY-MM-DD, YYYY-MM or YYYY), and where it came
// from (a Source* value). In order:
//
//  1. the front matter's date;
//  2. the title block's: a line ——2024年3月5日在第十四届全国人民代表大会
//     第二次会议上, （2017年10月18日） or （2024年3月11日第十四届全国人民
//     代表大会第二次会议通过） under the title, or a line that opens with
//     a date (一九五四年九月二十三日在第一届全国人民代表大会第一次会议上);
//  3. the lead's full date (2025年2月15日, 二〇二五年二月十五日,
//     2025-02-15) where the lead opens a sentence with it, unless a year
//     in the file name says otherwise;
//  4. the lead's month and day (the seed's 2月15日) with the year of a
//     saved page's dateline (2026/1/20 10:30 来源：…), of a line that is a
//     year alone (the seed's photo block label 2025), or of the file name;
//  5. the dateline's own date (a press conference's 时间：2024年3月4日 too);
//  6. a line that is a date alone at the foot (under a signature);
//  7. a date or year in the file name and folders.
//
// A date the text merely mentions is never the document's: the 1954
// report mentions 1949年10月1日 (the founding of the state), the 1978
// report 1976年10月6日, the 2005 report 2004年7月1日. So there is no
// "first full date anywhere" and no "year the text names most" (a 2024
// report names 2023 most, the year it reviews, and 2035 as a target): a
// wrong date is worse than none. And the opening of a speech or report
// (after 各位代表：) is not a lead: it dates what it recalls (从去年９月第五届
// 全国人民代表大会第三次会议到现在).
func docDate(doc *Document, fmDate string) (date, source string) {
	if d := frontMatterDate(fmDate); d != "" {
		return d, SourceFrontMatter
	}
	fileDate, fileYear := pathDate(doc.Path)
	var head []string // the title block, as dateText
	lead, speech := "", false
	for _, p := range doc.Passages {
		if p.Kind == KindSalutation {
			speech = true
			continue
		}
		if p.Kind == KindLead || p.Kind == KindBody || p.Kind == KindList {
			// The first paragraph of running text, even one that lists
			// who attended (新华社北京3月13日电　…在主席台就座).
			lead = dateText(p.Text)
			break
		}
		head = append(head, dateText(p.Text))
	}
	if d := titleBlockDate(head); d != "" {
		return d, SourceText
	}
	if before, _, ok := strings.Cut(lead, ":"); ok && isSalutation(before+":") {
		speech = true // 各位代表：现在，我代表国务院… on one line
	}
	if speech {
		lead = ""
	}
	if d := leadDate(lead); d != "" && agrees(d, fileDate, fileYear) {
		return d, SourceText
	}
	dateline := ""
	for _, h := range head {
		if d := datelineDate(h); d != "" {
			if paperRe.MatchString(h) && len(d) == len("2006-01-02") {
				// A paper's page header (深圳特区报　2024年1月30日　星期二　A01
				// 要闻) dates the issue, which is how the article is cited
				// ([N] …, 深圳特区报, 2024-01-30); the lead's 1月29日上午 is the
				// day of the event it reports. A saved page's dateline
				// (2026/1/2 10:30 来源：…) only lends its year, below.
				return d, SourceText
			}
			dateline = d
			break
		}
	}
	if m := leadMonthDay(lead); m != nil {
		year := fileYear
		if dateline != "" {
			year = yearBefore(dateline, m[1])
		} else if label := yearLabel(doc.Passages); label != "" {
			year = label
		} else if len(fileDate) >= 7 {
			year = yearBefore(fileDate, m[1])
		}
		if year != "" {
			if d := ymd(year, m[1], m[2]); d != "" {
				return d, SourceText
			}
		}
	}
	if dateline != "" {
		return dateline, SourceText
	}
	if d := footDate(doc.Passages); d != "" && agrees(d, fileDate, fileYear) {
		return d, SourceText
	}
	if fileDate != "" {
		return fileDate, SourceFileName
	}
	if fileYear != "" {
		return fileYear, SourceFileName
	}
	return "", ""
}

// yearBefore is the year of a day of month in the month named, written
// on or before the date ref (YYYY-MM or YYYY-MM-DD): the lead's day is the
// event's, the dateline's or file's the page's, so the year is ref's, or
// the one before when the month comes later (12月31日 under a 2026/1/2
// dateline).
func yearBefore(ref, month string) string {
	y, _ := strconv.Atoi(ref[:4])
	lm, _ := strconv.Atoi(month)
	if rm, _ := strconv.Atoi(ref[5:7]); lm > rm {
		y--
	}
	return strconv.Itoa(y)
}

// agrees: a date of the text fits the file's name: same year, or the
// December before a January file (2024年12月31日 in 2025-01-02 ….txt). A
// date of another year is one the text mentions (a 2024年纪念文章.txt that
// opens 1949年10月1日，…).
func agrees(d, fileDate, fileYear string) bool {
	if fileYear == "" || d[:4] == fileYear {
		return true
	}
	return len(fileDate) >= 7 && fileDate[5:7] == "01" && d[5:7] == "12" && yearBefore(fileDate, "12") == d[:4]
}

// frontMatterDate reads a front matter's date: 2025-02-16, 2025年2月16日,
// or a month or year alone (2025-02, 2025).
func frontMatterDate(s string) string {
	s = dateText(strings.TrimSpace(s))
	if s == "" {
		return ""
	}
	if d, ok := findDate(s); ok {
		return d
	}
	if m := yearMonthRe.FindStringSubmatch(s); m != nil {
		return ym(m[1], m[2])
	}
	if m := yearOrMonthRe.FindStringSubmatch(s); m != nil {
		if m[2] != "" {
			return ym(m[1], m[2])
		}
		return m[1]
	}
	return ""
}

// titleBlockDate is the date of a title block's own line: a ——… subtitle,
// a line in parentheses, or a line opening with its date, whose date may
// give the month only ((1954年9月)). A headline that names a date (纪念
// 1949年10月1日…) does not date the document.
func titleBlockDate(head []string) string {
	for _, h := range head {
		if !isTitleBlockDateLine(h) {
			continue
		}
		if d, ok := findDate(h); ok {
			if d != "" {
				return d
			}
			continue
		}
		if m := yearMonthRe.FindStringSubmatch(h); m != nil {
			return ym(m[1], m[2])
		}
	}
	return ""
}

// isTitleBlockDateLine: s (as dateText) is a subtitle opened by a dash
// and its date (——2024年3月5日在…会议上) or closed by it (——在…上的讲话
// （2021年7月1日）), a line in parentheses opening with its date
// (（2024年3月11日…通过）, （2017年10月18日）), or a date line of delivery
// (1954年9月23日在第一届全国人民代表大会第一次会议上), or a title closed by
// its date in parentheses. A dash line that only
// names a date (——纪念1949年10月1日…) is not one, nor a headline opening
// with one (1976年10月6日粉碎“四人帮”), nor a saved page's dateline
// (2026/1/20 10:30 来源：…), which dates the page: a lead's own day comes
// first.
func isTitleBlockDateLine(s string) bool {
	if t := strings.TrimLeft(s, "—-－ "); t != s {
		if m := yearMonthRe.FindStringIndex(t); m != nil && m[0] == 0 {
			return true
		}
		return closingDateRe.MatchString(t)
	}
	if t := strings.TrimLeft(s, "（( "); t != s {
		m := yearMonthRe.FindStringIndex(t)
		return m != nil && m[0] == 0
	}
	if closingDateRe.MatchString(s) {
		return true // 在庆祝中国共产党成立100周年大会上的讲话（2021年7月1日）
	}
	m := fullDateRe.FindStringIndex(s)
	return m != nil && m[0] == 0 && strings.HasPrefix(s[m[1]:], "在")
}

// closingDateRe is a date in parentheses closing a line: …上的讲话（2021年7月1日）.
var closingDateRe = regexp.MustCompile(`[（(]\s*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[）)]$`)

// datelineRestRe is what may follow a dateline's date: a weekday (in
// parentheses too), a part of the day, a time or a span of times, and page
// fields (10:30 来源：太原日报, 星期二, 12:00, and a press conference's
// 时间：2024年2月27日（星期二）上午10:00 or …下午3:00—4:30).
var datelineRestRe = regexp.MustCompile(`^\s*` + weekdayRe + `?\s*(?:上午|下午|中午|晚上|早上)?\s*(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s*[-—~至]+\s*\d{1,2}:\d{2})?)?\s*` + weekdayRe + `?\s*(?:第\d{1,3}版|[A-Za-z]?\d{1,3}版?(?:\s+\p{Han}{2,4})?)?\s*(?:(\p{Han}{1,4}):.*)?$`)

// weekdayRe is a weekday, bare or in parentheses (folded: （ is ().
const weekdayRe = `(?:\(\s*(?:星期[一二三四五六日天]|周[一二三四五六日])\s*\)|星期[一二三四五六日天]|周[一二三四五六日])`

// dateFields are the page fields that hold a date, longest first (发布时间
// before 时间).
var dateFields = []string{"发布时间", "发布日期", "提交时间", "提交日期", "时间", "日期"}

// paperRe is a paper's name opening its page header: 人民日报　1954年9月24日
// 第1版.
var paperRe = regexp.MustCompile(`^\p{Han}{1,6}(?:日报|晚报|报)\s+`)

// datelineDate is the date of a head line (as dateText) that opens with
// it, as saved pages set their dateline (2026/1/20 10:30 来源：太原日报,
// 2026.01.19), or after a field label (发布时间：2025-01-10 11:20, a press
// conference's 时间：2024年3月4日12:00) or a paper's name (a page header:
// 人民日报　1954年9月24日　第1版), followed by nothing but a time, a weekday,
// a page or more fields; "" for any other line (1976年10月6日 粉碎“四人帮”
// is a headline).
func datelineDate(h string) string {
	// 来源：兴安日报　发布时间：2024-01-08 09:12: the date's field after
	// another field; 来源：太原日报 alone has no date.
	if strings.HasPrefix(h, "来源:") || strings.HasPrefix(h, "作者:") || strings.HasPrefix(h, "编辑:") {
		for _, w := range dateFields {
			if i := strings.Index(h, w+":"); i > 0 {
				h = h[i:]
				break
			}
		}
	}
	for _, w := range pageFields {
		if rest, ok := strings.CutPrefix(h, w+":"); ok {
			h = strings.TrimSpace(rest)
			break
		}
	}
	if m := paperRe.FindStringIndex(h); m != nil {
		h = h[m[1]:]
	}
	for _, re := range []*regexp.Regexp{fullDateRe, isoDateRe} {
		m := re.FindStringSubmatchIndex(h)
		if m == nil || m[0] != 0 {
			continue
		}
		rest := datelineRestRe.FindStringSubmatch(h[m[1]:])
		if rest == nil || rest[1] != "" && !slices.Contains(pageFields, rest[1]) {
			return ""
		}
		return ymd(h[m[2]:m[3]], h[m[4]:m[5]], h[m[6]:m[7]])
	}
	return ""
}

// leadDate is the lead's full date where it opens the lead or one of its
// sentences: 2025年2月15日上午，…, 本报讯（记者 李雪峰）2025年2月15日上午…,
// 新华社北京2025年3月5日电, 今天（2025年3月4日）. A date inside a sentence
// (…成立于1949年10月1日) is a mention.
func leadDate(lead string) string {
	for _, re := range []*regexp.Regexp{fullDateRe, isoDateRe} {
		for _, m := range re.FindAllStringSubmatchIndex(lead, -1) {
			if !opensClause(lead[:m[0]]) {
				continue
			}
			return ymd(lead[m[2]:m[3]], lead[m[4]:m[5]], lead[m[6]:m[7]])
		}
	}
	return ""
}

// leadMonthDay is the lead's first month and day that opens the lead or a
// sentence (2月15日上午，大同市…), as leadDate.
func leadMonthDay(lead string) []string {
	for _, m := range monthDayRe.FindAllStringSubmatchIndex(lead, -1) {
		if opensClause(lead[:m[0]]) {
			return []string{lead[m[0]:m[1]], lead[m[2]:m[3]], lead[m[4]:m[5]]}
		}
	}
	return nil
}

// opensClause: what comes before a date in the lead is the lead's opening
// (leadOpeningRe), or ends a sentence (凝聚力量谋发展，担当实干谱新篇。2月15日
// 上午，…), or is a relative day in parentheses (今天（). A date after a
// comma is a mention more often than not (周恩来总理指出，1949年10月1日以来…).
func opensClause(before string) bool {
	if leadOpeningRe.MatchString(before) || relativeDayRe.MatchString(before) {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(before, " "))
	return strings.ContainsRune(stops, last)
}

// yearLabel is the year of a label line that is a year alone (the seed's
// 两会影像 / 2025), or "".
func yearLabel(ps []Passage) string {
	year := ""
	for _, p := range ps {
		if y := yearLineRe.FindStringSubmatch(p.Text); y != nil && p.Kind == KindLabel {
			year = y[1]
		}
	}
	return year
}

// footDate is the date of a line that is a date alone (2023年12月31日,
// （2017年10月18日）) at the foot of the document, where a speech, notice
// or letter dates itself: the last passage, or above or below at most two
// short lines without sentence punctuation (the issuer, the signature:
// 大同市人民代表大会常务委员会 / 2025年2月15日). Such a line higher up, with
// running text after it, is a heading (a chronology's 2024年3月8日 over
// what happened that day).
func footDate(ps []Passage) string {
	for i, skipped := len(ps)-1, 0; i >= 0 && skipped <= 2; i-- {
		t := dateText(ps[i].Text)
		if m := dateOnlyRe.FindStringSubmatch(t); m != nil {
			if m[3] == "" {
				return ym(m[1], m[2])
			}
			return ymd(m[1], m[2], m[3])
		}
		if strings.ContainsAny(t, sentencePunct) || utf8.RuneCountInString(t) > 30 {
			return ""
		}
		skipped++
	}
	return ""
}

var (
	// A full date in a file or folder name: 2025-02-15, 2025.2.15,
	// 2025_02_15, 2025年2月15日, 2025/02/15 over folders, or 20250215.
	pathDateRe    = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)[-_./年](\d{1,2})[-_./月](\d{1,2})(?:日|\D|$)`)
	pathCompactRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(\d\d)(\d\d)(?:\D|$)`)
	// A year and month: 2025年1月 市政府新闻发布会.txt, 2025-01 会议.txt.
	pathMonthRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:年(\d{1,2})月|-(\d{1,2})(?:[^\d\-_./]|$))`)
	// A year: four digits bounded by non-digits (see pathYear).
	pathYearRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d|2100)(?:\D|$)`)
)

//go:embed data/measure_words.txt
var measureWordData string

// measureWords follow a number that is a count or a serial, not a year:
// 第1990号, 341人.
var measureWords = embeddedList(measureWordData)

// pathDate reads the file's name, then its folders from the innermost
// out, for a full date (2025-02-15 大同日报 ….txt, 20250215.txt), a month
// (2025年1月 市政府新闻发布会.txt) and for a year (2024年中华人民共和国国务院政府工作报告.txt, 2024/…, 政府工作报告/
// 2018.txt). Only years from 1949 to 2100 count, and only where they
// read as years: followed by 年, by a separator or the end, or opening
// the name before its words (2024政府工作报告.txt); never after 第 nor
// before a measure word (第1990号.txt, 1990号文件.txt).
func pathDate(rel string) (date, year string) {
	parts := strings.Split(strings.TrimSuffix(rel, path.Ext(rel)), "/")
	for i := len(parts) - 1; i >= 0 && date == ""; i-- {
		seg := fold.String(parts[i])
		if m := pathDateRe.FindStringSubmatch(seg); m != nil {
			date = ymd(m[1], m[2], m[3])
		} else if m := pathCompactRe.FindStringSubmatch(seg); m != nil {
			date = ymd(m[1], m[2], m[3])
		}
		if date != "" && !validYear(date[:4]) {
			date = ""
		}
	}
	if date == "" { // over folders: 2025/02/15/a.txt
		if m := pathDateRe.FindStringSubmatch(fold.String(path.Dir(rel)) + "/"); m != nil && validYear(m[1]) {
			date = ymd(m[1], m[2], m[3])
		}
	}
	for i := len(parts) - 1; i >= 0 && date == ""; i-- {
		if m := pathMonthRe.FindStringSubmatch(fold.String(parts[i])); m != nil {
			date = ym(m[1], m[2]+m[3])
		}
	}
	if date != "" {
		return date, date[:4]
	}
	for i := len(parts) - 1; i >= 0; i-- {
		if y := pathYear(fold.String(parts[i])); y != "" {
			return "", y
		}
	}
	return "", ""
}

// pathYear is the year a file or folder name gives, or "".
func pathYear(seg string) string {
	for _, m := range pathYearRe.FindAllStringSubmatchIndex(seg, -1) {
		y := seg[m[2]:m[3]]
		before, after := seg[:m[2]], seg[m[3]:]
		if !validYear(y) || strings.HasSuffix(before, "第") {
			continue
		}
		if hasAnyPrefix(after, measureWords) {
			continue
		}
		return y
	}
	return ""
}

func validYear(y string) bool {
	n, err := strconv.Atoi(y)
	return err == nil && n >= 1949 && n <= 2100
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
	if mi < 1 || mi > 12 || di < 1 || di > daysIn(y, mi) || !validYear(y) {
		return ""
	}
	return y + "-" + twoDigits(mi) + "-" + twoDigits(di)
}

func ym(y, m string) string {
	mi, _ := strconv.Atoi(m)
	if mi < 1 || mi > 12 || !validYear(y) {
		return ""
	}
	return y + "-" + twoDigits(mi)
}

// daysIn is the number of days of month m (1-12) in year y.
func daysIn(y string, m int) int {
	switch m {
	case 2:
		n, _ := strconv.Atoi(y)
		if n%4 == 0 && (n%100 != 0 || n%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
