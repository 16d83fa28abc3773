package search

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSnippetMarksEachOccurrenceOnce(t *testing.T) {
	m := newMatcher([]string{"算力之城"})
	got := m.snippet("努力建设能源之城、算力之城、文化之城")
	want := "努力建设能源之城、<mark>算力之城</mark>、文化之城"
	if got != want {
		t.Errorf("snippet = %q, want %q", got, want)
	}
}

func TestSnippetEscapesMarkup(t *testing.T) {
	m := newMatcher([]string{"<b>"})
	got := m.snippet(`<script>alert(1)</script> and <b>bold</b> & "q"`)
	if strings.Contains(got, "<script>") || strings.Contains(got, "<b>b") {
		t.Errorf("snippet leaked markup: %q", got)
	}
	if !strings.Contains(got, "<mark>&lt;b&gt;</mark>") {
		t.Errorf("snippet = %q, want the escaped match marked", got)
	}
}

func TestSnippetWholeTokens(t *testing.T) {
	m := newMatcher([]string{"341"})
	got := m.snippet("应到代表341人，编号1341，共1,341人")
	if n := strings.Count(got, "<mark>"); n != 1 {
		t.Errorf("snippet = %q: %d marks, want 1", got, n)
	}
}

func TestSnippetFoldsTraditional(t *testing.T) {
	m := newMatcher([]string{"数字经济"})
	got := m.snippet("發展數字經濟。")
	if got != "發展<mark>數字經濟</mark>。" {
		t.Errorf("snippet = %q: the match must keep the characters as written", got)
	}
}

func TestSnippetShape(t *testing.T) {
	seed := "刘俊义说，今年是“十四五”规划收官之年。做好政府工作，要以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的二十大和二十届二中、三中全会精神，深入学习贯彻习近平总书记对山西工作的重要讲话重要指示精神，落实中央和省委经济工作会议精神，努力建设能源之城、算力之城、文化之城，高质量完成“十四五”规划目标任务，为实现“十五五”良好开局奠定坚实基础。重点抓好七个方面工作：（一）统筹提振消费和扩大投资，全力推动经济增长取得新突破；（二）统筹科技创新和产业升级，全力培育资源型经济转型新动能。"
	m := newMatcher([]string{"算力之城"})
	got := m.snippet(seed)
	plain := regexp.MustCompile(`</?mark>`).ReplaceAllString(got, "")
	if n := utf8.RuneCountInString(strings.Trim(plain, "…")); n > snippetRunes {
		t.Errorf("snippet has %d characters, want at most %d: %q", n, snippetRunes, got)
	}
	if !strings.Contains(got, "<mark>算力之城</mark>") {
		t.Errorf("snippet %q lacks the match", got)
	}
	if !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("snippet %q should show … where it cuts", got)
	}
	inner := strings.Trim(plain, "…")
	first, _ := utf8.DecodeRuneInString(inner)
	last, _ := utf8.DecodeLastRuneInString(inner)
	if isClauseEnd(first) || isSentenceEnd(first) {
		t.Errorf("snippet %q starts with a boundary character", got)
	}
	if !isClauseEnd(last) && !isSentenceEnd(last) {
		t.Errorf("snippet %q does not end at a sentence or clause boundary", got)
	}
}

func FuzzSnippet(f *testing.F) {
	f.Add("努力建设能源之城、算力之城、文化之城", "算力之城")
	f.Add("<a href='x'>&amp;</a>", "a")
	f.Add("341人1341", "341")
	f.Fuzz(func(t *testing.T, text, needle string) {
		if !utf8.ValidString(text) || !utf8.ValidString(needle) {
			return
		}
		m := newMatcher([]string{needle})
		for _, out := range []string{m.snippet(text), func() string { h, _ := m.highlight(text); return h }()} {
			// Well-formed: the only tags are balanced <mark> pairs.
			rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(out)
			if strings.ContainsAny(rest, "<>") {
				t.Fatalf("output has unescaped markup: %q", out)
			}
			if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") || strings.Contains(out, "<mark><mark>") {
				t.Fatalf("unbalanced marks: %q", out)
			}
			// Marks cover only query text.
			for _, mm := range regexp.MustCompile(`<mark>(.*?)</mark>`).FindAllStringSubmatch(out, -1) {
				inner := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(mm[1])
				if string(matchRunes(inner)) != string(matchRunes(strings.TrimSpace(needle))) {
					t.Fatalf("mark %q does not cover the query %q", mm[1], needle)
				}
			}
		}
	})
}
