package indexer

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestFrontMatter: what a Markdown file's YAML header says overrides what
// the text would give.
func TestFrontMatter(t *testing.T) {
	const md = `---
title: 太原市政协十四届四次会议开幕
date: 2025-01-20
source: 太原日报
place: 太原市
meeting: 太原市政协第十四届委员会第四次会议
speakers: [韦韬, 李强]
reporters: 王芳、赵敏
---

# 政协太原市第十四届委员会第四次会议开幕

**本报讯** 1月19日上午，会议在太原开幕。

韦韬说，过去一年，市政协围绕中心、
服务大局，[履职尽责](https://example.com)。

- 第一项
- 第二项
`
	doc, err := Parse("taiyuan/cppcc.md", []byte(md), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := struct {
		Title, Date, Source string
		Reporters           []string
		Main                string
		Speaker             string
		Texts               []string
	}{doc.Title, doc.Date, doc.Source, doc.Reporters, "", "", nil}
	if doc.MainSession != nil {
		got.Main = doc.MainSession.Name
	}
	for _, p := range doc.Passages {
		got.Texts = append(got.Texts, p.Text)
		if p.Speaker != "" {
			got.Speaker = p.Speaker
		}
	}
	want := struct {
		Title, Date, Source string
		Reporters           []string
		Main                string
		Speaker             string
		Texts               []string
	}{
		Title:     "太原市政协十四届四次会议开幕",
		Date:      "2025-01-20",
		Source:    "太原日报",
		Reporters: []string{"王芳", "赵敏"},
		Main:      "太原市十四届政协四次会议",
		Speaker:   "韦韬",
		Texts: []string{
			"政协太原市第十四届委员会第四次会议开幕",
			"本报讯 1月19日上午，会议在太原开幕。",
			"韦韬说，过去一年，市政协围绕中心、服务大局，履职尽责。",
			"第一项",
			"第二项",
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse(cppcc.md) (-want +got):\n%s", diff)
	}
}

func TestFrontMatterMalformed(t *testing.T) {
	// A header that is not YAML is kept as text rather than lost.
	const md = "---\ntitle: [unclosed\n---\n\n正文第一段。\n"
	doc, err := Parse("bad.md", []byte(md), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range doc.Passages {
		all = append(all, p.Text)
	}
	if !strings.Contains(strings.Join(all, "\n"), "正文第一段。") {
		t.Errorf("Parse(bad.md) lost the body: %q", all)
	}
}

// TestHTML: block elements are paragraphs, scripts, styles and navigation
// are dropped, entities decoded, nested inline tags kept as their text.
func TestHTML(t *testing.T) {
	const page = `<!DOCTYPE html><html><head><title>大同市十六届人大五次会议开幕 &ndash; 大同日报</title>
<style>p { color: red } /* 大同 */</style>
<script>var s = "<p>刘俊义说，假的。</p>"; if (a < b && c > d) {}</script>
</head><body>
<nav><a href="/">首页</a></nav>
<h1>市十六届人大五次会议<b>隆重</b>开幕</h1>
<p>本报讯（记者 李雪峰）2月15日上午，大同市第十六届人民代表大会第五次会议隆重开幕。</p>
<div><p>刘俊义说，<span>要&ldquo;<em>跨入第一方阵</em>&rdquo;</span>&nbsp;&amp;&#x4E00;&#19968;往无前。</p></div>
<!-- <p>注释里的段落</p> -->
<noscript><p>请启用脚本</p></noscript>
<p>第一行<br>第二行</p>
</body></html>`
	doc, err := Parse("page.html", []byte(page), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range doc.Passages {
		texts = append(texts, p.Text)
	}
	joined := strings.Join(texts, "\n")
	for _, bad := range []string{"color", "var s", "假的", "注释里的段落", "请启用脚本", "<", "&amp;", "&ldquo;"} {
		if strings.Contains(joined, bad) {
			t.Errorf("Parse(page.html) kept %q:\n%s", bad, joined)
		}
	}
	for _, good := range []string{"市十六届人大五次会议隆重开幕", "刘俊义说，要“跨入第一方阵”", "&一一往无前。"} {
		if !strings.Contains(joined, good) {
			t.Errorf("Parse(page.html) lacks %q:\n%s", good, joined)
		}
	}
	if doc.Title != "市十六届人大五次会议隆重开幕" {
		t.Errorf("Parse(page.html).Title = %q, want the <h1>'s text", doc.Title)
	}
	if strings.Contains(joined, "首页") {
		t.Errorf("Parse(page.html) kept the navigation:\n%s", joined)
	}
	if doc.Date != "" && doc.Date != "2025-02-15" {
		t.Errorf("Parse(page.html).Date = %q", doc.Date)
	}
	found := false
	for _, p := range doc.Passages {
		if strings.HasPrefix(p.Text, "刘俊义说") {
			found = true
			if p.Speaker != "刘俊义" {
				t.Errorf("speaker of %q = %q, want 刘俊义", p.Text, p.Speaker)
			}
		}
	}
	if !found {
		t.Errorf("no passage starts with 刘俊义说:\n%s", joined)
	}
	if !strings.Contains(joined, "第一行\n第二行") {
		t.Errorf("<br> did not end a paragraph:\n%s", joined)
	}
}

// TestFrontMatterChineseKeys: front matter keys in Chinese (or
// Traditional) name the fields as the metadata table's headers do; an
// English key given too wins.
func TestFrontMatterChineseKeys(t *testing.T) {
	const md = "---\n標題: 2024年鹤岗市政府工作报告\n日期: 2024-01-10\n发言人: 李洪国\n地点: 鹤岗市\n来源: 鹤岗日报\ntitle: 鹤岗市政府工作报告（2024）\n---\n\n# 政府工作报告\n\n各位代表：\n\n现在，我代表市人民政府向大会报告工作。\n"
	doc, err := Parse("hegang.md", []byte(md), Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := []string{doc.Title, doc.Date, doc.Speaker, doc.Place, doc.Source, doc.Passages[len(doc.Passages)-1].Speaker}
	want := []string{"鹤岗市政府工作报告（2024）", "2024-01-10", "李洪国", "鹤岗市", "鹤岗日报", "李洪国"}
	if !slices.Equal(got, want) {
		t.Errorf("title, date, speaker, place, source, last speaker = %q, want %q", got, want)
	}
	// Two Chinese keys for one field: the same one wins every time.
	const two = "---\n標題: 甲市政府工作报告\n标题: 乙市政府工作报告\n---\n\n正文。\n"
	for range 20 {
		doc, err := Parse("two.md", []byte(two), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Title != "乙市政府工作报告" {
			t.Fatalf("title = %q, want the key first in code point order (标题)", doc.Title)
		}
	}
}

// TestHTMLPageChrome: a page saved from a news site. Its title is the
// article's <h1>, or the <title> without the site's name; table cells
// stay apart; navigation, forms and the footer are not text.
func TestHTMLPageChrome(t *testing.T) {
	tests := []struct{ page, title string }{
		{`<title>某市政府工作报告 - 某某网</title><nav>首页 | 新闻</nav><h1>某市政府工作报告</h1><p>正文。</p><footer>版权所有</footer>`, "某市政府工作报告"},
		{`<title>某市政府工作报告_某某日报</title><p>正文。</p>`, "某市政府工作报告"},
		{`<title>两会 | 某市政府工作报告</title><p>正文。</p>`, "两会 | 某市政府工作报告"},
		{`<title>某市政府工作报告</title><p>正文。</p>`, "某市政府工作报告"},
		{`<title>市政府工作报告 | 大同市人民政府</title><p>正文。</p>`, "市政府工作报告"},
		{`<title>某市政府工作报告 - 某某网</title><header><h1><a href="/">某某网</a></h1></header><p>正文。</p>`, "某市政府工作报告"},
		// A breadcrumb for a title, and one in table cells with no class.
		{`<title>首页 &gt; 要闻 &gt; 正文</title><table><tr><td><a href="/">首页</a></td><td>要闻</td></tr></table><h2>政府工作报告</h2><p>正文。</p>`, ""},
		{`<title>当前位置：首页 » 新闻</title><p>首页 &gt; 新闻</p><p>正文。</p>`, ""},
	}
	for _, tt := range tests {
		text, title := htmlText(tt.page)
		if title != tt.title {
			t.Errorf("htmlText(%q) title = %q, want %q", tt.page, title, tt.title)
		}
		for _, bad := range []string{"首页", "版权所有"} {
			if strings.Contains(text, bad) {
				t.Errorf("htmlText(%q) kept %q", tt.page, bad)
			}
		}
	}
	text, _ := htmlText(`<table><tr><td>指标</td><td>2025年</td></tr></table>`)
	if strings.Contains(text, "指标2025") {
		t.Errorf("table cells run together: %q", text)
	}
}

// TestHTMLChrome: the furniture of pages saved from news and government
// sites is not text: elements named for it by class or id, control links,
// and blocks of links; the article around them stays.
func TestHTMLChrome(t *testing.T) {
	const page = `<html><head><title>十四届全国人大三次会议在京开幕_南方网</title></head><body>
<div class="top-bar"><h1 class="logo"><a href="/">南方网</a></h1></div>
<div id="rwb_nav"><ul><li><a href="/">人民网首页</a></li><li><a href="/p">时政</a></li></ul></div>
<div class="crumb">您当前的位置：<a href="/">南方网</a> &gt; 正文</div>
<div id="position">当前位置：<a href="/">首页</a> &gt;&gt; 新闻发布会</div>
<h1 class="article-title">十四届全国人大三次会议在京开幕</h1>
<div class="attr">发布时间：2025-03-05 10:30 来源：南方日报 <span>【字号：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(12)">小</a>】</span></div>
<div class="content"><p>　　新华社北京3月5日电　大会开幕。
<p>　　赵乐际主持大会。</p>
<div class="ad" id="ad_article_1"><a href="https://ad.example.com/">广告 两会报道抢先看</a></div>
<p class="editor">责任编辑：林晓彤</p></div>
<div class="box_news"><h2>相关新闻</h2><ul><li><a href="/1">广东代表团审议政府工作报告</a></li><li><a href="/2">全国政协十四届三次会议在京开幕</a></li></ul></div>
<div class="sidebar"><h4>热点排行</h4><ol><li>两会快评：稳中求进</li></ol></div>
<div id="footer"><p>版权所有：南方网</p></div>
</body></html>`
	text, title := htmlText(page)
	if title != "十四届全国人大三次会议在京开幕" {
		t.Errorf("title = %q, want the article's <h1>", title)
	}
	want := []string{"十四届全国人大三次会议在京开幕", "发布时间：2025-03-05 10:30 来源：南方日报【字号：】", "新华社北京3月5日电 大会开幕。", "赵乐际主持大会。", "责任编辑：林晓彤"}
	if got := paragraphs(text); !cmp.Equal(got, want) {
		t.Errorf("htmlText(page) paragraphs\n got %q\nwant %q", got, want)
	}
}

// TestHTMLLineBreaks: a <br> inside a sentence joins its two halves, so
// that 四个自信 is found; <br> between sentences, two <br>s, and lines of
// names or labels are paragraphs.
func TestHTMLLineBreaks(t *testing.T) {
	tests := []struct {
		page string
		want []string
	}{
		{`<p>他说，要坚定四个<br>自信，办好民生实事。</p>`, []string{"他说，要坚定四个自信，办好民生实事。"}},
		{`<p>第一段。<br>　　第二段。</p>`, []string{"第一段。", "第二段。"}},
		{`<p>他说，要坚定<br><br>自信。</p>`, []string{"他说，要坚定", "自信。"}},
		{`<p>出席：<br>张三<br>李四</p>`, []string{"出席：", "张三", "李四"}},
		{`<p>会议指出，要抓好<br>一、稳增长</p>`, []string{"会议指出，要抓好", "一、稳增长"}},
		{`<p>He said, we<br>will go.</p>`, []string{"He said, we will go."}},
		// A headline over two lines is one, spaced once.
		{`<h1 class="title">中山市政府召开新闻发布会<br />通报2024年全市经济运行情况</h1>`, []string{"中山市政府召开新闻发布会 通报2024年全市经济运行情况"}},
		// In a page that indents its paragraphs, a line without the
		// indent after a <br> goes on in the same paragraph.
		{"<p>　　梁志华介绍，增速居全省前列。<br />\n全市新增规模以上工业企业606家。</p><p>　　何立新说，经济回升。</p>", []string{"梁志华介绍，增速居全省前列。全市新增规模以上工业企业606家。", "何立新说，经济回升。"}},
		// Paragraphs left unclosed end where the next starts.
		{"<p>　　第一段。\n<p>　　第二段。</p>", []string{"第一段。", "第二段。"}},
	}
	for _, tt := range tests {
		text, _ := htmlText(tt.page)
		if got := paragraphs(text); !cmp.Equal(got, tt.want) {
			t.Errorf("htmlText(%q) paragraphs %q, want %q", tt.page, got, tt.want)
		}
	}
}

// TestMarkdownReport: a work report's own text in Markdown. Its one
// front-matter speaker speaks every passage that reports no one else;
// a table's delimiter row goes and its cells and rows stay apart.
func TestMarkdownReport(t *testing.T) {
	const md = `---
title: 某市政府工作报告（摘要）
speakers: [王强]
---

# 某市政府工作报告（摘要）

过去一年，我们坚持稳中求进。

| 指标 | 目标 |
|:---|---:|
| GDP | 5% |

市政协主席李明说，要建言资政。

---

* * *

附：本报告摘要由市政府办公室整理。
`
	doc, err := Parse("report.md", []byte(md), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Kind, Speaker, Text string }
	var got []row
	for _, p := range doc.Passages {
		got = append(got, row{string(p.Kind), p.Speaker, p.Text})
	}
	want := []row{
		{"headline", "", "某市政府工作报告（摘要）"},
		{"body", "王强", "过去一年，我们坚持稳中求进。"},
		{"label", "", "指标  目标"},
		{"label", "", "GDP  5%"},
		{"body", "李明", "市政协主席李明说，要建言资政。"},
		{"body", "", "附：本报告摘要由市政府办公室整理。"}, // the rules (---, * * *) are gone; a note is nobody's
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse(report.md) (-want +got):\n%s", diff)
	}
}

// TestHTMLHeadingDashLine: the dash line set under a report's title in the
// same heading is a line of its own, as the date and session it gives are
// read from one; a sentence that opens with 首页 is no breadcrumb.
func TestHTMLHeadingDashLine(t *testing.T) {
	text, _ := htmlText(`<h2 class="title">政府工作报告<br>——2024年1月22日在珠海市第十届人民代表大会第五次会议上</h2><p>首页上线的“两会专题”访问量超过百万次。</p>`)
	want := []string{"政府工作报告", "——2024年1月22日在珠海市第十届人民代表大会第五次会议上", "首页上线的“两会专题”访问量超过百万次。"}
	var got []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			got = append(got, p)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs %q, want %q", got, want)
	}
	doc, err := Parse("a.html", []byte(`<title>首页 &gt; 要闻 &gt; 正文</title><h2>政府工作报告<br>——2024年1月22日在珠海市第十届人民代表大会第五次会议上</h2><p>各位代表：</p><p>现在，我代表市人民政府，向大会报告工作，请予审议。</p>`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "政府工作报告" || doc.Date != "2024-01-22" || doc.MainSession == nil || doc.MainSession.Name != "珠海市十届人大五次会议" {
		t.Errorf("title %q, date %q, session %+v", doc.Title, doc.Date, doc.MainSession)
	}
}

// TestHTMLTooDeep: a page nested deeper than the HTML parser takes (a
// generator's thousands of unclosed <div>) is read token by token: its text
// and title stay, its scripts do not.
func TestHTMLTooDeep(t *testing.T) {
	page := "<html><head><title>市人代会开幕_某某日报</title></head><body>" + strings.Repeat("<div>", 2000) +
		"<p>大同市第十六届人民代表大会第五次会议开幕。</p><script>var s = '王五说，这不是正文';</script><p>刘俊义说，今年是关键之年。<br>全市经济稳中向好。</p>" + strings.Repeat("</div>", 2000)
	text, title := htmlText(page)
	if title != "市人代会开幕" {
		t.Errorf("title = %q", title)
	}
	var got []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			got = append(got, p)
		}
	}
	want := []string{"大同市第十六届人民代表大会第五次会议开幕。", "刘俊义说，今年是关键之年。", "全市经济稳中向好。"}
	if !slices.Equal(got, want) {
		t.Errorf("paragraphs %q, want %q", got, want)
	}
}
