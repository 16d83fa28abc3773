package indexer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

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

// checkPredicate checks that f holds for every string of yes and for none
// of no.
func checkPredicate(t *testing.T, name string, f func(string) bool, yes, no []string) {
	t.Helper()
	for _, s := range yes {
		if !f(s) {
			t.Errorf("%s(%q) = false, want true", name, s)
		}
	}
	for _, s := range no {
		if f(s) {
			t.Errorf("%s(%q) = true, want false", name, s)
		}
	}
}

// TestIsList: a list is one sentence of names with a verb of attendance;
// a paragraph that mentions the attendees and enumerates other things in
// another sentence is running text.
func TestIsList(t *testing.T) {
	yes := []string{
		"大会执行主席张强、武健鹏、艾凌宇、姚鸿波在主席台前排就座。",
		"出席会议的还有：王芳、李明、张伟、赵一。会议由谷明主持。",
		"市领导张三；李四；王五；赵六出席。",
	}
	no := []string{
		"现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。过去一年，全省经济运行稳中有进、稳中向好，消费、投资、出口协同发力。",
		"会议听取了报告。代表们就教育、医疗、养老、住房提出建议。",
	}
	checkPredicate(t, "isList", isList, yes, no)
}

func TestSalutation(t *testing.T) {
	yes := []string{
		"各位代表：", "同志们：", "各位委员：", "女士们、先生们：", "各位代表，各位委员：", "尊敬的各位代表：",
		"同志們：", "各位代表:", "女士们，先生们，朋友们：", "各位记者朋友们：", "同志们、朋友们：",
	}
	no := []string{
		"他说：", "一、过去一年的工作：", "各位代表：现在，我代表国务院，向大会报告政府工作。", "各位代表",
		"同志们！", "代表们认为：", "记者：", "答：", "会议强调：", "国务院总理　李　强", "：",
	}
	checkPredicate(t, "isSalutation", isSalutation, yes, no)
}

// TestTitles: the title, subtitles and kinds of title blocks of several
// document shapes, and the file name where the text has no headline.
func TestTitles(t *testing.T) {
	tests := []struct {
		name, rel, text string
		title, source   string
		subs            []string
		kinds           []Kind // of the first passages
	}{
		{
			name: "work report title block", rel: "2024年中华人民共和国国务院政府工作报告.txt", text: report2024,
			title: "政府工作报告", source: SourceText,
			subs:  []string{"——2024年3月5日在第十四届全国人民代表大会第二次会议上"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSignature, KindSalutation, KindBody, KindLabel},
		},
		{
			name: "party congress report: the spaced headline is one title", rel: "二十大报告.txt", text: congress2022,
			title: "高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗", source: SourceText,
			subs:  []string{"——在中国共产党第二十次全国代表大会上的报告", "（2022年10月16日）"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSubheadline, KindSignature, KindSalutation, KindBody},
		},
		{
			name: "CPPCC work report", rel: "政协常委会工作报告.txt",
			text:  "中国人民政治协商会议全国委员会常务委员会工作报告\n\n——2024年3月4日在政协第十四届全国委员会第二次会议上\n\n王沪宁\n\n各位委员：\n\n现在，我代表政协第十四届全国委员会常务委员会，向大会报告工作，请予审议。\n",
			title: "中国人民政治协商会议全国委员会常务委员会工作报告", source: SourceText,
			// 王沪宁 under the dash line delivers the report: its signature.
			subs:  []string{"——2024年3月4日在政协第十四届全国委员会第二次会议上"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSignature, KindSalutation, KindBody},
		},
		{
			// A cover's letter-spaced title is the title unspaced; the
			// passage keeps it as printed.
			name: "letter-spaced title", rel: "县政府工作报告.txt",
			text:  "政　府　工　作　报　告\n\n——2024年1月10日在平遥县第十七届人民代表大会第四次会议上\n\n县长　王　斌\n\n各位代表：\n\n现在，我代表县人民政府向大会报告工作，请予审议。\n",
			title: "政府工作报告", source: SourceText,
			subs:  []string{"——2024年1月10日在平遥县第十七届人民代表大会第四次会议上"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSignature, KindSalutation, KindBody},
		},
		{
			// A paper's page header is no headline, even when every line
			// of the block is spaced.
			name: "a page header over a spaced headline", rel: "a.txt",
			text:  "文匯報　2024年3月6日　星期三　A10　兩會專題\n\n港區全國政協委員：把握兩會機遇 融入國家發展\n\n本報北京3月5日電（記者　張帥　馬靜）全國政協十四屆二次會議昨日在北京開幕。\n",
			title: "港區全國政協委員：把握兩會機遇 融入國家發展", source: SourceText,
			subs:  []string{"文匯報\u30002024年3月6日\u3000星期三\u3000A10\u3000兩會專題"},
			kinds: []Kind{KindSubheadline, KindHeadline, KindLead},
		},
		{
			name: "spaced words stay spaced", rel: "a.txt",
			text:  "两会 观察\n\n3月5日上午，十四届全国人大二次会议开幕。\n",
			title: "两会 观察", source: SourceText,
			subs:  []string{},
			kinds: []Kind{KindHeadline, KindBody},
		},
		{
			name: "resolution", rel: "决议.txt", text: resolution2024,
			title: "第十四届全国人民代表大会第二次会议关于政府工作报告的决议", source: SourceText,
			subs:  []string{"（2024年3月11日第十四届全国人民代表大会第二次会议通过）"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindBody},
		},
		{
			name: "resolution title over two lines", rel: "决议.txt",
			text:  "第十四届全国人民代表大会第二次会议\n关于政府工作报告的决议\n\n（2024年3月11日第十四届全国人民代表大会第二次会议通过）\n\n会议听取和审议了政府工作报告。\n",
			title: "第十四届全国人民代表大会第二次会议关于政府工作报告的决议", source: SourceText,
			subs:  []string{"（2024年3月11日第十四届全国人民代表大会第二次会议通过）"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindBody},
		},
		{
			name: "1954 report: a date line without dash", rel: "1954.txt", text: report1954,
			title: "政府工作报告", source: SourceText,
			subs:  []string{"１９５４年９月２３日在第一届全国人民代表大会第一次会议上"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSignature, KindSalutation, KindBody},
		},
		{
			name: "headline cut mid-word", rel: "a.txt",
			text:  "政府工作报\n告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n各位代表：\n\n现在，我代表国务院作报告。\n",
			title: "政府工作报告", source: SourceText,
			subs:  []string{"——2024年3月5日在第十四届全国人民代表大会第二次会议上"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSalutation, KindBody},
		},
		{
			name: "headline cut mid-word, with a blank line between", rel: "a.txt",
			text:  "十四届全国人大二次会议在京开\n\n幕\n\n新华社北京3月5日电 第十四届全国人民代表大会第二次会议5日上午在人民大会堂开幕。\n",
			title: "十四届全国人大二次会议在京开幕", source: SourceText, subs: nil,
			kinds: []Kind{KindHeadline, KindLead},
		},
		{
			name: "bare report: the file name", rel: "reports/2024年中华人民共和国国务院政府工作报告.txt",
			text:  "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n",
			title: "2024年中华人民共和国国务院政府工作报告", source: SourceFileName, subs: nil,
			kinds: []Kind{KindSalutation, KindBody},
		},
		{
			name: "an invisible first line is no title", rel: "1978年政府工作报告.txt",
			text:  "\u200b\n\n\ufeff各位代表：\n\n现在，我代表国务院作政府工作报告。\n",
			title: "1978年政府工作报告", source: SourceFileName, subs: nil,
			kinds: []Kind{KindSalutation, KindBody},
		},
		{
			name: "a body sentence is no title", rel: "讲话.txt",
			text:  "同志们，今天我们召开这次会议，主要任务是总结去年的工作、部署今年的任务。\n\n一、关于去年的工作\n",
			title: "讲话", source: SourceFileName, subs: nil,
		},
		{
			name: "a saved page's dateline is no title", rel: "page.txt",
			text:  "2026/1/20 10:30 来源：太原日报\n\n1月19日上午，大会开幕。\n",
			title: "page", source: SourceFileName, subs: []string{"2026/1/20 10:30 来源：太原日报"},
			kinds: []Kind{KindSubheadline, KindBody},
		},
		{
			name: "city news: kicker, headline and deck stay three", rel: "a.txt",
			text:  "凝心聚力开新局 实干笃行谱新篇\n\n上海市十六届人大三次会议开幕\n\n陈吉宁出席 龚正作政府工作报告\n\n本报讯（记者 王海燕）1月15日上午，上海市第十六届人民代表大会第三次会议开幕。\n",
			title: "上海市十六届人大三次会议开幕", source: SourceText,
			subs:  []string{"凝心聚力开新局 实干笃行谱新篇", "陈吉宁出席 龚正作政府工作报告"},
			kinds: []Kind{KindSubheadline, KindHeadline, KindSubheadline, KindLead},
		},
		{
			name: "a one-phrase kicker over the event headline", rel: "a.txt",
			text:  "为太原高质量发展献计出力\n\n市政协十四届四次会议举行大会发言\n\n本报讯（记者 郭晨）16日下午，政协太原市第十四届委员会第四次会议举行大会发言。\n",
			title: "市政协十四届四次会议举行大会发言", source: SourceText,
			subs:  []string{"为太原高质量发展献计出力"},
			kinds: []Kind{KindSubheadline, KindHeadline, KindLead},
		},
		{
			name: "kicker, headline and deck on adjacent lines of indented text", rel: "a.txt",
			text:  "坚定扛起“走在前、做示范”的使命担当\n南京市十七届人大四次会议开幕\n韩立明出席 陈之常作政府工作报告\n\n　　本报讯（记者 顾敏）9日上午，南京市第十七届人民代表大会第四次会议开幕。\n　　大会应到代表597名。\n",
			title: "南京市十七届人大四次会议开幕", source: SourceText,
			subs:  []string{"坚定扛起“走在前、做示范”的使命担当", "韩立明出席 陈之常作政府工作报告"},
			kinds: []Kind{KindSubheadline, KindHeadline, KindSubheadline, KindLead},
		},
		{
			name: "a column label gives way to the headline", rel: "a.txt",
			text:  "兩會直擊\n\n港區委員倡深化大灣區規則銜接\n\n全國政協十四屆二次會議大會發言\n\n2024年3月7日　星期四\n\n【本報北京訊】全國政協十四屆二次會議昨日舉行大會發言。\n",
			title: "港區委員倡深化大灣區規則銜接", source: SourceText,
			subs:  []string{"兩會直擊", "全國政協十四屆二次會議大會發言", "2024年3月7日　星期四"},
			kinds: []Kind{KindSubheadline, KindHeadline, KindSubheadline, KindSubheadline, KindBody},
		},
		{
			name: "a headline over two lines, a deck after a blank line", rel: "a.txt",
			text:  "成都市十八届人大三次会议\n举行第二次全体会议\n\n听取审议市人大常委会、市中级人民法院、市人民检察院工作报告\n\n本报讯（记者 王雪锋）1月24日上午，成都市第十八届人民代表大会第三次会议举行第二次全体会议。\n",
			title: "成都市十八届人大三次会议举行第二次全体会议", source: SourceText,
			subs:  []string{"听取审议市人大常委会、市中级人民法院、市人民检察院工作报告"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindLead},
		},
		{
			// A title opened by 关于 is one noun phrase: no space where
			// the line broke.
			name: "a 关于… report title over two lines", rel: "a.txt",
			text:  "关于2024年国民经济和社会发展计划执行情况\n与2025年国民经济和社会发展计划草案的报告\n\n——2025年3月5日在第十四届全国人民代表大会第三次会议上\n\n各位代表：\n\n受国务院委托，现将计划草案提请审议。\n",
			title: "关于2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告", source: SourceText,
			subs:  []string{"——2025年3月5日在第十四届全国人民代表大会第三次会议上"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSalutation, KindBody},
		},
		{
			name: "a two-part report title over two lines", rel: "a.txt",
			text:  "决胜全面建成小康社会\n夺取新时代中国特色社会主义伟大胜利\n\n——在中国共产党第十九次全国代表大会上的报告\n\n（2017年10月18日）\n\n习　近　平\n\n同志们：\n\n现在，我代表第十八届中央委员会向大会作报告。\n",
			title: "决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利", source: SourceText,
			subs:  []string{"——在中国共产党第十九次全国代表大会上的报告", "（2017年10月18日）"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSubheadline, KindSignature, KindSalutation, KindBody},
		},
		{
			name: "a title over its signature on the next line stays apart", rel: "a.txt",
			text:  "新年贺词\n习近平\n\n大家好！新年将至，向大家致以美好的祝福。\n\n二〇二三年十二月三十一日\n",
			title: "新年贺词", source: SourceText, subs: nil,
			kinds: []Kind{KindHeadline, KindSignature, KindBody},
		},
		{
			name: "a report title opening with spaced phrases on a line of their own", rel: "a.txt",
			text:  "坚定信心　勇毅前行\n奋力谱写社会主义现代化国际大都市建设新篇章\n——在中国共产党上海市第十二次代表大会上的报告\n（2022年6月25日）\n李　强\n同志们：\n　　现在，我代表中国共产党上海市第十一届委员会向大会作报告。\n",
			title: "坚定信心 勇毅前行 奋力谱写社会主义现代化国际大都市建设新篇章", source: SourceText,
			subs:  []string{"——在中国共产党上海市第十二次代表大会上的报告", "（2022年6月25日）"},
			kinds: []Kind{KindSubheadline, KindHeadline, KindSubheadline, KindSubheadline, KindSignature, KindSalutation, KindBody},
		},
		{
			name: "a city paper's spaced kicker over the headline stays a subtitle", rel: "a.txt",
			text:  "凝心聚力勇当尖兵　踔厉奋发再创新局\n\n市七届人大四次会议隆重开幕\n\n黄振宇讲话　郑文涛作政府工作报告\n\n本报讯（记者 刘晓燕）1月29日上午，深圳市第七届人民代表大会第四次会议隆重开幕。\n",
			title: "市七届人大四次会议隆重开幕", source: SourceText,
			subs:  []string{"凝心聚力勇当尖兵　踔厉奋发再创新局", "黄振宇讲话　郑文涛作政府工作报告"},
			kinds: []Kind{KindSubheadline, KindHeadline, KindSubheadline, KindLead},
		},
		{
			name: "a proposal form: its 案由 is the title", rel: "提案第0045号.txt",
			text:  "政协浦江县第十一届委员会第三次会议\n提　案\n第0045号\n案由：关于加快农村生活污水治理设施长效运维的建议\n提案人：何志明\n提交时间：2024年1月8日\n\n　　近年来，我县农村生活污水治理设施覆盖面不断扩大。\n",
			title: "关于加快农村生活污水治理设施长效运维的建议", source: SourceText,
			subs: []string{"政协浦江县第十一届委员会第三次会议", "提　案", "第0045号", "案由：关于加快农村生活污水治理设施长效运维的建议", "提交时间：2024年1月8日"},
		},
		{
			name: "the parts of a title are spaced once", rel: "a.txt",
			text:  "坚定不移沿着中国特色社会主义道路前进　为全面建成小康社会而奋斗\n\n——在中国共产党第十八次全国代表大会上的报告\n\n同志们：\n\n现在，我代表第十七届中央委员会向大会作报告。\n",
			title: "坚定不移沿着中国特色社会主义道路前进 为全面建成小康社会而奋斗", source: SourceText,
			subs:  []string{"——在中国共产党第十八次全国代表大会上的报告"},
			kinds: []Kind{KindHeadline, KindSubheadline, KindSalutation, KindBody},
		},
		{
			name: "press conference", rel: "a.txt",
			text:  "十四届全国人大二次会议新闻发布会\n\n女士们、先生们：\n\n十四届全国人大二次会议新闻发布会现在开始。\n",
			title: "十四届全国人大二次会议新闻发布会", source: SourceText, subs: nil,
			kinds: []Kind{KindHeadline, KindSalutation, KindBody},
		},
		{
			name: "front matter title", rel: "a.md",
			text:  "---\ntitle: 某市政府工作报告摘要\n---\n各位代表：\n\n现在报告。\n",
			title: "某市政府工作报告摘要", source: SourceFrontMatter, subs: nil,
		},
		{
			name: "an HTML page's <h1> is its text", rel: "a.html",
			text:  "<html><body><h1>中山市政协十四届四次会议开幕</h1><p>1月13日下午，会议开幕。</p></body></html>",
			title: "中山市政协十四届四次会议开幕", source: SourceText, subs: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.rel, []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Title != tt.title || doc.Provenance["title"] != tt.source {
				t.Errorf("Parse(%q).Title = %q from %q, want %q from %q", tt.rel, doc.Title, doc.Provenance["title"], tt.title, tt.source)
			}
			subs := tt.subs
			if subs == nil {
				subs = []string{}
			}
			if diff := cmp.Diff(subs, doc.Subtitles); diff != "" {
				t.Errorf("Subtitles (-want +got):\n%s", diff)
			}
			var kinds []Kind
			for i := range min(len(tt.kinds), len(doc.Passages)) {
				kinds = append(kinds, doc.Passages[i].Kind)
			}
			if diff := cmp.Diff(tt.kinds, kinds); diff != "" {
				t.Errorf("kinds (-want +got):\n%s", diff)
			}
		})
	}
}
