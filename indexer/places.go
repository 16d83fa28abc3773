package indexer

import (
	_ "embed"
	"path"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"sessionsearch/fold"
)

// Places are China's administrative divisions as the gazetteer
// data/divisions.tsv names them (generated from a maintained source, see
// data/divisions.LICENSE). A place is found by matching the gazetteer's
// names in the text, never by cutting characters off a run of text: the
// old rule stripped a leading 上/中/开/和/会 from every place, and read
// 上海市第十六届人民代表大会 as 海市, 中山市政协 as 山市.

//go:embed data/divisions.tsv
var divisionsTSV string

// division is one line of the gazetteer.
type division struct {
	code, name, short string
	level             string // 省, 市, 县 or 区: the administrative tier
	parent            *division
	province          *division
}

// gazetteer indexes the divisions by full name and by short name. Names
// are matched at the characters that can end one (市, 县, 区, 州, 旗, 盟,
// 省), trying the lengths of names that end there, longest first: a map
// lookup per candidate, not a scan of the 3,000 names.
type gazetteer struct {
	byName  map[string][]*division
	byShort map[string][]*division
	ends    map[rune]bool // the last characters of full names
	longest int           // in runes
}

// places is the gazetteer, parsed once on first use.
var places = sync.OnceValue(func() *gazetteer { return parseGazetteer(divisionsTSV) })

func parseGazetteer(data string) *gazetteer {
	g := &gazetteer{byName: map[string][]*division{}, byShort: map[string][]*division{}, ends: map[rune]bool{}}
	byCode := map[string]*division{}
	type row struct {
		d              *division
		parent, region string
	}
	var rows []row
	for _, line := range strings.Split(data, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			continue
		}
		d := &division{code: f[0], name: f[1], short: f[2], level: f[3]}
		byCode[d.code] = d
		rows = append(rows, row{d, f[4], f[5]})
	}
	for _, r := range rows {
		d := r.d
		d.parent = byCode[r.parent]
		if d.level == "省" {
			d.province = d
		} else {
			d.province = byCode[d.code[:2]+"0000"]
		}
		g.byName[d.name] = append(g.byName[d.name], d)
		if utf8.RuneCountInString(d.short) >= 2 {
			g.byShort[d.short] = append(g.byShort[d.short], d)
		}
		last, _ := utf8.DecodeLastRuneInString(d.name)
		g.ends[last] = true
		g.longest = max(g.longest, utf8.RuneCountInString(d.name))
	}
	return g
}

// placeMatch is a division's full name found in a text, at [start, end),
// with the divisions of that name (several for 朝阳区 or 鼓楼区).
type placeMatch struct {
	start, end int
	divs       []*division
}

// find returns the full names of divisions in s (folded text), left to
// right, each the longest name ending where it ends: 上午上海市 gives 上海市,
// 在中山市 中山市. Names of two characters (城区, 郊区, 和县, 南县, 新区 are also
// words) are taken only right after their parent's name (晋城市城区), and a
// district's name before 域 is the word 区域 (和平区域), not the district.
func (g *gazetteer) find(s string) []placeMatch {
	var out []placeMatch
	starts := make([]int, 0, 64) // rune start offsets since the last match
	for i, r := range s {
		if len(starts) == cap(starts) && len(starts) > g.longest {
			// keep the last g.longest starts: no name is longer
			starts = starts[:copy(starts, starts[len(starts)-g.longest:])]
		}
		starts = append(starts, i)
		if !g.ends[r] || len(starts) < 2 {
			continue
		}
		end := i + utf8.RuneLen(r)
		for n := min(g.longest, len(starts)); n >= 2; n-- {
			start := starts[len(starts)-n]
			divs := g.byName[s[start:end]]
			if divs == nil {
				continue
			}
			if r == '区' && strings.HasPrefix(s[end:], "域") {
				continue
			}
			if n == 2 {
				if len(out) == 0 || out[len(out)-1].end != start {
					continue
				}
				divs = childrenOf(divs, out[len(out)-1].divs)
				if divs == nil {
					continue
				}
			}
			out = append(out, placeMatch{start, end, divs})
			starts = starts[:0]
			break
		}
	}
	return out
}

// childrenOf keeps the divisions of divs whose parent or province is one
// of parents.
func childrenOf(divs, parents []*division) []*division {
	var out []*division
	for _, d := range divs {
		for _, p := range parents {
			if d.parent == p || (d.province == p && d != p) {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// resolve picks the one division a match names. A name shared by several
// (朝阳区 in Beijing and in Changchun, 鼓楼区 in five cities) is resolved
// by the match just before it (长春市朝阳区) or by the places the document
// names without ambiguity (context); else it stays unresolved (nil).
func resolve(ms []placeMatch, i int, context []*division) *division {
	divs := ms[i].divs
	if len(divs) == 1 {
		return divs[0]
	}
	if i > 0 && ms[i-1].end == ms[i].start {
		if c := childrenOf(divs, ms[i-1].divs); len(c) == 1 {
			return c[0]
		}
	}
	if c := childrenOf(divs, context); len(c) == 1 {
		return c[0]
	}
	return nil
}

// lookup is the division a name stands for, full (大同市) or short (大同,
// 内蒙古), when exactly one division has it.
func (g *gazetteer) lookup(name string) *division {
	if d := g.byName[name]; len(d) == 1 {
		return d[0]
	}
	if d := g.byShort[name]; len(d) == 1 && len(g.byName[name]) == 0 {
		return d[0]
	}
	return nil
}

// resolveName is the division a full or short name stands for, resolved
// by context when several have it (鼓楼区 in a Nanjing document).
func (g *gazetteer) resolveName(name string, context []*division) *division {
	if d := g.lookup(name); d != nil {
		return d
	}
	if c := childrenOf(g.byName[name], context); len(c) == 1 {
		return c[0]
	}
	return nil
}

// suffix is the longest division name that ends s (上午大同市 → 大同市),
// with the divisions that have it, or "" when none does.
func (g *gazetteer) suffix(s string) (string, []*division) {
	for _, i := range suffixStarts(s, g.longest) {
		if divs := g.byName[s[i:]]; divs != nil {
			return s[i:], divs
		}
	}
	return "", nil
}

// suffixStarts are the byte offsets at which the suffixes of s of most
// runes down to two begin, the longest first.
func suffixStarts(s string, most int) []int {
	var starts []int // starts[k-1] begins the suffix of k runes
	for i := len(s); i > 0 && len(starts) < most; {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
		starts = append(starts, i)
	}
	if len(starts) < 2 {
		return nil
	}
	starts = starts[1:]
	slices.Reverse(starts)
	return starts
}

// placeLevel is the level of a document at d: the tier of the gazetteer
// (和田市 is a county-level city: 县), except that the four municipalities,
// provincial in tier, are 市 (上海市).
func placeLevel(d *division) string {
	if d.level == "省" && strings.HasSuffix(d.name, "市") {
		return "市"
	}
	return d.level
}

// ancestorAt is d or the division above it at level (省, 市, 县) as its
// name says it: in a county's document 市十六届人大 is its city's,
// 省十四届人大 its province's; in 和田市's, 市 is 和田市 itself.
func ancestorAt(d *division, level string) *division {
	if level == "省" {
		if p := d.province; p != nil && !strings.HasSuffix(p.name, "市") {
			return p
		}
		return nil
	}
	for a := d; a != nil; a = a.parent {
		if levelOf(a.name) == level { // the level as named: 和田市 is a 市
			return a
		}
	}
	return nil
}

// The word lists of data/places.txt: institutions, national bodies and the
// characters before a level named alone.
//
//go:embed data/places.txt
var placeWordsData string

var placeWords = sync.OnceValue(func() map[string][]string { return parseLists(placeWordsData) })

// headPlace is the place of the government, congress or CPPCC that the
// text names: the first division whose full name stands before an
// institution (上海市人民政府, 天镇县两会), or level 全国 for a national body.
func headPlace(text string, context []*division) (d *division, national bool) {
	f := fold.String(text)
	g := places()
	ms := g.find(f)
	for i, m := range ms {
		rest := f[m.end:]
		if !hasAnyPrefix(rest, placeWords()["institutions"]) && !sessionAfter(rest) {
			continue
		}
		if visiting(rest) {
			continue
		}
		if nat := nationalBefore(f[:m.start]); nat {
			return nil, true
		}
		if d := resolve(ms, i, context); d != nil {
			return d, false
		}
	}
	if nationalBefore(f) {
		return nil, true
	}
	return nil, false
}

// visiting: the institution at the start of s is followed by a word that
// makes it a visitor (人大常委会考察团来我市): within a few characters, a
// word of the visitors list.
func visiting(s string) bool {
	for i, r := range s {
		if i > 3*10 || strings.ContainsRune(sentenceEnds+"，", r) {
			break
		}
		if hasAnyPrefix(s[i:], placeWords()["visitors"]) {
			return true
		}
	}
	return false
}

// nationalBefore: s names a national body as itself (国务院, 全国人大), not a
// national deputy or member (全国人大代表, 全国政协委员).
func nationalBefore(s string) bool {
	for _, b := range placeWords()["national-bodies"] {
		for off := 0; ; {
			i := strings.Index(s[off:], b)
			if i < 0 {
				break
			}
			off += i + len(b)
			rest := s[off:]
			if strings.HasPrefix(rest, "代表") && !strings.HasPrefix(rest, "代表大会") || strings.HasPrefix(rest, "委员") && !strings.HasPrefix(rest, "委员会") {
				continue
			}
			if strings.HasPrefix(rest, "常委会委员") || strings.HasPrefix(rest, "常务委员会委员") {
				continue
			}
			return true
		}
	}
	return false
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func hasAnySuffix(s string, suffixes []string) bool {
	for _, w := range suffixes {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// pathPlace is the place the file's name or folders give: a division's
// full name in the file name (2024年天镇县政府工作报告), or its short name
// before an institution (上海两会2024.txt); else a folder named as a
// division, full or short (cities/上海/…, 天镇县/…), or holding a full
// name (中山市人民政府网/…), the innermost first.
func pathPlace(rel string) *division {
	g := places()
	dir, file := path.Split(rel)
	byNames := func(seg string) *division {
		ms := g.find(seg)
		for i := range ms {
			if d := resolve(ms, i, nil); d != nil {
				return d
			}
		}
		for _, inst := range placeWords()["institutions"] {
			if i := strings.Index(seg, inst); i > 0 {
				if _, d := g.shortSuffix(seg[:i]); d != nil {
					return d
				}
			}
		}
		return nil
	}
	if d := byNames(fold.String(strings.TrimSuffix(file, path.Ext(file)))); d != nil {
		return d
	}
	dirs := strings.Split(strings.Trim(dir, "/"), "/")
	for i := len(dirs) - 1; i >= 0; i-- {
		seg := fold.String(dirs[i])
		if d := g.lookup(seg); d != nil {
			return d
		}
		if d := byNames(seg); d != nil {
			return d
		}
	}
	return nil
}

// shortSuffix is the division whose short name ends s, when exactly one has
// it (上海 in 2024上海 → 上海市).
func (g *gazetteer) shortSuffix(s string) (string, *division) {
	for _, i := range suffixStarts(s, 8) {
		if d := g.lookup(s[i:]); d != nil {
			return s[i:], d
		}
	}
	return "", nil
}

// namedPlace is a place as front matter or the metadata table names it:
// the gazetteer's full name and level (上海 → 上海市, 市); a place the
// gazetteer does not know (a former name) is kept as written, its level
// read from its suffix.
func namedPlace(s string) (place, level string) {
	if d := places().lookup(fold.String(s)); d != nil {
		return d.name, placeLevel(d)
	}
	return s, levelOf(s)
}

// docPlace sets the document's place and level, and their provenance:
// front matter first; else the place of the main session (a national one
// makes the document national); else the government or congress its
// headline or lead names (上海市人民政府, 天镇县两会), or a national body
// there (国务院, 全国人大); else a place in its folders or file name; else
// nothing. context is docContext's, for names several divisions share.
func docPlace(doc *Document, fmPlace string, context []*division) {
	g := places()
	set := func(d *division, src string) {
		doc.Place, doc.Level = d.name, placeLevel(d)
		doc.setProvenance("place", src)
		doc.setProvenance("level", src)
	}
	national := func() {
		doc.Place, doc.Level = "", "全国"
		doc.setProvenance("place", SourceText)
		doc.setProvenance("level", SourceText)
	}
	if fmPlace != "" {
		doc.Place, doc.Level = namedPlace(fmPlace)
		doc.setProvenance("place", SourceFrontMatter)
		if doc.Level != "" {
			doc.setProvenance("level", SourceFrontMatter)
		}
		return
	}
	if s := doc.MainSession; s != nil {
		if s.Level == "全国" {
			national()
			return
		}
		if d := g.resolveName(s.Place, context); d != nil {
			set(d, SourceText)
			return
		}
	}
	// The headlines and the signature first (国务院总理 / 李强 is national),
	// then the lead's first sentence, where only a local government or
	// congress counts: a Datong lead may begin 国务院批复同意….
	for _, p := range doc.Passages {
		if p.Kind != KindHeadline && p.Kind != KindSubheadline && p.Kind != KindSignature {
			continue
		}
		d, nat := headPlace(p.Text, context)
		if nat {
			national()
			return
		}
		if d != nil {
			set(d, SourceText)
			return
		}
	}
	opening := openingSentence(doc.Passages)
	if d, _ := headPlace(opening, context); d != nil {
		set(d, SourceText)
		return
	}
	if d := pathPlace(doc.Path); d != nil {
		set(d, SourceFileName)
		return
	}
	// Last, a national body in the opening sentence: 现在，我代表国务院向大会
	// 报告工作 (the 1985 report, which has no title block), 国务院总理周恩来
	// 今天晚上会见了… (national news). It comes after the file's place, as a
	// city's news may open with 国务院批复同意….
	if nationalBefore(fold.String(opening)) {
		national()
	}
}

// openingSentence is the first sentence of a document's first paragraph
// of prose (its lead, or the first paragraph after 各位代表：).
func openingSentence(ps []Passage) string {
	for _, p := range ps {
		if p.Kind != KindLead && p.Kind != KindBody {
			continue
		}
		first := p.Text
		if i := strings.IndexAny(first, sentenceEnds); i >= 0 {
			first = first[:i]
		}
		if utf8.RuneCountInString(first) >= 8 {
			return first
		}
	}
	return ""
}

// docContext are the divisions a document names without ambiguity in its
// first passages or its file's name and folders, which resolve a name
// shared by several (鼓楼区 in a document from cities/南京/).
func docContext(doc *Document) []*division {
	var out []*division
	if d := pathPlace(doc.Path); d != nil {
		out = append(out, d)
	}
	g := places()
	for i, p := range doc.Passages {
		if i == 8 {
			break
		}
		for _, m := range g.find(fold.String(p.Text)) {
			if len(m.divs) == 1 {
				out = append(out, m.divs[0])
			}
		}
	}
	return out
}

// textPlace is the place a document's text gives before its sessions are
// read, for the sessions that name only a level (市十六届人大五次会议): the
// division of the first session, government or congress named in full
// (the seed's lead, 大同市第十六届人民代表大会第五次会议), else the file's.
// context is docContext's.
func textPlace(doc *Document, context []*division) *division {
	g := places()
	for _, p := range doc.Passages {
		f := fold.String(p.Text)
		if !strings.Contains(f, "届") && !hasAnyInfix(f, placeWords()["institutions"]) {
			continue
		}
		ms := g.find(f)
		for i, m := range ms {
			rest := f[m.end:]
			if hasAnyPrefix(rest, placeWords()["institutions"]) || sessionAfter(rest) {
				if d := resolve(ms, i, context); d != nil {
					return d
				}
			}
		}
	}
	return pathPlace(doc.Path)
}

// sessionAfter: s begins with a session's term (第十六届, 十六届) or the
// party congress's number (第十三次代表大会, 第十三次党代会).
func sessionAfter(s string) bool {
	s = strings.TrimPrefix(s, "第")
	i := 0
	for _, r := range s {
		if !strings.ContainsRune(numChars, r) {
			break
		}
		i += utf8.RuneLen(r)
	}
	return i > 0 && (strings.HasPrefix(s[i:], "届") || strings.HasPrefix(s[i:], "次代表大会") || strings.HasPrefix(s[i:], "次党代会"))
}

func hasAnyInfix(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}
