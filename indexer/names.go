package indexer

import (
	"embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The name model: who a span of text names, read from the evidence around
// it. A Han name is a family name (surnames.txt, single or compound)
// followed by one or two given-name characters; a transliterated or
// minority name (克林顿, 买买提·艾力) is a run of transliteration characters
// taken whole. Either is a name only where its boundaries are supported: a
// role before it (县长王建国), the start of a clause, and after it a verb,
// an adverbial, a role (周恩来总理) or punctuation. The word lists are
// data (indexer/data/*.txt), so that a reader can review and extend them
// without reading Go.

//go:embed data/surnames.txt data/roles.txt data/offices.txt data/speech_verbs.txt data/session_verbs.txt data/adverbials.txt data/time_words.txt data/not_given.txt data/institution_ends.txt data/not_speakers.txt data/translit.txt data/honorifics.txt data/foreign_places.txt data/japanese_surnames.txt data/short_titles.txt data/common_surnames.txt
var nameData embed.FS

// names is the model built from the data files, once: it is read-only.
var names = loadNameModel()

// nameModel holds the word lists of the name model.
type nameModel struct {
	surnames map[rune]bool   // single-character family names
	compound map[string]bool // two-character family names: 欧阳, 诸葛
	translit map[rune]bool   // characters of transliterated names, and ·
	notGiven map[rune]bool   // never in a given name: 的, 该, 地, 调, 候
	instEnds map[rune]bool   // end an institution or place: 院, 委, 局, 省

	roles       wordSet // titles before or after a name, offices included
	offices     wordSet // titles that sign a report
	shortTitles wordSet // offices and the titles of short_titles.txt: 刘书记, 张委员
	speech      wordSet // verbs of reported speech
	takesClause wordSet // speech verbs that take what is said without punctuation
	session     wordSet // verbs of a session: end a name, name no speaker
	adverbials  wordSet // open an adverbial between subject and verb
	timeWords   wordSet
	notSpeakers wordSet
	honorifics  wordSet       // titles after a name that mark even two characters
	places      wordSet       // countries and regions: 巴西, 哈萨克斯坦
	japanese    map[rune]bool // first characters of Japanese family names
	common      map[rune]bool // the most common family names: two of them open a four-character name
}

// wordSet is a list of words, looked up by the position where a word
// starts or ends in a text.
type wordSet struct {
	words         map[string]bool
	maxBytes      int
	firsts, lasts map[rune]bool // the first and last runes of the words
}

func newWordSet(words []string) wordSet {
	w := wordSet{words: map[string]bool{}, firsts: map[rune]bool{}, lasts: map[rune]bool{}}
	for _, s := range words {
		w.words[s] = true
		w.maxBytes = max(w.maxBytes, len(s))
		r, _ := utf8.DecodeRuneInString(s)
		w.firsts[r] = true
		r, _ = utf8.DecodeLastRuneInString(s)
		w.lasts[r] = true
	}
	return w
}

func (w wordSet) has(s string) bool { return w.words[s] }

// prefixAt is the byte length of the longest word of w that starts at
// byte i of s, 0 if none.
func (w wordSet) prefixAt(s string, i int) int {
	if i >= len(s) || !w.firsts[firstRune(s[i:])] {
		return 0
	}
	for n := min(w.maxBytes, len(s)-i); n > 0; n-- {
		if (i+n == len(s) || utf8.RuneStart(s[i+n])) && w.words[s[i:i+n]] {
			return n
		}
	}
	return 0
}

// suffixAt is the start of the longest word of w that ends at byte i of
// s, not before from; -1 if none.
func (w wordSet) suffixAt(s string, from, i int) int {
	if i <= from || !w.lasts[lastRune(s[:i])] {
		return -1
	}
	for k := max(from, i-w.maxBytes); k < i; k++ {
		if utf8.RuneStart(s[k]) && w.words[s[k:i]] {
			return k
		}
	}
	return -1
}

// dataLines reads a data file of the name model (see embeddedList).
func dataLines(name string) []string {
	raw, err := nameData.ReadFile("data/" + name)
	if err != nil {
		panic(err) // embedded: cannot happen
	}
	return embeddedList(string(raw))
}

// dataRunes reads a data file of characters, many to a line.
func dataRunes(name string) map[rune]bool { return runeSet(dataLines(name)) }

// runeSet holds the characters of lines, spaces left out.
func runeSet(lines []string) map[rune]bool {
	m := map[rune]bool{}
	for _, line := range lines {
		for _, r := range line {
			if !unicode.IsSpace(r) {
				m[r] = true
			}
		}
	}
	return m
}

func loadNameModel() *nameModel {
	m := &nameModel{
		surnames: map[rune]bool{},
		compound: map[string]bool{},
		translit: dataRunes("translit.txt"),
		notGiven: dataRunes("not_given.txt"),
		instEnds: dataRunes("institution_ends.txt"),
	}
	for _, line := range dataLines("surnames.txt") {
		// A line of two characters is a compound name; the lines of
		// single names run longer.
		if utf8.RuneCountInString(line) == 2 {
			m.compound[line] = true
			continue
		}
		for _, r := range line {
			m.surnames[r] = true
		}
	}
	offices := dataLines("offices.txt")
	m.offices = newWordSet(offices)
	m.roles = newWordSet(append(dataLines("roles.txt"), offices...))
	m.shortTitles = newWordSet(append(dataLines("short_titles.txt"), offices...))
	var verbs, clause []string
	for _, line := range dataLines("speech_verbs.txt") {
		f := strings.Fields(line)
		verbs = append(verbs, f[0])
		if len(f) > 1 && f[1] == "+" {
			clause = append(clause, f[0])
		}
	}
	m.speech = newWordSet(verbs)
	m.takesClause = newWordSet(clause)
	m.session = newWordSet(dataLines("session_verbs.txt"))
	m.adverbials = newWordSet(dataLines("adverbials.txt"))
	m.timeWords = newWordSet(dataLines("time_words.txt"))
	m.notSpeakers = newWordSet(dataLines("not_speakers.txt"))
	m.honorifics = newWordSet(dataLines("honorifics.txt"))
	m.places = newWordSet(dataLines("foreign_places.txt"))
	m.japanese = dataRunes("japanese_surnames.txt")
	m.common = dataRunes("common_surnames.txt")
	return m
}

// isSurname reports whether r is a single-character family name.
func (m *nameModel) isSurname(r rune) bool { return m.surnames[r] }

// isHan: a CJK unified ideograph of the basic block or extension A.
func isHan(r rune) bool { return r >= 0x3400 && r <= 0x9FFF }

// familyAt is the byte length of the family name starting at byte i of
// s: compound names are tried first (欧阳 before 欧). It returns the
// lengths that apply, longest first, and how many there are.
func (m *nameModel) familyAt(s string, i int) (out [2]int, n int) {
	r, size := utf8.DecodeRuneInString(s[i:])
	if i+size < len(s) {
		_, n2 := utf8.DecodeRuneInString(s[i+size:])
		if m.compound[s[i:i+size+n2]] {
			out[n] = size + n2
			n++
		}
	}
	if m.surnames[r] {
		out[n] = size
		n++
	}
	return out, n
}

// givenOK: a given name of one or two characters (three after a compound
// family name is not allowed), none of them a character that never
// appears in one, the last not an institution's ending, and the whole
// neither a time word nor an adverb (于近日, 委员普遍认为).
func (m *nameModel) givenOK(given string) bool {
	n := 0
	for _, r := range given {
		if !isHan(r) || m.notGiven[r] {
			return false
		}
		n++
	}
	if n < 1 || n > 2 {
		return false
	}
	// 哈方愿同中方一道, 韩方表示: 方 after a country's first character is
	// its side in a talk, not a given name.
	if strings.HasPrefix(given, "方") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(given)
	if m.instEnds[last] {
		return false
	}
	return !m.timeWords.has(given) && !m.adverbials.has(given) && m.roles.prefixAt(given, 0) == 0
}

// wordOK: the whole candidate is not a word that is never a name, nor a
// place.
func (m *nameModel) wordOK(name string) bool {
	if n := m.timeWords.prefixAt(name, 0); n > 0 {
		return false // 连日来
	}
	// A name does not open with a word that is never one: 文章中说,
	// 居民王女士说, 贺信中说.
	if n := m.notSpeakers.prefixAt(name, 0); n > 0 && n < len(name) {
		return false
	}
	// A division of China, in full or short (山西, 张家口, 和田): the
	// gazetteer's places are no one (山西代表团团长说, 张家口市长表示).
	if g := places(); len(g.byName[name]) > 0 || len(g.byShort[name]) > 0 {
		return false
	}
	return !m.notSpeakers.has(name) && !m.adverbials.has(name) &&
		!m.places.has(name) && !strings.HasSuffix(name, "斯坦") && m.roles.suffixAt(name, 0, len(name)) < 0
}

// nameEnds are the byte ends of the candidate names at one position,
// longest first; a fixed array, so that looking costs no allocation.
type nameEnds struct {
	e [4]int
	n int
}

func (x *nameEnds) list() []int { return x.e[:x.n] }

// hanNameEnds are the byte ends of the Han names that may start at byte
// i of s and end by limit: family name plus one or two given characters,
// longest first.
func (m *nameModel) hanNameEnds(s string, i, limit int) nameEnds {
	var out nameEnds
	fam, nf := m.familyAt(s, i)
	for _, fl := range fam[:nf] {
		e := i + fl
		for k := 0; k < 2 && e < limit; k++ {
			_, n := utf8.DecodeRuneInString(s[e:])
			e += n
			if e > limit {
				break
			}
			// 谢谢 and 常常 repeat a character: words, not names.
			if m.givenOK(s[i+fl:e]) && m.wordOK(s[i:e]) && !(e-i == 2*fl && s[i:i+fl] == s[i+fl:e]) {
				out.e[out.n] = e
				out.n++
			}
		}
	}
	// Longest first.
	for a := 1; a < out.n; a++ {
		for b := a; b > 0 && out.e[b] > out.e[b-1]; b-- {
			out.e[b], out.e[b-1] = out.e[b-1], out.e[b]
		}
	}
	return out
}

// isHanName reports whether s as a whole is a Han name.
func (m *nameModel) isHanName(s string) bool {
	ends := m.hanNameEnds(s, 0, len(s))
	for _, e := range ends.list() {
		if e == len(s) {
			return true
		}
	}
	return false
}

// isForeignName reports whether s as a whole is a transliterated or
// minority name: two to sixteen transliteration characters, a middle dot
// only between parts (买买提·艾力).
func (m *nameModel) isForeignName(s string) bool {
	n := 0
	prevDot := true
	dotted := strings.ContainsRune(s, '·')
	for _, r := range s {
		// A dotted name (阿沛·阿旺晋美, 班禅额尔德尼·确吉坚赞) may hold any
		// character a name may.
		if !m.translit[r] && !(dotted && isHan(r) && !m.notGiven[r]) {
			return false
		}
		dot := r == '·'
		if dot && prevDot {
			return false
		}
		prevDot = dot
		n++
	}
	// Each part of a dotted name is short: 艾尔肯·买买提作政府工作报告 is a
	// headline.
	for _, part := range strings.Split(s, "·") {
		if utf8.RuneCountInString(part) > 6 {
			return false
		}
	}
	return n >= 2 && n <= 16 && !prevDot && m.wordOK(s)
}

// isName reports whether s, standing alone (a list entry, a signature
// line, a press-conference turn), is a person's name. Alignment spaces
// are removed first (李　强, 习　近　平).
func (m *nameModel) isName(s string) bool {
	s = joinSpaced(s)
	return m.isHanName(s) || (strings.ContainsRune(s, '·') && m.isForeignName(s))
}

// joinSpaced removes the alignment spaces inside a name set on a line of
// its own: 李　强 → 李强, 习　近　平 → 习近平, 龚 正 → 龚正. Text that is not
// a run of at most four Han characters once the spaces are gone is
// returned trimmed, spaces kept.
func joinSpaced(s string) string {
	s = strings.TrimSpace(s)
	if strings.IndexFunc(s, isSpace) < 0 {
		return s
	}
	var b strings.Builder
	n := 0
	for _, r := range s {
		switch {
		case isSpace(r):
			continue
		case isHan(r) || r == '·':
			n++
			b.WriteRune(r)
		default:
			return s
		}
	}
	if n > 4 && !strings.ContainsRune(s, '·') {
		return s
	}
	return b.String()
}

// isSpace: the alignment spaces of a signature.
func isSpace(r rune) bool { return r == ' ' || r == '\u3000' || r == '\t' || r == '\u00a0' }

// clausePuncts holds clausePunct by rune.
var clausePuncts = func() map[rune]bool {
	m := map[rune]bool{}
	for _, r := range clausePunct {
		m[r] = true
	}
	return m
}()

// refKind says how a subject names its person.
type refKind int

const (
	refName    refKind = iota // by name: 李强, 克林顿
	refShort                  // by family name and role: 周总理, 习主席
	refRole                   // by role alone: 总书记, 该委员
	refPronoun                // 他, 她
	refReport                 // 报告指出: the report, for who delivered it
)

// reference is who the subject of a clause names.
type reference struct {
	kind       refKind
	start, end int    // byte span in the text of the name or short form
	role       string // the role written before or after it, or of a short form
	family     string // refShort: the family name
	// strong: a role or title bounds the name (县长王建国, 王芳委员), not
	// only punctuation (王海涛指出).
	strong bool
	// place: the title after it is a place's office (张家口市长): the
	// "name" is the place.
	place bool
}

// subject finds who speaks in s[:verb], the words before a verb of
// speech back to the start of their clause: 国务院总理李强 (a role and a
// name), 周恩来总理 (a name and a title), 刘俊义在报告中 (a name and an
// adverbial), 周总理在讲到…的时候 (a short form), 他 (a pronoun). ok is
// false when the clause opens with no one: 应该 (应该指出), 国务院
// (国务院认为), 就全国范围来 (就全国范围来说), 文章 (文章指出).
//
// A name of two characters that nothing but punctuation bounds (谷明宣布)
// is taken only when known says the document names that person
// elsewhere: a bare two-character word before a verb (文章指出, 普遍认为,
// 江西代表团团长表示) is too often no one.
func (m *nameModel) subject(s string, verb int, known func(string) bool) (reference, bool) {
	// The clause: back to the last punctuation, at most 48 characters.
	start := 0
	if k := strings.LastIndexAny(s[:verb], clausePunct); k >= 0 {
		_, n := utf8.DecodeRuneInString(s[k:])
		start = k + n
	}
	if n := utf8.RuneCountInString(s[start:verb]); n > 48 {
		start = runeOffset(s, start, n-48)
	}
	for start < verb {
		r, n := utf8.DecodeRuneInString(s[start:])
		if !isSpace(r) {
			break
		}
		start += n
	}
	fromIdx := strings.Index(s[start:verb], "来自")
	for i := start; i < verb; {
		roleStart := m.roleEndingAt(s, start, skipSpacesBack(s, start, i))
		roleBefore := roleStart >= 0
		// 来自江宁区的周红代表说, 同样来自教育界的张军委员: 来自…的 bounds a
		// name as a role does.
		introduced := fromIdx >= 0 && i > start+fromIdx && strings.HasSuffix(s[:i], "的")
		if i == start || roleBefore || introduced || isSpace(lastRune(s[:i])) {
			r, found := m.subjectAt(s, start, i, verb, roleBefore || introduced, known)
			if found && introduced && !roleBefore && r.kind == refName {
				r.strong = true
			}
			// 讲话中说, 信中指出: a name standing alone does not end in 中
			// right before the verb.
			if found && r.kind == refName && !roleBefore && !r.strong && r.end == verb && lastRune(s[:verb]) == '中' &&
				(known == nil || !known(s[r.start:r.end])) {
				found = false
			}
			// 严格来说, 总的来说: a name ending in 来 before 说 is taken only
			// where a role or the document vouches for it (周恩来说).
			if found && r.kind == refName && r.end == verb && lastRune(s[:verb]) == '来' && strings.HasPrefix(s[verb:], "说") &&
				!roleBefore && (known == nil || !known(s[r.start:r.end])) {
				found = false
			}
			if found && r.kind == refName && r.place && !roleBefore {
				found = false
			}
			if found && r.kind == refName && !roleBefore && !r.strong && utf8.RuneCountInString(s[r.start:r.end]) < 3 {
				found = known != nil && known(s[r.start:r.end])
			}
			if found {
				if roleBefore {
					r.role = s[m.roleChainStart(s, start, roleStart):i]
					r.strong = true
				}
				// The first subject wins: what follows it up to the verb is
				// its adverbial (王建国在与市长李明交谈时说 is 王建国's).
				return r, true
			}
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		i += n
	}
	return reference{}, false
}

// roleEndingAt is the start of the role that ends at byte i of s, not
// before from, or -1. 代表 is a role only after the start of a clause,
// 的 or the organ or place it represents (来自张江镇的代表王颖, 区代表,
// 党代表); after a name it is the verb (刘俊义代表大同市人民政府, 张三代表山西发言).
func (m *nameModel) roleEndingAt(s string, from, i int) int {
	k := m.roles.suffixAt(s, from, i)
	if k < 0 || s[k:i] != "代表" || k == from {
		return k
	}
	if r := lastRune(s[:k]); clausePuncts[r] || isSpace(r) || strings.ContainsRune("的区县市省镇乡村团级界族党会", r) {
		return k
	}
	return -1
}

// skipSpacesBack is i moved back over the spaces before it: 主持人 寿小丽.
func skipSpacesBack(s string, from, i int) int {
	for i > from {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !isSpace(r) {
			break
		}
		i -= n
	}
	return i
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// roleChainStart is where the chain of roles ending at a role that
// starts at roleStart begins, back to the start of the clause: 大会执行主席、
// 主席团常务主席 before 谷明, 国务院总理 before 李强, 全国政协委员、清华大学教授
// before 张伟. The chain keeps its organ (国务院, 市发展改革委) and stops at a
// verb, a particle or a pronoun, which are context, not role (会见了,
// 我代表, 在报告中).
func (m *nameModel) roleChainStart(s string, start, roleStart int) int {
	at, k := roleStart, roleStart
	for n := 0; k > start && n < 24; n++ {
		// Whole roles first: 全国人大代表、村支书 is two roles.
		if rs := m.roles.suffixAt(s, start, k); rs >= 0 {
			k, at = rs, rs
			continue
		}
		// A verb or a time word ends the chain: 会见日本创价学会会长,
		// 上午上海市人大常委会主任.
		if m.speech.suffixAt(s, start, k) >= 0 || m.session.suffixAt(s, start, k) >= 0 || m.timeWords.suffixAt(s, start, k) >= 0 {
			break
		}
		r, size := utf8.DecodeLastRuneInString(s[:k])
		if r == '、' {
			// 、 joins two roles, not a name and a role (张强、市长李四).
			if m.roles.suffixAt(s, start, k-size) < 0 {
				break
			}
			k -= size
			continue
		}
		if !isHan(r) || strings.ContainsRune(chainStops, r) {
			break
		}
		k -= size
		if m.speech.prefixAt(s, k) > 0 || m.session.prefixAt(s, k) > 0 {
			break
		}
		at = k
	}
	return at
}

// chainStops end a chain of roles on the left.
const chainStops = "了的在于向对我他她你和与及是为把被将从以由请经即同跟给有摄"

// subjectAt tries a subject starting at byte i, which a clause start or a
// role bounds on the left.
func (m *nameModel) subjectAt(s string, start, i, verb int, roleBefore bool, known func(string) bool) (reference, bool) {
	// A person the document has named, whatever the length of the name:
	// 克林顿说 after 美国总统克林顿, 池田大作说 after 名誉会长池田大作.
	if known != nil {
		for e := runeOffset(s, i, 8); e > i; {
			if e <= verb && known(s[i:e]) && m.tailOK(s, e, verb) {
				return m.withTitle(s, reference{kind: refName, start: i, end: e}, verb), true
			}
			_, n := utf8.DecodeLastRuneInString(s[:e])
			e -= n
		}
	}
	// 他说, 她强调; not 他们, 其他.
	if strings.HasPrefix(s[i:], "他") || strings.HasPrefix(s[i:], "她") {
		e := i + len("他")
		if !strings.HasPrefix(s[e:], "们") && m.tailOK(s, e, verb) {
			return reference{kind: refPronoun, start: i, end: e}, true
		}
	}
	// 该委员表示: a role named again.
	if strings.HasPrefix(s[i:], "该") && !roleBefore {
		if n := m.roles.prefixAt(s, i+len("该")); n > 0 {
			e := i + len("该") + n
			if m.tailOK(s, e, verb) {
				return reference{kind: refRole, start: i, end: e, role: s[i+len("该") : e]}, true
			}
		}
	}
	// 报告指出, 报告强调 in news of a session: the report speaks for the
	// one who delivered it.
	if i == start && strings.HasPrefix(s[i:], "报告") && m.tailOK(s, i+len("报告"), verb) {
		return reference{kind: refReport, start: i, end: i + len("报告")}, true
	}
	// 总书记指出: an office alone opens the clause.
	if i == start && !roleBefore {
		if n := m.offices.prefixAt(s, i); n > 0 && m.tailOK(s, i+n, verb) {
			return reference{kind: refRole, start: i, end: i + n, role: s[i : i+n]}, true
		}
	}
	// 周总理, 李总理, 习主席, 张委员: a family name and an office or title.
	fam, nf := m.familyAt(s, i)
	for _, fl := range fam[:nf] {
		if n := m.shortTitles.prefixAt(s, i+fl); n > 0 && m.tailOK(s, i+fl+n, verb) {
			return reference{kind: refShort, start: i, end: i + fl + n, family: s[i : i+fl], role: s[i+fl : i+fl+n]}, true
		}
	}
	// A Han name, longest first: 王建国在 before 王建.
	ends := m.hanNameEnds(s, i, verb)
	for _, e := range ends.list() {
		if m.tailOK(s, e, verb) {
			return m.withTitle(s, reference{kind: refName, start: i, end: e}, verb), true
		}
	}
	// A transliterated or minority name, taken whole up to a role or a
	// verb: 美国总统克林顿说, 纳扎尔巴耶夫总统表示, 委员买买提·艾力说. With no role
	// before it, only a role after it bounds it: a country (巴西表示) is
	// made of the same characters.
	if e := m.translitRun(s, i, verb); e > i {
		for k := e; k > i; {
			if m.isForeignName(s[i:k]) {
				ref := m.withTitle(s, reference{kind: refName, start: i, end: k}, verb)
				// 艾尔肯·买买提说: a dotted name is a person's, role or not.
				if m.tailOK(s, k, verb) && (roleBefore || ref.strong || strings.ContainsRune(s[i:k], '·')) {
					return ref, true
				}
			}
			_, n := utf8.DecodeLastRuneInString(s[:k])
			k -= n
		}
	}
	// A name of four characters between a role and the verb: 名誉会长池田大作说,
	// 日本首相岸田文雄表示.
	if roleBefore {
		if e := m.fourCharName(s, i); e > 0 && e <= verb && (e == verb || m.roles.prefixAt(s, e) > 0) {
			return m.withTitle(s, reference{kind: refName, start: i, end: e}, verb), true
		}
	}
	return reference{}, false
}

// withTitle records a title written right after a name (周恩来总理,
// 王芳委员, 邓小平同志) as the reference's role, and marks it strong: an
// honorific (honorifics.txt) after any name, an office after a name of
// three characters or more.
func (m *nameModel) withTitle(s string, ref reference, verb int) reference {
	if n := m.roles.prefixAt(s, ref.end); n > 0 && ref.end+n <= verb {
		// 王芳委员, 方毅副总理 and 周恩来总理 mark a name; an office of a
		// place does not (江苏省长, 张家口市长 open with the place), nor
		// one after a country (法国总统: foreign_places.txt).
		t := s[ref.end : ref.end+n]
		local := strings.ContainsRune("省市县区州旗盟镇乡", firstRune(t))
		ref.strong = m.honorifics.has(t) || !local && (utf8.RuneCountInString(s[ref.start:ref.end]) >= 3 || m.offices.has(t))
		ref.place = local && !m.honorifics.has(t)
		if t != "同志" && t != "先生" && t != "女士" {
			ref.role = t
		}
	}
	return ref
}

// tailOK: what stands between a name ending at e and the verb at verb
// lets the name end there: nothing, a title (周恩来总理强调), an
// adverbial (在报告中, 代表民建中央, 于近日, 再次, 动情地) or an
// affiliation in parentheses.
func (m *nameModel) tailOK(s string, e, verb int) bool {
	if e == verb {
		return true
	}
	if e > verb {
		return false
	}
	if m.adverbials.prefixAt(s, e) > 0 || m.timeWords.prefixAt(s, e) > 0 {
		return true
	}
	// 发言说, 强调指出: verbs of speech up to the verb.
	if n := m.speech.prefixAt(s, e); n > 0 && m.tailOK(s, e+n, verb) {
		return true
	}
	if n := m.roles.prefixAt(s, e); n > 0 {
		return e+n == verb || m.tailOK(s, e+n, verb)
	}
	if strings.HasPrefix(s[e:], "（") || strings.HasPrefix(s[e:], "(") {
		return true
	}
	t := s[e:verb]
	// 高兴地说 after a name: an adverb in 地 right before the verb (not the
	// 心地 of 万众一心地说).
	if n := utf8.RuneCountInString(t); strings.HasSuffix(t, "地") && n >= 3 && n <= 5 {
		return true
	}
	// 汪文斌回答记者提问时说, 接受记者采访时表示: a clause of time that
	// opens with a verb.
	if n := utf8.RuneCountInString(t); (strings.HasSuffix(t, "时") || strings.HasSuffix(t, "时候") || strings.HasSuffix(t, "之际")) && n >= 3 && n <= 16 &&
		(m.speech.prefixAt(s, e) > 0 || m.session.prefixAt(s, e) > 0) {
		return true
	}
	return false
}

// translitRun is the end of the run of transliteration characters that
// starts at byte i, not past limit.
func (m *nameModel) translitRun(s string, i, limit int) int {
	e := i
	for e < limit {
		r, n := utf8.DecodeRuneInString(s[e:])
		if !m.translit[r] {
			break
		}
		e += n
	}
	// A dotted name runs on over any name characters: 阿沛·阿旺晋美.
	if d := strings.IndexRune(s[i:limit], '·'); d >= 0 && d <= 3*8 {
		k := i
		for k < limit && utf8.RuneCountInString(s[i:k]) < 20 {
			r, n := utf8.DecodeRuneInString(s[k:])
			if !(r == '·' || isHan(r) && !m.notGiven[r]) || m.speech.prefixAt(s, k) > 0 || m.roles.prefixAt(s, k) > 0 || strings.ContainsRune("在于向对就同和与", r) {
				break
			}
			k += n
		}
		if strings.ContainsRune(s[i:k], '·') {
			e = max(e, k)
		}
	}
	return e
}

// givenRunOK: the characters after a family name hold none that never
// appears in a name.
func (m *nameModel) givenRunOK(s string) bool {
	_, n := utf8.DecodeRuneInString(s)
	for _, r := range s[n:] {
		if !isHan(r) || m.notGiven[r] {
			return false
		}
	}
	return m.wordOK(s)
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// runeOffset is the byte offset of the n-th rune after byte i of s, or
// len(s) when s is shorter.
func runeOffset(s string, i, n int) int {
	for ; n > 0; n-- {
		if i >= len(s) {
			return len(s)
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return i
}

// roleName is a name that a role introduces, and the role: 代市长刘俊义,
// 大会执行主席、主席团常务主席谷明, 市政协主席韦韬.
type roleName struct {
	role, name [2]int // byte spans
}

// roleNames finds the names written right after a role in s, where what
// follows the name lets it end: punctuation, a verb of speech or of the
// session, an adverbial, a title, 等/及/和. A name after a title starts
// with a family name, so that 主席台 and 主席团 are places, and
// 常务委员会工作报告 holds 委员 but no one.
func (m *nameModel) roleNames(s string) []roleName {
	var out []roleName
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		rs := m.roleEndingAt(s, 0, skipSpacesBack(s, 0, i))
		if rs < 0 || i == 0 || isSpace(firstRune(s[i:])) {
			i += size
			continue
		}
		found := false
		// Shortest first, and a verb or punctuation after the name before
		// a title after it: 市政协主席韦韬作常务委员会工作报告 is 韦韬, though
		// 常务委员 could end 韦韬作.
		ends := m.hanNameEnds(s, i, len(s))
		best, bestStrength := -1, 0
		for k := ends.n - 1; k >= 0; k-- {
			if st := m.endStrength(s, ends.e[k]); st > bestStrength {
				best, bestStrength = ends.e[k], st
			}
		}
		// 名誉会长池田大作说: not 池田大 before the 作 of a session.
		if e4 := m.fourCharName(s, i); best > 0 && e4 > best && runeOffset(s, best, 1) == e4 && m.endStrength(s, e4) == 2 &&
			m.session.prefixAt(s, best) == e4-best && m.speech.prefixAt(s, best) == 0 && m.adverbials.prefixAt(s, best) == 0 {
			best = e4
		}
		if best > 0 {
			out = append(out, roleName{role: [2]int{m.roleChainStart(s, 0, rs), i}, name: [2]int{i, best}})
			i, found = best, true
		}
		if !found {
			if e := m.translitRun(s, i, len(s)); e > i {
				for k := e; k > i; {
					// 美国总统克林顿举行会谈: a run of three or more ends
					// where the transliteration does.
					whole := k == e && utf8.RuneCountInString(s[i:k]) >= 3
					if m.isForeignName(s[i:k]) && (whole || m.nameEndsHere(s, k)) {
						out = append(out, roleName{role: [2]int{m.roleChainStart(s, 0, rs), i}, name: [2]int{i, k}})
						i, found = k, true
						break
					}
					_, n := utf8.DecodeLastRuneInString(s[:k])
					k -= n
				}
			}
		}
		if !found {
			i += size
		}
	}
	return out
}

// nameEndsHere: what follows byte e lets a name end there.
func (m *nameModel) nameEndsHere(s string, e int) bool { return m.endStrength(s, e) > 0 }

// endStrength says how well what follows byte e ends a name: 2 for the
// end of the text, punctuation, 等/及/和/与, a verb, an adverbial or a
// time word; 1 for a title (王芳委员); 0 for anything else.
func (m *nameModel) endStrength(s string, e int) int {
	if e == len(s) {
		return 2
	}
	r, _ := utf8.DecodeRuneInString(s[e:])
	if clausePuncts[r] || isSpace(r) || strings.ContainsRune("等及和与", r) {
		return 2
	}
	// A digit ends a name: the day or time that follows it (俄罗斯总统普京
	// 13日在莫斯科会见…); no given name holds one.
	if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
		return 2
	}
	if m.speech.prefixAt(s, e) > 0 || m.session.prefixAt(s, e) > 0 ||
		m.adverbials.prefixAt(s, e) > 0 || m.timeWords.prefixAt(s, e) > 0 {
		return 2
	}
	if m.roles.prefixAt(s, e) > 0 {
		return 1
	}
	return 0
}

// titledNames finds the names that a title after them introduces, at the
// start of a clause or after 来自…的: 周恩来总理今天…, 方毅副总理在大会上…,
// 同样来自教育界的张军委员接过话题. The title must mark the name
// (withTitle): 江苏省长 and 法国总统 are no one. A name of three
// characters before 在, 同 or a verb of the session is one too. Each is
// the byte span of the name and the title after it as its role ("" for
// 同志, 先生, 女士, or no title).
func (m *nameModel) titledNames(s string) []reference {
	var out []reference
	try := func(i int) {
		ends := m.hanNameEnds(s, i, len(s))
		for _, e := range ends.list() {
			if m.roles.prefixAt(s, e) > 0 {
				if ref := m.withTitle(s, reference{kind: refName, start: i, end: e}, len(s)); ref.strong {
					out = append(out, ref)
					return
				}
			}
			// 习近平在纳扎尔巴耶夫大学发表重要演讲, 钱学森同…会见: a name of three
			// characters opening a clause, then 在, 同 or a verb of the
			// session of two characters or more.
			if utf8.RuneCountInString(s[i:e]) == 3 && (m.session.prefixAt(s, e) > 3 || strings.HasPrefix(s[e:], "在") || strings.HasPrefix(s[e:], "同")) {
				out = append(out, reference{kind: refName, start: i, end: e})
				return
			}
		}
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if i == 0 && m.isSurname(r) {
			try(0)
		}
		if clausePuncts[r] || isSpace(r) {
			if i+n < len(s) && m.isSurname(firstRune(s[i+n:])) {
				try(i + n)
			}
		} else if r == '的' && i+n < len(s) && m.isSurname(firstRune(s[i+n:])) {
			if k := strings.LastIndexAny(s[:i], clausePunct); strings.Contains(s[k+1:i], "来自") {
				try(i + n)
			}
		}
		i += n
	}
	return out
}

// fourCharName is the end of a name of four characters starting at byte
// i, or 0: a Japanese name after a role (名誉会长池田大作), or a Chinese one
// of two common family names (行政会议成员范徐丽泰, 陈冯富珍). A single Chinese
// family name and three characters, or a rare family name second, is a
// name and what it does (市长王强用手指, 李明昨日表示).
// A name does not end in the 作 of 作讲话 or 作报告 (县委书记王建国作讲话 is
// 王建国).
func (m *nameModel) fourCharName(s string, i int) int {
	e := runeOffset(s, i, 4)
	if utf8.RuneCountInString(s[i:e]) != 4 || !m.givenRunOK(s[i:e]) || m.instEnds[lastRune(s[:e])] {
		return 0
	}
	first := firstRune(s[i:])
	if second := firstRune(s[runeOffset(s, i, 1):]); !m.japanese[first] && !(m.common[first] && m.common[second]) {
		return 0
	}
	// 代表孙丽发言说: the name is 孙丽, 发言 its verb.
	if k := runeOffset(s, i, 2); m.speech.prefixAt(s, k) > 0 || m.session.prefixAt(s, k) > 1*3 {
		return 0
	}
	if lastRune(s[:e]) == '作' {
		for _, w := range []string{"讲话", "报告", "说明", "发言", "了", "总结"} {
			if strings.HasPrefix(s[e:], w) {
				return 0
			}
		}
	}
	return e
}
