package indexer

import (
	"strings"
	"testing"
)

// TestIsName: names standing alone (a list entry, a signature line, a
// turn of a transcript), and words that are not names.
func TestIsName(t *testing.T) {
	yes := []string{
		"李强", "王建国", "邓国平", "刘若亮", "王正忠", "翟永清", "韩文秀", "郑栅洁",
		"李　强", "习　近　平", "龚　正", "龚 正", // alignment spaces
		"欧阳明高", "司马南", "诸葛亮", "上官云", "皇甫明", "令狐冲", "尉迟敬", "长孙平", "慕容华", "端木蕻", "夏侯英", "东方明", "公孙林", "轩辕宁",
		"买买提·艾力", "阿卜杜拉·阿布都热合曼",
		"栗战书", "苟仲文", "楼继伟", "初军威", // family names the Hundred Family Surnames lack
		"丘树宏", "庹震", // 中山市政协主席丘树宏作常委会工作报告
	}
	no := []string{
		"应该", "应当", "国务院", "会议", "强调", "时候", "高兴地", "于近日", "平同志", "文章",
		"全国", "江苏省", "发改委", "记者", "巴西", "同时", "主席团", "大会", "李总理", "习主席",
		"王市长", "政府工作报告", "李", "李强说", "我们", "有关", "严治党要求",
		"哈方愿", "韩方", "谢谢", "常常", "区政协", "满意", "山西", "张家口", "石家庄", "和田", "连云港", "哈萨克斯坦", "艾尔肯·买买提作政府工作报告",
	}
	checkPredicate(t, "isName", names.isName, yes, no)
}

func TestJoinSpaced(t *testing.T) {
	tests := []struct{ in, want string }{
		{"李　强", "李强"},
		{"习　近　平", "习近平"},
		{"龚 正", "龚正"},
		{" 刘俊义 ", "刘俊义"},
		{"全面加快高质量发展 持续深化全方位转型", "全面加快高质量发展 持续深化全方位转型"},
		{"本报记者　张伟", "本报记者　张伟"},
		{"买买提 · 艾力", "买买提·艾力"},
	}
	for _, tt := range tests {
		if got := joinSpaced(tt.in); got != tt.want {
			t.Errorf("joinSpaced(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSubject: the subject the name model reads before the first verb of
// speech of a sentence, as the text it spans ("" when the clause opens
// with no one), from news, work reports, party reports, CPPCC coverage
// and summaries of speeches.
func TestSubject(t *testing.T) {
	tests := []struct {
		sentence string
		want     string
		kind     refKind
	}{
		// A role before the name.
		{"国务院总理李强在政府工作报告中指出，要坚持稳中求进。", "李强", refName},
		{"县长王建国在闭幕会上说，今年要办好十件实事。", "王建国", refName},
		{"市发展改革委主任邓国平回应说，项目已经开工。", "邓国平", refName},
		{"全国政协委员、清华大学教授张伟建议，加大基础研究投入。", "张伟", refName},
		{"民建中央副主席李明代表民建中央发言。", "李明", refName},
		{"外交部发言人毛宁于近日表示，中方坚决反对。", "毛宁", refName},
		{"主持人 寿小丽说，发布会现在开始。", "寿小丽", refName},
		{"上午9时，大会执行主席谷明宣布：大会开幕！", "谷明", refName},
		// A title after the name.
		{"王芳委员说，要关注养老服务。", "王芳", refName},
		{"周恩来总理强调指出，要发展生产。", "周恩来", refName},
		{"邓小平同志在南方谈话中指出，发展才是硬道理。", "邓小平", refName},
		{"欧阳明高院士表示，新能源汽车发展迅速。", "欧阳明高", refName},
		// Names taken whole.
		{"美国总统克林顿说，两国关系很重要。", "克林顿", refName},
		{"哈萨克斯坦总统纳扎尔巴耶夫表示，愿同中方加强合作。", "纳扎尔巴耶夫", refName},
		{"纳扎尔巴耶夫总统表示，愿同中方加强合作。", "纳扎尔巴耶夫", refName},
		{"日本创价学会名誉会长池田大作说，中日友好是大事。", "池田大作", refName},
		{"前立法会主席范徐丽泰表示，要支持特区政府依法施政。", "范徐丽泰", refName},
		// A single family name and three characters is a name and what it
		// does: 王建国 of 县委书记王建国宣读表彰决定, never 王建国宣.
		{"县委书记王建国宣读表彰决定，并讲话。", "", 0},
		{"全国人大代表买买提·艾力说，要发展特色产业。", "买买提·艾力", refName},
		{"俄罗斯总统普京说，两国合作潜力巨大。", "普京", refName},
		{"委员阿卜杜拉·阿布都热合曼在发言中说，要加强民族团结。", "阿卜杜拉·阿布都热合曼", refName},
		// A name opening the clause, an adverbial after it.
		{"王海涛指出，要把民生实事办好。", "王海涛", refName},
		{"刘俊义在报告中说，过去一年成绩显著。", "刘俊义", refName},
		{"市长张新伟高兴地说，今年收成好。", "张新伟", refName},
		{"省长王浩再次强调，要守住底线。", "王浩", refName},
		{"省委书记唐登杰日前指出，要抓好项目。", "唐登杰", refName},
		// Short forms and pronouns.
		{"周总理在讲到农业问题的时候指出，农业是基础。", "周总理", refShort},
		{"李总理强调，要稳就业。", "李总理", refShort},
		{"习主席指出，要坚持合作。", "习主席", refShort},
		{"总书记指出，要坚持人民至上。", "总书记", refRole},
		{"该委员表示，要做好提案工作。", "该委员", refRole},
		{"他说，今年是关键之年。", "他", refPronoun},
		{"报告明确提出，要加快建设现代化产业体系。", "报告", refReport},
		{"报告指出，今年是“十四五”规划收官之年。", "报告", refReport},
		{"她在发言中强调，要守住安全底线。", "她", refPronoun},
		// No one.
		{"应该指出，我们的工作还有不少缺点。", "", 0},
		{"应当说，这是一个了不起的成就。", "", 0},
		{"就全国范围来说，粮食生产形势良好。", "", 0},
		{"国务院认为，必须坚持改革开放。", "", 0},
		{"会议认为，过去一年成绩显著。", "", 0},
		{"大家高兴地说，日子越过越好。", "", 0},
		{"在座谈会上说，要抓好落实。", "", 0},
		{"有关负责人于近日表示，将加快进度。", "", 0},
		{"必须落实全面从严治党要求，推进党的建设。", "", 0},
		{"从全国情况来说，形势是好的。", "", 0},
		{"与会代表一致认为，报告实事求是。", "", 0},
		{"委员普遍认为，提案质量提高。", "", 0},
		{"巴西表示，愿意加强合作。", "", 0},
		{"哈萨克斯坦总统表示，愿意加强合作。", "", 0},
		{"法国总统表示，愿意加强合作。", "", 0},
		{"江西代表团团长表示，要抓好落实。", "", 0},
		{"江苏省表示，将加大投入。", "", 0},
		{"张家口市长表示，要办好冬奥遗产利用。", "", 0},
		{"石家庄认为，要加快产业升级。", "", 0},
		{"连云港表示，要建设海港城市。", "", 0},
		{"文章中说，要坚持人民至上。", "", 0},
		{"贺信中说，希望大会圆满成功。", "", 0},
		{"居民王女士说，现在出门方便多了。", "", 0},
		{"外交部发言人郑重指出，台湾是中国的一部分。", "", 0},
		{"与会委员严肃指出，要杜绝形式主义。", "", 0},
		{"石家庄市长邢国辉说，要加快产业升级。", "邢国辉", refName},
		{"严格来说，这不是一个新问题。", "", 0},
		{"连日来表示，要抓好落实。", "", 0},
		{"正如邓小平同志所说，发展才是硬道理。", "", 0},
		{"他们说，今年干劲更足了。", "", 0},
		{"会见了王强，表示欢迎。", "", 0},
		{"王强和李明说，要加强合作。", "", 0},
		{"县长王建国在与市长李明交谈时说，要加强合作。", "王建国", refName},
		{"他在会见美国总统克林顿时说，两国要加强合作。", "他", refPronoun},
	}
	for _, tt := range tests {
		t.Run(tt.sentence, func(t *testing.T) {
			// 应当说 and 就…来说 hold no verb of speech at all.
			verbs := speechVerbsIn(tt.sentence)
			if len(verbs) == 0 && tt.want != "" {
				t.Fatalf("speechVerbsIn(%q) found no verb", tt.sentence)
			}
			got, kind := "", refKind(0)
			for _, v := range verbs {
				if ref, ok := names.subject(tt.sentence, v, nil); ok {
					got, kind = tt.sentence[ref.start:ref.end], ref.kind
					break
				}
			}
			if got != tt.want || kind != tt.kind {
				t.Errorf("subject(%q) = %q (kind %d), want %q (kind %d)", tt.sentence, got, kind, tt.want, tt.kind)
			}
		})
	}
}

// TestRoleNames: names a role introduces, with the role chain.
func TestRoleNames(t *testing.T) {
	tests := []struct {
		text string
		want []string // role|name
	}{
		{"大会执行主席、主席团常务主席谷明主持第一次全体会议。", []string{"大会执行主席、主席团常务主席|谷明"}},
		{"在热烈的掌声中，代市长刘俊义代表大同市人民政府向大会作工作报告。", []string{"代市长|刘俊义"}},
		{"市政协主席韦韬作常务委员会工作报告。", []string{"市政协主席|韦韬"}},
		{"国家主席习近平发表重要讲话。", []string{"国家主席|习近平"}},
		{"全国人大代表、村支书李大伟呼吁，加大乡村投入。", []string{"全国人大代表、村支书|李大伟"}},
		{"会见了国务院总理李强。", []string{"国务院总理|李强"}},
		{"美国总统克林顿在白宫发表讲话。", []string{"美国总统|克林顿"}},
		{"江泽民在人民大会堂同美国总统克林顿举行会谈。", []string{"美国总统|克林顿"}},
		{"1月15日上午上海市人大常委会主任黄莉新主持会议。", []string{"上海市人大常委会主任|黄莉新"}},
		{"周恩来会见日本创价学会会长池田大作和夫人。", []string{"日本创价学会会长|池田大作"}},
		// What a member takes up ends the name (session_verbs.txt).
		{"省政协委员刘敏关注乡村全面振兴。", []string{"省政协委员|刘敏"}},
		{"全国政协委员王晓东带来了关于乡村教育的提案。", []string{"全国政协委员|王晓东"}},
		{"市人大代表陈志强提交建议十二件。", []string{"市人大代表|陈志强"}},
		// Places and bodies after a title are no one.
		{"主席团常务主席在主席台就座。", nil},
		{"市人大常务委员会工作报告。", nil},
		{"我代表国务院，向大会报告政府工作。", nil},
		{"张三代表山西发言。", nil},
		{"来自张江镇的代表王颖在分组审议时发言。", []string{"代表|王颖"}},
		{"与会代表们认真审议。", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, rn := range names.roleNames(tt.text) {
			got = append(got, tt.text[rn.role[0]:rn.role[1]]+"|"+tt.text[rn.name[0]:rn.name[1]])
		}
		if strings.Join(got, ",") != strings.Join(tt.want, ",") {
			t.Errorf("roleNames(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestFourCharName: a name of four characters after a role is a Japanese
// one or a Chinese one of two family names; a single Chinese family name
// and three characters is a name and what follows it.
func TestFourCharName(t *testing.T) {
	for s, want := range map[string]bool{
		"池田大作说":  true,
		"岸田文雄表示": true,
		"范徐丽泰表示": true,
		"陈冯富珍说":  true,
		"安倍晋三表示": true,
		"田中角荣说":  true,
		"王强用手指":  false,
		"李明昨日表示": false,
	} {
		if got := names.fourCharName(s, 0) > 0; got != want {
			t.Errorf("fourCharName(%q) found a name: %v, want %v", s, got, want)
		}
	}
}
