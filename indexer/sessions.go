package indexer

import (
	"cmp"
	_ "embed"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"sessionsearch/fold"
)

// Sessions are recognised in any of their wordings and brought to one
// canonical form. The seed names the same session three ways:
// 大同市第十六届人民代表大会第五次会议 (lead), 市十六届人大五次会议 (headline,
// caption) and 市第十六届人民代表大会第五次会议 (the 翟永清 passage), and a
// second one, 市政协十五届四次会议, in the second photo caption. Party
// congresses and plenums are sessions of their own kind (中共二十大,
// 中共十九届七中全会, 中共大同市十三次党代会). A session's place is a division
// of the gazetteer (places.go). Which session is the document's own is
// mainSession's question: the one it was delivered at or reports on.

const num = `[〇零一二两三四五六七八九十百\d]+`

// placeEnd ends a place name in a session's name: 山西省, 大同市, 天镇县,
// 锡林郭勒盟 (政协锡林郭勒盟第十三届委员会第三次会议).
const placeEnd = `(?:自治区|自治州|省|市|县|区|州|旗|盟)`

var (
	// place or level, then term and body, then the session number:
	// 大同市第十六届人民代表大会第五次会议, 市十六届人大五次会议,
	// 十四届全国人大三次会议, 市政协十五届四次会议,
	// 太原市政协第十四届委员会第三次会议.
	sessionRe = regexp.MustCompile(
		`(?:(\p{Han}{0,10}?` + placeEnd + `)|(全国))?` +
			`(人大|政协|中国人民政治协商会议\p{Han}{0,8}?委员会)?` +
			`第?(` + num + `)届` +
			`(全国人大|全国政协|全国人民代表大会|人民代表大会|人大|政协|委员会)?` +
			`(常务委员会|常委会)?` +
			`(?:第?(` + num + `)次(?:全体)?会议)?`)
)

// cppccFirstRe: 政协太原市第十四届… → 太原市政协第十四届….
var cppccFirstRe = regexp.MustCompile(`政协(\p{Han}{1,10}?` + placeEnd + `)(第?` + num + `届)`)

// cppccTermFirstRe: the CPPCC's formal name puts the term before the place,
// 政协第十四届广州市委员会第五次会议 (中国人民政治协商会议第十四届全国委员会
// for the national one) → 广州市政协第十四届委员会….
var (
	cppccTermFirstRe     = regexp.MustCompile(`政协(第?` + num + `届)(\p{Han}{1,10}?` + placeEnd + `)委员会`)
	cppccNationalFirstRe = regexp.MustCompile(`政协(第?` + num + `届)全国委员会`)
)

// The word lists of data/sessions.txt: what makes a session recalled, or
// the one a document reports on.
//
//go:embed data/sessions.txt
var sessionWordsData string

var sessionWords = sync.OnceValue(func() map[string][]string { return parseLists(sessionWordsData) })

// parseLists reads data in the format of data/sessions.txt: the lines of
// embeddedList under [name] headings.
func parseLists(data string) map[string][]string {
	out := map[string][]string{}
	list := ""
	for _, line := range embeddedList(data) {
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			list = line[1 : len(line)-1]
			continue
		}
		out[list] = append(out[list], line)
	}
	return out
}

// sessionSpan is a session found at [start, end) of the folded text.
type sessionSpan struct {
	Session
	start, end int
}

// FindSessions returns the sessions named in text, in order of first
// mention, canonicalised. place is the document's place (大同市), used for
// wordings that give only the level (市十六届人大五次会议).
func FindSessions(text, place string) []Session {
	var at *division
	if place != "" {
		at = places().lookup(fold.String(place))
	}
	return sessionsAt(text, at, place)
}

// sessionsAt is FindSessions in a document at the division at.
func sessionsAt(text string, at *division, place string) []Session {
	_, spans := sessionSpans(text, at, place)
	var out []Session
	seen := map[string]bool{}
	for _, sp := range spans {
		if !seen[sp.Name] {
			seen[sp.Name] = true
			out = append(out, sp.Session)
		}
	}
	return out
}

// sessionSpans finds every session in text, in order, in the folded and
// reordered text f it returns (the CPPCC's full name and the body named
// before the place, 政协太原市第十四届委员会 or 全国政协十四届, are brought to
// the place-first order of the pattern). at is the document's division,
// place its name as given (for a front-matter place not in the gazetteer).
func sessionSpans(text string, at *division, place string) (string, []sessionSpan) {
	f := fold.String(text)
	if !strings.Contains(f, "届") && !strings.Contains(f, "大") && !strings.Contains(f, "党代会") {
		return f, nil // every wording names the term (十六届) or a congress (十九大, 代表大会)
	}
	f = strings.ReplaceAll(f, "中国人民政治协商会议", "政协")
	if strings.Contains(f, "政协") && strings.Contains(f, "届") {
		f = cppccFirstRe.ReplaceAllString(f, "${1}政协${2}")
		f = cppccNationalFirstRe.ReplaceAllString(f, "全国政协${1}")
		f = cppccTermFirstRe.ReplaceAllString(f, "${2}政协${1}委员会")
	}
	spans := partySpans(f, at, place)
	if !strings.Contains(f, "届") {
		return f, spans
	}
	for _, m := range findNear(sessionRe, f, []string{"届"}, 96, 120) {
		pl, national, pre, term, body, standing, number := group(f, m, 1), group(f, m, 2), group(f, m, 3), group(f, m, 4), group(f, m, 5), group(f, m, 6), group(f, m, 7)
		start := m[0]
		if standing != "" {
			continue // a standing committee meeting, not a session
		}
		var s Session
		switch {
		case national != "" || strings.HasPrefix(body, "全国"):
			s.Level, s.Body = "全国", bodyOf(pre+body)
		case pre != "":
			s.Body = "政协"
		case body != "":
			s.Body = bodyOf(body)
		}
		if s.Body == "" || (body == "委员会" && pre == "") {
			continue // 市委十六届八次全会, 第十八届中央委员会: party committees
		}
		if s.Level == "" {
			if i := strings.LastIndex(pl, "的"); i >= 0 {
				pl = pl[i+len("的"):] // 在本市工作的省第十四届人大代表
			}
			// 市委 is the party committee, whose plenums are not sessions.
			if end := m[3]; end >= 0 && end < len(f) && strings.HasPrefix(f[end:], "委") {
				continue
			}
			if pl == "" && pre != "" && pre != "政协" {
				continue
			}
			var ok bool
			var used int
			if s.Place, s.Level, used, ok = sessionPlace(pl, at, place); !ok {
				continue
			}
			if m[2] >= 0 {
				start = m[3] - used // 出席县十八届…: the session begins at 县
			}
		}
		t, ok1 := parseNumber(term)
		if !ok1 || t == 0 {
			continue
		}
		s.Term = t
		if number != "" {
			n, ok := parseNumber(number)
			if !ok {
				continue
			}
			s.Number = n
		}
		s.Name = s.Canonical()
		spans = append(spans, sessionSpan{s, start, m[1]})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	return f, spans
}

// group is submatch i of the match m in f, "" when the group did not
// take part.
func group(f string, m []int, i int) string {
	if m[2*i] < 0 {
		return ""
	}
	return f[m[2*i]:m[2*i+1]]
}

// findNear is re.FindAllStringSubmatchIndex over text, run only in small
// windows around the words a match must contain (anchors): from up to
// before bytes ahead of an anchor to after bytes past it, never across a
// sentence end (none of the patterns crosses a 。). The patterns start
// with a lazy run of Han characters, which the regexp package retries at
// every position of a long passage; the seed's work-report summary cost
// milliseconds per rule before, microseconds now.
func findNear(re *regexp.Regexp, text string, anchors []string, before, after int) [][]int {
	type window struct{ s, e int }
	var wins []window
	for _, a := range anchors {
		for off := 0; off < len(text); {
			i := strings.Index(text[off:], a)
			if i < 0 {
				break
			}
			i += off
			off = i + len(a)
			s := max(0, i-before)
			for s > 0 && !utf8.RuneStart(text[s]) {
				s++
			}
			if k := strings.LastIndexAny(text[s:i], sentenceEnds); k >= 0 {
				_, size := utf8.DecodeRuneInString(text[s+k:])
				s += k + size
			}
			e := min(len(text), off+after)
			for e < len(text) && !utf8.RuneStart(text[e]) {
				e++
			}
			if k := strings.IndexAny(text[off:e], sentenceEnds); k >= 0 {
				_, size := utf8.DecodeRuneInString(text[off+k:])
				e = off + k + size
			}
			wins = append(wins, window{s, e})
		}
	}
	if len(wins) == 0 {
		return nil
	}
	sort.Slice(wins, func(a, b int) bool { return wins[a].s < wins[b].s })
	merged := wins[:1]
	for _, w := range wins[1:] {
		last := &merged[len(merged)-1]
		if w.s <= last.e {
			last.e = max(last.e, w.e)
		} else {
			merged = append(merged, w)
		}
	}
	var out [][]int
	for _, w := range merged {
		for _, m := range re.FindAllStringSubmatchIndex(text[w.s:w.e], -1) {
			for k := range m {
				if m[k] >= 0 {
					m[k] += w.s
				}
			}
			out = append(out, m)
		}
	}
	return out
}

// sessionPlace names the place of a session from the run of text before
// its term: the gazetteer's division that ends the run (上午大同市 →
// 大同市, 在中山市 → 中山市, never a run with its first characters cut), or a
// level alone (市, 县, 省: the document's place or the division above it at
// that level; 省十四届人大 in a Datong document is 山西省's), or, when the
// run is empty (第十六届人民代表大会 in a Datong document), the document's
// place. A run that ends in a level but names no known division (a
// renamed county) gives no session: its place is unknown.
func sessionPlace(pl string, at *division, place string) (name, level string, used int, ok bool) {
	if pl == "" {
		switch {
		case at != nil:
			return at.name, levelOf(at.name), 0, true
		case place != "" && levelOf(place) != "":
			return place, levelOf(place), 0, true
		}
		return "", "", 0, false
	}
	if name, _ := places().suffix(pl); name != "" {
		return name, levelOf(name), len(name), true
	}
	if place != "" && at == nil && strings.HasSuffix(pl, place) {
		return place, levelOf(place), len(place), true // a front-matter place the gazetteer lacks
	}
	last, size := utf8.DecodeLastRuneInString(pl)
	before, _ := utf8.DecodeLastRuneInString(pl[:len(pl)-size])
	if len(pl) > size && !slices.Contains(placeWords()["level-stop"], string(before)) {
		return "", "", 0, false
	}
	level = levelOf(string(last))
	if level == "" {
		return "", "", 0, false
	}
	switch {
	case at != nil:
		if a := ancestorAt(at, level); a != nil {
			return a.name, level, size, true
		}
	case place != "" && levelOf(place) == level:
		return place, level, size, true
	}
	return "", level, size, true
}

// Party congresses and plenums are sessions of their own kind (Body 党代会
// or 全会), never congresses of the people: the party congress reports are
// delivered ——在中国共产党第十九次全国代表大会上, and every work report since
// recalls 党的十九大以来.
var (
	// 中国共产党第二十次全国代表大会, 党的二十大, 中共十九大.
	partyCongressRe = regexp.MustCompile(`中国共产党第(` + num + `)次全国代表大会|(?:党的|中共)第?(` + num + `)(?:次全国代表大会|大)`)
	// 中国共产党第十九届中央委员会第七次全体会议, 党的十九届七中全会, and
	// the plenums listed together, 二十届二中、三中全会 (the seed).
	plenumRe = regexp.MustCompile(`第(` + num + `)届中央委员会第(` + num + `)次全体会议|(` + num + `)届((?:[一二三四五六七八九]中(?:、|和|及)?)+)全会`)
	// 中国共产党大同市第十三次代表大会, 市第十三次党代会. The local party
	// committee's plenums (市委十六届八次全会) are left out: their numbering
	// follows the committee's term, which papers write two ways (市委十六届,
	// 中共大同市委十三届), and no document of ours is delivered at one.
	localCongressRe = regexp.MustCompile(`中国共产党(\p{Han}{0,10}?` + placeEnd + `)第(` + num + `)次代表大会|(\p{Han}{0,10}?` + placeEnd + `)第?(` + num + `)次党代会`)
)

// partySpans finds the party congresses and plenums in f.
func partySpans(f string, at *division, place string) []sessionSpan {
	var out []sessionSpan
	add := func(s Session, start, end int) {
		for _, o := range out {
			if start < o.end && o.start < end && o.Body == s.Body && o.Number == s.Number {
				return // 党的二十大报告: one congress, matched twice
			}
		}
		s.Name = s.Canonical()
		out = append(out, sessionSpan{s, start, end})
	}
	for _, m := range findNear(partyCongressRe, f, []string{"全国代表大会", "党的", "中共"}, 48, 48) {
		if t, ok := parseNumber(group(f, m, 1) + group(f, m, 2)); ok && t > 0 {
			add(Session{Level: "全国", Body: "党代会", Term: t}, m[0], m[1])
		}
	}
	for _, c := range bareCongresses(f) {
		add(Session{Level: "全国", Body: "党代会", Term: c[2]}, c[0], c[1])
	}
	for _, m := range findNear(plenumRe, f, []string{"届"}, 16, 96) {
		t, ok := parseNumber(group(f, m, 1) + group(f, m, 3))
		if !ok || t == 0 || otherPlenumBody(f[:m[0]]) {
			continue
		}
		numbers := []string{group(f, m, 2)}
		if m[2*4] >= 0 {
			numbers = strings.FieldsFunc(group(f, m, 4), func(r rune) bool { return !strings.ContainsRune(numChars, r) })
		}
		for _, number := range numbers {
			if n, ok := parseNumber(number); ok && n > 0 && n < 10 {
				add(Session{Level: "全国", Body: "全会", Term: t, Number: n}, m[0], m[1])
			}
		}
	}
	for _, m := range findNear(localCongressRe, f, []string{"次代表大会", "次党代会"}, 96, 8) {
		pl := group(f, m, 1) + group(f, m, 3)
		t, ok := parseNumber(group(f, m, 2) + group(f, m, 4))
		if !ok || t == 0 {
			continue
		}
		name, level, used, ok := sessionPlace(pl, at, place)
		if !ok || pl == "" {
			continue
		}
		start := m[0]
		if m[2] < 0 { // 市第十三次党代会: the run before it is not 中国共产党's
			start = m[7] - used
		}
		add(Session{Place: name, Level: level, Body: "党代会", Term: t}, start, m[1])
	}
	return out
}

// otherPlenumBody reports whether the plenum after before, the text up to
// it, is that of an organisation other than the Communist Party
// (sessions.txt's other-plenum-bodies): its name ends before
// (中国民主同盟第十三届中央委员会第二次全体会议, 民盟十三届二中全会) or opens
// the clause (民盟中央召开十三届二中全会). 民盟中央学习贯彻党的二十届三中全会精神
// and 民建中央主席出席。党的二十届三中全会… remain the party's.
func otherPlenumBody(before string) bool {
	for _, w := range []string{"党的", "中共", "中国共产党", "中共中央"} {
		if strings.HasSuffix(before, w) {
			return false
		}
	}
	clause := before
	if i := strings.LastIndexAny(clause, clauseEnds); i >= 0 {
		clause = clause[i+1:]
	}
	for _, w := range sessionWords()["other-plenum-bodies"] {
		if strings.Contains(clause, w) {
			return true
		}
	}
	return false
}

// bareCongresses finds 十一大 to 四十大 before a cue, as {start, end, term}.
func bareCongresses(f string) [][3]int {
	var out [][3]int
	for off := 0; ; {
		i := strings.Index(f[off:], "大")
		if i < 0 {
			return out
		}
		i += off
		off = i + len("大")
		if !hasAnyPrefix(f[off:], sessionWords()["bare-congress-cues"]) {
			continue
		}
		start := i
		for start > 0 {
			r, size := utf8.DecodeLastRuneInString(f[:start])
			if !strings.ContainsRune("一二三四五六七八九十", r) {
				break
			}
			start -= size
		}
		if r, _ := utf8.DecodeLastRuneInString(f[:start]); start == i || r == '第' || strings.ContainsRune(numChars, r) {
			continue
		}
		if t, ok := parseNumber(f[start:i]); ok && t > 10 && t <= 40 {
			out = append(out, [3]int{start, off, t})
		}
	}
}

const numChars = "〇零一二两三四五六七八九十百0123456789"

func bodyOf(b string) string {
	switch {
	case strings.Contains(b, "政协"), strings.Contains(b, "委员会"):
		return "政协"
	case strings.Contains(b, "人大"), strings.Contains(b, "人民代表大会"):
		return "人大"
	}
	return ""
}

// levelOf reads the level from a place's suffix: 大同市 → 市.
func levelOf(place string) string {
	switch {
	case strings.HasSuffix(place, "自治区"), strings.HasSuffix(place, "省"):
		return "省"
	case strings.HasSuffix(place, "地区"), strings.HasSuffix(place, "盟"):
		return "市" // 和田地区, 锡林郭勒盟: prefecture-level
	case strings.HasSuffix(place, "市"), strings.HasSuffix(place, "州"): // 自治州 too
		return "市"
	case strings.HasSuffix(place, "县"), strings.HasSuffix(place, "旗"):
		return "县"
	case strings.HasSuffix(place, "区"):
		return "区"
	}
	return ""
}

// Canonical is the session's label: 大同市十六届人大五次会议,
// 大同市十五届政协四次会议, 十四届全国人大三次会议; without a session number,
// 大同市十六届人大. A level without a known place stands for it: 省十四届人大.
// Party congresses and plenums: 中共二十大, 中共十九届七中全会,
// 中共大同市十三次党代会.
func (s Session) Canonical() string {
	var b strings.Builder
	switch s.Body {
	case "党代会":
		b.WriteString("中共")
		if s.Level == "全国" {
			b.WriteString(chineseNumber(s.Term))
			b.WriteString("大")
			return b.String()
		}
		b.WriteString(cmp.Or(s.Place, s.Level))
		b.WriteString(chineseNumber(s.Term))
		b.WriteString("次党代会")
		return b.String()
	case "全会":
		b.WriteString("中共")
		b.WriteString(chineseNumber(s.Term))
		b.WriteString("届")
		b.WriteString(chineseNumber(s.Number))
		b.WriteString("中全会")
		return b.String()
	}
	switch {
	case s.Level == "全国":
	case s.Place != "":
		b.WriteString(s.Place)
	default:
		b.WriteString(s.Level)
	}
	b.WriteString(chineseNumber(s.Term))
	b.WriteString("届")
	if s.Level == "全国" {
		b.WriteString("全国")
	}
	b.WriteString(s.Body)
	if s.Number > 0 {
		b.WriteString(chineseNumber(s.Number))
		b.WriteString("次会议")
	}
	return b.String()
}

// meeting: the session is one meeting (十四届全国人大二次会议, 中共二十大,
// 十九届七中全会), not a term (十四届全国人大代表).
func (s Session) meeting() bool { return s.Number > 0 || s.Body == "党代会" }

var digits = []rune("零一二三四五六七八九")

// chineseNumber writes 1–99 in Chinese numerals, as session names do.
func chineseNumber(n int) string {
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return string(digits[n])
	case n == 10:
		return "十"
	case n < 20:
		return "十" + string(digits[n-10])
	case n%10 == 0:
		return string(digits[n/10]) + "十"
	}
	return string(digits[n/10]) + "十" + string(digits[n%10])
}

// parseNumber reads Arabic or Chinese numerals up to 999.
func parseNumber(s string) (int, bool) {
	if s == "" {
		return 0, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	total, cur := 0, 0
	for _, r := range s {
		switch r {
		case '十':
			if cur == 0 {
				cur = 1
			}
			total += cur * 10
			cur = 0
		case '百':
			if cur == 0 {
				cur = 1
			}
			total += cur * 100
			cur = 0
		default:
			v := slices.Index(digits, r) // 零 to 九
			switch r {
			case '〇':
				v = 0
			case '两':
				v = 2
			}
			if v < 0 {
				return 0, false
			}
			cur = cur*10 + v
		}
	}
	return total + cur, true
}

// mainSession is the session the document was delivered at or reports
// on, never merely the first one it names, and nil when the evidence is
// weak. In order:
//   - a session the head (the passages down to the first paragraph of
//     prose) says it was delivered at: ——2024年3月5日在第十四届全国人民代表大会
//     第二次会议上, ——在中国共产党第二十次全国代表大会上的报告,
//     向第一届全国人民代表大会第二次会议提出;
//   - a session the head reports on: a resolution's 第十二届全国人民代表大会
//     第三次会议听取和审议了… and its title …第二次会议关于政府工作报告的决议, a
//     headline 大同市第十六届人民代表大会第五次会议隆重开幕, or any session a
//     headline names;
//   - the session whose members a caption shows: 出席…会议的代表.
//
// A session only recalled is never the document's: 从去年９月第五届全国人民
// 代表大会第三次会议到现在 (the 1981 report), 十二届全国人大一次会议以来 (2018),
// 根据…会议的决定, a session of another year than the document's. A long
// report that names several sessions, none in its head, gets none. It
// reads the passages' Sessions, set from the same at and place.
func mainSession(doc *Document, at *division, place string) *Session {
	year := ""
	if len(doc.Date) >= 4 {
		year = doc.Date[:4]
	}
	head := headEnd(doc.Passages)
	var reported, shown *Session
	for i, p := range doc.Passages {
		inHead, opening := i < head, i < 8
		// p.Sessions holds the sessions of the same text, at and place:
		// a passage without any has no spans to read.
		if len(p.Sessions) == 0 || !opening && p.Kind != KindCaption && !strings.Contains(p.Text, "出席") {
			continue
		}
		f, spans := sessionSpans(p.Text, at, place)
		for _, sp := range spans {
			if !sp.meeting() {
				continue
			}
			before, after := clauseAround(f, sp.start, sp.end)
			if recalled(before, after) || otherYear(sentenceBefore(f, sp.start), year) {
				continue
			}
			s := sp.Session
			switch {
			case inHead && deliveredAt(before, after), opening && addressedTo(before, after):
				return &s
			case inHead && reported == nil && (p.Kind == KindHeadline || p.Kind == KindSubheadline || reportsOn(after)):
				reported = &s
			case shown == nil && attendedBy(before, after):
				shown = &s
			}
		}
	}
	if reported != nil {
		return reported
	}
	return shown
}

// pathSession is the one session the file's folders and name name, when
// its text names none of its own (npc/十三届全国人大三次会议/关于最高人民法院工作
// 报告的决议.txt), and nil when they name none or several.
func pathSession(rel string, at *division, place string) *Session {
	var found *Session
	for _, seg := range strings.Split(strings.TrimSuffix(rel, path.Ext(rel)), "/") {
		f, spans := sessionSpans(seg, at, place)
		for _, sp := range spans {
			if !sp.meeting() {
				continue
			}
			if before, after := clauseAround(f, sp.start, sp.end); recalled(before, after) {
				continue
			}
			if found != nil && found.Name != sp.Name {
				return nil
			}
			s := sp.Session
			found = &s
		}
	}
	return found
}

// headEnd is the number of passages in a document's head: its title block
// down to and including the first sentence of prose (a passage of 20
// characters or more that ends a sentence: the ——…会议上 line, a signature
// and 各位代表： do not), at most eight.
func headEnd(ps []Passage) int {
	for i, p := range ps {
		t := strings.TrimSpace(p.Text)
		if i == 7 || (utf8.RuneCountInString(t) >= 20 && endsSentence(t)) {
			return i + 1
		}
	}
	return len(ps)
}

// clauseAround is the text of f's clause before and after [start, end),
// up to a comma or a sentence end.
func clauseAround(f string, start, end int) (before, after string) {
	before = f[:start]
	if i := strings.LastIndexAny(before, clauseEnds); i >= 0 {
		_, size := utf8.DecodeRuneInString(before[i:])
		before = before[i+size:]
	}
	after = f[end:]
	if i := strings.IndexAny(after, clauseEnds); i >= 0 {
		after = after[:i]
	}
	return before, after
}

// sentenceBefore is the text of f's sentence before start.
func sentenceBefore(f string, start int) string {
	s := f[:start]
	if i := strings.LastIndexAny(s, sentenceEnds+"\n"); i >= 0 {
		_, size := utf8.DecodeRuneInString(s[i:])
		s = s[i+size:]
	}
	return s
}

func recalled(before, after string) bool {
	if hasAnyPrefix(after, sessionWords()["recall-after"]) || strings.Contains(after, "周年") {
		return true // …召开40周年
	}
	for _, w := range sessionWords()["recall-before"] {
		if strings.Contains(before, w) {
			return true
		}
	}
	if strings.HasSuffix(before, "从") || strings.HasSuffix(before, "自") {
		return true // 自十二届全国人大一次会议…, 从第五届…
	}
	return false
}

// otherYear: the sentence before a session names a year other than the
// document's (2023年，在十四届全国人大一次会议上 in a report of 2024), or, when
// the document's year is unknown, a year alone, as a summary of a past
// year does (a full date, ——2024年3月5日在…, is the document's own).
func otherYear(sentence, year string) bool {
	for _, m := range sessionYearRe.FindAllStringSubmatch(sentence, -1) {
		if year != "" && m[1] != year {
			return true
		}
		if year == "" && m[2] == "" {
			return true
		}
	}
	return false
}

var sessionYearRe = regexp.MustCompile(`((?:19|20)\d\d)年(\d{1,2}月)?`)

// deliveredAt: 在…会议上 (——2024年3月5日在第十四届全国人民代表大会第二次会议上,
// ——在中国共产党第二十次全国代表大会上的报告), 向…会议提出 (1955's
// 向第一届全国人民代表大会第二次会议提出).
//
// The 1954 report says 在中华人民共和国第一届全国人民代表大会第一次会议上;
// a report may name the sitting, 在…会议第一次全体会议上. A session's
// earlier decision (在…会议上提出的目标) is a recall, not the document's.
func deliveredAt(before, after string) bool {
	if addressedTo(before, after) {
		return true
	}
	b := strings.TrimSuffix(strings.TrimRight(before, " "), "中华人民共和国")
	if !strings.HasSuffix(b, "在") {
		return false
	}
	if loc := sittingRe.FindStringIndex(after); loc != nil {
		after = after[loc[1]:]
	}
	return onSession(after)
}

// addressedTo: the report is addressed to the session, in its title block
// (一九五五年七月五日向第一届全国人民代表大会第二次会议提出) or in the opening
// formula of a report without one, as the 1981 report's second paragraph:
// 现在，我代表国务院，向第五届全国人民代表大会第四次会议报告政府工作.
func addressedTo(before, after string) bool {
	b := strings.TrimSuffix(strings.TrimRight(before, " "), "中华人民共和国")
	return strings.HasSuffix(b, "向") && hasAnyPrefix(after, []string{"提出", "作", "所作", "报告"})
}

// onSession: the clause after a session says something happened at it
// (…会议上，代表们…; …会议上的报告), not what it decided before
// (…会议上提出的328件建议).
func onSession(after string) bool {
	rest, ok := strings.CutPrefix(after, "上")
	if !ok {
		return false
	}
	return !strings.Contains(rest, "的") || hasAnyPrefix(rest, []string{"的", "所作的", "作的"})
}

// sittingRe: the sitting of a session named after it, 第一次全体会议,
// 开幕会, 闭幕会.
var sittingRe = regexp.MustCompile(`^(?:第[一二三四五六七八九十\d]+次全体会议|开幕会|闭幕会|预备会议|全体会议)`)

func reportsOn(after string) bool {
	after = strings.TrimLeft(after, " ")
	if loc := whenRe.FindStringIndex(after); loc != nil {
		after = after[loc[1]:] // 十四届全国人大一次会议13日上午在人民大会堂…举行记者会
	}
	if strings.HasPrefix(after, "在") {
		// 十四届全国人大三次会议在京开幕, 在人民大会堂举行
		if i := strings.IndexAny(after, "开闭举召继"); i > 0 && i <= 3*16 {
			after = after[i:]
		}
	}
	return hasAnyPrefix(after, sessionWords()["reports-after"]) || onSession(after)
}

// whenRe: the day and time of an event, between a session and its verb
// (13日上午, 今天下午, 6日下午).
var whenRe = regexp.MustCompile(`^(?:\d{1,2}日|今天|昨天|今日|昨日|当天)?(?:上午|下午|晚上|晚间|晚)?`)

// attendedBy: 出席市十六届人大五次会议的代表 in a caption,
// 出席十四届全国人大二次会议的新疆代表团 in a delegation's news.
func attendedBy(before, after string) bool {
	rest, ok := strings.CutPrefix(after, "的")
	if !ok || !(strings.Contains(before, "出席") || strings.Contains(before, "列席") || strings.Contains(before, "参加")) {
		return false
	}
	if i := strings.IndexAny(rest, "代委全"); i >= 0 && i <= 3*6 {
		return hasAnyPrefix(rest[i:], []string{"代表", "委员", "全体"})
	}
	return false
}
