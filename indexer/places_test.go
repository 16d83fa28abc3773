package indexer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sessionsearch/fold"
)

func TestGazetteer(t *testing.T) {
	g := places()
	if n := len(g.byName); n < 2800 {
		t.Fatalf("gazetteer has %d names, want the ~3,000 divisions", n)
	}
	tests := []struct {
		name, short, level, parent, province string
	}{
		{"上海市", "上海", "省", "", "上海市"},
		{"大同市", "大同", "市", "山西省", "山西省"},
		{"天镇县", "天镇", "县", "大同市", "山西省"},
		{"内蒙古自治区", "内蒙古", "省", "", "内蒙古自治区"},
		{"广西壮族自治区", "广西", "省", "", "广西壮族自治区"},
		{"延边朝鲜族自治州", "延边", "市", "吉林省", "吉林省"},
		{"鄂温克族自治旗", "鄂温克旗", "县", "呼伦贝尔市", "内蒙古自治区"},
		{"中山市", "中山", "市", "广东省", "广东省"},
		{"神农架林区", "神农架", "县", "湖北省", "湖北省"},
		{"和县", "", "县", "马鞍山市", "安徽省"},  // one character left: no short form
		{"浦东新区", "", "区", "上海市", "上海市"}, // districts go by their full names
	}
	for _, tt := range tests {
		divs := g.byName[tt.name]
		if len(divs) != 1 {
			t.Errorf("byName[%q] = %d divisions, want 1", tt.name, len(divs))
			continue
		}
		d := divs[0]
		parent := ""
		if d.parent != nil {
			parent = d.parent.name
		}
		got := []string{d.short, d.level, parent, d.province.name}
		if diff := cmp.Diff([]string{tt.short, tt.level, tt.parent, tt.province}, got); diff != "" {
			t.Errorf("%s: short, level, parent, province (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, name := range []string{"朝阳区", "鼓楼区", "城区"} {
		if len(g.byName[name]) < 2 {
			t.Errorf("byName[%q] has %d divisions, want several", name, len(g.byName[name]))
		}
	}
	// No short form of one character, none for a district.
	for short, divs := range g.byShort {
		if len([]rune(short)) < 2 {
			t.Errorf("short %q of %s has one character", short, divs[0].name)
		}
		for _, d := range divs {
			if d.level == "区" {
				t.Errorf("district %s has the short form %q", d.name, short)
			}
		}
	}
}

// TestFindPlaces: names are matched whole against the gazetteer, never cut
// out of the characters around them.
func TestFindPlaces(t *testing.T) {
	tests := []struct {
		text string
		want []string // resolved names; "?" for an ambiguous one
	}{
		{"上海市第十六届人民代表大会第三次会议", []string{"上海市"}},
		{"中山市政协委员", []string{"中山市"}},
		{"上午上海市人民政府召开常务会议", []string{"上海市"}},
		{"在中山市调研", []string{"中山市"}},
		{"开封市人大常委会", []string{"开封市"}},
		{"和田市第七届人民代表大会", []string{"和田市"}},
		{"会同县两会召开", []string{"会同县"}},
		{"东海县政协十一届三次会议", []string{"东海县"}},
		{"山西省大同市天镇县", []string{"山西省", "大同市", "天镇县"}},
		{"长春市朝阳区人大", []string{"长春市", "朝阳区"}},
		{"北京市朝阳区", []string{"北京市", "朝阳区"}},
		{"朝阳区人大代表", []string{"?"}}, // two cities have one
		{"鼓楼区", []string{"?"}},
		{"晋城市城区人大", []string{"晋城市", "城区"}},
		{"广西壮族自治区人民政府", []string{"广西壮族自治区"}},
		{"延边朝鲜族自治州第十五届人民代表大会", []string{"延边朝鲜族自治州"}},
		{"主城区改造", nil},        // 城区 is a word, not a district, without its city
		{"和县里的干部", nil},       // nor is 和县 after 和
		{"和平区域合作", nil},       // 区域 is a word
		{"全市上下", nil},         // a level is no place
		{"城市更新和省市县三级联动", nil}, // nor are levels together
	}
	g := places()
	for _, tt := range tests {
		f := fold.String(tt.text)
		ms := g.find(f)
		var got []string
		for i := range ms {
			if d := resolve(ms, i, nil); d != nil {
				got = append(got, d.name)
			} else {
				got = append(got, "?")
			}
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("find(%q) (-want +got):\n%s", tt.text, diff)
		}
	}
}

// TestResolveByContext: an ambiguous name is resolved by a place the
// document names without ambiguity, and only then.
func TestResolveByContext(t *testing.T) {
	g := places()
	ms := g.find("鼓楼区人大")
	if d := resolve(ms, 0, g.byName["南京市"]); d == nil || d.parent.name != "南京市" {
		t.Errorf("鼓楼区 in a Nanjing document = %v, want 南京市's", d)
	}
	if d := resolve(ms, 0, g.byName["大同市"]); d != nil {
		t.Errorf("鼓楼区 in a Datong document = %s of %s, want unresolved", d.name, d.parent.name)
	}
}

func TestDocPlace(t *testing.T) {
	tests := []struct {
		name, rel, text    string
		place, level, prov string
	}{
		{
			"city news: the place of the main session",
			"a.txt",
			"上海市第十六届人民代表大会第三次会议隆重开幕\n\n本报讯 1月15日上午，上海市第十六届人民代表大会第三次会议在世博中心开幕。\n",
			"上海市", "市", "text",
		},
		{
			"city news: Zhongshan's CPPCC",
			"a.txt",
			"中山市政协十四届四次会议开幕\n\n本报讯 1月10日，中山市政协十四届四次会议在市会议中心开幕，委员们围绕高质量发展建言献策。\n",
			"中山市", "市", "text",
		},
		{
			"county: the government the headline names",
			"a.txt",
			"天镇县人民政府工作报告\n\n各位代表：\n\n现在，我代表县人民政府，向大会报告工作，请予审议，并请县政协委员和列席人员提出意见。\n",
			"天镇县", "县", "text",
		},
		{
			"national work report: the session delivered at",
			"2024年政府工作报告.txt",
			"政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李强\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n",
			"", "全国", "text",
		},
		{
			"national body in the head",
			"a.txt",
			"国务院关于2024年国民经济和社会发展计划执行情况的报告\n\n各位代表：\n\n受国务院委托，现将2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案提请大会审议。\n",
			"", "全国", "text",
		},
		{
			"a place only in the folders",
			"cities/上海/发布会实录.txt",
			"记者问：今年有哪些新举措？\n\n答：我们将继续推进城市更新，让群众住得更好，办得更快，过得更舒心。\n",
			"上海市", "市", "file name",
		},
		{
			"a place only in the file name",
			"2024年天镇县两会侧记.txt",
			"会场内外\n\n代表们认真审议报告，大家表示，要把报告描绘的蓝图变为现实，干出实绩来。\n",
			"天镇县", "县", "file name",
		},
		{
			"a folder holding a full name",
			"pages/中山市人民政府网/2025年 市政府新闻发布会.html",
			"<html><body><p>记者问：今年有哪些新举措？</p><p>答：我们将继续推进城市更新，让群众住得更好，办得更快，过得更舒心。</p></body></html>",
			"中山市", "市", "file name",
		},
		{
			"a national press conference",
			"press/a.txt",
			"国新办举行2023年国民经济运行情况新闻发布会\n\n时间：2024年1月17日10时\n\n发布人：国家统计局局长康义\n",
			"", "全国", "text",
		},
		{
			"a county-level city is a county's level",
			"a.txt",
			"和田市第十五届人民代表大会第五次会议开幕\n\n本报讯 2025年1月18日上午，和田市第十五届人民代表大会第五次会议在市会议中心开幕。\n",
			"和田市", "县", "text",
		},
		{
			"a work report with no title block: the opening formula",
			"政府工作报告/1985.txt",
			"各位代表：\n\n现在，我代表国务院向大会报告工作，请予审议。\n\n一年来，我国经济形势越来越好。\n",
			"", "全国", "text",
		},
		{
			"national news: a national office in the lead",
			"speech-news/a.txt",
			"周恩来总理会见日本客人\n\n新华社北京一九七四年十二月五日电　国务院总理周恩来今天晚上会见了日本客人，同他们进行了亲切友好的谈话。\n",
			"", "全国", "text",
		},
		{
			"a delegation is at another's session: its name gives no place",
			"新疆代表团审议政府工作报告.txt",
			"会场内外\n\n代表们认真审议报告，大家表示，要把报告描绘的蓝图变为现实，干出实绩来。\n",
			"", "", "",
		},
		{
			"a visiting delegation is not the document's place",
			"a.txt",
			"北京市人大常委会考察团来我市调研\n\n本报讯 近日，北京市人大常委会考察团一行来我市，就生态保护工作开展调研，双方进行了座谈交流。\n",
			"", "", "",
		},
		{
			"a national deputy is not the national level",
			"a.txt",
			"全国人大代表王建国：让乡村振兴跑出加速度\n\n本报讯 记者近日采访了来自基层的全国人大代表王建国，他长期扎根农村，对乡村振兴有深切体会。\n",
			"", "", "",
		},
		{
			"nothing says: empty",
			"notes.txt",
			"会场内外\n\n代表们认真审议报告，大家表示，要把报告描绘的蓝图变为现实，干出实绩来。\n",
			"", "", "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.rel, []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := []string{doc.Place, doc.Level, doc.Provenance["place"]}
			want := []string{tt.place, tt.level, tt.prov}
			if tt.prov == "" {
				got[2] = ""
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Parse(%s) place, level, provenance (-want +got):\n%s", tt.rel, diff)
			}
		})
	}
}

// TestSessionProvince: the province of a 省 session in a city's or a
// county's document comes from the gazetteer, whatever provinces the text
// names.
func TestSessionProvince(t *testing.T) {
	tests := []struct{ text, place, want string }{
		{"在本市工作的省十四届人大代表", "大同市", "山西省十四届人大"},
		{"出席省十四届人大三次会议的代表", "天镇县", "山西省十四届人大三次会议"},
		{"省政协十三届二次会议", "延边朝鲜族自治州", "吉林省十三届政协二次会议"},
		{"市十六届人大五次会议", "天镇县", "大同市十六届人大五次会议"}, // the county's city
		{"省十四届人大三次会议", "上海市", "省十四届人大三次会议"},   // a municipality has no province above it
	}
	for _, tt := range tests {
		got := FindSessions(tt.text, tt.place)
		if len(got) != 1 || got[0].Name != tt.want {
			t.Errorf("FindSessions(%q, %q) = %v, want %s", tt.text, tt.place, got, tt.want)
		}
	}
}

func BenchmarkFindPlaces(b *testing.B) {
	text := fold.String(strings.Repeat("上午上海市第十六届人民代表大会第三次会议在世博中心开幕，中山市政协和天镇县人民政府。", 20))
	g := places()
	b.ReportAllocs()
	for b.Loop() {
		g.find(text)
	}
}

// TestDocPlaceAmbiguous: 鼓楼区 is resolved by the city the file's folders
// name, and left unresolved when nothing names one.
func TestDocPlaceAmbiguous(t *testing.T) {
	text := "鼓楼区第十八届人民代表大会第四次会议开幕\n\n本报讯 1月8日上午，鼓楼区第十八届人民代表大会第四次会议开幕，代表们审议政府工作报告。\n"
	for _, tt := range []struct{ rel, place, parent string }{
		{"cities/南京/鼓楼区两会.txt", "鼓楼区", "南京市"},
		{"cities/福州/a.txt", "鼓楼区", "福州市"},
		{"a.txt", "", ""},
	} {
		doc, err := Parse(tt.rel, []byte(text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Place != tt.place {
			t.Errorf("Parse(%s).Place = %q, want %q", tt.rel, doc.Place, tt.place)
		}
		if doc.MainSession == nil || doc.MainSession.Name != "鼓楼区十八届人大四次会议" {
			t.Errorf("Parse(%s).MainSession = %v, want 鼓楼区十八届人大四次会议", tt.rel, doc.MainSession)
		}
	}
}

// TestDocPlaceFrontMatter: front matter names the place, in full or short;
// one the gazetteer does not know is kept as written.
func TestDocPlaceFrontMatter(t *testing.T) {
	for _, tt := range []struct{ fm, place, level string }{
		{"杭州市", "杭州市", "市"},
		{"杭州", "杭州市", "市"},
		{"雁北地区", "雁北地区", "市"},
	} {
		raw := "---\ntitle: 报告摘要\nplace: " + tt.fm + "\n---\n# 报告摘要\n\n上海市人民政府召开常务会议。\n"
		doc, err := Parse("a.md", []byte(raw), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Place != tt.place || doc.Level != tt.level || doc.Provenance["place"] != SourceFrontMatter {
			t.Errorf("place: %s gives %q %q (%s), want %q %q from front matter", tt.fm, doc.Place, doc.Level, doc.Provenance["place"], tt.place, tt.level)
		}
	}
}

// TestGazetteerSuffix: the longest division name ending a text, full
// (上午大同市 → 大同市) or short (2024上海 → 上海市), and none in a text too
// short or without one.
func TestGazetteerSuffix(t *testing.T) {
	g := places()
	for _, tt := range []struct{ s, want string }{
		{"上午大同市", "大同市"},
		{"大同市", "大同市"},
		{"在天镇县", "天镇县"},
		{"市", ""},
		{"", ""},
		{"会议开幕", ""},
	} {
		if got, _ := g.suffix(tt.s); got != tt.want {
			t.Errorf("suffix(%q) = %q, want %q", tt.s, got, tt.want)
		}
	}
	for _, tt := range []struct{ s, name, want string }{
		{"2024上海", "上海", "上海市"},
		{"大同", "大同", "大同市"},
		{"2024", "", ""},
		{"海", "", ""},
	} {
		name, d := g.shortSuffix(tt.s)
		got := ""
		if d != nil {
			got = d.name
		}
		if name != tt.name || got != tt.want {
			t.Errorf("shortSuffix(%q) = %q, %q, want %q, %q", tt.s, name, got, tt.name, tt.want)
		}
	}
}
