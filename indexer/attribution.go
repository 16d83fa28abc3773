package indexer

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"sessionsearch/fold"
)

// titleWords end a role before a name: 代市长刘俊义, 主席团常务主席谷明.
// officeWords are those of an office, which may sign a report.
const (
	officeWords = `代市长|副市长|市长|代省长|副省长|省长|县长|区长|书记|副主席|常务主席|执行主席|主席|副主任|主任|院长|检察长|秘书长|局长|厅长|部长|总理|委员长`
	titleWords  = officeWords + `|代表|委员|记者`
)

// afterName is what may follow a name in the patterns that introduce a
// person: a verb of the session or punctuation.
const afterName = `主持|宣布|说|作|代表|在|指出|强调|表示|出席|讲话|致辞|报告|介绍|要求|提出|认为|[、，。（(：:]`

var (
	// A role and a name: 代市长刘俊义代表…, 主席团常务主席谷明主持….
	roleNameRe = regexp.MustCompile(`^((?:` + titleWords + `))(\p{Han}{2,3}?)(?:` + afterName + `)`)
	// Reported speech: X说, X在报告中说, X指出, X强调, X表示, X宣布.
	speechRe = regexp.MustCompile(`(\p{Han}{2,4}?)(?:在[^，。：]{0,16}?中)?(?:说|指出|强调|表示|宣布|认为|介绍|要求|提出)(?:[，：:,“]|道)`)
	// X作(了)…报告 / 说明: the seed's 翟永清作了…的报告和…的说明.
	reportRe = regexp.MustCompile(`(\p{Han}{2,3}?)(?:代表\p{Han}{2,12}?)?(?:向大会)?作了?[^。；，]{0,60}?(?:报告|说明|讲话)`)
	// A pronoun speaking: 他说, 她强调.
	pronounRe = regexp.MustCompile(`(?:^|[，。；：])(他|她)(?:在[^，。：]{0,16}?中)?(?:说|指出|强调|表示|宣布|认为|介绍|要求|提出)`)
	// A name with an affiliation in parentheses: 丁国华（市人大）.
	affiliatedRe = regexp.MustCompile(`(\p{Han}{2,4})（([\p{Han}]{1,8})）`)
)

// notNames are words that the patterns above would otherwise take for a
// name.
var notNames = map[string]bool{
	"会上": true, "同时": true, "报告": true, "大会": true, "会议": true, "我们": true, "他们": true, "代表": true,
	"委员": true, "记者": true, "全市": true, "政府": true, "市政府": true, "市长": true, "主席": true,
}

// attribute finds the people named in the document and the speaker of
// each passage. The rules run on a Simplified view of each passage (see
// simplified), so that a Traditional document's 劉俊義說 is reported
// speech too; names are keyed by their Simplified form and shown as
// written.
func attribute(doc *Document, fmSpeakers []string) {
	known := map[string]*Person{} // Simplified name -> person as first written
	var order []string
	add := func(key, written, role string) {
		if !plausibleName(key) {
			return
		}
		if p, ok := known[key]; ok {
			if p.Role == "" {
				p.Role = role
			}
			return
		}
		known[key] = &Person{Name: written, Role: role}
		order = append(order, key)
	}
	for _, n := range fmSpeakers {
		add(simplified(n), n, "")
	}
	// Who speaks the whole document: one front-matter speaker, else the
	// signature under a report's title (太原市人民政府市长　王强, set
	// between the ——…会议上 line and 各位代表：).
	docSpeaker := ""
	if len(fmSpeakers) == 1 {
		docSpeaker = simplified(fmSpeakers[0])
	} else if len(fmSpeakers) == 0 {
		for _, p := range doc.Passages {
			if p.Kind == KindLead || p.Kind == KindBody {
				break
			}
			if p.Kind != KindSubheadline && p.Kind != KindLabel {
				continue
			}
			st := simplified(p.Text)
			if m := signatureRe.FindStringSubmatchIndex(st); m != nil {
				if r, _ := utf8.DecodeRuneInString(st[m[4]:]); strings.ContainsRune(surnames, r) {
					add(st[m[4]:m[5]], p.Text[m[4]:m[5]], p.Text[m[2]:m[3]])
					docSpeaker = st[m[4]:m[5]]
					break
				}
			}
		}
	}
	for _, r := range doc.Reporters {
		add(simplified(r), r, "记者")
	}
	for _, r := range doc.Photographers {
		add(simplified(r), r, "记者")
	}
	texts := make([]string, len(doc.Passages)) // Simplified views, same byte offsets
	for i, p := range doc.Passages {
		texts[i] = simplified(p.Text)
	}
	affiliations := map[string][]string{}
	for i, p := range doc.Passages {
		st := texts[i]
		// 大会执行主席、主席团常务主席谷明主持…, 代市长刘俊义代表…
		for _, m := range findRoleNames(st) {
			// A name after a title starts with a surname: 主席台 and 主席团
			// are places, and 常务委员会工作报告 holds 委员 but no one.
			if r, _ := utf8.DecodeRuneInString(st[m[4]:]); !strings.ContainsRune(surnames, r) {
				continue
			}
			add(st[m[4]:m[5]], p.Text[m[4]:m[5]], roleBefore(p.Text, st, m[2], m[4]))
		}
		// 丁国华（市人大）…丁国华（市中院）
		for _, m := range affiliatedMatches(st) {
			name := cleanListName(m[1])
			if plausibleName(name) {
				affiliations[name] = appendString(affiliations[name], m[2])
			}
		}
		if p.Kind == KindList {
			for _, span := range listNames(st) {
				add(st[span[0]:span[1]], p.Text[span[0]:span[1]], "")
			}
		}
	}
	speech := make([][][]int, len(doc.Passages)) // speechRe matches of each passage
	for i, p := range doc.Passages {
		if p.Kind == KindHeadline || p.Kind == KindSubheadline {
			continue
		}
		st := texts[i]
		speech[i] = findNear(speechRe, st, speechVerbs, 96, 8)
		// 刘俊义说，… names a speaker even when no title came before.
		for _, m := range speech[i] {
			if name := leadingName(st[m[2]:m[3]]); name != "" {
				at := m[3] - len(name)
				add(name, p.Text[at:m[3]], "")
			}
		}
	}

	// People of each passage: every known name it contains. A name held
	// by two people (丁国华（市人大）, 丁国华（市中院）) is told apart by
	// the affiliation written after it.
	byLength := append([]string(nil), order...)
	sort.SliceStable(byLength, func(a, b int) bool { return len(byLength[a]) > len(byLength[b]) })
	for i := range doc.Passages {
		p, st := &doc.Passages[i], texts[i]
		type mention struct {
			at     int
			person Person
		}
		var found []mention
		// Longer names first, each blanked out once found, so that a known
		// 王明 is not found inside 王明厚.
		masked := st
		for _, key := range byLength {
			at := strings.Index(masked, key)
			if at < 0 {
				continue
			}
			masked = strings.ReplaceAll(masked, key, strings.Repeat(" ", len(key)))
			written := p.Text[at : at+len(key)]
			affiliated := false
			for _, a := range affiliations[key] {
				if j := strings.Index(st, key+"（"+a+"）"); j >= 0 {
					found = append(found, mention{j, Person{Name: written, Affiliation: a}})
					affiliated = true
				}
			}
			if !affiliated {
				found = append(found, mention{at, Person{Name: written, Role: known[key].Role}})
			}
		}
		// In the order of the text, as a reader meets them.
		sort.SliceStable(found, func(a, b int) bool { return found[a].at < found[b].at })
		for _, m := range found {
			p.People = appendPerson(p.People, m.person)
		}
	}

	// Speakers: the earliest reported-speech pattern in the passage whose
	// subject is a known name; else a pronoun (他说) standing for the last
	// person named; else nobody.
	last := ""
	for i := range doc.Passages {
		p, st := &doc.Passages[i], texts[i]
		switch p.Kind {
		case KindHeadline, KindSubheadline, KindCaption, KindCredit, KindLabel, KindSalutation, KindSignature:
			continue
		}
		speaker := ""
		pos := len(st) + 1
		consider := func(name string, at int) {
			if name != "" && at < pos {
				speaker, pos = name, at
			}
		}
		for _, m := range speech[i] {
			consider(trimToKnown(st[m[2]:m[3]], known), m[2])
		}
		if strings.Contains(st, "作") { // reportRe needs 作
			for _, m := range findNear(reportRe, st, []string{"作"}, 80, 200) {
				consider(trimToKnown(st[m[2]:m[3]], known), m[2])
			}
		}
		// 会上，翟永清作了…的报告…。他说，2024年… : the pronoun is 翟永清.
		if m := pronounRe.FindStringIndex(st); m != nil && speaker == "" {
			if before := lastMentioned(st[:m[0]], order); before != "" {
				speaker = before
			} else {
				speaker = last
			}
		}
		if speaker == "" && known[docSpeaker] != nil {
			// The document's speaker speaks a work report's own text
			// (过去一年，我们…) wherever no one else is reported.
			speaker = docSpeaker
		}
		if speaker != "" {
			p.Speaker = known[speaker].Name
			p.SpeakerRole = known[speaker].Role
			last = speaker
		} else if mentioned := lastMentioned(st, order); mentioned != "" {
			// 他说 in a later passage refers to the last person named.
			last = mentioned
		}
	}
}

func affiliatedMatches(st string) [][]string {
	if !strings.Contains(st, "（") {
		return nil
	}
	return affiliatedRe.FindAllStringSubmatch(st, -1)
}

// titleStarts are the first characters of the title words: roleNameRe is
// tried only where one stands, since an unanchored search through the
// alternation of titles dominated the parse time of the seed.
var titleStarts = func() string {
	var b strings.Builder
	for _, w := range strings.Split(titleWords, "|") {
		r, _ := utf8.DecodeRuneInString(w)
		if !strings.ContainsRune(b.String(), r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}()

// findRoleNames is what roleNameRe would find unanchored, as submatch
// indexes into text: leftmost matches that do not overlap.
func findRoleNames(text string) [][]int {
	var out [][]int
	for i := 0; i < len(text); {
		j := strings.IndexAny(text[i:], titleStarts)
		if j < 0 {
			break
		}
		i += j
		window := text[i:min(len(text), i+maxRoleMatch)]
		if m := roleNameRe.FindStringSubmatchIndex(window); m != nil {
			for k := range m {
				if m[k] >= 0 {
					m[k] += i
				}
			}
			out = append(out, m)
			i = m[1]
			continue
		}
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	return out
}

// maxRoleMatch bounds a role-and-name match in bytes: the longest title
// (5 characters), a name (3) and one more character, 3 bytes each.
const maxRoleMatch = 3 * 12

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

const sentenceEnds = "。！？；"

// speechVerbs are the verbs of speechRe.
var speechVerbs = []string{"说", "指出", "强调", "表示", "宣布", "认为", "介绍", "要求", "提出"}

// simplified folds the Han characters of s to Simplified, keeping every
// other rune and every byte offset as they are, so that a match in the
// result can be cut out of s.
func simplified(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r >= 0x3400 {
			if f := fold.Rune(r); utf8.RuneLen(f) == utf8.RuneLen(r) {
				r = f
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// leadingName is the name at the end of a run captured before a speech
// verb, for a speaker introduced by the verb alone (刘俊义说，…). The run
// may begin with a title (主席谷明宣布) or a few words of the clause, so
// titles are cut off and a name must start with a common surname: three
// characters are tried before two, as most names have three.
func leadingName(s string) string {
	if loc := titlePrefixRe.FindStringIndex(s); loc != nil {
		s = s[loc[1]:]
	}
	rs := []rune(s)
	for n := 3; n >= 2; n-- {
		if len(rs) < n {
			continue
		}
		name := string(rs[len(rs)-n:])
		if strings.ContainsRune(surnames, rs[len(rs)-n]) && plausibleName(name) {
			return name
		}
	}
	return ""
}

// surnames are the common single-character family names (about 150 cover
// nine in ten people). A name introduced only by a speech verb must start
// with one, so that ordinary words before 说 are not taken for people.
const surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"

var titlePrefixRe = regexp.MustCompile(`^.*(?:` + titleWords + `)`)

// trimToKnown finds the known name at the end of a captured run: the
// speech pattern takes up to four characters before the verb
// (会上，翟永清作 gives 翟永清).
func trimToKnown(s string, known map[string]*Person) string {
	for i := 0; i < len(s); {
		if _, ok := known[s[i:]]; ok {
			return s[i:]
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return ""
}

func lastMentioned(text string, order []string) string {
	best, at := "", -1
	for _, n := range order {
		if i := strings.LastIndex(text, n); i > at {
			best, at = n, i
		}
	}
	return best
}

// roleBefore is the title chain before a name, from the start of its
// clause: 大会执行主席、主席团常务主席 before 谷明.
func roleBefore(written, simp string, start, nameStart int) string {
	from := 0
	if i := strings.LastIndexAny(simp[:start], "，。；：:,（(“"); i >= 0 {
		_, size := utf8.DecodeRuneInString(simp[i:])
		from = i + size
	}
	// Keep only the titles: from the first title word on. The match runs
	// on the Simplified view and is cut from the text as written (代市長).
	loc := roleChainRe.FindStringIndex(simp[from:nameStart])
	if loc == nil {
		return ""
	}
	r := strings.TrimRight(simp[from+loc[0]:from+loc[1]], "、")
	// 在报告中, 他在讲话中代表… are context, not a role; 中 alone is not
	// (市中级人民法院院长, 中央委员).
	if strings.HasPrefix(r, "在") || inContextRe.MatchString(r) {
		return ""
	}
	return written[from+loc[0] : from+loc[0]+len(r)]
}

// signatureRe is a report's signature line: a role ending in a title,
// white space, a name (大同市人民政府代市长 刘俊义, 市政协主席　韦韬).
var signatureRe = regexp.MustCompile(`^(\p{Han}{0,16}?(?:` + officeWords + `))[\s\x{3000}]+(\p{Han}{2,4})$`)

var inContextRe = regexp.MustCompile(`在\p{Han}*中`)

var roleChainRe = regexp.MustCompile(`(?:\p{Han}{0,8}?(?:` + titleWords + `)(?:、)?)+`)

// listNames reads the names of an attendance list as byte spans of text:
// 张强、武健鹏、…、丁国华（市人大）、…、王玺在主席台前排就座 and
// 在主会场出席会议的还有：刘美、杨素卿、苏智、王凤瑞及大会主席团其他成员.
func listNames(text string) [][2]int {
	base := 0
	if i := strings.IndexAny(text, "：:"); i >= 0 {
		_, size := utf8.DecodeRuneInString(text[i:])
		base = i + size
	}
	var out [][2]int
	for base <= len(text) {
		end := strings.Index(text[base:], "、")
		seg := text[base:]
		if end >= 0 {
			seg = text[base : base+end]
		}
		lead := len(seg) - len(strings.TrimLeft(seg, " \u3000"))
		n := cleanListName(seg)
		if plausibleName(n) {
			if at := strings.Index(seg[lead:], n); at >= 0 {
				out = append(out, [2]int{base + lead + at, base + lead + at + len(n)})
			}
		}
		if end < 0 {
			break
		}
		base += end + len("、")
	}
	return out
}

var listCut = regexp.MustCompile(`（.*$|\(.*$|等.*$|及.*$|在.*$|分别.*$|出席.*$|列席.*$|[，。；].*$`)

func cleanListName(seg string) string {
	seg = strings.TrimSpace(seg)
	seg = listCut.ReplaceAllString(seg, "")
	if loc := titlePrefixRe.FindStringIndex(seg); loc != nil && loc[1] < len(seg) {
		seg = seg[loc[1]:]
	}
	return seg
}

// plausibleName: two to four Han characters and not a common word.
func plausibleName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 4 || notNames[s] {
		return false
	}
	for _, r := range s {
		if r < 0x4E00 || r > 0x9FFF {
			return false
		}
	}
	return !strings.ContainsAny(s, "的了是在和与及议市省县政府届次")
}

func appendPerson(list []Person, p Person) []Person {
	for _, have := range list {
		if have.Key() == p.Key() {
			return list
		}
	}
	return append(list, p)
}
