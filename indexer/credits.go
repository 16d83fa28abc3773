package indexer

import (
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"sessionsearch/fold"
)

var (
	creditRe  = regexp.MustCompile(`^(?:（|\()?(?:本报|新华社|人民网)?(?:记者|摄影|通讯员|特约摄影)?\s*[\p{Han}·\s、]{2,20}\s*摄(?:影)?(?:）|\))?$`)
	captionRe = regexp.MustCompile(`^(?:[◀▶◆▲▼►◄■□●○→←↑↓]|图为|上图|下图|左图|右图|图：|图片：)`)
	// bylineRe: 本报讯（记者 李雪峰）, 新华社北京电（记者 王芳）, 本报北京3月6日电
	// （记者 王惠兵 刘彤）, 新华社北京3月5日电（记者 刘恺 黄河）, or a wire
	// dispatch dated without a reporter: 新华社北京3月5日电, 中新网北京12月16日电
	// (the services of data/news_sources.txt).
	bylineRe   = regexp.MustCompile(`^(?:(本报讯|新华社\p{Han}{0,6}(?:\d{1,2}月\d{1,2}日)?电|\p{Han}{2,12}讯|\p{Han}{2,8}(?:\d{1,2}月\d{1,2}日)?电)\s*[（(]\s*(?:记者|通讯员|实习生)?\s*([^）)]*)[）)]|((?:` + strings.Join(newsSources, "|") + `)\p{Han}{0,6}\d{1,2}月\d{1,2}日电))`)
	listVerbRe = regexp.MustCompile(`就座|出席|列席|旁听|出席会议的还有|参加会议的还有`)
)

func isCaption(s string) bool { return captionRe.MatchString(s) }

// creditLineRe is a byline on a line of its own, as many papers set it
// under the headline: 本报记者 张伟, 记者 张伟 王芳 摄影 李强, （通讯员
// 赵一）, 新华日报记者　王静　朱莉 (the paper named before the role), 本報記者
// 陳志遠　通訊員　林曉 (a second role between the names). Names are separated
// by spaces or 、; the seed's byline is in its lead instead (本报讯（记者
// 李雪峰）). It runs on folded text, so that 本報記者 and full-width spaces
// match too.
var (
	creditLineRe   = regexp.MustCompile(`^\(?(?:本报|(新华社|\p{Han}{1,8}?(?:日报|晚报|时报|报|网|电视台)))?(?:` + creditRoles + `)\s*(` + creditNames + `)\)?$`)
	creditPhotoRe  = regexp.MustCompile(`^\s+(?:摄影|摄像)(?:记者)?\s*(` + creditNames + `)\)?$`)
	creditMarkerRe = regexp.MustCompile(`\s+(?:摄影|摄像)`)
)

const (
	creditNames = `[\p{Han}·]{1,12}(?:(?:\s+|\s*、\s*)[\p{Han}·]{1,12})*`
	creditRoles = `(?:全媒体|融媒体|新媒体|首席|特约|见习)?记者|通讯员|实习生`
)

// creditRoleEnd: a byline's word that is or ends in a role (记者,
// 全媒体记者, 成都日报锦观新闻记者): it separates names and is none.
var creditRoleEnd = regexp.MustCompile(`(?:` + creditRoles + `)$`)

// captionCreditRe is a photo credit closing a caption: ▲图为会议现场。记者
// 李强 摄.
var captionCreditRe = regexp.MustCompile(`(?:记者|摄影|通讯员)\s*(` + creditNames + `)\s*摄\)?$`)

// credit is what a byline line gives: its reporters and photographers as
// written, and the paper it names before the role ("" for 本报 or none).
type credit struct {
	reporters, photographers []string
	paper                    string
}

// creditLine reads a byline line. The first name must start with a
// surname, so that a column label such as 记者观察 is not a byline.
func creditLine(s string) (credit, bool) {
	if utf8.RuneCountInString(s) > 40 {
		return credit{}, false
	}
	f := fold.String(s)
	if strings.HasSuffix(strings.TrimRight(f, " )"), "摄") {
		return credit{}, false // 本报记者 张占兵 摄: a photo credit
	}
	// The photographers' part starts at 摄影 (a name of two characters to
	// the pattern).
	cut := len(f)
	if loc := creditMarkerRe.FindStringIndex(f); loc != nil {
		cut = loc[0]
	}
	m := creditLineRe.FindStringSubmatchIndex(f[:cut])
	if m == nil {
		return credit{}, false
	}
	if r, _ := utf8.DecodeRuneInString(f[m[4]:]); !names.isSurname(r) {
		return credit{}, false
	}
	c := credit{paper: asWritten(s, f, m[2], m[3])}
	if cut < len(f) {
		pm := creditPhotoRe.FindStringSubmatchIndex(f[cut:])
		if pm == nil {
			return credit{}, false
		}
		c.photographers = splitNames(asWritten(s, f, cut+pm[2], cut+pm[3]))
	}
	c.reporters = creditNamesOf(asWritten(s, f, m[4], m[5]))
	return c, true
}

// creditNamesOf reads the names of a byline (本报讯（记者　刘晓燕　张　蕾　陈思远）,
// 本报讯（成都日报锦观新闻记者 王雪锋 程瑞）, 全媒体记者　阿依努尔·买买提　王　磊):
// a role (记者, 通讯员) and a word ending in one (成都日报锦观新闻记者, 全媒体记者)
// name no one; a name of two characters spaced for alignment (张　蕾) is
// one name, as single characters side by side are never two.
func creditNamesOf(s string) []string {
	var tokens []string
	for _, t := range splitNames(s) {
		if !creditRoleEnd.MatchString(fold.String(t)) {
			tokens = append(tokens, t)
		}
	}
	var out []string
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		// 张　蕾, 欧　阳　娜: single characters side by side, up to three.
		for utf8.RuneCountInString(t) < 3 && utf8.RuneCountInString(tokens[i]) == 1 && i+1 < len(tokens) && utf8.RuneCountInString(tokens[i+1]) == 1 {
			i++
			t += tokens[i]
		}
		out = append(out, t)
	}
	return out
}

// captionCredit reads the photographers a caption ends with.
func captionCredit(s string) []string {
	f := fold.String(s)
	if m := captionCreditRe.FindStringSubmatchIndex(f); m != nil {
		return creditNamesOf(asWritten(s, f, m[2], m[3]))
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
	// Folded, so that full-width spaces (本报记者　周　杰　摄) are spaces.
	if utf8.RuneCountInString(s) <= 30 && creditRe.MatchString(fold.String(s)) {
		return true
	}
	_, ok := creditLine(s)
	return ok
}

// specialReportRe is a paper's report opening its lead, as Hong Kong and
// Macao papers write it (folded): 【明報專訊】, 【大公報訊】.
var specialReportRe = regexp.MustCompile(`^\s*【(\p{Han}{2,8}?)(?:专讯|讯)】`)

// specialReport is the paper a lead's 【明報專訊】 names, as written, or "".
func specialReport(lead string) string {
	f := fold.String(lead)
	if m := specialReportRe.FindStringSubmatchIndex(f); m != nil {
		return asWritten(lead, f, m[2], m[3])
	}
	return ""
}

//go:embed data/wire_datelines.txt
var wireDatelineData string

// wireDatelines are the places of data/wire_datelines.txt, longest first.
var wireDatelines = func() []string {
	ps := embeddedList(wireDatelineData)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	return ps
}()

// wireBylineRe is a wire service's dispatch opening a lead in Taiwan's and
// foreign services' form (folded): （中央社记者廖士锋台北5日电）, （中央社记者
// 林沂锋、吴家豪台北4日专电）. The names and the place run together.
var wireBylineRe = regexp.MustCompile(`^\s*\((中央社|法新社|路透社|美联社|共同社|韩联社)记者((?:\p{Han}|、)+?)(\d{1,2})日专?电\)`)

// wireByline reads a wire dispatch's service and reporters from a lead,
// the place after the names being one of wireDatelines; ok is false when
// the lead opens otherwise or the place is none of them.
func wireByline(lead string) (service string, reporters []string, ok bool) {
	f := fold.String(lead)
	m := wireBylineRe.FindStringSubmatchIndex(f)
	if m == nil {
		return "", nil, false
	}
	names := f[m[4]:m[5]]
	for _, place := range wireDatelines {
		if rest, found := strings.CutSuffix(names, place); found && rest != "" {
			return asWritten(lead, f, m[2], m[3]), creditNamesOf(asWritten(lead, f, m[4], m[4]+len(rest))), true
		}
	}
	return "", nil, false
}

// byline reads 本报讯（记者 李雪峰） or 本報訊（記者 陳志遠） from the lead.
func byline(ps []Passage, fm frontMatter) (string, []string) {
	source, reporters := fm.Source, fm.Reporter
	for _, p := range ps {
		if p.Kind != KindLead {
			continue
		}
		// Folded as kinds reads it; the values as printed.
		f := fold.String(p.Text)
		m := bylineRe.FindStringSubmatchIndex(f)
		if m == nil {
			break
		}
		if source == "" {
			source = asWritten(p.Text, f, m[2], m[3]) + asWritten(p.Text, f, m[6], m[7])
		}
		if len(reporters) == 0 {
			reporters = creditNamesOf(asWritten(p.Text, f, m[4], m[5]))
		}
		break
	}
	// 【明報專訊】立法會主席…: a Hong Kong paper's own report names the
	// paper at the start of its first paragraph; （中央社記者廖士鋒台北5日電）
	// names the service and its reporters.
	for _, p := range ps {
		if p.Kind != KindLead && p.Kind != KindBody {
			continue
		}
		if service, names, ok := wireByline(p.Text); ok {
			if source == "" {
				source = service
			}
			if len(reporters) == 0 {
				reporters = names
			}
		}
		if source == "" {
			source = specialReport(p.Text)
		}
		break
	}
	// A saved news page's dateline: 2026/1/20 10:30 来源：太原日报. It names
	// the paper that 本报讯 of the lead only points to (来源：兴安日报 over
	// 本报讯（记者 包金花）), and a front matter's source stays.
	for _, p := range ps {
		if source != "" && (source == fm.Source || !strings.HasPrefix(source, "本报")) || p.Kind == KindLead || p.Kind == KindBody {
			break
		}
		if w := sourceField(p.Text, fold.String(p.Text)); w != "" {
			source = w
		}
	}
	for _, p := range ps {
		if len(reporters) > 0 {
			break
		}
		if c, ok := creditLine(p.Text); p.Kind == KindCredit && ok {
			reporters = c.reporters
			if source == "" {
				source = c.paper
			}
		}
	}
	if reporters == nil {
		reporters = []string{}
	}
	return source, reporters
}

// photographerRe is a photo credit on a line of its own (folded), the
// words before 摄: 本报记者 张占兵 摄.
var photographerRe = regexp.MustCompile(`^\(?\s*([\p{Han}·]+(?:\s+[\p{Han}·]+)*)\s*摄(?:影)?\s*\)?$`)

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
		if c, ok := creditLine(p.Text); ok {
			// A byline line names photographers after 摄影 only.
			for _, n := range c.photographers {
				out = appendString(out, n)
			}
			continue
		}
		// 本报记者　周　杰　摄, 成都日报锦观新闻记者 陈芋如 摄: the names
		// before 摄, the words ending in a role left out.
		f := fold.String(p.Text)
		if m := photographerRe.FindStringSubmatchIndex(f); m != nil {
			for _, n := range creditNamesOf(asWritten(p.Text, f, m[2], m[3])) {
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
