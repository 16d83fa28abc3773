package search

import (
	"context"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"sessionsearch/indexer"
)

// TestCitationForms formats documents of many shapes, their fields copied
// from the indexer's golden files and the test corpora.
func TestCitationForms(t *testing.T) {
	fromFileName := map[string]string{"title": indexer.SourceFileName}
	tests := []struct {
		name    string
		doc     DocumentInfo
		n       int
		typ     string
		gbt     string
		plain   string
		plainEN string
		skipEN  bool
	}{
		{
			name: "city news with a reporter, the paper in the file name",
			doc: DocumentInfo{Path: "2025-02-15 大同日报 市十六届人大五次会议开幕.txt", Title: "市十六届人大五次会议隆重开幕",
				Subtitles: []string{"全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章"}, Date: "2025-02-15", Paper: "大同日报", Source: "本报讯", Reporters: []string{"李雪峰"}},
			n: 3, typ: "N",
			gbt:     "李雪峰. 市十六届人大五次会议隆重开幕[N]. 大同日报, 2025-02-15.",
			plain:   "大同日报，2025-02-15，《市十六届人大五次会议隆重开幕》，第3段",
			plainEN: "大同日报, 2025-02-15, 《市十六届人大五次会议隆重开幕》, para. 3",
		},
		{
			name: "city news with two reporters",
			doc: DocumentInfo{Path: "cities/上海/2025-01-15 解放日报 上海市十六届人大三次会议开幕.txt", Title: "上海市十六届人大三次会议开幕",
				Date: "2025-01-15", Paper: "解放日报", Source: "本报讯", Reporters: []string{"吴頔", "孟群舒"}},
			n: 4, typ: "N",
			gbt:   "吴頔, 孟群舒. 上海市十六届人大三次会议开幕[N]. 解放日报, 2025-01-15.",
			plain: "解放日报，2025-01-15，《上海市十六届人大三次会议开幕》，第4段",
		},
		{
			name: "a paper's page header gives the paper and the page",
			doc: DocumentInfo{Path: "cities/深圳/深圳特区报/市七届人大四次会议隆重开幕.txt", Title: "市七届人大四次会议隆重开幕",
				Subtitles: []string{"深圳特区报　2024年1月30日　星期二　A01　要闻", "凝心聚力勇当尖兵　踔厉奋发再创新局"},
				Date:      "2024-01-30", Paper: "深圳特区报", Page: "A01", Source: "本报讯", Reporters: []string{"刘晓燕"}},
			n: 4, typ: "N",
			gbt:   "刘晓燕. 市七届人大四次会议隆重开幕[N]. 深圳特区报, 2024-01-30(A01).",
			plain: "深圳特区报，2024-01-30，《市七届人大四次会议隆重开幕》，第4段",
		},
		{
			name: "an old page header's 第1版, no byline",
			doc: DocumentInfo{Path: "speech-news/人民日报/1954-09-24周恩来总理作政府工作报告.txt", Title: "周恩来总理在全国人民代表大会上作政府工作报告",
				Subtitles: []string{"人民日报\u30001954年9月24日\u3000第1版", "指出我国五年来的伟大成就和今后的基本任务"}, Date: "1954-09-24", Paper: "人民日报", Page: "1"},
			n: 5, typ: "N",
			gbt:   "周恩来总理在全国人民代表大会上作政府工作报告[N]. 人民日报, 1954-09-24(1).",
			plain: "人民日报，1954-09-24，《周恩来总理在全国人民代表大会上作政府工作报告》，第5段",
		},
		{
			name: "a national work report with its signer",
			doc: DocumentInfo{Path: "national/2024年中华人民共和国国务院政府工作报告.txt", Title: "政府工作报告",
				Subtitles: []string{"——2024年3月5日在第十四届全国人民代表大会第二次会议上"}, Date: "2024-03-05", Speaker: "李强", Level: "全国"},
			n: 12, typ: "R",
			gbt:     "李强. 政府工作报告[R]. 2024-03-05.",
			plain:   "李强，2024-03-05，《政府工作报告》，第12段",
			plainEN: "李强, 2024-03-05, 《政府工作报告》, para. 12",
		},
		{
			name: "a party congress report, 报告 in its subtitle",
			doc: DocumentInfo{Path: "party/二十大报告.txt", Title: "高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗",
				Subtitles: []string{"——在中国共产党第二十次全国代表大会上的报告", "（2022年10月16日）"}, Date: "2022-10-16", Speaker: "习近平"},
			n: 6, typ: "R",
			gbt:   "习近平. 高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗[R]. 2022-10-16.",
			plain: "习近平，2022-10-16，《高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗》，第6段",
		},
		{
			name: "an NPC resolution without an author",
			doc: DocumentInfo{Path: "npc/2024年关于政府工作报告的决议.txt", Title: "第十四届全国人民代表大会第二次会议关于政府工作报告的决议",
				Subtitles: []string{"（2024年3月11日第十四届全国人民代表大会第二次会议通过）"}, Date: "2024-03-11"},
			n: 3, typ: "Z",
			gbt:   "第十四届全国人民代表大会第二次会议关于政府工作报告的决议[Z]. 2024-03-11.",
			plain: "2024-03-11，《第十四届全国人民代表大会第二次会议关于政府工作报告的决议》，第3段",
		},
		{
			name: "CPPCC news saved from a web site: the site, not 本报",
			doc: DocumentInfo{Path: "cppcc/全国/全国政协十四届二次会议举行第二次全体会议.txt", Title: "全国政协十四届二次会议举行第二次全体会议",
				Subtitles: []string{"王沪宁出席 石泰峰主持 20位委员作大会发言", "2024-03-06 19:05\u3000来源：人民政协网"}, Date: "2024-03-06", Site: "人民政协网", Source: "本报北京3月6日电"},
			n: 4, typ: "EB/OL",
			gbt:   "全国政协十四届二次会议举行第二次全体会议[EB/OL]. 人民政协网, 2024-03-06.",
			plain: "人民政协网，2024-03-06，《全国政协十四届二次会议举行第二次全体会议》，第4段",
		},
		{
			name: "a press conference transcript from a news site, the agency not an author",
			doc: DocumentInfo{Path: "press/两会记者会/2024-03-06经济主题记者会.txt", Title: "十四届全国人大二次会议举行经济主题记者会",
				Subtitles: []string{"2024-03-06 17:58:32\u3000来源：新华网"}, Date: "2024-03-06", Site: "新华网", Source: "新华社北京3月6日电"},
			n: 5, typ: "EB/OL",
			gbt:   "十四届全国人大二次会议举行经济主题记者会[EB/OL]. 新华网, 2024-03-06.",
			plain: "新华网，2024-03-06，《十四届全国人大二次会议举行经济主题记者会》，第5段",
		},
		{
			name: "a wire story in a paper named by the page's dateline",
			doc: DocumentInfo{Path: "pages/南方网/十四届全国人大三次会议在京开幕_南方网.html", Title: "十四届全国人大三次会议在京开幕",
				Subtitles: []string{"习近平等党和国家领导人出席 李强作政府工作报告", "2025/3/5 10:30来源：南方日报"}, Date: "2025-03-05", Paper: "南方日报", Source: "新华社北京3月5日电"},
			n: 4, typ: "N",
			gbt:   "十四届全国人大三次会议在京开幕[N]. 南方日报, 2025-03-05.",
			plain: "南方日报，2025-03-05，《十四届全国人大三次会议在京开幕》，第4段",
		},
		{
			name: "Source is the paper's name",
			doc: DocumentInfo{Path: "pages/太原/市人代会开幕.html", Title: "市十六届人大四次会议开幕",
				Date: "2026-01-20", Source: "太原日报", Paper: "太原日报", Reporters: []string{"王某某"}},
			n: 2, typ: "N",
			gbt:   "王某某. 市十六届人大四次会议开幕[N]. 太原日报, 2026-01-20.",
			plain: "太原日报，2026-01-20，《市十六届人大四次会议开幕》，第2段",
		},
		{
			name: "county news of an unnamed paper",
			doc: DocumentInfo{Path: "counties/湖南/会同县十八届人大五次会议闭幕.txt", Title: "会同县第十八届人民代表大会第五次会议闭幕",
				Date: "2025-01-16", Source: "本报讯", Reporters: []string{"舒婷", "粟晓明"}},
			n: 3, typ: "N",
			gbt:   "舒婷, 粟晓明. 会同县第十八届人民代表大会第五次会议闭幕[N]. 2025-01-16.",
			plain: "2025-01-16，《会同县第十八届人民代表大会第五次会议闭幕》，第3段",
		},
		{
			name: "news of a report, its speaker known: a news article, and the speaker not its author",
			doc: DocumentInfo{Path: "counties/某县/县人代会开幕.txt", Title: "县十八届人大五次会议开幕",
				Subtitles: []string{"杨帆作政府工作报告"}, Date: "2025-01-14", Source: "本报讯", Speaker: "杨帆"},
			n: 3, typ: "N",
			gbt:   "县十八届人大五次会议开幕[N]. 2025-01-14.",
			plain: "2025-01-14，《县十八届人大五次会议开幕》，第3段",
		},
		{
			name: "a county newsroom's dispatch",
			doc: DocumentInfo{Path: "counties/内蒙古/鄂尔多斯/准格尔旗十八届人大四次会议开幕.txt", Title: "准格尔旗第十八届人民代表大会第四次会议开幕",
				Subtitles: []string{"额尔敦出席 张晓东作政府工作报告"}, Date: "2025-01-09", Source: "准格尔旗融媒体中心讯", Reporters: []string{"其其格", "杨帆"}},
			n: 4, typ: "N",
			gbt:   "其其格, 杨帆. 准格尔旗第十八届人民代表大会第四次会议开幕[N]. 2025-01-09.",
			plain: "2025-01-09，《准格尔旗第十八届人民代表大会第四次会议开幕》，第4段",
		},
		{
			name: "reporters without a byline lead, Traditional",
			doc:  DocumentInfo{Path: "counties/安溪縣人大會議開幕.txt", Title: "安溪縣第十八屆人民代表大會第三次會議隆重開幕", Date: "2024-01-08", Reporters: []string{"陳志遠", "林曉"}},
			n:    2, typ: "N",
			gbt:   "陳志遠, 林曉. 安溪縣第十八屆人民代表大會第三次會議隆重開幕[N]. 2024-01-08.",
			plain: "2024-01-08，《安溪縣第十八屆人民代表大會第三次會議隆重開幕》，第2段",
		},
		{
			name: "a wire story whose dateline names the agency, not a site",
			doc: DocumentInfo{Path: "speech-news/2024-03-05十四届全国人大二次会议开幕.txt", Title: "十四届全国人大二次会议在京开幕",
				Subtitles: []string{"习近平等党和国家领导人出席\u3000李强作政府工作报告", "2024-03-05 20:31:09\u3000来源：新华社"}, Date: "2024-03-05", Source: "新华社北京3月5日电"},
			n: 3, typ: "Z",
			gbt:   "十四届全国人大二次会议在京开幕[Z]. 2024-03-05.",
			plain: "2024-03-05，《十四届全国人大二次会议在京开幕》，第3段",
		},
		{
			name: "a Traditional dateline names the site",
			doc:  DocumentInfo{Path: "pages/立法會.html", Title: "立法會通過預算案", Subtitles: []string{"2024-03-20 10:30　來源：澳門網"}, Date: "2024-03-20", Site: "澳門網"},
			n:    2, typ: "EB/OL",
			gbt:   "立法會通過預算案[EB/OL]. 澳門網, 2024-03-20.",
			plain: "澳門網，2024-03-20，《立法會通過預算案》，第2段",
		},
		{
			name: "more than three reporters: three and 等",
			doc: DocumentInfo{Path: "2025-01-10 测试日报 市政协会议开幕.txt", Title: "市政协会议开幕",
				Paper: "测试日报", Date: "2025-01-10", Source: "本报讯", Reporters: []string{"甲一", "乙二", "丙三", "丁四"}},
			n: 2, typ: "N",
			gbt:   "甲一, 乙二, 丙三, 等. 市政协会议开幕[N]. 测试日报, 2025-01-10.",
			plain: "测试日报，2025-01-10，《市政协会议开幕》，第2段",
		},
		{
			name: "a document with no date",
			doc:  DocumentInfo{Path: "news/市政协会议闭幕.txt", Title: "市政协会议闭幕", Source: "本报讯", Reporters: []string{"王某"}},
			n:    2, typ: "N",
			gbt:     "王某. 市政协会议闭幕[N].",
			plain:   "《市政协会议闭幕》，第2段",
			plainEN: "《市政协会议闭幕》, para. 2",
		},
		{
			name: "a date known to the month",
			doc:  DocumentInfo{Path: "npc/2024年3月 代表名单.txt", Title: "代表名单", Date: "2024-03"},
			n:    1, typ: "Z",
			gbt:   "代表名单[Z]. 2024-03.",
			plain: "2024-03，《代表名单》，第1段",
		},
		{
			name: "no title of its own: the file name, bracketed",
			doc:  DocumentInfo{Path: "misc/会议纪要2024.txt", Title: "会议纪要2024", Date: "2024", Provenance: fromFileName},
			n:    1, typ: "Z",
			gbt:   "[会议纪要2024][Z]. 2024.",
			plain: "2024，[会议纪要2024]，第1段",
		},
		{
			name: "Traditional text, a report printed in a paper",
			doc: DocumentInfo{Path: "2024-03-05 人民日報 政府工作報告.txt", Title: "政府工作報告",
				Subtitles: []string{"——2024年3月5日在第十四屆全國人民代表大會第二次會議上"}, Date: "2024-03-05", Paper: "人民日報", Speaker: "李強"},
			n: 7, typ: "N",
			gbt:     "李強. 政府工作報告[N]. 人民日報, 2024-03-05.",
			plain:   "人民日報，2024-03-05，《政府工作報告》，第7段",
			plainEN: "人民日報, 2024-03-05, 《政府工作報告》, para. 7",
		},
		{
			name: "a Traditional page header",
			doc:  DocumentInfo{Path: "macau/市政.txt", Title: "立法會全體會議", Subtitles: []string{"澳門日報　2024年3月14日　星期四　A03　澳聞"}, Date: "2024-03-14", Paper: "澳門日報", Page: "A03"},
			n:    2, typ: "N",
			gbt:   "立法會全體會議[N]. 澳門日報, 2024-03-14(A03).",
			plain: "澳門日報，2024-03-14，《立法會全體會議》，第2段",
		},
		{
			name: "a genre ending in 报 is not a paper",
			doc:  DocumentInfo{Path: "stats/2024 统计公报.txt", Title: "2024年国民经济和社会发展统计公报", Date: "2025-02-28"},
			n:    1, typ: "Z",
			gbt:   "2024年国民经济和社会发展统计公报[Z]. 2025-02-28.",
			plain: "2025-02-28，《2024年国民经济和社会发展统计公报》，第1段",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := sourceOf(&tt.doc)
			if s.typ != tt.typ {
				t.Errorf("type = %q, want %q", s.typ, tt.typ)
			}
			f := s.forms(tt.n)
			if f.GBT7714 != tt.gbt {
				t.Errorf("GB/T 7714 =\n  %s\nwant\n  %s", f.GBT7714, tt.gbt)
			}
			if f.Plain != tt.plain {
				t.Errorf("plain =\n  %s\nwant\n  %s", f.Plain, tt.plain)
			}
			if tt.plainEN != "" && f.PlainEN != tt.plainEN {
				t.Errorf("plain (en) =\n  %s\nwant\n  %s", f.PlainEN, tt.plainEN)
			}
		})
	}
}

func TestPermalink(t *testing.T) {
	got := permalink("2025-大同日报-a1b2c3", 3, "本次大会应到代表341人，实到314人，符合法定人数。")
	if !regexp.MustCompile(`^/d/2025-%E5%A4%A7%E5%90%8C%E6%97%A5%E6%8A%A5-a1b2c3#p3-[0-9a-f]{6}$`).MatchString(got) {
		t.Errorf("permalink = %q", got)
	}
	if fingerprint("甲") == fingerprint("乙") {
		t.Errorf("two texts, one fingerprint")
	}
	if fingerprint("甲") != fingerprint("甲") {
		t.Errorf("one text, two fingerprints")
	}
}

// TestCite reads the citation of every passage of the test corpus, and
// its errors.
func TestCite(t *testing.T) {
	x := openTestIndex(t, filepath.Join("testdata", "corpus"))
	ctx := context.Background()
	docs, err := x.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no documents")
	}
	for _, d := range docs {
		view, err := x.Document(ctx, d.ID, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range view.Passages {
			c, err := x.Cite(ctx, d.ID, p.N)
			if err != nil {
				t.Fatalf("Cite(%q, %d): %v", d.ID, p.N, err)
			}
			if c.Text != p.Text || c.Fingerprint != p.Fingerprint || c.Permalink != permalink(d.ID, p.N, p.Text) {
				t.Fatalf("Cite(%q, %d) = %+v, want passage %q with fingerprint %s", d.ID, p.N, c, p.Text, p.Fingerprint)
			}
			if want := sourceOf(&d).forms(p.N); c.Citation != want {
				t.Errorf("Cite(%q, %d).Citation = %+v, want %+v", d.ID, p.N, c.Citation, want)
			}
		}
		if _, err := x.Cite(ctx, d.ID, len(view.Passages)+1); !errors.Is(err, ErrNotFound) {
			t.Errorf("Cite(%q, past the end) = %v, want not found", d.ID, err)
		}
		if _, err := x.Cite(ctx, d.ID, 0); !errors.Is(err, ErrInvalid) {
			t.Errorf("Cite(%q, 0) = %v, want invalid", d.ID, err)
		}
	}
	if _, err := x.Cite(ctx, "no-such-document", 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("Cite(unknown document) = %v, want not found", err)
	}
}

// TestCitationsOnHits checks that hits and concordance lines carry the
// permalink and citation of their passage, as Cite gives them.
func TestCitationsOnHits(t *testing.T) {
	x := openTestIndex(t, filepath.Join("testdata", "corpus"))
	ctx := context.Background()
	res, err := x.Search(ctx, Request{Query: "代表"})
	if err != nil {
		t.Fatal(err)
	}
	conc, err := x.KWIC(ctx, KWICRequest{Request: Request{Query: "代表"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || len(conc.Lines) == 0 {
		t.Fatalf("%d hits, %d lines: the test needs both", len(res.Hits), len(conc.Lines))
	}
	check := func(what, doc string, n int, link string, forms CitationForms) {
		t.Helper()
		c, err := x.Cite(ctx, doc, n)
		if err != nil {
			t.Fatal(err)
		}
		if link != c.Permalink || forms != c.Citation || forms.GBT7714 == "" || forms.Plain == "" {
			t.Errorf("%s %s:%d: %q %+v, want %q %+v", what, doc, n, link, forms, c.Permalink, c.Citation)
		}
	}
	for _, h := range res.Hits {
		check("hit", h.DocID, h.N, h.Permalink, h.Citation)
	}
	for _, l := range conc.Lines {
		check("line", l.DocID, l.N, l.Permalink, l.Citation)
	}
}

// TestCiteUnknownDocument: a passage of a document the catalog lacks gets
// its permalink and no citation forms, which would cite nothing.
func TestCiteUnknownDocument(t *testing.T) {
	text := "本次大会应到代表341人。"
	link, forms := newCiter(newCatalog()).cite("无此文件", 2, text)
	if want := permalink("无此文件", 2, text); link != want {
		t.Errorf("permalink = %q, want %q", link, want)
	}
	if forms != (CitationForms{}) {
		t.Errorf("citation = %+v, want none", forms)
	}
}

// passageAt opens a permalink as the reader does: the document, passage n,
// and whether its text still has the link's fingerprint.
func passageAt(t *testing.T, x *Index, link string) (text string, same bool, err error) {
	t.Helper()
	m := regexp.MustCompile(`^/d/([^#]+)#p(\d+)-([0-9a-f]+)$`).FindStringSubmatch(link)
	if m == nil {
		t.Fatalf("permalink %q is not /d/{doc}#p{n}-{fingerprint}", link)
	}
	doc, err := url.PathUnescape(m[1])
	if err != nil {
		t.Fatal(err)
	}
	n, _ := strconv.Atoi(m[2])
	c, err := x.Cite(context.Background(), doc, n)
	if err != nil {
		return "", false, err
	}
	return c.Text, c.Fingerprint == m[3], nil
}

// TestPermalinksSurviveReindex makes every passage's permalink, then
// re-indexes: from scratch over the unchanged corpus, by a rebuild that
// swaps a new index in, and after another document changed. Each link opens the same text, with the same
// fingerprint; the changed document's moved passages are told by theirs,
// and a removed document's links are not found.
func TestPermalinksSurviveReindex(t *testing.T) {
	corpus := copyCorpus(t)
	ctx := context.Background()
	links := func(x *Index) map[string]string {
		out := map[string]string{}
		docs, err := x.Documents(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			v, err := x.Document(ctx, d.ID, "")
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range v.Passages {
				out[permalink(d.ID, p.N, p.Text)] = p.Text
			}
		}
		return out
	}
	before := links(openTestIndex(t, corpus))

	t.Run("unchanged corpus, new index", func(t *testing.T) {
		x := openTestIndex(t, corpus)
		for link, text := range before {
			got, same, err := passageAt(t, x, link)
			if err != nil || got != text || !same {
				t.Errorf("%s: %q (fingerprint kept: %v, %v), want %q", link, got, same, err, text)
			}
		}
	})

	t.Run("unchanged corpus, rebuilt and swapped in", func(t *testing.T) {
		x := openTestIndex(t, corpus)
		if _, err := x.Rebuild(ctx, nil); err != nil {
			t.Fatal(err)
		}
		for link, text := range before {
			got, same, err := passageAt(t, x, link)
			if err != nil || got != text || !same {
				t.Errorf("%s: %q (fingerprint kept: %v, %v), want %q", link, got, same, err, text)
			}
		}
	})

	t.Run("another document changed", func(t *testing.T) {
		x := openTestIndex(t, corpus)
		changed := filepath.Join(corpus, "report-2023.md")
		b, err := os.ReadFile(changed)
		if err != nil {
			t.Fatal(err)
		}
		// A new paragraph after the front matter's title: the passages
		// after it are renumbered.
		head, body, ok := strings.Cut(string(b), "\n---\n")
		if !ok {
			t.Fatal("report-2023.md has no front matter")
		}
		if err := os.WriteFile(changed, []byte(head+"\n---\n\n新增的一段说明文字。\n"+body), 0o644); err != nil {
			t.Fatal(err)
		}
		sum, err := x.Update(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Changed != 1 {
			t.Fatalf("update changed %d documents, want 1", sum.Changed)
		}
		changedID := indexer.DocID("report-2023.md")
		moved := 0
		for link, text := range before {
			got, same, err := passageAt(t, x, link)
			if strings.HasPrefix(link, "/d/"+url.PathEscape(changedID)+"#") {
				if err == nil && got != text {
					moved++
					if same {
						t.Errorf("%s now opens %q with the old fingerprint", link, got)
					}
				}
				continue
			}
			if err != nil || got != text || !same {
				t.Errorf("%s: %q (fingerprint kept: %v, %v), want %q", link, got, same, err, text)
			}
		}
		if moved == 0 {
			t.Errorf("no passage of the changed document moved: the test changed nothing")
		}
	})

	t.Run("document removed", func(t *testing.T) {
		x := openTestIndex(t, corpus)
		if err := os.Remove(filepath.Join(corpus, "taiyuan-2024-tw.txt")); err != nil {
			t.Fatal(err)
		}
		if _, err := x.Update(ctx, nil); err != nil {
			t.Fatal(err)
		}
		gone := "/d/" + url.PathEscape(indexer.DocID("taiyuan-2024-tw.txt")) + "#"
		n := 0
		for link := range before {
			if strings.HasPrefix(link, gone) {
				n++
				if _, _, err := passageAt(t, x, link); !errors.Is(err, ErrNotFound) {
					t.Errorf("%s: %v, want not found", link, err)
				}
			}
		}
		if n == 0 {
			t.Fatalf("no permalink of taiyuan-2024-tw.txt")
		}
	})
}

// BenchmarkCite is what a hit or concordance line's permalink and
// citation cost: a concordance of 1,000 lines formats 1,000 of them, a
// results page 10 to 100; each document's fields are read once a request.
func BenchmarkCite(b *testing.B) {
	cat := newCatalog()
	cat.put(&DocumentInfo{ID: "2025-02-15-大同日报-市十六届人大五次会议开幕-920325", Path: "2025-02-15 大同日报 市十六届人大五次会议开幕.txt",
		Title: "市十六届人大五次会议隆重开幕", Subtitles: []string{"全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章", "张强武健鹏艾凌宇姚鸿波出席 谷明主持 刘俊义作政府工作报告"},
		Date: "2025-02-15", Source: "本报讯", Reporters: []string{"李雪峰"}, Passages: 26})
	text := strings.Repeat("刘俊义说，今年是“十四五”规划收官之年。", 12) // a long passage, about 250 characters
	b.Run("line", func(b *testing.B) {
		ct := newCiter(cat)
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			ct.cite("2025-02-15-大同日报-市十六届人大五次会议开幕-920325", i%26+1, text)
		}
	})
	b.Run("first of a document", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			newCiter(cat).cite("2025-02-15-大同日报-市十六届人大五次会议开幕-920325", 3, text)
		}
	})
}

// TestCitationsOfParsedDocuments cites documents as the indexer reads them
// from their files: the corpus's first document (the example) and
// labelled documents of other shapes.
func TestCitationsOfParsedDocuments(t *testing.T) {
	tests := []struct {
		root, rel string
		n         int
		gbt       string
	}{
		{"../corpus", "2025-02-15 大同日报 市十六届人大五次会议开幕.txt", 3, "李雪峰. 市十六届人大五次会议隆重开幕[N]. 大同日报, 2025-02-15."},
		{"../indexer/testdata/labelled/docs", "cities/深圳/深圳特区报/市七届人大四次会议隆重开幕.txt", 2, ""},
		{"../indexer/testdata/labelled/docs", "cppcc/全国/全国政协十四届二次会议举行第二次全体会议.txt", 2, "王惠兵, 刘彤. 全国政协十四届二次会议举行第二次全体会议[EB/OL]. 人民政协网, 2024-03-06."},
		{"../indexer/testdata/labelled/docs", "cppcc/江苏省政协委员分组讨论政府工作报告.txt", 2, "王静, 朱莉. 省政协委员分组讨论政府工作报告[N]. 新华日报, 2024-01-23."},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(tt.root, tt.rel))
			if err != nil {
				t.Fatal(err)
			}
			d, err := indexer.Parse(tt.rel, raw, indexer.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := sourceOf(infoOf(d, nil)).forms(tt.n).GBT7714
			if tt.gbt == "" {
				// The page header gives the page: …[N]. 深圳特区报, 2024-01-30(A01).
				if !strings.HasSuffix(got, "[N]. 深圳特区报, 2024-01-30(A01).") {
					t.Errorf("GB/T 7714 = %s", got)
				}
				return
			}
			if got != tt.gbt {
				t.Errorf("GB/T 7714 =\n  %s\nwant\n  %s", got, tt.gbt)
			}
		})
	}
}
