package indexer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestRepair(t *testing.T) {
	long := "刘俊义在报告中说，大同人民勤劳善良、敢为人先，大同发展潜力巨大、前景广阔。让我们更加紧密地团结在以习近平同志"
	tests := []struct {
		name string
		in   []string
		want []string
	}{
		{
			// The seed's third break: …以习近平同志 | 为核心的党中央…
			name: "mid-sentence break is rejoined",
			in:   []string{long, "为核心的党中央周围，奋力谱写中国式现代化大同篇章！"},
			want: []string{long + "为核心的党中央周围，奋力谱写中国式现代化大同篇章！"},
		},
		{
			name: "a paragraph broken twice is rejoined twice",
			in:   []string{long, "为核心的党中央周围，以习近平新时代中国特色社会主义思想为指导，在市委的坚强领导下，干字当头、干在", "实处。"},
			want: []string{long + "为核心的党中央周围，以习近平新时代中国特色社会主义思想为指导，在市委的坚强领导下，干字当头、干在实处。"},
		},
		{
			name: "a finished sentence is not joined",
			in:   []string{long + "为核心的党中央周围。", "下一段。"},
			want: []string{long + "为核心的党中央周围。", "下一段。"},
		},
		{
			// 全面加快高质量发展 持续深化全方位转型 … has no punctuation.
			name: "headlines are short and never joined",
			in:   []string{"全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章", "市十六届人大五次会议隆重开幕", "张强武健鹏艾凌宇姚鸿波出席 谷明主持 刘俊义作政府工作报告"},
			want: []string{"全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章", "市十六届人大五次会议隆重开幕", "张强武健鹏艾凌宇姚鸿波出席 谷明主持 刘俊义作政府工作报告"},
		},
		{
			name: "a caption or credit is not a continuation",
			in:   []string{long, "▶ 15日，参加市政协十五届四次会议的委员们讨论政府工作报告。", long, "本报记者 于宏 摄"},
			want: []string{long, "▶ 15日，参加市政协十五届四次会议的委员们讨论政府工作报告。", long, "本报记者 于宏 摄"},
		},
		{
			name: "a numbered item starts afresh",
			in:   []string{long, "（一）统筹提振消费和扩大投资，全力推动经济增长取得新突破；"},
			want: []string{long, "（一）统筹提振消费和扩大投资，全力推动经济增长取得新突破；"},
		},
		{
			name: "Latin words broken across lines get their space back",
			in:   []string{strings.Repeat("大同市推进数字经济发展，", 4) + "data", "center 建设。"},
			want: []string{strings.Repeat("大同市推进数字经济发展，", 4) + "data center 建设。"},
		},
		{name: "empty", in: nil, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := repair(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("repair() (-want +got):\n%s", diff)
			}
		})
	}
}

// TestIndentedParagraphs: text whose paragraphs start with an indent and
// have no blank lines between them; a line without the indent continues
// the paragraph before it unless that ended a sentence, or the line is a
// numbered item, caption or credit.
func TestIndentedParagraphs(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "short paragraph broken by layout",
			text: "标题\n　　刘俊义说，民生实事全部\n完成。\n　　他指出，要坚定四个\n自信。\n",
			want: []string{"标题", "刘俊义说，民生实事全部完成。", "他指出，要坚定四个自信。"},
		},
		{
			name: "tabs and two spaces are indents too",
			text: "标题\n\t第一段没有\n写完。\n  第二段。\n",
			want: []string{"标题", "第一段没有写完。", "第二段。"},
		},
		{
			name: "after a finished sentence, a numbered item or a caption, a new paragraph",
			text: "　　第一段。\n二、主要任务\n　　要抓好\n（一）稳增长\n　　第三段\n▲图为会议现场\n",
			want: []string{"第一段。", "二、主要任务", "要抓好", "（一）稳增长", "第三段", "▲图为会议现场"},
		},
		{
			name: "unindented lines after a headline stay apart",
			text: "标题\n副标题\n　　正文第一段。\n　　正文第二段。\n",
			want: []string{"标题", "副标题", "正文第一段。", "正文第二段。"},
		},
		{
			name: "with blank lines between paragraphs an indent says nothing",
			text: "　　第一段没有\n写完\n\n　　第二段。\n\n第三段。\n",
			want: []string{"第一段没有", "写完", "第二段。", "第三段。"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := paragraphs(tt.text); !cmp.Equal(got, tt.want) {
				t.Errorf("paragraphs(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestSeedRepair: phrase search must find the three rejoined phrases, each
// in one passage, and the seed's leading blank lines are not passages.
func TestSeedRepair(t *testing.T) {
	doc := parseSeed(t)
	for _, phrase := range []string{"深化全方位转型，转型“四步走”", "更加积极有为的宏观政策", "以习近平同志为核心的党中央周围，以习近平"} {
		n := 0
		for _, p := range doc.Passages {
			if strings.Contains(p.Text, phrase) {
				n++
				if p.Kind != KindBody || p.Speaker != "刘俊义" {
					t.Errorf("passage %d with %q: kind %s speaker %q, want body 刘俊义", p.N, phrase, p.Kind, p.Speaker)
				}
			}
		}
		if n != 1 {
			t.Errorf("%q found in %d passages, want 1", phrase, n)
		}
	}
	if len(doc.Passages) != 26 {
		t.Errorf("seed has %d passages, want 26", len(doc.Passages))
	}
	if doc.Passages[0].Text == "" || doc.Passages[0].N != 1 {
		t.Errorf("first passage = %+v", doc.Passages[0])
	}
}

func TestKinds(t *testing.T) {
	doc := parseSeed(t)
	want := map[int]Kind{
		1: KindSubheadline, 2: KindHeadline, 3: KindSubheadline, 4: KindLead, 5: KindBody,
		8: KindList, 9: KindList, 10: KindBody, 19: KindList, 22: KindLabel,
		23: KindCaption, 24: KindCredit, 25: KindCaption, 26: KindCredit,
	}
	for _, p := range doc.Passages {
		if k, ok := want[p.N]; ok && p.Kind != k {
			t.Errorf("passage %d %.20q kind = %s, want %s", p.N, p.Text, p.Kind, k)
		}
	}
	if doc.Title != "市十六届人大五次会议隆重开幕" {
		t.Errorf("Title = %q", doc.Title)
	}
	wantSubs := []string{"全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章", "张强武健鹏艾凌宇姚鸿波出席 谷明主持 刘俊义作政府工作报告"}
	if diff := cmp.Diff(wantSubs, doc.Subtitles); diff != "" {
		t.Errorf("Subtitles (-want +got):\n%s", diff)
	}
	if doc.Source != "本报讯" || !cmp.Equal(doc.Reporters, []string{"李雪峰"}) || !cmp.Equal(doc.Photographers, []string{"张占兵", "于宏"}) {
		t.Errorf("byline = %q %q %q", doc.Source, doc.Reporters, doc.Photographers)
	}
}

// TestBylineLines: bylines set on a line of their own under the headline,
// as many papers do (the seed has its byline in the lead), and photo
// credits closing a caption.
func TestBylineLines(t *testing.T) {
	tests := []struct {
		name, line               string
		kind                     Kind
		reporters, photographers []string
	}{
		{"reporter and photographer", "本报记者 张伟 摄影 李强", KindCredit, []string{"张伟"}, []string{"李强"}},
		{"two reporters, full-width spaces", "记者\u3000王芳\u3000李明", KindCredit, []string{"王芳", "李明"}, []string{}},
		{"names joined by 、", "记者 王芳、李明", KindCredit, []string{"王芳", "李明"}, []string{}},
		{"Traditional", "本報記者 張偉", KindCredit, []string{"張偉"}, []string{}},
		{"in parentheses", "（通讯员 赵一）", KindCredit, []string{"赵一"}, []string{}},
		{"a column label is not a byline", "记者观察", KindSubheadline, []string{}, []string{}},
	}
	t.Run("dateline source", func(t *testing.T) {
		doc, err := Parse("a.txt", []byte("市人代会开幕\n\n2026/1/20 10:30 来源：太原日报 编辑：王五\n\n1月19日上午，大会开幕。\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Source != "太原日报" {
			t.Errorf("Source = %q, want 太原日报", doc.Source)
		}
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "太原市十六届人大四次会议举行第二次全体会议\n\n" + tt.line + "\n\n1月16日上午，会议举行第二次全体会议。\n\n▲图为会议现场。记者 孙强 摄\n"
			doc, err := Parse("a.txt", []byte(text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Passages) != 4 {
				t.Fatalf("%d passages, want 4: %+v", len(doc.Passages), doc.Passages)
			}
			if k := doc.Passages[1].Kind; k != tt.kind {
				t.Errorf("%q is a %s, want %s", tt.line, k, tt.kind)
			}
			if k := doc.Passages[3].Kind; k != KindCaption {
				t.Errorf("the caption is a %s", k)
			}
			if !cmp.Equal(doc.Reporters, tt.reporters) {
				t.Errorf("Reporters = %q, want %q", doc.Reporters, tt.reporters)
			}
			wantPh := append(tt.photographers, "孙强")
			if !cmp.Equal(doc.Photographers, wantPh) {
				t.Errorf("Photographers = %q, want %q", doc.Photographers, wantPh)
			}
		})
	}
}

func TestDate(t *testing.T) {
	tests := []struct {
		name, rel, text, want string
	}{
		{"month and day with a year label", "a.txt", "本报讯 2月15日上午，会议开幕。\n\n两会影像\n2025\n", "2025-02-15"},
		{"full date", "a.txt", "本报讯 2024年1月9日上午，会议开幕。\n", "2024-01-09"},
		{"full date elsewhere", "a.txt", "会议开幕。\n\n（2023年12月31日）\n", "2023-12-31"},
		{"year from the file name", "2025/a.txt", "本报讯 2月15日上午，会议开幕。\n", "2025-02-15"},
		{"year named twice, targets left out", "a.txt", "本报讯 3月5日上午，会议开幕。2024年工作回顾；2024年成绩；到2035年目标。\n", "2024-03-05"},
		{"no year: no date", "a.txt", "本报讯 2月15日上午，会议开幕。\n", ""},
		{"impossible date", "a.txt", "本报讯 2024年13月45日上午，会议开幕。\n", ""},
		{"front matter wins", "a.md", "---\ndate: 2025-02-16\n---\n本报讯 2025年2月15日上午，会议开幕。\n", "2025-02-16"},
		{"front matter in Chinese", "a.md", "---\ndate: 2025年2月16日\n---\n会议开幕。\n", "2025-02-16"},
		{"Chinese numerals", "a.txt", "政府工作报告\n\n——二〇二六年一月二十日在市第十六届人民代表大会第六次会议上\n\n各位代表：现在，我代表市人民政府作报告。\n", "2026-01-20"},
		{"Chinese numerals, day over twenty", "a.txt", "会议开幕\n\n二〇二五年十二月三十一日，大会开幕。\n", "2025-12-31"},
		{"ISO date in the lead", "a.txt", "会议开幕\n\n2026-01-20，大会开幕。\n", "2026-01-20"},
		{"dateline of a saved news page, the lead's day", "a.txt", "市人代会开幕\n\n2026/1/20 10:30 来源：太原日报\n\n1月19日上午，大会开幕。\n", "2026-01-19"},
		{"dateline in January, the lead in December", "a.txt", "市人代会闭幕\n\n2026-01-02 08:00\n\n12月31日下午，大会闭幕。\n", "2025-12-31"},
		{"a range of years is no date", "a.txt", "会议开幕\n\n2019-2021-2023年，大会开幕。\n", ""},
		{"dotted dateline", "a.txt", "市人代会开幕\n\n2026.01.19\n\n大会开幕。\n", "2026-01-19"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.rel, []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Date != tt.want {
				t.Errorf("Parse(%q).Date = %q, want %q", tt.text, doc.Date, tt.want)
			}
		})
	}
}
