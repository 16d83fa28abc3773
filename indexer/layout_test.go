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
			name: "a long numbered heading is not continued",
			in:   []string{"（一）统筹提振消费和扩大投资，全力推动经济增长取得新突破，加快构建以国内大循环为主体的新发展格局", "我们将全面实施扩大内需战略。"},
			want: []string{"（一）统筹提振消费和扩大投资，全力推动经济增长取得新突破，加快构建以国内大循环为主体的新发展格局", "我们将全面实施扩大内需战略。"},
		},
		{
			name: "a numbered paragraph of sentences cut by the layout is",
			in:   []string{"（一）着力扩大国内需求。推动消费从疫后恢复转向持续扩大，培育壮大新型消费，实施数字消费、绿色消费、健康消费促进政策，积极培育智能家居、文娱旅游、体育赛事、国货“潮品”等新的消费增", "长点。"},
			want: []string{"（一）着力扩大国内需求。推动消费从疫后恢复转向持续扩大，培育壮大新型消费，实施数字消费、绿色消费、健康消费促进政策，积极培育智能家居、文娱旅游、体育赛事、国货“潮品”等新的消费增长点。"},
		},
		{
			name: "a dateline of fields is not continued",
			in:   []string{"发布时间：2025-01-21 16:05 来源：中山市人民政府新闻办公室【字号：大中小】 打印本页 关闭窗口", "1月21日下午，中山市人民政府新闻办公室召开新闻发布会。"},
			want: []string{"发布时间：2025-01-21 16:05 来源：中山市人民政府新闻办公室【字号：大中小】 打印本页 关闭窗口", "1月21日下午，中山市人民政府新闻办公室召开新闻发布会。"},
		},
		{
			name: "a caption closed by its credit is not continued",
			in:   []string{"3月5日，第十四届全国人民代表大会第三次会议在北京人民大会堂开幕。新华社记者 李学仁 摄", "国务院总理李强代表国务院，向大会作政府工作报告。"},
			want: []string{"3月5日，第十四届全国人民代表大会第三次会议在北京人民大会堂开幕。新华社记者 李学仁 摄", "国务院总理李强代表国务院，向大会作政府工作报告。"},
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
			// A report's title block in indented text: the title, the
			// ——… line, a signature centred with spaces and set over a role
			// line and a name line, then the salutation.
			name: "a title block stays apart",
			text: "　　政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n　　　　　　　　国务院总理　李　强\n　　各位代表：\n　　现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出\n意见。\n",
			want: []string{"政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上", "国务院总理　李　强", "各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。"},
		},
		{
			name: "a role line, a name line and the salutation stay apart",
			text: "　　政府工作报告\n　　国务院总理\n李　强\n　　各位代表：\n现在，我代表国务院作报告。\n　　过去一年，我们\n砥砺前行。\n",
			want: []string{"政府工作报告", "国务院总理", "李　强", "各位代表：", "现在，我代表国务院作报告。", "过去一年，我们砥砺前行。"},
		},
		{
			name: "a name without spaces under a date line",
			text: "　　决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利\n（2017年10月18日）\n习近平\n　　同志们：\n　　现在，我代表第十八届中央委员会向大会作报告。\n",
			want: []string{"决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利", "（2017年10月18日）", "习近平", "同志们：", "现在，我代表第十八届中央委员会向大会作报告。"},
		},
		{
			name: "a BOM and a zero-width first line are blank",
			text: "\ufeff\u200b\n\u200b\u200c\n　　各位代表：\n　　现在，我代表\u200b国务院作报告。\n",
			want: []string{"各位代表：", "现在，我代表国务院作报告。"},
		},
		{
			name: "numbered headings stay their own passages",
			text: "　　过去一年，我们砥砺前行。\n一、2023年工作回顾\n　　过去一年是开局之年，我们\n（一）推动经济回升向好\n　　我们加大宏观调控力度，\n1、扩大国内需求\n　　消费持续恢复。\n",
			want: []string{"过去一年，我们砥砺前行。", "一、2023年工作回顾", "过去一年是开局之年，我们", "（一）推动经济回升向好", "我们加大宏观调控力度，", "1、扩大国内需求", "消费持续恢复。"},
		},
		{
			// Aligned lines say nothing about paragraph indents: a centred
			// title block over blank-line separated paragraphs.
			name: "centred lines alone do not make indented text",
			text: "　　　　　　政府工作报告\n　　　　　　　　李　强\n第一段没有\n写完\n",
			want: []string{"政府工作报告", "李　强", "第一段没有", "写完"},
		},
		{
			name: "blank-line text: a headline over two lines is one",
			text: "成都市十八届人大三次会议\n举行第二次全体会议\n\n听取审议市人大常委会、市中级人民法院、市人民检察院工作报告\n\n本报讯 1月24日上午，会议举行第二次全体会议。\n\n大会执行主席王川红主持会议。\n",
			want: []string{"成都市十八届人大三次会议举行第二次全体会议", "听取审议市人大常委会、市中级人民法院、市人民检察院工作报告", "本报讯 1月24日上午，会议举行第二次全体会议。", "大会执行主席王川红主持会议。"},
		},
		{
			name: "blank-line text: a kicker over a headline and a spaced deck stay apart",
			text: "坚定扛起“走在前、做示范”的使命担当\n南京市十七届人大四次会议开幕\n韩立明出席 陈之常作政府工作报告\n\n本报讯 9日上午，南京市第十七届人民代表大会第四次会议开幕。\n\n大会应到代表597名。\n",
			want: []string{"坚定扛起“走在前、做示范”的使命担当", "南京市十七届人大四次会议开幕", "韩立明出席 陈之常作政府工作报告", "本报讯 9日上午，南京市第十七届人民代表大会第四次会议开幕。", "大会应到代表597名。"},
		},
		{
			name: "blank-line text: a report's two-part title over its ——… line",
			text: "决胜全面建成小康社会\n夺取新时代中国特色社会主义伟大胜利\n\n——在中国共产党第十九次全国代表大会上的报告\n\n（2017年10月18日）\n\n同志们：\n\n现在，我代表第十八届中央委员会向大会作报告。\n",
			want: []string{"决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利", "——在中国共产党第十九次全国代表大会上的报告", "（2017年10月18日）", "同志们：", "现在，我代表第十八届中央委员会向大会作报告。"},
		},
		{
			name: "blank-line text: a title, its role line and name line stay apart",
			text: "政府工作报告\n国务院总理\n李强\n\n各位代表：\n\n现在，我代表国务院作报告。\n\n过去一年，我们砥砺前行。\n",
			want: []string{"政府工作报告", "国务院总理", "李强", "各位代表：", "现在，我代表国务院作报告。", "过去一年，我们砥砺前行。"},
		},
		{
			name: "blank-line text: lines under the ——… line stay apart",
			text: "政府工作报告\n——2025年1月15日在上海市第十六届人民代表大会第三次会议上\n上海市人民政府市长\n龚正同志\n\n各位代表：\n\n现在，我代表市人民政府作报告。\n\n过去一年，我们砥砺前行。\n",
			want: []string{"政府工作报告", "——2025年1月15日在上海市第十六届人民代表大会第三次会议上", "上海市人民政府市长", "龚正同志", "各位代表：", "现在，我代表市人民政府作报告。", "过去一年，我们砥砺前行。"},
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

// TestWrappedParagraphs: text hard-wrapped at one width, as copied from a
// PDF, and text whose unfinished lines have no common width.
func TestWrappedParagraphs(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{
			name: "a work report wrapped at 28 characters",
			text: "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n国务院总理\n李强\n各位代表：\n" +
				"现在，我代表国务院，向大会报告政府工作，请予审议，并请全\n国政协委员提出意见。\n" +
				"过去一年是全面贯彻党的二十大精神的开局之年，是三年新冠疫\n情防控转段后经济恢复发展的一年。面对异常复杂的国际环境和\n艰巨繁重的改革发展稳定任务，在以习近平同志为核心的党中央\n坚强领导下，各地区各部门坚持以习近平新时代中国特色社会主\n义思想为指导。\n" +
				"一、2023年工作回顾\n" +
				"我们坚持稳中求进工作总基调，全面深化改革开放，加大宏观调\n控力度，着力扩大内需、优化结构、提振信心、防范化解风险，\n（一）推动经济回升向好。\n",
			want: []string{
				"政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上", "国务院总理", "李强", "各位代表：",
				"现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。",
				"过去一年是全面贯彻党的二十大精神的开局之年，是三年新冠疫情防控转段后经济恢复发展的一年。面对异常复杂的国际环境和艰巨繁重的改革发展稳定任务，在以习近平同志为核心的党中央坚强领导下，各地区各部门坚持以习近平新时代中国特色社会主义思想为指导。",
				"一、2023年工作回顾",
				"我们坚持稳中求进工作总基调，全面深化改革开放，加大宏观调控力度，着力扩大内需、优化结构、提振信心、防范化解风险，",
				"（一）推动经济回升向好。",
			},
		},
		{
			// The seed's shape: a kicker, a headline and a deck of
			// different widths, paragraphs on lines of their own.
			name: "one paragraph a line is left alone",
			text: "全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章\n市十六届人大五次会议隆重开幕\n张强武健鹏艾凌宇姚鸿波出席 谷明主持 刘俊义作政府工作报告\n本报讯（记者 李雪峰）2月15日上午，大同市第十六届人民代表大会第五次会议隆重开幕。\n本次大会应到代表341人，实到314人，符合法定人数。\n",
			want: []string{"全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章", "市十六届人大五次会议隆重开幕", "张强武健鹏艾凌宇姚鸿波出席 谷明主持 刘俊义作政府工作报告", "本报讯（记者 李雪峰）2月15日上午，大同市第十六届人民代表大会第五次会议隆重开幕。", "本次大会应到代表341人，实到314人，符合法定人数。"},
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

// TestHeadlineContinues: a headline cut over two lines by print layout,
// and lines of a headline block that are not one headline.
func TestHeadlineContinues(t *testing.T) {
	yes := [][2]string{
		{"政府工作报", "告"},
		{"第十四届全国人民代表大会第二次会议关于政府工作报告的决", "议"},
		{"第十四届全国人民代表大", "会第二次会议开幕"},
		{"十四届全国人大二次会议在京开", "幕"},
		{"中国人民政治协商会议第十四届全国委员会常务委员会工作报", "告"},
		{"第十四届全国人民代表大会第二次会议", "关于政府工作报告的决议"},
		{"十四届全国人大常委会", "关于延长授权的决定"},
		{"高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋", "斗"},
		{"高举中国特色社会主义伟大旗帜　为全面建设社会主义现代化国家而团结奋", "斗"},
		{"第十四届全国人民代表大会第二次会议关于", "政府工作报告的决议"},
		{"国务院关于", "2023年度国有资产管理情况的综合报告"},
		{"关于2023年中央和地方预算执行情况与", "2024年中央和地方预算草案的报告"},
	}
	no := [][2]string{
		// The seed's kicker, headline and deck.
		{"全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章", "市十六届人大五次会议隆重开幕"},
		{"市十六届人大五次会议隆重开幕", "张强武健鹏艾凌宇姚鸿波出席 谷明主持 刘俊义作政府工作报告"},
		{"政府工作报告", "——2024年3月5日在第十四届全国人民代表大会第二次会议上"},
		{"政府工作报告", "李　强"},
		{"政府工作报告", "李强"},
		{"国务院总理", "李　强"},
		{"国务院总理　李　强", "各位代表："},
		{"政府工作报告", "（2024年3月5日）"},
		{"高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗", "习近平"},
		{"聚焦全国两会", "十四届全国人大二次会议开幕"},
		{"两会影像", "2025"},
		{"市人代会开幕", "本报记者 张伟"},
		{"大会主席团", "关于代表资格的审查报告"},
		{"现在，我代表国务院", "告"},
		{"风调雨顺 政通人和", "市十六届人大五次会议开幕"},
		{"勇于担当 大有可为", "市政协十五届四次会议闭幕"},
	}
	for _, c := range yes {
		if !headlineContinues(c[0], c[1]) {
			t.Errorf("headlineContinues(%q, %q) = false, want true", c[0], c[1])
		}
	}
	for _, c := range no {
		if headlineContinues(c[0], c[1]) {
			t.Errorf("headlineContinues(%q, %q) = true, want false", c[0], c[1])
		}
	}
	// Only in the headline block: a one-character line in the body is
	// left alone.
	in := []string{"市人代会开幕", "会议听取了报告。", "政府工作报", "告"}
	if got := repair(in); !cmp.Equal(got, in) {
		t.Errorf("repair(%q) = %q, want it unchanged", in, got)
	}
}

func TestIndentOf(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"各位代表：", indentNone},
		{" 各位代表：", indentNone},
		{"　　各位代表：", indentParagraph},
		{"  现在，我代表国务院", indentParagraph},
		{"    现在，我代表国务院", indentParagraph},
		{"\t现在，我代表国务院", indentParagraph},
		{"　　　　　　　　国务院总理　李　强", indentAligned},
		{"            李　强", indentAligned},
		{"李　强", indentNone},
		{"　　", indentNone},
	}
	for _, tt := range tests {
		if got := indentOf(tt.line); got != tt.want {
			t.Errorf("indentOf(%q) = %d, want %d", tt.line, got, tt.want)
		}
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

func TestStartsNewItem(t *testing.T) {
	yes := []string{"一、2024年工作回顾", "（一）统筹提振消费和扩大投资", "(二)稳增长", "1、扩大国内需求", "（1）加快建设", "12、其他", "1. 总体要求", "① 坚持稳中求进"}
	no := []string{"1.5亿人次", "2023、2024年连续两年", "一是坚持稳中求进", "十四五规划", "2024年工作回顾", "（2024年3月11日通过）"}
	checkPredicate(t, "startsNewItem", startsNewItem, yes, no)
}

// TestRunningHeads: text copied from a PDF keeps the line a page repeats
// beside its number, between two halves of a sentence; it is dropped
// there and nowhere else.
func TestRunningHeads(t *testing.T) {
	wrapped := func(s string, width int) string {
		rs := []rune(s)
		var lines []string
		for len(rs) > width {
			lines = append(lines, string(rs[:width]))
			rs = rs[width:]
		}
		return strings.Join(append(lines, string(rs)), "\n")
	}
	body := "过去一年，全省经济运行稳中有进、稳中向好，地区生产总值增长5.5%，一般公共预算收入增长8.1%，城乡居民人均可支配收入分别增长4.8%和7.5%，新增城镇就业90万人，居民消费价格上涨0.3%，粮食总产量连续五年稳定在750亿斤以上。"
	lines := strings.Split(wrapped(body, 24), "\n")
	plain := "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。过去一年，我们坚持以习近平新时代中国特色社会主义思想为指导，认真落实省委各项决策部署，全省经济运行稳中有进、稳中向好。"
	head := "各位代表：\n"
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"a head after the page number", head + strings.Join(lines[:2], "\n") + "\n\n— 2 —\n\n河北省人民政府公报\n" + strings.Join(lines[2:], "\n") + "\n", []string{"各位代表：", body}},
		{"a foot before it", head + strings.Join(lines[:2], "\n") + "\n2024年第5期\n— 2 —\n" + strings.Join(lines[2:], "\n") + "\n", []string{"各位代表：", body}},
		// A heading after a paragraph that ended stays.
		{"a heading after the break", head + strings.Join(lines, "\n") + "\n— 2 —\n二、今后五年的主要任务\n今年要抓好五个方面的工作。\n",
			[]string{"各位代表：", body, "二、今后五年的主要任务", "今年要抓好五个方面的工作。"}},
		// Text that indents its paragraphs, as most PDF copies do.
		{"a head in indented text", head + "　　过去一年，全省经济运行稳中有进、稳中向好，地区生\n— 2 —\n河北省人民政府公报\n产总值增长5.5%，一般公共预算收入增长8.1%。\n　　今年要抓好五个方面的工作。\n",
			[]string{"各位代表：", "过去一年，全省经济运行稳中有进、稳中向好，地区生产总值增长5.5%，一般公共预算收入增长8.1%。", "今年要抓好五个方面的工作。"}},
		// An indented first line opens running text without a comma.
		{"an indented first line with a colon only", head + "　　今年全省经济社会发展的主要预期目标是：地区生产总值增长6\n%左右，城镇新增就业88万人以上，居民消费价格涨幅3%左右。\n" + strings.Join(lines, "\n") + "\n",
			[]string{"各位代表：", "今年全省经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇新增就业88万人以上，居民消费价格涨幅3%左右。", body}},
		// A paragraph's first line, indented, fills the width as the
		// flush lines under it do.
		{"an indented first line", head + "　　" + string([]rune(plain)[:22]) + "\n" + wrapped(string([]rune(plain)[22:]), 24) + "\n", []string{"各位代表：", plain}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := paragraphs(tt.text); !cmp.Equal(got, tt.want) {
				t.Errorf("paragraphs(%q)\n got %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestPageNumbers: a printed page's number, kept by text copied from a PDF,
// is no passage, and the sentence it interrupts is one paragraph again; a
// number alone (the seed's 两会影像 / 2025) and a sentence ending in a
// number stay.
func TestPageNumbers(t *testing.T) {
	text := "政府工作报告\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政\n\n— 1 —\n\n协委员提出意见。\n\n- 12 -\n\n一、过去一年的工作\n\n第 3 页 共 12 页\n\n全年新增就业1256万人。\n\n两会影像\n2025\n"
	doc, err := Parse("a.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range doc.Passages {
		got = append(got, p.Text)
	}
	want := []string{"政府工作报告", "各位代表：", "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。", "一、过去一年的工作", "全年新增就业1256万人。", "两会影像 2025"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
	for _, s := range []string{"— 1 —", "- 12 -", "－3－", "第3页", "第 3 页 共 12 页", "·5·"} {
		if !pageNumberRe.MatchString(s) {
			t.Errorf("%q is not read as a page number", s)
		}
	}
	for _, s := range []string{"2025", "—2025年—", "第3页第4行有误", "——在第十四届全国人民代表大会第二次会议上"} {
		if pageNumberRe.MatchString(s) {
			t.Errorf("%q is read as a page number", s)
		}
	}
}
