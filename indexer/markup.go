package indexer

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"gopkg.in/yaml.v3"
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
	mdHeading = regexp.MustCompile(`(?m)^#{1,6}\s+`)
	mdEmph    = regexp.MustCompile(`\*\*|__|\*|~~`)
	mdLink    = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdQuote   = regexp.MustCompile(`(?m)^>\s?`)
	mdBullet  = regexp.MustCompile(`(?m)^[-*+]\s+`)
)

// stripMarkdown keeps the words of Markdown and drops its marks. A
// Markdown paragraph may be wrapped over several lines: they are joined,
// while headings, list items, quotes and fenced code keep their lines.
func stripMarkdown(s string) string {
	s = unwrapMarkdown(s)
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdHeading.ReplaceAllString(s, "")
	s = mdQuote.ReplaceAllString(s, "")
	s = mdBullet.ReplaceAllString(s, "")
	return mdEmph.ReplaceAllString(s, "")
}

// blockTags end a paragraph in HTML.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "tr": true, "table": true, "section": true, "article": true, "header": true, "footer": true,
	"blockquote": true, "figcaption": true, "figure": true, "pre": true, "ul": true, "ol": true, "dd": true, "dt": true,
}

// htmlText reduces HTML to paragraphs of text, dropping scripts, styles
// and comments, and returns the <title> too.
func htmlText(s string) (text, title string) {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0
	inTitle := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String(), strings.TrimSpace(title)
		case html.TextToken:
			if skip > 0 {
				continue
			}
			t := string(z.Text())
			if inTitle {
				title += t
				continue
			}
			b.WriteString(strings.Join(strings.Fields(t), " "))
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			tt := z.Token().Type
			switch tag {
			case "script", "style", "noscript", "template", "svg", "iframe", "object":
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
			case "title":
				inTitle = tt == html.StartTagToken
			}
			if blockTags[tag] {
				b.WriteString("\n\n")
			}
		}
	}
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
