package indexer

import (
	"path"
	"regexp"
	"strings"

	"sessionsearch/fold"
)

// Where a document was published, as a citation names it: the newspaper
// and its page, or the web site a saved page was taken from. Precision
// first: a paper or a site the document does not name stays "".

// paperNameRe is a newspaper's name (folded): 大同日报, 深圳特区报, 人民日报,
// 明报. notPaperRe are names of genres that end in 报 too (公报, 通报, 简报,
// 喜报, 学报, 画报…) and the byline lead 本报讯: no paper's name.
var (
	paperNameRe = regexp.MustCompile(`^\p{Han}{1,8}报$`)
	notPaperRe  = regexp.MustCompile(`(?:公|通|简|汇|喜|捷|情|预|举|申|电|快|画|学|战)报$|^本报`)
	siteRe      = regexp.MustCompile(`^\p{Han}{1,12}网(?:站)?$|^[a-z0-9.-]+\.(?:cn|com|net|org)$`)
)

// isPaper says whether name (as written or folded) is a newspaper's name.
func isPaper(name string) bool {
	f := fold.String(name)
	return paperNameRe.MatchString(f) && !notPaperRe.MatchString(f)
}

// pageHeaderRe is a paper's page header (folded): 人民日报　1954年9月24日　第1版,
// 深圳特区报　2024年1月30日　星期二　A01　要闻. Its groups are the paper and
// the page, as 第N版 or a letter and a number.
var pageHeaderRe = regexp.MustCompile(`^(\p{Han}{1,8}报)\s+\d{4}年\d{1,2}月\d{1,2}日(?:\s+(?:星期|周)\p{Han})?\s+(?:第(\d{1,3})版|([a-z]?\d{1,3})(?:\s|$))`)

// sourceFieldRe is a saved page's 来源 field (folded): 来源：太原日报,
// 來源：人民網, 来源：people.com.cn.
var sourceFieldRe = regexp.MustCompile(`来源:\s*([\p{Han}a-z0-9.·-]{2,20})`)

// sourceField returns the name, as written, in the 来源 field of text
// (f is text folded), or "" when it has none.
func sourceField(text, f string) string {
	if m := sourceFieldRe.FindStringSubmatchIndex(f); m != nil {
		return asWritten(text, f, m[2], m[3])
	}
	return ""
}

// publication reads a document's paper, page and site, in this order of
// evidence: a page header in its title block; a byline line naming the
// paper before the role (新华日报记者 王静); a Hong Kong paper's 【明報專訊】;
// a saved page's 来源 (a paper's name, else a site's: 来源：人民政协网 over
// 本报北京3月6日电 is the site the page was taken from); the source the
// front matter or the metadata table gives; a word or a folder of the
// file's path (2025-02-15 大同日报 市十六届人大五次会议开幕.txt,
// speech-news/人民日报/…).
func publication(doc *Document) (paper, page, site string) {
	for _, p := range doc.Passages {
		if p.Kind == KindLead || p.Kind == KindBody || p.Kind == KindSalutation {
			break
		}
		written := strings.TrimSpace(p.Text)
		f := fold.String(written)
		if m := pageHeaderRe.FindStringSubmatchIndex(f); m != nil && paper == "" {
			if w := asWritten(written, f, m[2], m[3]); isPaper(w) {
				paper = w
				page = asWritten(written, f, m[4], m[5]) + asWritten(written, f, m[6], m[7])
			}
		}
		if c, ok := creditLine(p.Text); ok && paper == "" && isPaper(c.paper) {
			paper = c.paper
		}
		if w := sourceField(written, f); w != "" {
			switch {
			case isPaper(w) && paper == "":
				paper = w
			case siteRe.MatchString(fold.String(w)) && site == "":
				site = w
			}
		}
	}
	if paper == "" {
		for _, p := range doc.Passages {
			if p.Kind != KindLead && p.Kind != KindBody {
				continue
			}
			paper = specialReport(p.Text)
			break
		}
	}
	if paper == "" && isPaper(doc.Source) {
		paper = doc.Source
	}
	if paper == "" {
		paper = paperInPath(doc.Path)
	}
	return paper, page, site
}

// paperInPath is the paper a file's path names, as a word of its file
// name (2025-02-15 大同日报 市十六届人大五次会议开幕.txt, 解放日报_上海市…) or
// a folder (speech-news/人民日报/…), the nearest first; "" when none does.
func paperInPath(p string) string {
	dir, file := path.Split(p)
	words := strings.FieldsFunc(strings.TrimSuffix(file, path.Ext(file)), func(r rune) bool {
		return r == ' ' || r == '\u3000' || r == '_'
	})
	for _, w := range words {
		if isPaper(w) {
			return w
		}
	}
	folders := strings.Split(strings.Trim(dir, "/"), "/")
	for i := len(folders) - 1; i >= 0; i-- {
		if isPaper(folders[i]) {
			return folders[i]
		}
	}
	return ""
}
