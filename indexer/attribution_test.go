package indexer

import (
	"strings"
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
			// A Taiyuan CPPCC report: 韦韬 is introduced by title (his
			// delivering a report is no speech), 她说 names the nearest
			// person named before it, 李强 by a verb alone; 会上 is no one.
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
				{"本报讯（记者", "", ""},
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
				{"市长张新伟代", "", ""},
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
				{"市中级人民法", "", ""},
				{"市人民检察院", "", ""},
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
				{"代市長劉俊義", "", ""},
				{"劉俊義說，今", "劉俊義", "代市長"},
				{"他說，要全面", "劉俊義", "代市長"},
			},
		},
	}
	for _, tt := range tests {
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

// lastSpeaker parses text (passages separated by |) and returns the
// speaker of its last passage.
func lastSpeaker(t *testing.T, text string) string {
	t.Helper()
	doc, err := Parse("a.txt", []byte(strings.ReplaceAll(text, "|", "\n\n")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return doc.Passages[len(doc.Passages)-1].Speaker
}

// TestSentenceSpeakers: the speaker of a sentence, as a passage of its
// own or after the passages that introduce its people (separated by |).
// The positive list is drawn from city news, national work reports,
// CPPCC coverage, press conferences, party reports and news summaries of
// speeches; the negative list holds the clauses that open with no one.
func TestSentenceSpeakers(t *testing.T) {
	speaks := []struct{ text, speaker string }{
		{"国务院总理李强在政府工作报告中指出，要坚持稳中求进。", "李强"},
		{"县长王建国在闭幕会上说，今年要办好十件实事。", "王建国"},
		{"市发展改革委主任邓国平回应说，项目已经开工。", "邓国平"},
		{"全国政协委员、清华大学教授张伟建议，加大基础研究投入。", "张伟"},
		{"全国政协委员、XX大学教授张伟建议，加大基础研究投入。", "张伟"},
		{"王芳委员说，要关注养老服务。", "王芳"},
		{"民建中央副主席李明代表民建中央发言。", "李明"},
		{"美国总统克林顿说，两国关系很重要。", "克林顿"},
		{"哈萨克斯坦总统纳扎尔巴耶夫表示，愿同中方加强合作。", "纳扎尔巴耶夫"},
		{"纳扎尔巴耶夫总统表示，愿同中方加强合作。", "纳扎尔巴耶夫"},
		{"日本创价学会名誉会长池田大作说，中日友好是大事。", "池田大作"},
		{"全国人大代表买买提·艾力说，要发展特色产业。", "买买提·艾力"},
		{"俄罗斯总统普京说，两国合作潜力巨大。", "普京"},
		{"委员阿卜杜拉·阿布都热合曼在发言中说，要加强民族团结。", "阿卜杜拉·阿布都热合曼"},
		{"周恩来总理强调指出，要发展生产。", "周恩来"},
		{"邓小平同志在南方谈话中指出，发展才是硬道理。", "邓小平"},
		{"王海涛指出，要把民生实事办好。", "王海涛"},
		{"丘树宏说，过去一年，市政协坚持团结和民主两大主题。", "丘树宏"},
		{"外交部发言人毛宁于近日表示，中方坚决反对。", "毛宁"},
		{"习近平总书记强调，要坚持人民至上。", "习近平"},
		{"习近平在讲话中强调，要坚持人民至上。", "习近平"},
		{"中央财办副主任韩文秀坦言，外部环境更趋复杂。", "韩文秀"},
		{"国家发展改革委主任郑栅洁介绍，今年经济运行总体平稳。", "郑栅洁"},
		{"全国政协委员、民进中央副主席朱永新透露，提案已经提交。", "朱永新"},
		{"县委书记赵明在座谈会上说，要抓好春耕。", "赵明"},
		{"司马南说，这是事实。", "司马南"},
		{"欧阳明高院士表示，新能源汽车发展迅速。", "欧阳明高"},
		{"市长张新伟高兴地说，今年收成好。", "张新伟"},
		{"省长王浩再次强调，要守住底线。", "王浩"},
		{"代省长李强也表示，要办好实事。", "李强"},
		{"省委书记唐登杰日前指出，要抓好项目。", "唐登杰"},
		{"主任委员王小红认为，要完善立法。", "王小红"},
		{"全国人大代表、村支书李大伟呼吁，加大乡村投入。", "李大伟"},
		{"上海市市长龚正表示，上海将扩大开放。", "龚正"},
		{"代市長劉俊義說，今年是收官之年。", "劉俊義"},
		{"张伟教授强调要加强基础研究。", "张伟"},
		{"中山市市长肖展欣表示，要推动制造业转型。", "肖展欣"},
		{"天镇县县长张强强调，要抓好脱贫攻坚成果巩固。", "张强"},
		// Introduced first, then named alone or by a short form.
		{"大会执行主席谷明主持会议。|上午9时，谷明宣布：大会开幕！", "谷明"},
		{"代市长刘俊义作政府工作报告。|刘俊义说，今年是收官之年。", "刘俊义"},
		{"市长张新伟作政府工作报告。|他说，今年经济增长目标为百分之五左右。", "张新伟"},
		{"周恩来总理在第一届全国人民代表大会第一次会议上作政府工作报告。|周总理在讲到农业问题的时候指出，农业是基础。", "周恩来"},
		{"周恩来总理在第一届全国人民代表大会第一次会议上作政府工作报告。|周总理在讲到农业问题的时候指出，农业是基础。|他说，工业也要发展。", "周恩来"},
		{"国务院总理李强作政府工作报告。|李总理强调，要稳就业。", "李强"},
		{"全国政协委员王芳在小组会上发言。|该委员表示，要关注养老。", "王芳"},
		{"国家主席习近平发表重要讲话。|习主席指出，要坚持合作。", "习近平"},
		{"习近平总书记在江苏代表团参加审议时发表重要讲话。|总书记指出，要因地制宜发展新质生产力。", "习近平"},
		// A short form by any role the person was written with, Simplified
		// or Traditional, by a title as well as an office.
		{"大会执行主席刘建峰、何平主持会议。|区委书记刘建峰在讲话中指出，成绩来之不易。|刘书记强调，要抓好落实。", "刘建峰"},
		{"縣委書記黃志明，縣長林建國等在主席臺前排就座。|黃志明在講話中強調，要真抓實幹。|黃書記要求，全體代表要依法履職。", "黃志明"},
		{"省政协委员、南京大学教授张丽华说，科技创新是核心要素。|张委员说，关键是要打通最后一公里。", "张丽华"},
		{"湖北代表团审议时，王忠林代表说，要加快建设战略支点。|王代表表示，要抓好落实。", "王忠林"},
		{"会上，市政协副主席陈玲作关于提案工作情况的报告。她说，一年来共收到提案六百余件。", "陈玲"},
		// National news.
		{"新华社北京3月5日电 国家统计局局长康义表示，经济运行总体平稳。", "康义"},
		{"外交部发言人汪文斌回答记者提问时说，中方立场是一贯的。", "汪文斌"},
		{"全国人大代表、小米集团董事长雷军建议，加快人工智能立法。", "雷军"},
		{"朱镕基总理在记者招待会上说，我将勇往直前。", "朱镕基"},
		{"叶剑英委员长宣布，会议开幕。", "叶剑英"},
		{"乌兰夫说，民族团结是各族人民的生命线。", "乌兰夫"},
		{"阿沛·阿旺晋美说，西藏和平解放是历史的必然。", "阿沛·阿旺晋美"},
		{"赛福鼎·艾则孜指出，新疆各族人民要团结。", "赛福鼎·艾则孜"},
		{"联合国秘书长古特雷斯表示，愿同中方加强合作。", "古特雷斯"},
		{"日本首相岸田文雄表示，日方愿同中方对话。", "岸田文雄"},
		{"新加坡总理李显龙表示，新中合作前景广阔。", "李显龙"},
		{"湖北代表团审议时，王忠林代表说，要加快建设中部地区崛起重要战略支点。", "王忠林"},
		{"山东省委副书记、省长周乃翔强调，要走在前挑大梁。", "周乃翔"},
		{"时任国务院总理周恩来说，我们要建设社会主义工业化国家。", "周恩来"},
		{"来自江宁区的周红代表说，要办好民生实事。", "周红"},
		{"市委常委、县委书记孙伟参加了审议。代表孙丽发言说，希望政府优化服务。", "孙丽"},
		// Party reports quoting, and Traditional news from Hong Kong.
		{"毛泽东同志曾经说过，我们不但善于破坏一个旧世界，我们还将善于建设一个新世界。", "毛泽东"},
		{"俞正声说，要团结一切可以团结的力量。", "俞正声"},
		{"行政長官李家超表示，香港會繼續發揮優勢。", "李家超"},
		{"澳门特区行政长官岑浩辉表示，澳门将积极融入国家发展大局。", "岑浩辉"},
		{"孙中山先生说，天下为公。", "孙中山"},
		// A verb right after a comma takes the subject of the clause before.
		{"省委书记沈晓明对政协工作作出批示，要求更好发挥专门协商机构作用。", "沈晓明"},
		{"市长李明介绍了今年的重点项目，表示要抓好落实。", "李明"},
		// Envoys: 特别代表, 特使.
		{"普京会见中国政府欧亚事务特别代表李辉。|李辉说，中方愿同俄方一道落实共识。", "李辉"},
		{"外交部中东问题特使翟隽表示，中方支持和谈。", "翟隽"},
		// Hong Kong papers' 指 (他又指，…).
		{"立法會主席梁君彥昨日表示，議員須依法履職。|他又指，特區政府應加快推進北部都會區建設。", "梁君彥"},
		{"梁君彥指，新一屆立法會運作良好。", "梁君彥"},
		{"国家主席习近平在纳扎尔巴耶夫大学发表重要演讲。|他强调，中哈两国是友好邻邦。", "习近平"},
		{"习近平在纳扎尔巴耶夫大学发表重要演讲。|他强调，中哈两国是友好邻邦。", "习近平"},
		{"习近平会见哈萨克斯坦总统纳扎尔巴耶夫。|他说，哈方愿同中方一道推进合作。", "纳扎尔巴耶夫"},
		// A subject that stands for no one gives way to the next.
		{"他说，今年是关键之年。市长张新伟表示，要抓好落实。", "张新伟"},
		{"同样来自教育界的张军委员接过话题。他说，要改革评价机制。", "张军"},
		{"市长艾尔肯·买买提代表市人民政府作政府工作报告。|艾尔肯·买买提说，今年将实施重点项目112个。", "艾尔肯·买买提"},
		{"美国总统克林顿同国家主席江泽民举行会谈。|克林顿说，我很高兴再次来到中国。", "克林顿"},
		{"市长龚正作政府工作报告。|报告指出，今年是“十四五”规划收官之年。", "龚正"},
		// A short line that opens a list is text, though laid out as a label.
		{"市长龚正作政府工作报告。|报告提出，今年发展主要预期目标是：", "龚正"},
	}
	silent := []string{
		// Delivering a report with no words of it has no speaker.
		"会上，翟永清作了民生实事项目完成情况的报告。",
		"市政协主席韦韬作常务委员会工作报告。",
		"全国人大常委会副委员长李鸿忠作关于全国人民代表大会组织法修正草案的说明。",
		"方毅副总理在大会上作了报告。",
		"叶剑英同志在闭幕会上也讲了话。",
		"国家主席江泽民今天上午在人民大会堂同美国总统克林顿举行会谈。",
		"应该指出，我们的工作还有不少缺点。",
		"丘陵山区指出了发展的短板。",
		"应当说，这是一个了不起的成就。",
		"就全国范围来说，粮食生产形势良好。",
		"国务院认为，必须坚持改革开放。",
		"会议认为，过去一年成绩显著。",
		"文章指出，要坚持以人民为中心。",
		"报告明确提出，要加快建设现代化产业体系。",
		"普遍认为，今年经济形势好于预期。",
		"代表们普遍认为，今年经济形势好于预期。",
		"大家高兴地说，日子越过越好。",
		"在座谈会上说，要抓好落实。",
		"有关负责人于近日表示，将加快进度。",
		"必须落实全面从严治党要求，推进党的建设。",
		"从全国情况来说，形势是好的。",
		"同时要求，全市上下要真抓实干。",
		"与会代表一致认为，报告实事求是。",
		"专家普遍认为，经济长期向好。",
		"委员普遍认为，提案质量提高。",
		"巴西表示，愿意加强合作。",
		"俄罗斯认为，这一做法不可接受。",
		"国务院常务会议指出，要稳定就业。",
		"社论指出，要坚定信心。",
		"有人说，这是不可能的。",
		"据介绍，今年将新建学校十所。",
		"市委要求，各级干部要转变作风。",
		"人民日报评论员文章指出，要坚持改革。",
		"这说明，我们的政策是正确的。",
		"历史经验告诉我们，团结就是力量。",
		"中央经济工作会议强调，要稳中求进。",
		"主席团决定，大会议程不变。",
		"新华社评论说，这一决定意义重大。",
		"江苏省表示，将加大投入。",
		"记者表示，现场秩序井然。",
		"国家统计局介绍，经济稳中向好。",
		"法国总统表示，愿意加强合作。",
		"江西代表团团长表示，要抓好落实。",
		"国家发展改革委主任介绍有关情况。",
		"王强和李明说，要加强合作。",
		"我代表国务院，向大会报告政府工作，请予审议。",
		"以习近平同志为核心的党中央高瞻远瞩。",
		"周恩来同志在讲话中充分肯定了成绩。",
		"人民日报评论员指出，要坚定发展信心。",
		"有代表说，今年的报告很接地气。",
		"不少委员表示，提案办理质量明显提升。",
		"一位老党员激动地说，日子越过越红火。",
		"专家分析认为，消费将继续回暖。",
		"业内人士指出，房地产市场正在企稳。",
		"俗话说，众人拾柴火焰高。",
		"严格来说，这不是一个新问题。",
		"正如邓小平同志所说，发展才是硬道理。",
		"万众一心地说，我们一定要把家乡建设好。",
		"党中央强调，要坚持稳中求进。",
		"高质量发展要求，要坚持创新驱动。",
		"贵州代表团的代表们普遍认为，报告实事求是。",
		"与会人士普遍认为，深中通道开通后，中山正迎来新的发展机遇。",
		"谢谢总理，谢谢各位记者。",
		"我们认为，必须坚持以经济建设为中心。",
		"实践表明，只有坚持改革开放才能发展中国。",
		"正如毛泽东同志所指出的，中国的事情要按照中国的情况来办。",
		"党的十一届三中全会指出，要把工作重点转移到社会主义现代化建设上来。",
		"全会强调，必须坚定不移推进全面从严治党。",
		"公报指出，全会审议通过了决议。",
		"决议指出，会议充分肯定国务院过去一年的工作。",
		"台湾地区领导人声称，两岸互不隶属。",
		// The clause before a verb after a comma opens with no person, or
		// names two: no subject taken from it.
		"会议由市长王强主持，强调要抓好落实。",
		"王强陪同市长李明视察，指出要加快发展。",
		"今年，要求各地抓好落实。",
		// 指 that is not speech.
		"报告所指，是过去五年的工作。",
		"这正是报告中所指，也是代表们关心的问题。",
		// Short forms with no one introduced stay unresolved.
		"周总理在讲到农业问题的时候指出，农业是基础。",
		"他说，今年是关键之年。",
		"总书记指出，要坚持人民至上。",
		"李总理说，要稳就业。",
		"市长表示，要抓好落实。",
		"该委员表示，要做好提案工作。",
		// Two people of the office: 李总理 is ambiguous.
		"国务院总理李强作报告。|国务院副总理李明出席。|国务院总理李鹏会见外宾。|李总理强调，要稳就业。",
		"全国政协委员张丽华发言。|全国政协委员张建国发言。|张委员说，要加大投入。",
		// 刘书记 is not the vice-secretary, nor a 刘 named as reporter only.
		"区委副书记刘海出席会议。|刘书记强调，要抓好落实。",
		"本报记者 刘佳|区长王强作报告。|刘书记强调，要抓好落实。",
		// 女士 is no role: 居民王女士 is no one the document introduced.
		"居民王女士说，出门方便多了。|王女士说，公交也准时。",
	}
	for _, tt := range speaks {
		t.Run(tt.text, func(t *testing.T) {
			if got := lastSpeaker(t, tt.text); got != tt.speaker {
				t.Errorf("speaker of %q = %q, want %q", tt.text, got, tt.speaker)
			}
		})
	}
	for _, text := range silent {
		t.Run(text, func(t *testing.T) {
			if got := lastSpeaker(t, text); got != "" {
				t.Errorf("speaker of %q = %q, want none", text, got)
			}
		})
	}
}

// passageOf is one passage's kind and speaker, for comparing.
type passageOf struct {
	Start   string
	Kind    Kind
	Speaker string
}

// TestDocumentShapes: whole documents of the shapes the corpus holds, with
// each passage's kind and speaker and the document's speaker.
func TestDocumentShapes(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		speaker string // the document's
		want    []passageOf
	}{
		{
			// A national work report: a role line over a spaced name line
			// signs it; its own text is the signer's, wherever no one else
			// is reported.
			name: "national work report with a two-line signature",
			text: `政府工作报告

——2024年3月5日在第十四届全国人民代表大会第二次会议上

国务院总理

李　强

各位代表：

现在，我代表国务院，向大会报告政府工作，请予审议。

国务院认为，必须坚持稳中求进。

应该指出，我们的工作还有不少不足。

习近平总书记强调，要坚持人民至上。
`,
			speaker: "李强",
			want: []passageOf{
				{"政府工作报告", KindHeadline, ""},
				{"——2024", KindSubheadline, ""},
				{"国务院总理", KindSignature, ""},
				{"李　强", KindSignature, ""},
				{"各位代表：", KindSalutation, ""},
				{"现在，我代表", KindBody, "李强"},
				{"国务院认为，", KindBody, "李强"},
				{"应该指出，我", KindBody, "李强"},
				{"习近平总书记", KindBody, "习近平"},
			},
		},
		{
			name: "Shanghai work report signed on one line",
			text: `政府工作报告

——2025年1月15日在上海市第十六届人民代表大会第三次会议上

上海市人民政府市长　龚　正

各位代表：

过去一年，上海经济稳中有进。
`,
			speaker: "龚正",
			want: []passageOf{
				{"政府工作报告", KindHeadline, ""},
				{"——2025", KindSubheadline, ""},
				{"上海市人民政", KindSignature, ""},
				{"各位代表：", KindSalutation, ""},
				{"过去一年，上", KindBody, "龚正"},
			},
		},
		{
			// A party congress report: the name alone under the date line.
			name: "party congress report signed under its date",
			text: `高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗

——在中国共产党第二十次全国代表大会上的报告

（2022年10月16日）

习　近　平

同志们：

现在，我代表第十九届中央委员会向大会作报告。

毛泽东同志指出，要实事求是。
`,
			speaker: "习近平",
			want: []passageOf{
				{"高举中国特色", KindHeadline, ""},
				{"——在中国共", KindSubheadline, ""},
				{"（2022年", KindSubheadline, ""},
				{"习　近　平", KindSignature, ""},
				{"同志们：", KindSalutation, ""},
				{"现在，我代表", KindBody, "习近平"},
				{"毛泽东同志指", KindBody, "毛泽东"},
			},
		},
		{
			// A press conference: turns, a reporter's question, 答 for the
			// one person announced to answer, and a turn carried on.
			name: "press conference transcript",
			text: `国务院新闻办公室举行新闻发布会

国家发展改革委主任郑栅洁介绍有关情况，并答记者问。

主持人 寿小丽：各位记者朋友，大家上午好。

郑栅洁：谢谢主持人。今年经济运行总体平稳。

第二，要扩大内需。

中央广播电视总台记者：请问今年的投资重点是什么？

答：今年投资重点是新型基础设施。

问：就业形势如何？

答：就业形势总体稳定。
`,
			want: []passageOf{
				{"国务院新闻办", KindHeadline, ""},
				{"国家发展改革", KindBody, ""},
				{"主持人 寿小", KindBody, "寿小丽"},
				{"郑栅洁：谢谢", KindBody, "郑栅洁"},
				{"第二，要扩大", KindBody, "郑栅洁"},
				{"中央广播电视", KindBody, ""},
				{"答：今年投资", KindBody, "郑栅洁"},
				{"问：就业形势", KindBody, ""},
				{"答：就业形势", KindBody, "郑栅洁"},
			},
		},
		{
			// Two people announced: 答 is nobody's.
			name: "press conference with two answerers",
			text: `新闻发布会

国家发展改革委主任郑栅洁、副主任李春临出席发布会并答记者问。

记者：今年的投资重点是什么？

答：今年投资重点是新型基础设施。

李春临：我补充一点。
`,
			want: []passageOf{
				{"新闻发布会", KindHeadline, ""},
				{"国家发展改革", KindBody, ""},
				{"记者：今年的", KindBody, ""},
				{"答：今年投资", KindBody, ""},
				{"李春临：我补", KindBody, "李春临"},
			},
		},
		{
			// Turns as bracketed lines of their own (the State Council
			// Information Office's transcripts): the marker speaks nothing,
			// every paragraph up to the next one is the turn's, a quotation
			// inside an answer included; a reporter's turn is no one's.
			name: "press conference with bracketed turns",
			text: `新闻发布会

国务院新闻办公室举行新闻发布会，请国家统计局局长康义介绍情况，并答记者问。

［主持人 寿小丽］

欢迎出席国务院新闻办新闻发布会。

［康义］

下面，我介绍国民经济运行情况。

正如习近平总书记指出的，我国经济长期向好的支撑条件没有变。

【路透社记者】

请问李强总理曾表示要提振消费，您怎么看？

[康义]

谢谢你的提问。

【编者按】

以下为实录。
`,
			want: []passageOf{
				{"新闻发布会", KindHeadline, ""},
				{"国务院新闻办", KindBody, ""},
				{"［主持人 寿", KindLabel, ""},
				{"欢迎出席国务", KindBody, "寿小丽"},
				{"［康义］", KindLabel, ""},
				{"下面，我介绍", KindBody, "康义"},
				{"正如习近平总", KindBody, "康义"},
				{"【路透社记者", KindLabel, ""},
				{"请问李强总理", KindBody, ""},
				{"[康义]", KindLabel, ""},
				{"谢谢你的提问", KindBody, "康义"},
				{"【编者按】", KindLabel, ""},
				{"以下为实录。", KindBody, ""},
			},
		},
		{
			// Turns by bare names, a reporter's 记者问, an answer of two
			// paragraphs after the last turn, and narrative after that.
			name: "premier's press conference",
			text: `李强总理出席记者会并回答中外记者提问

王超：各位记者朋友，大家上午好！今天我们很高兴邀请到国务院总理李强同各位见面。

李强：各位记者朋友，大家上午好！很高兴和大家见面。

记者问：今年的经济增长目标是怎么考虑的？

李强：今年经济增长目标定在5%左右。

实现这个目标需要付出艰苦努力。

与会记者普遍认为，记者会信息量很大。

会场秩序井然。
`,
			want: []passageOf{
				{"李强总理出席", KindHeadline, ""},
				{"王超：各位记", KindBody, "王超"},
				{"李强：各位记", KindBody, "李强"},
				{"记者问：今年", KindBody, ""},
				{"李强：今年经", KindBody, "李强"},
				{"实现这个目标", KindBody, "李强"},
				{"与会记者普遍", KindBody, ""},
				{"会场秩序井然", KindBody, ""},
			},
		},
		{
			// A 委员通道 transcript: each member is introduced by a chain of
			// roles joined by 、 before the name and a colon; 会议强调： and
			// a reporter's question are nobody's turn.
			name: "members' corridor with role chains",
			text: `全国政协十四届二次会议首场“委员通道”

主持人：下面请委员回答记者提问。

中央广播电视总台记者：请问您对年轻科技工作者有什么寄语？

全国政协委员、中国科学院院士周建平：谢谢你的提问。航天事业每一步都凝聚着几代人的心血。

我最大的感受是，关键核心技术是要不来、买不来的。

全国政协委员、贵州省黔东南州某村党支部书记周慧：我来自大山深处，乡村振兴让我们村变了样。

会议强调：要把委员通道办得更好。
`,
			want: []passageOf{
				{"全国政协十四", KindHeadline, ""},
				{"主持人：下面", KindBody, ""},
				{"中央广播电视", KindBody, ""},
				{"全国政协委员", KindBody, "周建平"},
				{"我最大的感受", KindBody, "周建平"},
				{"全国政协委员", KindBody, "周慧"},
				{"会议强调：要", KindBody, ""},
			},
		},
		{
			// A wire report: the byline's reporters are never whom 他 stands
			// for; a role, a foreign name and the day after it (总统普京13日).
			name: "wire report of a foreign leader's meeting",
			text: `普京会见中国政府欧亚事务特别代表李辉

新华社莫斯科3月13日电（记者 刘恺 黄河）俄罗斯总统普京13日在莫斯科克里姆林宫会见中国政府欧亚事务特别代表李辉。

普京表示，俄中关系处于历史最好水平。

他表示，俄方关注到中国正在召开全国两会。
`,
			want: []passageOf{
				{"普京会见中国", KindHeadline, ""},
				{"新华社莫斯科", KindLead, ""},
				{"普京表示，俄", KindBody, "普京"},
				{"他表示，俄方", KindBody, "普京"},
			},
		},
		{
			// Members introduced by a role and what they take up (关注):
			// 她说 is the member just introduced, not the one before.
			name: "CPPCC group discussion",
			text: `省政协委员分组讨论政府工作报告

省政协委员、常州市一家新能源企业董事长张建国对此深有同感。他认为，企业应当发挥更大作用。

来自农业界的省政协委员刘敏关注乡村全面振兴。她说，要把“土特产”文章做足。

委员们纷纷表示，报告振奋人心。
`,
			want: []passageOf{
				{"省政协委员分", KindHeadline, ""},
				{"省政协委员、", KindBody, "张建国"},
				{"来自农业界的", KindBody, "刘敏"},
				{"委员们纷纷表", KindBody, ""},
			},
		},
		{
			// A proposal: 提案人 speaks its text, not its headings.
			name: "CPPCC proposal",
			text: `关于加强县域医共体建设的提案

提案人：张明远（市政协委员，市人民医院副院长）

案由

县域医疗卫生共同体是推动优质医疗资源下沉的重要抓手。

一、存在的问题

（一）管理体制尚未理顺。部分医共体牵头医院与成员单位之间未能统一管理。
`,
			speaker: "张明远",
			want: []passageOf{
				{"关于加强县域", KindHeadline, ""},
				{"提案人：张明", KindSignature, ""},
				{"案由", KindSubheadline, ""},
				{"县域医疗卫生", KindBody, "张明远"},
				{"一、存在的问", KindLabel, ""},
				{"（一）管理体", KindBody, "张明远"},
			},
		},
		{
			// Fields of a form before colons are no turns.
			name: "fields of a proposal",
			text: `关于加快老旧小区改造的建议

单位：市政协社会法制委员会

原因：部分老旧小区设施老化，居民反映强烈。

方法：统筹财政资金，引导社会资本参与。

范围：全市二〇〇〇年前建成的小区。
`,
			want: []passageOf{
				{"关于加快老旧", KindHeadline, ""},
				{"单位：市政协", KindSubheadline, ""},
				{"原因：部分老", KindBody, ""},
				{"方法：统筹财", KindBody, ""},
				{"范围：全市二", KindBody, ""},
			},
		},
		{
			name: "CPPCC members' speeches",
			text: `全国政协委员热议政府工作报告

本报讯（记者 赵敏）全国政协委员、清华大学教授张伟建议，加大基础研究投入。

王芳委员说，要关注养老服务。

民建中央副主席李明代表民建中央发言。

该委员表示，要做好提案工作。

大家普遍认为，报告实事求是。
`,
			want: []passageOf{
				{"全国政协委员", KindHeadline, ""},
				{"本报讯（记者", KindLead, "张伟"},
				{"王芳委员说，", KindBody, "王芳"},
				{"民建中央副主", KindBody, "李明"},
				{"该委员表示，", KindBody, "王芳"},
				{"大家普遍认为", KindBody, ""},
			},
		},
		{
			// A news summary of a speech: the full name first, then the
			// short form and the pronoun.
			name: "news summary of a speech",
			text: `周总理作政府工作报告

本报讯 周恩来总理今天在第一届全国人民代表大会第一次会议上作政府工作报告。

周总理在讲到工业问题的时候指出，要发展重工业。

他说，农业是国民经济的基础。

邓小平同志在会上指出，要加强党的领导。

会议认为，报告是正确的。
`,
			want: []passageOf{
				{"周总理作政府", KindHeadline, ""},
				{"本报讯 周恩", KindBody, ""},
				{"周总理在讲到", KindBody, "周恩来"},
				{"他说，农业是", KindBody, "周恩来"},
				{"邓小平同志在", KindBody, "邓小平"},
				{"会议认为，报", KindBody, ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse("a.txt", []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []passageOf
			for _, p := range doc.Passages {
				got = append(got, passageOf{string([]rune(p.Text)[:min(6, len([]rune(p.Text)))]), p.Kind, p.Speaker})
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("passages (-want +got):\n%s", diff)
			}
			if doc.Speaker != tt.speaker {
				t.Errorf("document speaker = %q, want %q", doc.Speaker, tt.speaker)
			}
			if tt.speaker != "" && doc.Provenance["speaker"] != SourceText {
				t.Errorf("speaker provenance = %q, want %q", doc.Provenance["speaker"], SourceText)
			}
			for _, s := range doc.Subtitles {
				if names.isName(s) || strings.Contains(s, tt.speaker) && tt.speaker != "" {
					t.Errorf("subtitle %q is the signature", s)
				}
			}
		})
	}
}

// TestSpokenText: which passages of a signed report its signer speaks
// when they report no one else.
func TestSpokenText(t *testing.T) {
	spoken := []string{
		"过去一年，我们坚持稳中求进工作总基调。",
		"（一）坚持党的全面领导，确保人大工作正确政治方向。五年来，常委会坚持以习近平新时代中国特色社会主义思想为指导。",
		"各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，奋力谱写新篇章！",
	}
	notSpoken := []string{
		"各位代表：",
		"同志们！",
		"一、过去五年的主要工作",
		"（二）着力抓改革开放，发展活力不断增强。",
		"三、坚定不移推进全面从严治党。",
		"（本文据杭州日报刊发的政府工作报告摘编）。",
		"附：本提案由刘晓红委员领衔，另有5名委员联名。",
		"注：文中数据均为初步统计数。",
	}
	checkPredicate(t, "spokenText", spokenText, spoken, notSpoken)
}
