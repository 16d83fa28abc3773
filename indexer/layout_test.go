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
