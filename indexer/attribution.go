package indexer

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"sessionsearch/fold"
)

// attribute finds the people named in the document and the speaker of
// each passage, in small steps over the name model (names.go). The rules
// run on a Simplified view of each passage (see simplified), so that a
// Traditional document's 劉俊義說 is reported speech too; names are keyed
// by their Simplified form and shown as written.
func attribute(doc *Document, fmSpeakers []string) {
	a := &attribution{doc: doc, known: map[string]*Person{}, roles: map[string][]string{}, affiliations: map[string][]string{}, credited: map[string]bool{}}
	a.texts = make([]string, len(doc.Passages))
	for i, p := range doc.Passages {
		a.texts[i] = simplified(p.Text)
	}
	for _, n := range fmSpeakers {
		a.add(simplified(n), n, "")
	}
	a.docSpeaker = a.documentSpeaker(fmSpeakers)
	// Reporters and photographers, when the name model can read them as
	// names (not a desk such as 成都日报锦观新闻).
	for _, r := range append(append([]string(nil), doc.Reporters...), doc.Photographers...) {
		if key := simplified(r); names.isName(key) || names.isForeignName(key) || looseListName(key) {
			if !a.isKnown(key) {
				a.credited[key] = true
			}
			a.add(key, r, "记者")
		}
	}
	a.collectPeople()
	a.findSpeech()
	a.findTurns()
	a.mentionPeople()
	a.chooseSpeakers()
}

// attribution is the state of attribute's steps over one document.
type attribution struct {
	doc   *Document
	texts []string // Simplified views of the passages, same byte offsets

	known        map[string]*Person  // Simplified name -> person as first written
	roles        map[string][]string // Simplified name -> every role written with it, in order
	order        []string            // known names, in the order met
	affiliations map[string][]string // name -> the affiliations written after it
	credited     map[string]bool     // names known only from the byline or photo credits

	docSpeaker string        // Simplified name of who speaks the whole document
	speech     [][]reference // subjects of the reported speech of each passage, in text order
	reportBy   []delivery    // who delivered a report, in the order of the text
	hasVerb    []bool        // the passage holds a verb of speech, whoever its subject
	turns      []turn        // press-conference turns, by passage
}

// turn is who speaks a passage of a transcript: set says a turn marker
// (韩文秀：, 记者：) or a turn carried on from one governs the passage;
// speaker is "" for nobody (a reporter's question).
type turn struct {
	set     bool
	speaker string
	bracket bool // from a marker on a line of its own (［康义］)
}

// bracketTurnRe is a turn marker on a line of its own, in full-width,
// ASCII or lenticular brackets: ［康义］, [主持人 寿小丽], 【记者】.
var bracketTurnRe = regexp.MustCompile(`^\s*[［\[【]\s*([^［\[【］\]】]{1,30}?)\s*[］\]】]\s*$`)

// bracketTurn is the head of a bracketed turn marker, if st is one.
func bracketTurn(st string) (string, bool) {
	m := bracketTurnRe.FindStringSubmatch(st)
	if m == nil {
		return "", false
	}
	return m[1], true
}

func isBracketLine(st string) bool { _, ok := bracketTurn(st); return ok }

// add records a person under its Simplified name; the first role seen
// sticks as the person's role, and every role is kept for short
// references (刘书记 for 大会执行主席刘建峰 named again as 区委书记刘建峰).
func (a *attribution) add(key, written, role string) {
	if key == "" {
		return
	}
	if role != "" && !slices.Contains(a.roles[key], role) {
		a.roles[key] = append(a.roles[key], role)
	}
	if p, ok := a.known[key]; ok {
		if p.Role == "" {
			p.Role = role
		}
		return
	}
	a.known[key] = &Person{Name: written, Role: role}
	a.order = append(a.order, key)
}

func (a *attribution) isKnown(key string) bool { return a.known[key] != nil }

// documentSpeaker is who speaks the whole document: a speaker already
// set (the metadata table's), one front-matter speaker, else the
// signature under a report's title or a proposal's 提案人. It sets
// doc.Speaker and its provenance, and marks the signature's passages.
func (a *attribution) documentSpeaker(fmSpeakers []string) string {
	sig := a.signature()
	if a.doc.Speaker != "" {
		key := simplified(a.doc.Speaker)
		a.add(key, a.doc.Speaker, "")
		return key
	}
	if len(fmSpeakers) == 1 {
		a.doc.Speaker = fmSpeakers[0]
		a.doc.setProvenance("speaker", SourceFrontMatter)
		return simplified(fmSpeakers[0])
	}
	if sig == "" {
		sig = a.author()
	}
	if len(fmSpeakers) == 0 && sig != "" {
		a.doc.Speaker = a.known[sig].Name
		a.doc.setProvenance("speaker", SourceText)
		return sig
	}
	return ""
}

// signature reads a report's signature between its title and its text,
// and returns the signer's Simplified name: a role and a name on one line
// (太原市人民政府市长　王强, 上海市人民政府市长　龚　正), a role line and a name
// line (国务院总理 / 李　强), or a name alone under the date line or the title
// (习近平 under （2022年10月16日）). Only an office signs: a deputy
// (人大代表　李强) or a reporter (本报记者　张伟) under the headline does not.
// The signature's passages become KindSignature and leave the subtitles.
func (a *attribution) signature() string {
	ps := a.doc.Passages
	for i := range ps {
		p := &ps[i]
		if p.Kind == KindLead || p.Kind == KindBody || p.Kind == KindList || p.Kind == KindSalutation {
			break
		}
		if !headLine(p.Kind) {
			continue
		}
		st := strings.TrimSpace(a.texts[i])
		if strings.HasSuffix(st, "：") || strings.HasSuffix(st, ":") {
			break // 各位代表：
		}
		written := strings.TrimSpace(p.Text)
		// A role and a name on one line.
		if role, name, ok := splitSignature(st); ok {
			w := joinSpaced(written[len(written)-len(name):])
			a.add(joinSpaced(name), w, strings.TrimSpace(written[:len(role)]))
			a.markSignature(i)
			return joinSpaced(name)
		}
		// A role line over a name line.
		if i+1 < len(ps) && isOfficeLine(st) && headLine(ps[i+1].Kind) {
			if name := joinSpaced(a.texts[i+1]); names.isName(name) {
				a.add(name, joinSpaced(ps[i+1].Text), written)
				a.markSignature(i)
				a.markSignature(i + 1)
				return name
			}
		}
		// A name alone under the date line or the title: 习近平 under
		// （2022年10月16日）, 毛伟明 under ——2025年1月12日在政协第十三届湖南省
		// 委员会第三次会议上 (the dates' own rule for a title block's line).
		if i > 0 && (ps[i-1].Kind == KindHeadline || isTitleBlockDateLine(dateText(strings.TrimSpace(ps[i-1].Text)))) {
			if name := joinSpaced(st); names.isName(name) && (name != st || utf8.RuneCountInString(name) >= 3) {
				a.add(name, joinSpaced(written), "")
				a.markSignature(i)
				return name
			}
		}
	}
	return ""
}

// author reads the line that names who a proposal or a speech is by,
// under its title: 提案人：张明远（市政协委员，市人民医院副院长）, 发言人：…;
// the line is the document's signature.
func (a *attribution) author() string {
	for i, p := range a.doc.Passages {
		if i > 6 {
			break
		}
		m := authorRe.FindStringSubmatchIndex(a.texts[i])
		if m == nil {
			continue
		}
		if name := a.texts[i][m[2]:m[3]]; names.isName(name) {
			a.add(name, p.Text[m[2]:m[3]], "")
			a.markSignature(i)
			return name
		}
	}
	return ""
}

var authorRe = regexp.MustCompile(`^(?:提案人|报告人|发言人|主讲人)[：:]\s*(\p{Han}{2,4}?)(?:[（(，,、\s]|$)`)

// headLine: a kind a line of a title block may have, a signature
// included (the layout may have marked it already).
func headLine(k Kind) bool {
	return k == KindSubheadline || k == KindLabel || k == KindSignature
}

// splitSignature splits a signature line into its role, ending in an
// office, and its name after alignment spaces: 太原市人民政府市长　王强,
// 上海市人民政府市长　龚　正, 国务院总理 李强.
func splitSignature(line string) (role, name string, ok bool) {
	cut := strings.IndexFunc(line, isSpace)
	if cut <= 0 {
		return "", "", false
	}
	role, name = line[:cut], strings.TrimSpace(line[cut:])
	if !isOfficeLine(role) || !names.isName(name) {
		return "", "", false
	}
	return role, name, true
}

// isOfficeLine: a line that is a role ending in an office (国务院总理,
// 大同市人民政府代市长), without spaces or punctuation.
func isOfficeLine(s string) bool {
	if n := utf8.RuneCountInString(s); n < 2 || n > 24 {
		return false
	}
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return names.offices.suffixAt(s, 0, len(s)) >= 0
}

func (a *attribution) markSignature(i int) {
	p := &a.doc.Passages[i]
	p.Kind = KindSignature
	for k, s := range a.doc.Subtitles {
		if s == p.Text {
			a.doc.Subtitles = append(a.doc.Subtitles[:k:k], a.doc.Subtitles[k+1:]...)
			break
		}
	}
}

// collectPeople finds the people a passage introduces: by a role
// (大会执行主席、主席团常务主席谷明主持…, 代市长刘俊义代表…), in an
// attendance list (张强、武健鹏、…在主席台前排就座), and with an affiliation
// that tells two of one name apart (丁国华（市人大）, 丁国华（市中院）).
func (a *attribution) collectPeople() {
	for i, p := range a.doc.Passages {
		st := a.texts[i]
		for _, rn := range names.roleNames(st) {
			role := p.Text[rn.role[0]:rn.role[1]]
			if roleIsContext(st[rn.role[0]:rn.role[1]]) {
				role = ""
			}
			a.add(st[rn.name[0]:rn.name[1]], p.Text[rn.name[0]:rn.name[1]], strings.TrimRight(role, "、 \u3000"))
		}
		for _, ref := range names.titledNames(st) {
			a.add(st[ref.start:ref.end], p.Text[ref.start:ref.end], p.Text[ref.end:ref.end+len(ref.role)])
		}
		for _, m := range affiliatedMatches(st) {
			if name := cleanListName(m[1]); names.isName(name) {
				a.affiliations[name] = appendString(a.affiliations[name], m[2])
			}
		}
		if p.Kind == KindList {
			for _, span := range listNames(st) {
				a.add(st[span[0]:span[1]], p.Text[span[0]:span[1]], "")
			}
		}
	}
}

// roleIsContext: a chain that is context, not a role: 在报告中, 他在讲话中.
func roleIsContext(r string) bool {
	return strings.HasPrefix(r, "在") || inContextRe.MatchString(r)
}

var inContextRe = regexp.MustCompile(`在\p{Han}*中`)

// affiliatedRe is a name with an affiliation in parentheses: 丁国华（市人大）.
var affiliatedRe = regexp.MustCompile(`(\p{Han}{2,4})（([\p{Han}]{1,8})）`)

func affiliatedMatches(st string) [][]string {
	if !strings.Contains(st, "（") {
		return nil
	}
	return affiliatedRe.FindAllStringSubmatch(st, -1)
}

// listNames reads the names of an attendance list as byte spans of text:
// 张强、武健鹏、…、丁国华（市人大）、…、王玺在主席台前排就座 and
// 在主会场出席会议的还有：刘美、杨素卿、苏智、王凤瑞及大会主席团其他成员. An entry
// is a name by the name model; in a list where most entries are, an entry
// whose family name the table lacks (拜海涛) is one too, if its
// characters could be a name's.
func listNames(text string) [][2]int {
	base := 0
	if i := strings.IndexAny(text, "：:"); i >= 0 {
		_, size := utf8.DecodeRuneInString(text[i:])
		base = i + size
	}
	type entry struct {
		span   [2]int
		strict bool
	}
	var entries []entry
	strict := 0
	for base <= len(text) {
		end := strings.Index(text[base:], "、")
		seg := text[base:]
		if end >= 0 {
			seg = text[base : base+end]
		}
		lead := len(seg) - len(strings.TrimLeft(seg, " \u3000"))
		n := cleanListName(seg)
		if at := strings.Index(seg[lead:], n); n != "" && at >= 0 {
			e := entry{span: [2]int{base + lead + at, base + lead + at + len(n)}, strict: names.isName(n)}
			if e.strict {
				strict++
				entries = append(entries, e)
			} else if looseListName(n) {
				entries = append(entries, e)
			}
		}
		if end < 0 {
			break
		}
		base += end + len("、")
	}
	var out [][2]int
	for _, e := range entries {
		if e.strict || strict >= 3 && 2*strict >= len(entries) {
			out = append(out, e.span)
		}
	}
	return out
}

// looseListName: two or three characters that could be a name's, though
// the family name is not in the table.
func looseListName(s string) bool {
	n := utf8.RuneCountInString(s)
	return n >= 2 && n <= 3 && names.givenRunOK(s) && !names.instEnds[lastRune(s)] && isHan(firstRune(s))
}

var listCut = regexp.MustCompile(`（.*$|\(.*$|等.*$|及.*$|在.*$|分别.*$|出席.*$|列席.*$|[，。；].*$`)

// cleanListName is a list entry without its role and what follows the
// name: 大会执行主席张强 → 张强, 王玺在主席台前排就座 → 王玺.
func cleanListName(seg string) string {
	seg = strings.TrimSpace(seg)
	seg = listCut.ReplaceAllString(seg, "")
	for i := len(seg); i > 0; {
		if k := names.roles.suffixAt(seg, 0, i); k >= 0 && i < len(seg) {
			return seg[i:]
		}
		_, n := utf8.DecodeLastRuneInString(seg[:i])
		i -= n
	}
	return seg
}

// findSpeech reads each passage's reported speech: a verb of speech
// (说, 指出, 强调, 表示, 建议, 回应说, …, and 作…报告) and the subject the
// name model finds before it. Subjects the model rejects (应该指出,
// 国务院认为, 从严治党要求, 在座谈会上说) are no utterance at all.
func (a *attribution) findSpeech() {
	a.reportBy = a.deliverers()
	a.speech = make([][]reference, len(a.doc.Passages))
	a.hasVerb = make([]bool, len(a.doc.Passages))
	for i, p := range a.doc.Passages {
		if p.Kind == KindHeadline || p.Kind == KindSubheadline || p.Kind == KindSignature {
			continue
		}
		st := a.texts[i]
		verbs := speechVerbsIn(st)
		a.hasVerb[i] = len(verbs) > 0
		for _, v := range verbs {
			ref, ok := names.subject(st, v, a.isKnown)
			if !ok {
				ref, ok = chainedSubject(st, v)
			}
			if !ok {
				continue
			}
			if ref.kind == refName {
				a.add(st[ref.start:ref.end], p.Text[ref.start:ref.end], ref.role)
			}
			if n := len(a.speech[i]); n > 0 && a.speech[i][n-1].start == ref.start {
				continue // 强调指出: one subject, two verbs
			}
			a.speech[i] = append(a.speech[i], ref)
		}
	}
}

// chainedSubject is the subject a verb of speech right after a comma takes
// from the clause before it, in the same sentence, when that clause opens
// with a role and a name and names no one else: 省委书记沈晓明对政协工作作出
// 批示，要求更好发挥专门协商机构作用 is 沈晓明's. A clause that opens with
// anything else (会议由王强主持，强调…, 今年，要求…) gives no subject, nor does
// one that names two people (王强陪同市长李明视察，指出…).
func chainedSubject(s string, verb int) (reference, bool) {
	before := strings.TrimRight(s[:verb], " ")
	if !strings.HasSuffix(before, "，") && !strings.HasSuffix(before, ",") {
		return reference{}, false
	}
	_, n := utf8.DecodeLastRuneInString(before)
	end := len(before) - n
	start := 0
	if k := strings.LastIndexAny(before[:end], clausePunct); k >= 0 {
		_, size := utf8.DecodeRuneInString(before[k:])
		start = k + size
	}
	clause := before[start:end]
	rns := names.roleNames(clause)
	if len(rns) != 1 || strings.TrimSpace(clause[:rns[0].role[0]]) != "" {
		return reference{}, false
	}
	rn := rns[0]
	return reference{kind: refName, start: start + rn.name[0], end: start + rn.name[1], role: clause[rn.role[0]:rn.role[1]], strong: true}, true
}

// speechVerbsIn are the byte offsets of the verbs of speech in s: a verb
// before punctuation, 说 or 道 (说明 and 讲究 are not speech, nor is
// 介绍有关情况 or 讲了话); one that takes a clause (强调要…,
// speech_verbs.txt) also before words, unless a noun ending follows it
// (要求的, 讲话中).
func speechVerbsIn(s string) []int {
	var out []int
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		n := names.speech.prefixAt(s, i)
		if n == 0 {
			i += size
			continue
		}
		next := firstRune(s[i+n:])
		switch {
		case n == size && strings.ContainsRune(endsOtherWord[s[i:i+n]], lastRune(s[:i])):
			// 演讲, 声称, 据说, 换句话说, 正如…所说: the character ends
			// another word, and no one speaks. (来说 is left to the name
			// model: 严格来说 is no one, 周恩来说 is.)
		case i+n == len(s) || strings.ContainsRune(clausePunct, next) || next == '道' || n > size && next == '说':
			out = append(out, i)
		case names.takesClause.has(s[i:i+n]) && !strings.ContainsRune("的人者稿中权书案精时", next):
			out = append(out, i)
		}
		i += n
	}
	return out
}

// delivery is a report delivered in passage n by person (a Simplified
// name).
type delivery struct {
	n      int
	person string
}

// endsOtherWord are, for a verb of one character, the characters before
// it that make it the end of another word.
var endsOtherWord = map[string]string{
	"说": "所听据传小学虽者如话该当",
	"讲": "演宣开主听",
	"称": "声号简统自俗堪",
	"答": "解问",
}

// deliverers finds who delivered a report in the document (代市长刘俊义
// …向大会作工作报告, 市长龚正作政府工作报告): the person 报告指出 stands for.
func (a *attribution) deliverers() []delivery {
	var out []delivery
	for i, p := range a.doc.Passages {
		if p.Kind == KindHeadline || p.Kind == KindSubheadline {
			continue
		}
		st := a.texts[i]
		for off := 0; ; {
			k := strings.Index(st[off:], "作")
			if k < 0 {
				break
			}
			at := off + k
			off = at + len("作")
			end := len(st)
			if e := strings.IndexAny(st[at:], "。；！？"); e >= 0 {
				end = at + e
			}
			if !strings.Contains(st[at:end], "报告") || strings.ContainsRune("工合协创写操动运著制", lastRune(st[:at])) {
				continue
			}
			ref, ok := names.subject(st, at, a.isKnown)
			if !ok {
				// 国务院总理李强代表国务院，向大会作政府工作报告: the subject
				// ends the clause before.
				if c := strings.LastIndex(st[:at], "，"); c > 0 && !strings.ContainsAny(st[c:at], "。；") {
					ref, ok = names.subject(st, c, a.isKnown)
				}
			}
			if ok && ref.kind == refName {
				a.add(st[ref.start:ref.end], p.Text[ref.start:ref.end], ref.role)
				out = append(out, delivery{i, st[ref.start:ref.end]})
			}
		}
	}
	return out
}

// findTurns reads a transcript's turns: a paragraph opening with a name,
// or a role and a name, and a colon (韩文秀：…, 国家发展改革委主任郑栅洁：…,
// 主持人 寿小丽：) is spoken by that person; 记者：, 中央广播电视总台记者：
// and 问： by nobody; 答： by the person announced to answer questions,
// when there is exactly one. A paragraph with no marker of its own goes
// on with the last turn. A document is a transcript when it has two turns
// at least.
func (a *attribution) findTurns() {
	a.turns = make([]turn, len(a.doc.Passages))
	answerer := ""
	for _, st := range a.texts {
		if strings.HasPrefix(st, "答：") || strings.HasPrefix(st, "答:") {
			answerer = a.announcedAnswerer()
			break
		}
	}
	// Markers first; a document is a transcript when two passages open
	// with one and one of them is a question or a named speaker the
	// document knows or gives a role (a proposal's 原因：, 方法： are not
	// turns). A bare name of two characters takes a turn only where
	// questions are asked.
	markers := make([]marker, len(a.doc.Passages))
	count, questions, strong := 0, 0, 0
	for i, p := range a.doc.Passages {
		if p.Kind == KindHeadline || p.Kind == KindSubheadline || p.Kind == KindSignature || p.Kind == KindCaption || p.Kind == KindCredit {
			continue
		}
		st, written := a.texts[i], p.Text
		bracket := false
		if head, ok := bracketTurn(st); ok {
			// ［康义］ on a line of its own, the State Council Information
			// Office's transcripts: read as 康义：, the turn starting with the
			// next paragraph.
			// The Simplified view keeps byte offsets: the same pattern
			// reads the head as written.
			wh, _ := bracketTurn(written)
			st, written, bracket = head+"：", wh+"：", true
		}
		if k := strings.IndexAny(st, "：:"); k < 0 || k > 3*30 {
			continue
		}
		if m, ok := a.turnMarker(st, written, answerer); ok {
			m.bracket = bracket
			markers[i] = m
			count++
			switch {
			case m.question:
				questions++
			case m.strong:
				strong++
			}
		}
	}
	if count < 2 || questions+strong == 0 {
		return
	}
	for i, m := range markers {
		switch {
		case !m.set:
		case m.key != "" && (m.strong || questions > 0 || utf8.RuneCountInString(m.key) >= 3):
			a.add(m.key, m.written, m.role)
			a.turns[i] = turn{set: true, speaker: m.key, bracket: m.bracket}
		case m.key == "":
			a.turns[i] = turn{set: true, speaker: m.speaker, bracket: m.bracket}
		}
	}
	// A paragraph with no marker goes on with the last turn (an answer of
	// several paragraphs), until one that reports speech of its own: the
	// text is the reporter's again (与会人士普遍认为…, 副市长李明于近日表示…).
	// A bracketed marker is a line of its own that speaks nothing itself,
	// and everything up to the next marker is the turn's: a transcript of
	// that form holds no reporter's text.
	var cur *turn
	for i, p := range a.doc.Passages {
		switch {
		case a.turns[i].set && a.turns[i].bracket:
			t := a.turns[i]
			cur = &t
			a.turns[i] = turn{set: true}
		case a.turns[i].set:
			cur = &a.turns[i]
		case isBracketLine(a.texts[i]):
			cur = nil // 【编者按】: a bracketed line that is no turn ends one
		case a.hasVerb[i] && (cur == nil || !cur.bracket):
			cur = nil
		case cur != nil && (p.Kind == KindBody || p.Kind == KindLead):
			a.turns[i] = *cur
		}
	}
}

// marker is the turn a passage opens with: a question (问：, 记者：),
// an answer (答：) or a person by name (key, as written, with the role
// before the name); strong when the person is known or has a role.
type marker struct {
	set, question, strong bool
	bracket               bool   // on a line of its own: ［康义］
	speaker               string // who speaks, for 答： and 主持人：
	key, written, role    string // the named person
}

// turnMarker reads the marker a passage opens with, if any.
func (a *attribution) turnMarker(st, written, answerer string) (marker, bool) {
	colon := strings.IndexAny(st, "：:")
	if colon <= 0 || utf8.RuneCountInString(st[:colon]) > 30 {
		return marker{}, false
	}
	head := strings.TrimSpace(st[:colon])
	// A chain of roles joined by 、 may stand before the name
	// (全国政协委员、中国科学院院士周建平：谢谢你的提问。, a 委员通道 turn); any
	// other punctuation means the colon ends a clause, not a speaker's name
	// (他说：, 会议强调：).
	if strings.ContainsAny(strings.ReplaceAll(head, "、", ""), clausePunct) {
		return marker{}, false
	}
	switch {
	case strings.HasSuffix(head, "问") || strings.HasSuffix(head, "记者"):
		// 问：, 记者问：, 提问：, 中央广播电视总台记者：
		return marker{set: true, question: true}, true
	case head == "答":
		return marker{set: true, strong: answerer != "", speaker: answerer}, true
	}
	// The name at the end of the head, after its role if any.
	for k := 0; k < len(head); {
		rest := joinSpaced(head[k:])
		roled := k > 0 && names.roleEndingAt(head, 0, skipSpacesBack(head, 0, k)) >= 0
		if k == 0 || roled {
			known := a.known[rest] != nil
			if known || names.isName(rest) || roled && names.isForeignName(rest) {
				m := marker{set: true, strong: known || roled, key: rest}
				if roled {
					m.role = strings.TrimSpace(written[:k])
				}
				wk := strings.Index(written, strings.TrimSpace(written[k:colon]))
				m.written = joinSpaced(strings.TrimSpace(written[max(wk, k):colon]))
				return m, true
			}
		}
		_, n := utf8.DecodeRuneInString(head[k:])
		k += n
	}
	// A role alone (主持人：) is the one person introduced with it, if any.
	if names.roles.has(head) {
		who := a.uniqueWithRole(head)
		return marker{set: true, strong: who != "", speaker: who}, true
	}
	return marker{}, false
}

// announcedAnswerer is the person a press conference announced to answer
// questions (国家发展改革委主任郑栅洁…介绍…并答记者问), when exactly one
// person is named where the answering is announced.
func (a *attribution) announcedAnswerer() string {
	found := ""
	for i, p := range a.doc.Passages {
		st := a.texts[i]
		if !answerRe.MatchString(st) {
			continue
		}
		for _, rn := range names.roleNames(st) {
			key := st[rn.name[0]:rn.name[1]]
			if found != "" && found != key {
				return ""
			}
			found = key
			a.add(key, p.Text[rn.name[0]:rn.name[1]], strings.TrimSpace(p.Text[rn.role[0]:rn.role[1]]))
		}
	}
	return found
}

var answerRe = regexp.MustCompile(`答记者问|答问|答记者|回答\p{Han}{0,8}(?:提问|问题)|^发布人|接受\p{Han}{0,8}采访`)

// uniqueWithRole is the one known person whose role ends in role, "" if
// none or several.
func (a *attribution) uniqueWithRole(role string) string {
	found := ""
	for _, key := range a.order {
		r := a.known[key].Role
		if strings.HasSuffix(r, role) && !strings.HasSuffix(r, "副"+role) {
			if found != "" {
				return ""
			}
			found = key
		}
	}
	return found
}

// mentionPeople lists the people of each passage: every known name it
// contains. A name held by two people (丁国华（市人大）, 丁国华（市中院）)
// is told apart by the affiliation written after it.
func (a *attribution) mentionPeople() {
	byLength := append([]string(nil), a.order...)
	sort.SliceStable(byLength, func(i, j int) bool { return len(byLength[i]) > len(byLength[j]) })
	for i := range a.doc.Passages {
		p, st := &a.doc.Passages[i], a.texts[i]
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
			for _, aff := range a.affiliations[key] {
				if j := strings.Index(st, key+"（"+aff+"）"); j >= 0 {
					found = append(found, mention{j, Person{Name: written, Affiliation: aff}})
					affiliated = true
				}
			}
			if !affiliated {
				found = append(found, mention{at, Person{Name: written, Role: a.known[key].Role}})
			}
		}
		// In the order of the text, as a reader meets them.
		sort.SliceStable(found, func(i, j int) bool { return found[i].at < found[j].at })
		for _, m := range found {
			p.People = appendPerson(p.People, m.person)
		}
	}
}

// chooseSpeakers sets each passage's speaker: a transcript's turn; else
// the first utterance whose subject resolves to a person; else, when the
// passage reports no one, the document's speaker. A short reference
// that resolves to no one (周总理 in a document that never names him)
// leaves the passage with no speaker.
func (a *attribution) chooseSpeakers() {
	last := "" // the person 他 or 她 stands for
	for i := range a.doc.Passages {
		p, st := &a.doc.Passages[i], a.texts[i]
		switch p.Kind {
		case KindHeadline, KindSubheadline, KindCaption, KindCredit, KindSalutation, KindSignature:
			continue
		case KindLabel:
			// A short line that is a clause opening a list (报告提出，今年
			// 发展主要预期目标是：, 一年来，我们重点做了以下工作：) is text, not
			// a section label (两会影像, 一、2023年工作回顾).
			if !clauseLine(st) {
				continue
			}
		}
		speaker, reported := "", false
		if t := a.turns[i]; t.set {
			// 韩文秀：… is his, whoever he quotes; a paragraph carried on
			// from a turn has no verb of speech of its own.
			speaker, reported = t.speaker, true
		} else {
			// The first subject that stands for a person; a subject that
			// stands for no one (周总理 never introduced) still reports
			// someone, so the document's speaker does not speak here.
			for _, ref := range a.speech[i] {
				reported = true
				if speaker = a.resolve(ref, st, last, i); speaker != "" {
					break
				}
			}
		}
		if !reported && a.known[a.docSpeaker] != nil && spokenText(st) {
			// The document's speaker speaks a work report's own text
			// (过去一年，我们…) wherever no one else is reported.
			speaker = a.docSpeaker
		}
		if speaker != "" && a.known[speaker] != nil {
			p.Speaker = a.known[speaker].Name
			p.SpeakerRole = a.known[speaker].Role
			last = speaker
		} else if mentioned := a.lastPerson(st); mentioned != "" {
			// 他说 in a later passage refers to the last person named.
			last = mentioned
		}
	}
}

// clauseLine: a line that holds a clause and opens what follows it: a
// comma inside, a colon at the end.
func clauseLine(st string) bool {
	st = strings.TrimSpace(st)
	return strings.ContainsAny(st, "，,") && strings.ContainsRune("：:", lastRune(st))
}

// spokenText: a passage that the document's speaker speaks when it
// reports no one else: a sentence, not a form of address (各位代表！,
// 同志们：), a heading (十五、坚定不移全面从严治党，…, with no sentence end)
// or an editor's note in parentheses (（本文据杭州日报刊发的政府工作报告摘编）).
func spokenText(st string) bool {
	st = strings.TrimSpace(st)
	last := lastRune(st)
	// A closing bracket ends a note ((本文据…摘编）), not speech.
	if !strings.ContainsRune(sentenceEnds+"…”’：:", last) {
		return false
	}
	if n := utf8.RuneCountInString(st); n <= 16 && !strings.ContainsAny(st, "，。,") && strings.ContainsRune("！!：:", last) {
		return false
	}
	first := firstRune(st)
	if (first == '（' || first == '(') && (strings.HasSuffix(st, "）。") || strings.HasSuffix(st, ")。")) {
		return false
	}
	// A note set after the text (附：本提案由刘晓红委员领衔，另有5名委员联名。,
	// 注：…, 编者按：…) is the editor's or the clerk's, not the signer's.
	for _, w := range []string{"附：", "附:", "注：", "注:", "编者按", "编者注"} {
		if strings.HasPrefix(st, w) {
			return false
		}
	}
	// A numbered heading of one short sentence on its own line
	// (（二）着力抓改革开放，发展活力不断增强。) heads a section; a numbered
	// paragraph that goes on (（一）坚持党的全面领导，确保人大工作正确政治方向。
	// 五年来，…) is the report's text.
	if startsNewItem(st) && utf8.RuneCountInString(st) <= 30 && strings.IndexAny(strings.TrimRight(st, stops), sentenceEnds) < 0 {
		return false
	}
	return true
}

// resolve is the person the subject of reported speech stands for, "" if none:
// a name is itself; 他 or 她 is the last person named before it in the
// passage, or before the passage; 周总理 is the one person of that family
// name and office the document introduced; 总书记 or 该委员 the one person
// (or the last named) with that role.
func (a *attribution) resolve(ref reference, st, last string, passage int) string {
	switch ref.kind {
	case refName:
		return st[ref.start:ref.end]
	case refPronoun:
		if before := a.lastPerson(st[:ref.start]); before != "" {
			return before
		}
		return last
	case refShort:
		return a.shortReference(ref, passage)
	case refReport:
		// The one who delivered the last report before (李强…作政府工作报告。
		// 报告提出…), else the document's own speaker (a summary of the
		// report with a front-matter speaker).
		found := ""
		for _, d := range a.reportBy {
			if d.n <= passage {
				found = d.person
			}
		}
		if found == "" && len(a.reportBy) == 0 {
			found = a.docSpeaker
		}
		return found
	case refRole:
		if strings.HasPrefix(st[ref.start:], "该") {
			return a.lastWithRole(ref.role, passage, ref.start)
		}
		return a.uniqueWithRole(ref.role)
	}
	return ""
}

// shortReference resolves 周总理, 刘书记, 张委员: the one person of that
// family name, named before the reference, with a role ending in the
// title (区委书记 for 书记, never 副书记 for 书记; each role of a chain such as
// 省政协委员、南京大学教授). 省政协委员、南京大学教授张丽华说… / 张委员说 is 张丽华,
// although 张建国委员 speaks two paragraphs later; after 国务院总理李强 and
// 国务院总理李鹏, 李总理 stands for no one.
func (a *attribution) shortReference(ref reference, passage int) string {
	named := func(key string) bool {
		if strings.Contains(a.texts[passage][:ref.start], key) {
			return true
		}
		for _, t := range a.texts[:passage] {
			if strings.Contains(t, key) {
				return true
			}
		}
		return false
	}
	found := ""
	for _, key := range a.order {
		if !strings.HasPrefix(key, ref.family) || key == ref.family || !a.hasRoleEnding(key, ref.role) || !named(key) {
			continue
		}
		if found != "" {
			return ""
		}
		found = key
	}
	return found
}

// hasRoleEnding reports whether key was written with a role ending in
// title, and not in 副 and title.
func (a *attribution) hasRoleEnding(key, title string) bool {
	for _, chain := range a.roles[key] {
		// Roles are kept as written: 縣委書記 is compared as 县委书记.
		for _, r := range strings.Split(simplified(chain), "、") {
			if strings.HasSuffix(r, title) && !strings.HasSuffix(r, "副"+title) {
				return true
			}
		}
	}
	return false
}

// lastWithRole is the person with the role last named before byte at of
// the passage: 该委员 after 全国政协委员王芳.
func (a *attribution) lastWithRole(role string, passage, at int) string {
	best, bestAt := "", -1
	for _, key := range a.order {
		if r := a.known[key].Role; strings.HasSuffix(r, role) {
			if k := strings.LastIndex(a.texts[passage][:at], key); k > bestAt {
				best, bestAt = key, k
			}
		}
	}
	if best != "" {
		return best
	}
	for i := passage - 1; i >= 0; i-- {
		ps := a.doc.Passages[i].People
		for k := len(ps) - 1; k >= 0; k-- {
			if strings.HasSuffix(ps[k].Role, role) {
				return simplified(ps[k].Name)
			}
		}
	}
	return ""
}

// lastPerson is the person 他 or 她 may stand for in text: the known name
// that stands last in it, leaving out the reporters and photographers of
// the credits. 新华社莫斯科3月13日电（记者 刘恺 黄河）俄罗斯总统普京13日… / 他表示，…
// is 普京: a byline names who wrote the report, never whom it quotes.
func (a *attribution) lastPerson(text string) string {
	best, at := "", -1
	for _, n := range a.order {
		if a.credited[n] {
			continue
		}
		if i := strings.LastIndex(text, n); i > at {
			best, at = n, i
		}
	}
	return best
}

func appendPerson(list []Person, p Person) []Person {
	for _, have := range list {
		if have.Key() == p.Key() {
			return list
		}
	}
	return append(list, p)
}

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
