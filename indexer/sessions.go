package indexer

import (
	"regexp"
	"strconv"
	"strings"

	"sessionsearch/fold"
)

// Sessions are recognised in any of their wordings and brought to one
// canonical form. The seed names the same session three ways:
// 大同市第十六届人民代表大会第五次会议 (lead), 市十六届人大五次会议 (headline,
// caption) and 市第十六届人民代表大会第五次会议 (the 翟永清 passage), and a
// second one, 市政协十五届四次会议, in the second photo caption.

const num = `[〇零一二两三四五六七八九十百\d]+`

// placeEnd ends a place name in a session's name: 山西省, 大同市, 天镇县.
const placeEnd = `(?:自治区|自治州|省|市|县|区|州|旗)`

var (
	// place or level, then term and body, then the session number:
	// 大同市第十六届人民代表大会第五次会议, 市十六届人大五次会议,
	// 十四届全国人大三次会议, 市政协十五届四次会议,
	// 太原市政协第十四届委员会第三次会议.
	sessionRe = regexp.MustCompile(
		`(?:(\p{Han}{0,6}?` + placeEnd + `)|(全国))?` +
			`(人大|政协|中国人民政治协商会议\p{Han}{0,8}?委员会)?` +
			`第?(` + num + `)届` +
			`(全国人大|全国政协|全国人民代表大会|人民代表大会|人大|政协|委员会)?` +
			`(常务委员会|常委会)?` +
			`(?:第?(` + num + `)次(?:全体)?会议)?`)
)

// cppccFirstRe: 政协太原市第十四届… → 太原市政协第十四届….
var cppccFirstRe = regexp.MustCompile(`政协(\p{Han}{1,6}?` + placeEnd + `)(第?` + num + `届)`)

// cppccTermFirstRe: the CPPCC's formal name puts the term before the place,
// 政协第十四届广州市委员会第五次会议 (中国人民政治协商会议第十四届全国委员会
// for the national one) → 广州市政协第十四届委员会….
var (
	cppccTermFirstRe     = regexp.MustCompile(`政协(第?` + num + `届)(\p{Han}{1,6}?` + placeEnd + `)委员会`)
	cppccNationalFirstRe = regexp.MustCompile(`政协(第?` + num + `届)全国委员会`)
)

// placeStop are characters that cannot begin a place name but often stand
// just before one (上午大同市…, 在太原市…).
const placeStop = "提请上下午日在的了和与及对是为开召出席届年月今明昨由经向据从于把将被到至同参加举行中会时"

// FindSessions returns the sessions named in text, in order of first
// mention, canonicalised. place is the document's place (大同市), used for
// wordings that give only the level (市十六届人大五次会议).
func FindSessions(text, place string) []Session {
	// The CPPCC's full name, and the body named before the place
	// (政协太原市第十四届委员会, 全国政协十四届), are brought to the
	// place-first order of the pattern.
	f := fold.String(text)
	if !strings.Contains(f, "届") {
		return nil // every wording names the term: 十六届, 第十五届
	}
	f = strings.ReplaceAll(f, "中国人民政治协商会议", "政协")
	f = cppccFirstRe.ReplaceAllString(f, "${1}政协${2}")
	f = cppccNationalFirstRe.ReplaceAllString(f, "全国政协${1}")
	f = cppccTermFirstRe.ReplaceAllString(f, "${2}政协${1}委员会")
	var out []Session
	seen := map[string]bool{}
	for _, m := range findNear(sessionRe, f, []string{"届"}, 96, 120) {
		get := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return f[m[2*i]:m[2*i+1]]
		}
		pl, national, pre, term, body, standing, number := get(1), get(2), get(3), get(4), get(5), get(6), get(7)
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
			continue // 市委十六届八次全会 and the like: not a congress or CPPCC
		}
		if s.Level == "" {
			if i := strings.LastIndex(pl, "的"); i >= 0 {
				pl = pl[i+len("的"):] // 在本市工作的省第十四届人大代表
			}
			pl = strings.TrimLeft(pl, placeStop)
			// 市委 is the party committee, whose plenums are not sessions.
			if end := m[3]; end >= 0 && end < len(f) && strings.HasPrefix(f[end:], "委") {
				continue
			}
			s.Level = levelOf(pl)
			if s.Level == "" && pl == "" && (pre == "" || pre == "政协") && place != "" {
				// 第十六届人民代表大会第五次会议 in a Datong document is
				// Datong's: the seed's lead names it in full, a later
				// passage without the place. So is 政协第十五届委员会.
				s.Level, pl = levelOf(place), place
			}
			if s.Level == "" {
				continue
			}
			if len([]rune(pl)) > 1 {
				s.Place = pl
			} else if place != "" && levelOf(place) == s.Level {
				s.Place = place
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
		if !seen[s.Name] {
			seen[s.Name] = true
			out = append(out, s)
		}
	}
	return out
}

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
	case strings.HasSuffix(place, "市"), strings.HasSuffix(place, "州"), strings.HasSuffix(place, "自治州"):
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
func (s Session) Canonical() string {
	var b strings.Builder
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
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	val := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
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
			v, ok := val[r]
			if !ok {
				return 0, false
			}
			cur = cur*10 + v
		}
	}
	return total + cur, true
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
