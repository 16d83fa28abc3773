package indexer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// speakerOf is one passage's attribution, for comparing.
type speakerOf struct {
	Start, Speaker, Role string
}

func attributions(doc *Document) []speakerOf {
	var out []speakerOf
	for _, p := range doc.Passages {
		out = append(out, speakerOf{string([]rune(p.Text)[:min(6, len([]rune(p.Text)))]), p.Speaker, p.SpeakerRole})
	}
	return out
}

func TestSpeakers(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []speakerOf
	}{
		{
			name: "seed",
			text: "",
		},
		{
			// A Taiyuan CPPCC report: 韦韬 is introduced by title, 她说
			// names the nearest person named before it, 李强 by a verb
			// alone; 会上 is no one.
			name: "Taiyuan CPPCC report with 她说",
			text: `政协太原市第十四届委员会第四次会议开幕

本报讯（记者 王芳）2025年1月19日上午，政协太原市第十四届委员会第四次会议开幕。市政协主席韦韬作常务委员会工作报告。

韦韬在报告中指出，过去一年，市政协聚焦中心任务建言资政。

会上，市政协副主席陈玲作关于提案工作情况的报告。她说，一年来共收到提案六百余件。

市政协委员李强表示，将认真履职。

大会听取了报告，与会委员一致同意。
`,
			want: []speakerOf{
				{"政协太原市第", "", ""},
				{"本报讯（记者", "韦韬", "市政协主席"},
				{"韦韬在报告中", "韦韬", "市政协主席"},
				{"会上，市政协", "陈玲", "市政协副主席"},
				{"市政协委员李", "李强", "市政协委员"},
				{"大会听取了报", "", ""},
			},
		},
		{
			// 他说 in a passage of its own refers to the last person named
			// before it.
			name: "government work report with 他说 in the next passage",
			text: `太原市人民政府工作报告

市长张新伟代表市人民政府作政府工作报告。

他说，今年经济增长目标为百分之五左右。

王海涛指出，要把民生实事办好。

她强调，要守住安全底线。
`,
			want: []speakerOf{
				{"太原市人民政", "", ""},
				{"市长张新伟代", "张新伟", "市长"},
				{"他说，今年经", "张新伟", "市长"},
				{"王海涛指出，", "王海涛", ""},
				{"她强调，要守", "王海涛", ""},
			},
		},
		{
			name: "no one speaks: no speaker is invented",
			text: `会议议程

大会审查了计划执行情况的报告。

同时要求，全市上下要真抓实干。

大家说，今年干劲更足了。

会场内气氛热烈，代表们认真听取报告。
`,
			want: []speakerOf{
				{"会议议程", "", ""},
				{"大会审查了计", "", ""},
				{"同时要求，全", "", ""},
				{"大家说，今年", "", ""},
				{"会场内气氛热", "", ""},
			},
		},
		{
			name: "a pronoun with no one before it is no one",
			text: "他说，今年是关键之年，也是收官之年。\n",
			want: []speakerOf{{"他说，今年是", "", ""}},
		},
		{
			// 中 inside a role (市中级人民法院) is part of it.
			name: "court and procuratorate reports",
			text: `太原市十六届人大四次会议举行第二次全体会议

市中级人民法院院长赵刚作市中级人民法院工作报告。

市人民检察院检察长孙明作市人民检察院工作报告。

他表示，要让人民群众在每一个司法案件中感受到公平正义。
`,
			want: []speakerOf{
				{"太原市十六届", "", ""},
				{"市中级人民法", "赵刚", "市中级人民法院院长"},
				{"市人民检察院", "孙明", "市人民检察院检察长"},
				{"他表示，要让", "孙明", "市人民检察院检察长"},
			},
		},
		{
			// A work report's full text: the signature under the title
			// speaks every passage that reports no one else.
			name: "work report signed under its title",
			text: `政府工作报告

——2026年1月20日在太原市第十六届人民代表大会第五次会议上

太原市人民政府市长　王强

各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议。

一、2025年工作回顾

过去一年，我们坚持稳中求进工作总基调。

市政协主席韦韬说，要建言资政。
`,
			want: []speakerOf{
				{"政府工作报告", "", ""},
				{"——2026", "", ""},
				{"太原市人民政", "", ""},
				{"各位代表：", "", ""},
				{"现在，我代表", "王强", "太原市人民政府市长"},
				{"一、2025", "", ""},
				{"过去一年，我", "王强", "太原市人民政府市长"},
				{"市政协主席韦", "韦韬", "市政协主席"},
			},
		},
		{
			// A reporter's byline is not a signature, nor is a deputy
			// named under the headline: only an office signs.
			name: "news report with a byline line",
			text: `市人代会开幕

人大代表　李强

本报记者　张伟

1月19日上午，大会开幕。

过去一年，全市经济稳中向好。
`,
			want: []speakerOf{
				{"市人代会开幕", "", ""},
				{"人大代表　李", "", ""},
				{"本报记者　张", "", ""},
				{"1月19日上", "", ""},
				{"过去一年，全", "", ""},
			},
		},
		{
			name: "Traditional characters",
			text: `大同市十六屆人大五次會議開幕

代市長劉俊義代表市人民政府向大會作工作報告。

劉俊義說，今年是「十四五」規劃收官之年。

他說，要全面加快高質量發展。
`,
			want: []speakerOf{
				{"大同市十六屆", "", ""},
				{"代市長劉俊義", "劉俊義", "代市長"},
				{"劉俊義說，今", "劉俊義", "代市長"},
				{"他說，要全面", "劉俊義", "代市長"},
			},
		},
	}
	for _, tt := range tests {
		if tt.text == "" {
			continue
		}
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("a.txt", []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, attributions(doc)); diff != "" {
				t.Errorf("speakers (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSeedSpeakers: the work-report passages are 刘俊义 (代市长), the
// announcement 谷明, the livelihood-projects report 翟永清 (他说 resolved
// to him); every other passage has no speaker.
func TestSeedSpeakers(t *testing.T) {
	doc := parseSeed(t)
	want := map[int][2]string{
		10: {"谷明", "大会执行主席、主席团常务主席"},
		11: {"刘俊义", "代市长"}, 12: {"刘俊义", "代市长"}, 13: {"刘俊义", "代市长"},
		14: {"刘俊义", "代市长"}, 15: {"刘俊义", "代市长"}, 16: {"刘俊义", "代市长"},
		17: {"翟永清", ""},
	}
	for _, p := range doc.Passages {
		got := [2]string{p.Speaker, p.SpeakerRole}
		if got != want[p.N] {
			t.Errorf("passage %d %.16q speaker = %q, want %q", p.N, p.Text, got, want[p.N])
		}
	}
}

// TestSeedPeople: everyone named, the two 丁国华 apart, 张海兵 and 张海波
// apart, and no ordinary words taken for names.
func TestSeedPeople(t *testing.T) {
	doc := parseSeed(t)
	all := map[string]bool{}
	for _, p := range doc.Passages {
		for _, person := range p.People {
			all[person.Key()] = true
		}
	}
	for _, name := range []string{"丁国华（市人大）", "丁国华（市中院）", "张海兵", "张海波", "谷明", "刘俊义", "翟永清", "李雪峰", "张占兵", "于宏",
		"张强", "王玺", "岳岐峰", "刘美", "杨素卿", "苏智", "王凤瑞", "王明厚"} {
		if !all[name] {
			t.Errorf("people lack %s", name)
		}
	}
	if all["丁国华"] {
		t.Error("丁国华 appears without an affiliation, though both mentions carry one")
	}
	if len(all) != 45 {
		var names []string
		for n := range all {
			names = append(names, n)
		}
		t.Errorf("%d people in the seed, want 45: %q", len(all), names)
	}
}

// TestTaiyuanDocument: a CPPCC report from another city gets its own
// place, session, date, byline and people.
func TestTaiyuanDocument(t *testing.T) {
	const text = `太原市政协十四届四次会议开幕

本报讯（记者 王芳 赵敏）2025年1月19日上午，政协太原市第十四届委员会第四次会议开幕。市政协主席韦韬作常务委员会工作报告。

出席会议的还有：陈玲、张海兵、张海波、丁国华等。

韦韬在报告中指出，过去一年，市政协聚焦中心任务建言资政。

全国政协十四届三次会议即将召开。
`
	doc, err := Parse("taiyuan.txt", []byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	type meta struct {
		Title, Date, Source string
		Reporters           []string
		Main                string
		Sessions            []string
		People              []string
	}
	got := meta{Title: doc.Title, Date: doc.Date, Source: doc.Source, Reporters: doc.Reporters}
	if doc.MainSession != nil {
		got.Main = doc.MainSession.Name
	}
	for _, s := range doc.Sessions {
		got.Sessions = append(got.Sessions, s.Name)
	}
	seen := map[string]bool{}
	for _, p := range doc.Passages {
		for _, person := range p.People {
			if !seen[person.Key()] {
				seen[person.Key()] = true
				got.People = append(got.People, person.Key())
			}
		}
	}
	want := meta{
		Title:     "太原市政协十四届四次会议开幕",
		Date:      "2025-01-19",
		Source:    "本报讯",
		Reporters: []string{"王芳", "赵敏"},
		Main:      "太原市十四届政协四次会议",
		Sessions:  []string{"太原市十四届政协四次会议", "十四届全国政协三次会议"},
		People:    []string{"王芳", "赵敏", "韦韬", "陈玲", "张海兵", "张海波", "丁国华"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse(taiyuan.txt) (-want +got):\n%s", diff)
	}
}
