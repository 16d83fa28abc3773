package indexer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFindSessions(t *testing.T) {
	tests := []struct {
		text, place string
		want        []string // canonical names
	}{
		{"大同市第十六届人民代表大会第五次会议隆重开幕", "", []string{"大同市十六届人大五次会议"}},
		{"市十六届人大五次会议隆重开幕", "大同市", []string{"大同市十六届人大五次会议"}},
		{"提请市第十六届人民代表大会第五次会议依法票决", "大同市", []string{"大同市十六届人大五次会议"}},
		{"第十六届人民代表大会第五次会议", "大同市", []string{"大同市十六届人大五次会议"}},
		{"第十六届人民代表大会第五次会议", "", nil}, // no place known: nothing to name it by
		{"参加市政协十五届四次会议的委员们", "大同市", []string{"大同市十五届政协四次会议"}},
		{"政协太原市第十四届委员会第三次会议", "", []string{"太原市十四届政协三次会议"}},
		{"太原市政协第十四届委员会第三次会议", "", []string{"太原市十四届政协三次会议"}},
		{"中国人民政治协商会议太原市第十四届委员会第三次会议", "", []string{"太原市十四届政协三次会议"}},
		{"2026年1月18日，政协第十四届广州市委员会第五次会议闭幕。", "", []string{"广州市十四届政协五次会议"}},
		{"中国人民政治协商会议第十四届广州市委员会第五次会议在广州开幕", "", []string{"广州市十四届政协五次会议"}},
		{"中国人民政治协商会议第十四届全国委员会第三次会议", "", []string{"十四届全国政协三次会议"}},
		{"政协第十五届委员会第四次会议", "大同市", []string{"大同市十五届政协四次会议"}},
		{"十四届全国人大三次会议在京开幕", "大同市", []string{"十四届全国人大三次会议"}},
		{"第十四届全国人民代表大会第三次会议", "", []string{"十四届全国人大三次会议"}},
		{"全国政协十四届三次会议", "", []string{"十四届全国政协三次会议"}},
		{"省政协十三届二次会议", "", []string{"省十三届政协二次会议"}},
		{"山西省第十四届人民代表大会第三次会议", "", []string{"山西省十四届人大三次会议"}},
		{"在同十四届全国人大代表；市政协第十五届委员会委员", "大同市", []string{"十四届全国人大", "大同市十五届政协"}},
		{"市16届人大5次会议", "大同市", []string{"大同市十六届人大五次会议"}},
		{"大同市第二十届人民代表大会第一次会议", "", []string{"大同市二十届人大一次会议"}},
		{"大同市第十六屆人民代表大會第五次會議", "", []string{"大同市十六届人大五次会议"}}, // Traditional
		{"县十八届人大四次会议", "天镇县", []string{"天镇县十八届人大四次会议"}},
		{"市十六届人大常委会第二十次会议", "大同市", nil},        // a standing committee meeting
		{"按照市委十六届八次全会暨市委经济工作会议部署", "大同市", nil}, // a party plenum
		{"党的二十届三中全会", "", []string{"中共二十届三中全会"}},
		{"", "", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range FindSessions(tt.text, tt.place) {
			got = append(got, s.Name)
			if s.Name != s.Canonical() {
				t.Errorf("FindSessions(%q): Name %q != Canonical() %q", tt.text, s.Name, s.Canonical())
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FindSessions(%q, %q) (-want +got):\n%s", tt.text, tt.place, diff)
		}
	}
}

// TestFindSessionsBare: a document's wording without a level (the seed's
// 第十六届人民代表大会第五次会议 in a Datong document) is resolved through
// the document, which knows its place.
func TestFindSessionsBare(t *testing.T) {
	doc, err := Parse("a.txt", []byte("大同市人民政府工作报告\n\n在大同市第十六届人民代表大会第五次会议上。\n\n第十六届人民代表大会第五次会议听取了报告。\n"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range doc.Sessions {
		names = append(names, s.Name)
	}
	if diff := cmp.Diff([]string{"大同市十六届人大五次会议"}, names); diff != "" {
		t.Errorf("sessions (-want +got):\n%s", diff)
	}
}

func TestSessionFields(t *testing.T) {
	got := FindSessions("参加市政协十五届四次会议的委员们", "大同市")
	want := []Session{{Place: "大同市", Level: "市", Body: "政协", Term: 15, Number: 4, Name: "大同市十五届政协四次会议"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("FindSessions (-want +got):\n%s", diff)
	}
	if c := (Session{Place: "大同市", Level: "市", Body: "人大", Term: 16}).Canonical(); c != "大同市十六届人大" {
		t.Errorf("term-only Canonical() = %q, want 大同市十六届人大", c)
	}
}

func TestSeedSessions(t *testing.T) {
	doc := parseSeed(t)
	if doc.MainSession == nil || doc.MainSession.Name != "大同市十六届人大五次会议" {
		t.Fatalf("MainSession = %+v, want 大同市十六届人大五次会议", doc.MainSession)
	}
	var names []string
	for _, s := range doc.Sessions {
		names = append(names, s.Name)
	}
	want := []string{"大同市十六届人大五次会议", "中共二十大", "中共二十届二中全会", "中共二十届三中全会", "十四届全国人大", "山西省十四届人大", "大同市十五届政协", "大同市十五届政协四次会议"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("seed sessions (-want +got):\n%s", diff)
	}
}

func TestNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"五", 5}, {"十", 10}, {"十六", 16}, {"二十", 20}, {"二十一", 21}, {"十五", 15}, {"一百零八", 108}, {"16", 16}, {"两", 2}, {"〇", 0},
	}
	for _, tt := range tests {
		if got, ok := parseNumber(tt.in); !ok || got != tt.want {
			t.Errorf("parseNumber(%q) = %d, %v; want %d", tt.in, got, ok, tt.want)
		}
		if tt.want > 0 && tt.want < 100 {
			if back, _ := parseNumber(chineseNumber(tt.want)); back != tt.want {
				t.Errorf("parseNumber(chineseNumber(%d)) = %d", tt.want, back)
			}
		}
	}
	if _, ok := parseNumber("五x"); ok {
		t.Error(`parseNumber("五x") ok, want not`)
	}
}

// TestPartySessions: party congresses and plenums in their wordings, as
// sessions of their own kind, never congresses of the people.
func TestPartySessions(t *testing.T) {
	tests := []struct {
		text, place string
		want        []string
	}{
		{"——在中国共产党第二十次全国代表大会上的报告", "", []string{"中共二十大"}},
		{"党的二十大胜利召开", "", []string{"中共二十大"}},
		{"十九大以来，我们坚持稳中求进", "", []string{"中共十九大"}},
		{"中共十八大报告提出", "", []string{"中共十八大"}},
		{"党的十九届七中全会", "", []string{"中共十九届七中全会"}},
		{"中国共产党第十九届中央委员会第七次全体会议", "", []string{"中共十九届七中全会"}},
		{"认真贯彻落实党的二十大和二十届二中、三中全会精神", "", []string{"中共二十大", "中共二十届二中全会", "中共二十届三中全会"}},
		{"中国共产党大同市第十三次代表大会开幕", "", []string{"中共大同市十三次党代会"}},
		{"市第十三次党代会以来", "大同市", []string{"中共大同市十三次党代会"}},
		{"省第十二次党代会", "天镇县", []string{"中共山西省十二次党代会"}},
		// not party congresses
		{"现在，我代表第十八届中央委员会向大会作报告", "", nil},
		{"实施十大工程、二十大项目", "", nil},
		{"按照市委十六届八次全会暨市委经济工作会议部署", "大同市", nil},
		{"全国人民代表大会常务委员会", "", nil},
		// Other parties' and the Youth League's plenums.
		{"中国民主同盟第十三届中央委员会第二次全体会议在京举行", "", nil},
		{"民盟十三届二中全会召开", "", nil},
		{"九三学社第十五届中央委员会第三次全体会议", "", nil},
		{"共青团第十九届中央委员会第二次全体会议", "", nil},
		{"中國致公黨第十六屆中央委員會第二次全體會議", "", nil},
		{"民建中央主席郝明金出席。党的二十届三中全会精神", "", []string{"中共二十届三中全会"}},
		{"民盟中央召开十三届二中全会", "", nil},
		{"九三学社中央在京召开十五届三中全会", "", nil},
		{"民盟中央学习贯彻党的二十届三中全会精神", "", []string{"中共二十届三中全会"}},
		{"民盟中央召开会议，学习二十届三中全会精神", "", []string{"中共二十届三中全会"}},
	}
	for _, tt := range tests {
		var got []string
		for _, s := range FindSessions(tt.text, tt.place) {
			got = append(got, s.Name)
			if s.Body == "人大" || s.Body == "政协" {
				t.Errorf("FindSessions(%q): %s is a %s session", tt.text, s.Name, s.Body)
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("FindSessions(%q, %q) (-want +got):\n%s", tt.text, tt.place, diff)
		}
	}
}

// TestGazetteerSessionPlaces: the place of a session is the gazetteer's
// division ending the words before it, never those words with their first
// characters cut.
func TestGazetteerSessionPlaces(t *testing.T) {
	tests := []struct{ text, want string }{
		{"上海市第十六届人民代表大会第三次会议", "上海市十六届人大三次会议"},
		{"上午上海市第十六届人民代表大会第三次会议开幕", "上海市十六届人大三次会议"},
		{"中山市政协十四届四次会议", "中山市十四届政协四次会议"},
		{"在中山市第十六届人民代表大会第四次会议上", "中山市十六届人大四次会议"},
		{"开封市第十六届人民代表大会第五次会议", "开封市十六届人大五次会议"},
		{"会同县第十八届人民代表大会第五次会议", "会同县十八届人大五次会议"},
		{"和田市政协第九届委员会第四次会议", "和田市九届政协四次会议"},
		{"政协长阳土家族自治县第十一届委员会第四次会议", "长阳土家族自治县十一届政协四次会议"},
		{"东海县第十八届人民代表大会第四次会议", "东海县十八届人大四次会议"},
		{"广西壮族自治区第十四届人民代表大会第三次会议", "广西壮族自治区十四届人大三次会议"},
		{"延边朝鲜族自治州第十五届人民代表大会第四次会议", "延边朝鲜族自治州十五届人大四次会议"},
	}
	for _, tt := range tests {
		got := FindSessions(tt.text, "")
		if len(got) != 1 || got[0].Name != tt.want {
			t.Errorf("FindSessions(%q) = %v, want %s", tt.text, got, tt.want)
		}
	}
	// A run that ends in a level but names no division is no session: its
	// place is unknown (雁北地区 was merged into 大同市 in 1993).
	if got := FindSessions("雁北地区第五届人民代表大会第二次会议", ""); got != nil {
		t.Errorf("FindSessions(雁北地区…) = %v, want none", got)
	}
	// unless the document says it is its place
	if got := FindSessions("雁北地区第五届人民代表大会第二次会议", "雁北地区"); len(got) != 1 || got[0].Name != "雁北地区五届人大二次会议" {
		t.Errorf("FindSessions(雁北地区…, 雁北地区) = %v, want 雁北地区五届人大二次会议", got)
	}
}

// TestMainSession: the session a document was delivered at or reports on,
// never one it only recalls; none when the evidence is weak.
func TestMainSession(t *testing.T) {
	tests := []struct {
		name, rel, text, want string
	}{
		{
			"work report, 2024: the delivered-at line",
			"2024年政府工作报告.txt",
			"政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李　强\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n\n一、2023年工作回顾\n\n去年是全面贯彻党的二十大精神的开局之年。十四届全国人大一次会议以来，我们坚持稳中求进工作总基调。\n",
			"十四届全国人大二次会议",
		},
		{
			"work report, 2018: five years since a session are recalled",
			"2018年政府工作报告.txt",
			"政府工作报告\n\n——2018年3月5日在第十三届全国人民代表大会第一次会议上\n\n国务院总理　李克强\n\n各位代表：\n\n本届政府任期五年来，十二届全国人大一次会议以来，在以习近平同志为核心的党中央坚强领导下，我们砥砺前行，取得了历史性成就，发生了历史性变革。\n",
			"十三届全国人大一次会议",
		},
		{
			"work report, 1981: 从…到现在 is a recall, the head has no session",
			"1981年政府工作报告.txt",
			"当前的经济形势和今后经济建设的方针\n\n各位代表：\n\n从去年９月第五届全国人民代表大会第三次会议到现在，一年多的时间里，我国政治、经济形势有了很大发展，国民经济调整工作取得了显著成效，请大会审议。\n",
			"",
		},
		{
			"work report, 1981: the opening formula 向…会议报告政府工作",
			"1981年政府工作报告.txt",
			"各位代表：\n\n从去年９月第五届全国人民代表大会第三次会议到现在，一年多的时间过去了，国民经济的调整取得了重大进展。\n\n现在，我代表国务院，向第五届全国人民代表大会第四次会议报告政府工作，请予审议。\n",
			"五届全国人大四次会议",
		},
		{
			"work report, 1985: only a recall, no session of its own",
			"政府工作报告/1985.txt",
			"各位代表：\n\n现在，我代表国务院向大会报告工作，请予审议。\n\n自从去年五月第六届全国人民代表大会第二次会议以来，我国经济形势越来越好。\n",
			"",
		},
		{
			"NPC resolution: the folder names the session",
			"npc/十三届全国人大三次会议/关于最高人民法院工作报告的决议.txt",
			"关于最高人民法院工作报告的决议\n\n会议听取和审议了最高人民法院院长所作的最高人民法院工作报告，同意报告提出的工作安排，决定批准这个报告。\n",
			"十三届全国人大三次会议",
		},
		{
			"work report, 1955: 向…会议提出",
			"1955年.txt",
			"关于发展国民经济的第一个五年计划的报告\n\n一九五五年七月五日向第一届全国人民代表大会第二次会议提出\n\n各位代表：\n\n我现在向大会作关于发展国民经济的第一个五年计划的报告，请大会审议和批准这个计划。\n",
			"一届全国人大二次会议",
		},
		{
			"work report, 1954: 在中华人民共和国第一届…上, full-width digits",
			"1954年政府工作报告.txt",
			"政府工作报告\n\n１９５４年９月２３日在中华人民共和国第一届全国人民代表大会第一次会议上\n\n各位代表：\n\n中华人民共和国第一届全国人民代表大会第一次会议的召开，是我国人民政治生活中的一件大事，标志着我国进入了新的历史时期。\n",
			"一届全国人大一次会议",
		},
		{
			"province work report: the sitting named",
			"provinces/山西/2025.txt",
			"政府工作报告\n\n——2025年1月20日在山西省第十四届人民代表大会第三次会议第一次全体会议上\n\n各位代表：\n\n现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员和其他列席人员提出意见。\n",
			"山西省十四届人大三次会议",
		},
		{
			"news lead: a session's earlier decision is recalled",
			"a.txt",
			"建议办理见成效\n\n本报讯 在市十六届人大四次会议上提出的328件代表建议已全部办结，代表满意率达到百分之九十八，有力推动了一批民生实事落地见效。\n",
			"",
		},
		{
			"press conference: the headline",
			"press/a.txt",
			"十四届全国人大二次会议举行记者会\n\n国务院总理李强出席记者会并回答中外记者提问\n\n记者问：今年的经济增长目标是如何确定的？\n",
			"十四届全国人大二次会议",
		},
		{
			"press conference: the day and place between the session and its verb",
			"press/a.txt",
			"李强总理出席记者会并回答中外记者提问\n\n新华社北京3月13日电　十四届全国人大一次会议13日上午在人民大会堂三楼金色大厅举行记者会，国务院总理李强出席记者会。\n",
			"十四届全国人大一次会议",
		},
		{
			"speech news, 1954: the session goes on",
			"speech-news/1954.txt",
			"周恩来总理在全国人民代表大会上作政府工作报告\n\n新华社23日讯　第一届全国人民代表大会第一次会议今天下午继续举行。大会由刘少奇主持。\n",
			"一届全国人大一次会议",
		},
		{
			"delegation news: 出席…会议的新疆代表团",
			"speech-news/新疆代表团审议政府工作报告.txt",
			"新疆代表团审议政府工作报告\n\n本网北京3月6日讯　3月6日上午，出席十四届全国人大二次会议的新疆代表团在驻地举行全体会议，审议政府工作报告。\n",
			"十四届全国人大二次会议",
		},
		{
			"a headline looking back",
			"a.txt",
			"纪念十一届三中全会召开40周年\n\n本报讯 40年前召开的党的十一届三中全会，开启了改革开放历史新时期，这是党的历史上具有深远意义的伟大转折。\n",
			"",
		},
		{
			"NPC resolution: the session that heard the report",
			"npc/决议.txt",
			"关于政府工作报告的决议\n\n（2015年3月15日第十二届全国人民代表大会第三次会议通过）\n\n第十二届全国人民代表大会第三次会议听取和审议了国务院总理李克强所作的政府工作报告。会议充分肯定国务院过去一年的工作，同意报告提出的2015年经济社会发展总体要求。\n",
			"十二届全国人大三次会议",
		},
		{
			"NPC resolution: the title names it",
			"npc/决议2.txt",
			"第十四届全国人民代表大会第二次会议关于政府工作报告的决议\n\n会议听取和审议了国务院总理李强所作的政府工作报告，同意报告提出的2024年经济社会发展总体要求和政策取向。\n",
			"十四届全国人大二次会议",
		},
		{
			"party congress report",
			"party/十九大报告.txt",
			"决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利\n\n——在中国共产党第十九次全国代表大会上的报告\n\n（2017年10月18日）\n\n习近平\n\n同志们：\n\n现在，我代表第十八届中央委员会向大会作报告。十八大以来的五年，是党和国家发展进程中极不平凡的五年。\n",
			"中共十九大",
		},
		{
			"city news: the headline",
			"a.txt",
			"市十六届人大五次会议隆重开幕\n\n本报讯 2月15日上午，大同市第十六届人民代表大会第五次会议在大同会议中心隆重开幕，根据市十六届人大四次会议的决定，会议议程共九项。\n",
			"大同市十六届人大五次会议",
		},
		{
			"city news of Shanghai: the lead",
			"a.txt",
			"奋力谱写新篇章\n\n本报讯 1月15日上午，上海市第十六届人民代表大会第三次会议在世博中心隆重开幕，市委书记出席会议，代表们审议政府工作报告。\n",
			"上海市十六届人大三次会议",
		},
		{
			"CPPCC coverage: 在…会议上 in the lead",
			"cppcc/a.txt",
			"委员建言乡村振兴\n\n本报讯 在中山市政协十四届四次会议上，委员们围绕乡村振兴、营商环境等议题踊跃发言，提交提案三百余件，涉及经济社会发展的方方面面。\n",
			"中山市十四届政协四次会议",
		},
		{
			"caption: 出席…会议的代表",
			"counties/天镇县/a.txt",
			"会场内外\n\n代表们认真审议报告，大家表示，要把报告描绘的蓝图变为现实，干出实绩来，让群众有更多获得感幸福感。\n\n出席县十八届人大四次会议的代表步入会场。\n",
			"天镇县十八届人大四次会议",
		},
		{
			"a long report recalling several sessions in its body: none",
			"a.txt",
			"各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见，这是我们的职责所在。\n\n一年来，我们认真落实十二届全国人大三次会议确定的各项任务。\n\n根据十二届全国人大四次会议的决定，我们编制了规划。\n\n十二届全国人大五次会议期间，代表们提出了许多建议。\n",
			"",
		},
		{
			"a session of another year in a summary",
			"a.txt",
			"回顾与展望\n\n2023年，在十四届全国人大一次会议上，代表们提出了许多建议，这些建议都已办结，群众满意度不断提高，各项工作取得新进展。\n",
			"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.rel, []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if doc.MainSession != nil {
				got = doc.MainSession.Name
				want := SourceText
				if strings.HasPrefix(tt.name, "NPC resolution: the folder") {
					want = SourceFileName
				}
				if doc.Provenance["session"] != want {
					t.Errorf("provenance of the session = %q, want %q", doc.Provenance["session"], want)
				}
			}
			if got != tt.want {
				t.Errorf("MainSession = %q, want %q (sessions %v)", got, tt.want, doc.Sessions)
			}
		})
	}
}

// TestWordLists: every list the rules read is in its data file.
func TestWordLists(t *testing.T) {
	for _, l := range []struct {
		lists map[string][]string
		names []string
	}{
		{sessionWords(), []string{"recall-before", "recall-after", "reports-after", "bare-congress-cues"}},
		{placeWords(), []string{"institutions", "national-bodies", "level-stop"}},
	} {
		for _, name := range l.names {
			if len(l.lists[name]) == 0 {
				t.Errorf("word list [%s] is empty or missing", name)
			}
		}
	}
}

// TestLeagueSessions: a league (盟) of Inner Mongolia ends a place as a
// city does.
func TestLeagueSessions(t *testing.T) {
	for text, want := range map[string]string{
		"政协锡林郭勒盟第十三届委员会第三次会议": "锡林郭勒盟十三届政协三次会议",
		"兴安盟政协十三届三次会议":        "兴安盟十三届政协三次会议",
	} {
		got := FindSessions(text, "")
		if len(got) != 1 || got[0].Name != want {
			t.Errorf("FindSessions(%q) = %+v, want %s", text, got, want)
		}
	}
	// 同盟 and 联盟 are no places: no session of a people's congress.
	for _, text := range []string{"中国民主同盟第十三届中央委员会第二次全体会议", "中国人工智能产业发展联盟第三届理事会第二次会议"} {
		for _, s := range FindSessions(text, "") {
			t.Errorf("FindSessions(%q): %s", text, s.Name)
		}
	}
}
