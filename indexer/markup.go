package indexer

import (
	_ "embed"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"

	"sessionsearch/fold"
)

// frontMatter is the YAML header a Markdown document may carry; what it
// says overrides what is inferred from the text.
type frontMatter struct {
	Title    string   `yaml:"title"`
	Date     string   `yaml:"date"`
	Source   string   `yaml:"source"`
	Place    string   `yaml:"place"`
	Meeting  string   `yaml:"meeting"`
	Session  string   `yaml:"session"`
	Speakers []string `yaml:"speakers"`
	Reporter []string `yaml:"reporters"`
}

// splitFrontMatter separates a leading "---" YAML block from the body. A
// malformed block is kept as text rather than lost.
func splitFrontMatter(s string) (frontMatter, string) {
	var fm frontMatter
	t := strings.TrimLeft(s, "\n\ufeff")
	if !strings.HasPrefix(t, "---\n") {
		return fm, s
	}
	end := strings.Index(t[4:], "\n---")
	if end < 0 {
		return fm, s
	}
	block := t[4 : 4+end]
	rest := t[4+end+4:]
	if i := strings.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[i+1:]
	} else {
		rest = ""
	}
	var raw map[string]any
	if err := yaml.Unmarshal([]byte(block), &raw); err != nil {
		return fm, s
	}
	// Keys in Chinese name the fields as the metadata table's headers do
	// (标题: …, 日期: …, 發言人: …); an English key given too wins, and of
	// two Chinese keys for one field (标题 and 標題) the first in code
	// point order, whatever order the map gives.
	for _, k := range slices.Sorted(maps.Keys(raw)) {
		c, ok := knownHeaders[fold.String(strings.TrimSpace(k))]
		if c == colSpeakers {
			c = "speakers"
		}
		if _, have := raw[c]; ok && !have {
			raw[c] = raw[k]
		}
	}
	get := func(k string) string {
		switch v := raw[k].(type) {
		case string:
			return strings.TrimSpace(v)
		case nil:
			return ""
		default:
			if t, ok := v.(interface{ Format(string) string }); ok {
				return t.Format("2006-01-02")
			}
			return strings.TrimSpace(strings.Trim(strings.ReplaceAll(yamlString(v), "\n", " "), " "))
		}
	}
	list := func(k string) []string {
		switch v := raw[k].(type) {
		case string:
			return splitNames(v)
		case []any:
			var out []string
			for _, x := range v {
				if s, ok := x.(string); ok && strings.TrimSpace(s) != "" {
					out = append(out, strings.TrimSpace(s))
				}
			}
			return out
		}
		return nil
	}
	fm.Title, fm.Date, fm.Source, fm.Place = get("title"), get("date"), get("source"), get("place")
	fm.Meeting, fm.Session = get("meeting"), get("session")
	fm.Speakers, fm.Reporter = list("speakers"), list("reporters")
	return fm, rest
}

func yamlString(v any) string {
	b, _ := yaml.Marshal(v)
	return string(b)
}

func splitNames(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '、' || r == '，' || unicode.IsSpace(r) }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

var (
	mdHeading    = regexp.MustCompile(`(?m)^#{1,6}\s+`)
	mdTableDelim = regexp.MustCompile(`(?m)^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+[ \t]*(?::?-{3,}:?[ \t]*)?$`)
	mdTableRow   = regexp.MustCompile(`(?m)^[ \t]*\|.*\|[ \t]*$`)
	mdEmph       = regexp.MustCompile(`\*\*|__|\*|~~`)
	mdLink       = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdQuote      = regexp.MustCompile(`(?m)^>\s?`)
	mdBullet     = regexp.MustCompile(`(?m)^[-*+]\s+`)
)

// stripMarkdown keeps the words of Markdown and drops its marks. A
// Markdown paragraph may be wrapped over several lines: they are joined,
// while headings, list items, quotes and fenced code keep their lines.
func stripMarkdown(s string) string {
	s = unwrapMarkdown(s)
	s = mdRule.ReplaceAllString(s, "")
	// Tables: the delimiter row goes, cells stay apart.
	s = mdTableDelim.ReplaceAllString(s, "")
	s = mdTableRow.ReplaceAllStringFunc(s, func(row string) string {
		cells := strings.Split(strings.Trim(strings.TrimSpace(row), "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		return strings.Join(cells, "  ")
	})
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdHeading.ReplaceAllString(s, "")
	s = mdQuote.ReplaceAllString(s, "")
	s = mdBullet.ReplaceAllString(s, "")
	return mdEmph.ReplaceAllString(s, "")
}

// mdRule is a thematic break on a line of its own (---, ***, ___, * * *),
// as a proposal sets one before its closing note: a rule, not text. Front
// matter's --- lines are gone before this runs.
var mdRule = regexp.MustCompile(`(?m)^[ \t]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)

// blockTags end a paragraph in HTML.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "tr": true, "table": true, "section": true, "article": true, "header": true, "footer": true,
	"blockquote": true, "figcaption": true, "figure": true, "pre": true, "ul": true, "ol": true, "dd": true, "dt": true,
}

// skipTags hold no article text: code, and the page's navigation, forms
// and footer (a saved news page's 首页 | 新闻 … 版权所有).
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "svg": true, "iframe": true, "object": true,
	"nav": true, "footer": true, "aside": true, "form": true, "button": true, "select": true,
}

// htmlText reduces HTML to paragraphs of text, dropping scripts, styles,
// comments and page chrome (see isChrome), and returns the title
// (pageTitle). It reads the page as a browser does (html.Parse), so that
// paragraphs left unclosed (<p>…<p>…) end where the next one starts.
func htmlText(s string) (text, title string) {
	root, err := html.Parse(strings.NewReader(s))
	if err != nil {
		// html.Parse refuses elements nested deeper than 512 (a page
		// generated with thousands of unclosed <div> or <font>): its text
		// is read token by token instead.
		text, title = flatHTMLText(s)
	} else {
		w := htmlWalker{links: map[*html.Node]linkCount{}}
		w.countLinks(root, false)
		w.walk(root)
		text = w.b.String()
		title = pageTitle(strings.Join(strings.Fields(w.h1.String()), " "), strings.TrimSpace(w.head.String()))
	}
	paras := strings.Split(text, "\n\n")
	paras = slices.DeleteFunc(paras, func(p string) bool { return breadcrumbRe.MatchString(strings.TrimSpace(p)) })
	return strings.Join(paras, "\n\n"), title
}

// flatHTMLText reads a page's text from its tokens, without a tree: the
// text of skipTags is dropped, block tags and <br> end paragraphs, and the
// <title> (without the site's name) is the title. It knows no page chrome
// by class: the pages that need it parse as trees.
func flatHTMLText(s string) (text, title string) {
	var b, head strings.Builder
	z := html.NewTokenizer(strings.NewReader(s))
	skip, inTitle := 0, false
	for {
		switch tt := z.Next(); tt {
		case html.ErrorToken:
			return b.String(), pageTitle("", strings.TrimSpace(head.String()))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case tag == "title":
				inTitle = tt == html.StartTagToken
			case skipTags[tag] && tt != html.SelfClosingTagToken:
				if tt == html.StartTagToken {
					skip++
				} else if skip > 0 {
					skip--
				}
			case blockTags[tag] || tag == "br":
				b.WriteString("\n\n")
			}
		case html.TextToken:
			t := strings.Join(strings.Fields(string(z.Text())), " ")
			switch {
			case inTitle:
				head.WriteString(t)
			case skip == 0 && t != "":
				b.WriteString(t)
			}
		}
	}
}

// breadcrumbRe is a page's breadcrumb written as text, with no class that
// names it: 首页 要闻 (two cells of a table), 首页 > 要闻 > 正文, 当前位置：首页.
// It is never a headline nor a title; 首页工程 or 首页上的… is a sentence.
var breadcrumbRe = regexp.MustCompile(`^(?:首页|当前位置|您当前的位置|您现在的位置)(?:$|\s*[>»›＞|/:：]|\s+\p{Han}{2,6}(?:$|\s))`)

// htmlWalker writes the text of a page's nodes.
type htmlWalker struct {
	b, head, h1  strings.Builder
	brs          int // <br>s since the last text
	inH1, h1Done bool
	heading      int  // depth inside h1-h6
	paraIndented bool // the paragraph being written started with an indent
	links        map[*html.Node]linkCount
}

// linkCount is how much of an element's text is links: characters in all,
// characters inside links, and links.
type linkCount struct{ all, linked, links int }

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data)
		return
	case html.CommentNode:
		return
	case html.ElementNode:
		w.element(n)
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
}

func (w *htmlWalker) element(n *html.Node) {
	tag := n.Data
	switch {
	case tag == "title":
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				w.head.WriteString(c.Data)
			}
		}
		return
	case skipTags[tag] || isChrome(n) || w.linkBox(n):
		return
	case tag == "br":
		w.brs++
		return
	case tag == "td" || tag == "th":
		// Cells stay apart: a phrase does not run from one into the next.
		w.b.WriteString(" ")
	}
	block := blockTags[tag]
	if block {
		w.brs = 0
		w.b.WriteString("\n\n")
	}
	h1 := tag == "h1" && !w.h1Done
	if h1 {
		w.inH1 = true
	}
	heading := len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6'
	if heading {
		w.heading++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if heading {
		w.heading--
	}
	if h1 {
		w.inH1, w.h1Done = false, true
	}
	if block {
		w.brs = 0
		w.b.WriteString("\n\n")
	}
}

func (w *htmlWalker) text(raw string) {
	t := strings.Join(strings.Fields(raw), " ")
	if t == "" {
		return
	}
	indent := indentOf(strings.TrimLeft(strings.ReplaceAll(raw, "\u00a0", " "), "\r\n")) != indentNone
	if w.brs > 0 {
		switch {
		case w.heading == 0 && w.brs == 1 && w.paraIndented && !indent:
			// A page that indents its paragraphs (<p>　　…) starts a new one
			// with the indent: a line after a <br> without it goes on in
			// the same paragraph (…增速居全省前列。<br />全市新增…).
			if needsSpace(w.b.String(), t) {
				w.b.WriteByte(' ')
			}
		case w.heading > 0 && strings.HasPrefix(t, "—"):
			// 政府工作报告<br>——2024年1月22日在珠海市第十届人民代表大会第五次会议上:
			// the dash line under a report's title is a line of its own.
			w.b.WriteString("\n\n")
		case w.heading > 0:
			// A headline set over two lines is one headline, its parts
			// spaced once (中山市政府召开新闻发布会<br />通报2024年全市经济
			// 运行情况, as the page's <title> writes it).
			w.b.WriteByte(' ')
			if w.inH1 {
				w.h1.WriteByte(' ')
			}
		case w.brs == 1 && brContinues(w.b.String(), t):
			if needsSpace(w.b.String(), t) {
				w.b.WriteByte(' ')
			}
		default:
			w.b.WriteString("\n\n")
		}
		w.brs = 0
	}
	if w.inH1 {
		w.h1.WriteString(t)
	}
	if b := w.b.String(); b == "" || strings.HasSuffix(b, "\n\n") {
		w.paraIndented = indent
	}
	w.b.WriteString(t)
}

//go:embed data/page_chrome.txt
var pageChromeData string

// pageChrome are the class and id words of a page's furniture.
var pageChrome = embeddedList(pageChromeData)

// isChrome: an element that is a page's furniture, not the article: its
// class or id names navigation, a logo, a breadcrumb, an advert, related
// links, a sidebar or a footer (data/page_chrome.txt: <div id="rwb_nav">,
// <h1 class="logo">南方网</h1>, <div class="crumb">您当前的位置：…); a
// or a control link (<a href="javascript:…">分享到</a>, 【字号：大 中 小】).
// A block made mostly of links is furniture too (linkBox).
func isChrome(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id":
			for _, word := range strings.FieldsFunc(strings.ToLower(a.Val), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
				if slices.Contains(pageChrome, word) {
					return true
				}
			}
		case "href":
			if n.Data == "a" && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:") {
				return true
			}
		}
	}
	return false
}

// linkBox: a block made mostly of links, such as a 相关新闻 box of
// headlines or a menu (<div class="box_news"><h2>相关新闻</h2><ul><li><a>…).
func (w *htmlWalker) linkBox(n *html.Node) bool {
	switch n.Data {
	case "div", "section", "ul", "ol", "table", "dl":
		c := w.links[n]
		return c.links >= 2 && c.linked*10 >= c.all*7
	}
	return false
}

// countLinks fills w.links for n and the elements under it, once.
func (w *htmlWalker) countLinks(n *html.Node, inLink bool) linkCount {
	var c linkCount
	switch {
	case n.Type == html.TextNode:
		k := utf8.RuneCountInString(strings.Join(strings.Fields(n.Data), ""))
		c.all = k
		if inLink {
			c.linked = k
		}
		return c
	case n.Type == html.ElementNode && skipTags[n.Data]:
		return c
	case n.Type == html.ElementNode && n.Data == "a":
		inLink = true
		c.links = 1
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		k := w.countLinks(ch, inLink)
		c.all, c.linked, c.links = c.all+k.all, c.linked+k.linked, c.links+k.links
	}
	if n.Type == html.ElementNode {
		w.links[n] = c
	}
	return c
}

// brContinues: a single <br> inside a sentence is a line break of the
// page's layout, not a paragraph (他说，要坚定四个<br>自信，…): the text
// before it has sentence punctuation or is as long as body text, does not
// end a sentence, and what follows does not start a new item. Lines of
// names or labels (张三<br>李四) stay apart.
func brContinues(before, after string) bool {
	para := before[strings.LastIndex(before, "\n")+1:]
	if para == "" || endsSentence(para) || startsNewItem(after) {
		return false
	}
	return strings.ContainsAny(para, "，,、；") || utf8.RuneCountInString(para) >= minBodyRunes
}

// siteNameRe is a site's name after a page title: " - 某某网", "_某某日报",
// " | 某市人民政府".
var siteNameRe = regexp.MustCompile(`\s*(?:\s[-–—|]\s|_|\|)\s*[^-–—|_]{0,14}(?:网|报|台|频道|新闻|网站|客户端|门户|政府|\.com|\.cn|\.net|\.org)$`)

// pageTitle is the article's headline: the first <h1>, unless it is the
// site's logo (<h1>某某网</h1>, named again after the <title>'s own
// text), else the <title> without the site's name.
func pageTitle(h1, title string) string {
	own, site := title, ""
	if loc := siteNameRe.FindStringIndex(title); loc != nil && loc[0] > 0 {
		own, site = title[:loc[0]], title[loc[0]:]
	}
	// <title>首页 &gt; 要闻 &gt; 正文</title> is the site's trail, not the
	// article's title.
	if breadcrumbRe.MatchString(own) || strings.ContainsAny(own, ">»›＞") {
		own = ""
	}
	if h1 != "" && !(site != "" && strings.Contains(site, h1)) {
		return h1
	}
	return own
}

var mdOwnLine = regexp.MustCompile(`^(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\x60\x60\x60|~~~|\|)`)

// unwrapMarkdown joins the lines of each Markdown paragraph; a blank line
// still separates paragraphs.
func unwrapMarkdown(s string) string {
	lines := strings.Split(s, "\n")
	var b strings.Builder
	joinable, fenced := false, false
	for _, line := range lines {
		t := strings.TrimSpace(line)
		own := mdOwnLine.MatchString(t)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
		}
		switch {
		case t == "":
			b.WriteString("\n\n")
			joinable = false
			continue
		case joinable && !own && !fenced:
			if needsSpace(b.String(), t) {
				b.WriteByte(' ')
			}
			b.WriteString(t)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(t)
		joinable = !own && !fenced && !strings.HasSuffix(t, "  ")
	}
	return b.String()
}

// needsSpace: Latin words joined across a line break keep a space between
// them; Chinese text does not.
func needsSpace(before, after string) bool {
	la, _ := utf8.DecodeLastRuneInString(before)
	fa, _ := utf8.DecodeRuneInString(after)
	return la < 0x80 && fa < 0x80 && la != ' '
}
