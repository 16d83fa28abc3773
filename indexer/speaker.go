package indexer

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// titleWords end a role before a name: 代市长刘俊义, 主席团常务主席谷明.
const titleWords = `代市长|副市长|市长|代省长|副省长|省长|县长|区长|书记|副主席|常务主席|执行主席|主席|副主任|主任|院长|检察长|秘书长|局长|厅长|部长|总理|委员长|代表|委员|记者`

// afterName is what may follow a name in the patterns that introduce a
// person: a verb of the session or punctuation.
const afterName = `主持|宣布|说|作|代表|在|指出|强调|表示|出席|讲话|致辞|报告|介绍|要求|提出|认为|[、，。（(：:]`

var (
	// A role and a name: 代市长刘俊义代表…, 主席团常务主席谷明主持….
	roleNameRe = regexp.MustCompile(`((?:` + titleWords + `))(\p{Han}{2,3}?)(?:` + afterName + `)`)
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
// each passage.
func attribute(doc *Document, fmSpeakers []string) {
	known := map[string]*Person{} // name -> person, for names seen without ambiguity
	var order []string
	add := func(name, role string) {
		if !plausibleName(name) {
			return
		}
		if p, ok := known[name]; ok {
			if p.Role == "" {
				p.Role = role
			}
			return
		}
		known[name] = &Person{Name: name, Role: role}
		order = append(order, name)
	}
	for _, n := range fmSpeakers {
		add(n, "")
	}
	for _, r := range doc.Reporters {
		add(r, "记者")
	}
	for _, r := range doc.Photographers {
		add(r, "记者")
	}
	affiliations := map[string][]string{}
	for _, p := range doc.Passages {
		for _, m := range roleNameRe.FindAllStringSubmatchIndex(p.Text, -1) {
			if name := p.Text[m[4]:m[5]]; strings.HasPrefix(name, "台") || strings.HasPrefix(name, "团") {
				continue // 主席台, 主席团: places, not people
			}
			add(p.Text[m[4]:m[5]], roleBefore(p.Text, m[2], m[5]))
		}
		for _, m := range affiliatedRe.FindAllStringSubmatch(p.Text, -1) {
			name := cleanListName(m[1])
			if plausibleName(name) {
				affiliations[name] = appendString(affiliations[name], m[2])
			}
		}
		if p.Kind == KindList {
			for _, n := range listNames(p.Text) {
				add(n, "")
			}
		}
	}
	for _, p := range doc.Passages {
		if p.Kind == KindHeadline || p.Kind == KindSubheadline {
			continue
		}
		for _, m := range speechRe.FindAllStringSubmatch(p.Text, -1) {
			if n := trimToKnown(m[1], known); n != "" {
				add(n, "")
			}
		}
	}

	// People of each passage: every known name it contains. A name held
	// by two people (丁国华（市人大）, 丁国华（市中院）) is told apart by
	// the affiliation written after it.
	for i := range doc.Passages {
		p := &doc.Passages[i]
		for _, name := range order {
			if !strings.Contains(p.Text, name) {
				continue
			}
			affs := affiliations[name]
			if len(affs) == 0 {
				p.People = appendPerson(p.People, Person{Name: name, Role: known[name].Role})
				continue
			}
			found := false
			for _, a := range affs {
				if strings.Contains(p.Text, name+"（"+a+"）") {
					p.People = appendPerson(p.People, Person{Name: name, Affiliation: a})
					found = true
				}
			}
			if !found {
				p.People = appendPerson(p.People, Person{Name: name, Role: known[name].Role})
			}
		}
	}

	// Speakers.
	last := ""
	for i := range doc.Passages {
		p := &doc.Passages[i]
		if p.Kind == KindHeadline || p.Kind == KindSubheadline || p.Kind == KindCaption || p.Kind == KindCredit || p.Kind == KindLabel {
			continue
		}
		speaker := ""
		pos := len(p.Text) + 1
		consider := func(name string, at int) {
			if name != "" && at < pos {
				speaker, pos = name, at
			}
		}
		for _, m := range speechRe.FindAllStringSubmatchIndex(p.Text, -1) {
			consider(trimToKnown(p.Text[m[2]:m[3]], known), m[2])
		}
		for _, m := range reportRe.FindAllStringSubmatchIndex(p.Text, -1) {
			consider(trimToKnown(p.Text[m[2]:m[3]], known), m[2])
		}
		if m := pronounRe.FindStringIndex(p.Text); m != nil && last != "" && speaker == "" {
			speaker = last
		}
		if speaker != "" {
			p.Speaker = speaker
			p.SpeakerRole = known[speaker].Role
			last = speaker
		} else if mentioned := lastMentioned(p.Text, order); mentioned != "" {
			// 他说 in a later passage refers to the last person named.
			last = mentioned
		}
	}
}

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
func roleBefore(text string, start, nameEnd int) string {
	clause := text[:start]
	if i := strings.LastIndexAny(clause, "，。；：:,（(“"); i >= 0 {
		_, size := utf8.DecodeRuneInString(clause[i:])
		clause = clause[i+size:]
	}
	role := clause + text[start:nameEnd]
	// Keep only the titles: from the first title word on.
	loc := regexp.MustCompile(`(?:\p{Han}{0,8}?(?:` + titleWords + `)(?:、)?)+`).FindStringIndex(role)
	if loc == nil {
		return ""
	}
	r := strings.TrimRight(role[loc[0]:loc[1]], "、")
	if strings.HasPrefix(r, "在") || strings.Contains(r, "中") {
		return ""
	}
	return r
}

// listNames reads the names of an attendance list: 张强、武健鹏、…、
// 丁国华（市人大）、…、王玺在主席台前排就座.
func listNames(text string) []string {
	if i := strings.IndexAny(text, "：:"); i >= 0 {
		text = text[i+len("："):]
	}
	var out []string
	for _, seg := range strings.Split(text, "、") {
		n := cleanListName(seg)
		if plausibleName(n) {
			out = append(out, n)
		}
	}
	return out
}

var listCut = regexp.MustCompile(`（.*$|等.*$|及.*$|在.*$|分别.*$|出席.*$|列席.*$|[，。；].*$`)

func cleanListName(seg string) string {
	seg = strings.TrimSpace(seg)
	seg = listCut.ReplaceAllString(seg, "")
	if loc := regexp.MustCompile(`^.*(?:` + titleWords + `)`).FindStringIndex(seg); loc != nil && loc[1] < len(seg) {
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
