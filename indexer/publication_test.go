package indexer

import "testing"

// TestPublication: the paper, page and site of documents of each shape, as
// their publications print them; a genre ending in 报 and a byline lead are
// no paper's name.
func TestPublication(t *testing.T) {
	tests := []struct {
		name, rel, text   string
		paper, page, site string
	}{
		{"a page header with its page", "1954.txt", "人民日报　1954年9月24日　第1版\n\n周恩来总理在全国人民代表大会上作政府工作报告\n\n新华社23日讯　第一届全国人民代表大会第一次会议今天继续举行。\n", "人民日报", "1", ""},
		{"a page header with a section page", "a.txt", "深圳特区报　2024年1月30日　星期二　A01　要闻\n\n市七届人大四次会议隆重开幕\n\n本报讯（记者 王芳）会议开幕。\n", "深圳特区报", "A01", ""},
		{"a Traditional page header", "a.txt", "澳門日報　2024年3月14日　星期四　A03　澳聞\n\n澳區代表舉行記者會\n\n【本報訊】澳區全國人大代表昨日舉行記者會。\n", "澳門日報", "A03", ""},
		{"a byline line naming its paper", "a.txt", "省政协委员分组讨论政府工作报告\n\n新华日报记者　王静　朱莉\n\n2024年1月23日下午，委员们分组讨论政府工作报告。\n", "新华日报", "", ""},
		{"a saved page's source, a paper", "a.html", "<h1>兴安盟政协十三届三次会议隆重开幕</h1><p>来源：兴安日报　　发布时间：2024-01-08 09:12</p><p>本报讯（记者 包金花）1月7日上午，会议开幕。</p>", "兴安日报", "", ""},
		{"a saved page's source, a site", "a.txt", "全国政协十四届二次会议举行第二次全体会议\n\n2024-03-06 19:05　来源：人民政协网\n\n本报北京3月6日电（记者 王惠兵 刘彤）会议举行第二次全体会议。\n", "", "", "人民政协网"},
		{"a government site", "a.txt", "国务院新闻办公室举行新闻发布会\n\n2025-01-17 16:20　来源：国务院新闻办公室网站\n\n国务院新闻办公室于2025年1月17日举行新闻发布会。\n", "", "", "国务院新闻办公室网站"},
		{"a Hong Kong paper's own report", "a.txt", "立法會主席：議員須依法履職\n\n【明報專訊】立法會主席梁君彥昨日表示，議員必須依法履職。\n", "明報", "", ""},
		{"the front matter's source", "a.md", "---\nsource: 解放日报\n---\n# 市人代会开幕\n\n会议开幕。\n", "解放日报", "", ""},
		{"the paper in the file name", "2025-02-15 大同日报 市十六届人大五次会议开幕.txt", "市十六届人大五次会议隆重开幕\n\n本报讯（记者 李雪峰）2月15日上午，大会开幕。\n", "大同日报", "", ""},
		{"the paper as a folder", "深圳/深圳特区报/开幕.txt", "市七届人大四次会议隆重开幕\n\n本报讯 会议开幕。\n", "深圳特区报", "", ""},
		// None.
		{"a byline lead names no paper", "a.txt", "市人代会开幕\n\n本报讯（记者 李雪峰）大会开幕。\n", "", "", ""},
		{"a communiqué is no paper", "中共二十届三中全会公报.txt", "中国共产党第二十届中央委员会第三次全体会议公报\n\n（2024年7月18日中国共产党第二十届中央委员会第三次全体会议通过）\n\n全会听取和讨论了习近平受中央政治局委托作的工作报告。\n", "", "", ""},
		{"a bulletin folder is no paper", "通报/简报/a.txt", "工作简报\n\n会议召开。\n", "", "", ""},
		{"a front matter's source that is no paper", "a.md", "---\nsource: 本报讯\n---\n# 市人代会开幕\n\n会议开幕。\n", "", "", ""},
		{"a work report", "2024年政府工作报告.txt", "政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李　强\n\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.rel, []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Paper != tt.paper || doc.Page != tt.page || doc.Site != tt.site {
				t.Errorf("paper %q, page %q, site %q; want %q, %q, %q", doc.Paper, doc.Page, doc.Site, tt.paper, tt.page, tt.site)
			}
		})
	}
}

// TestIsPaper: a paper's name, and the genres and leads ending in 报 that
// are none.
func TestIsPaper(t *testing.T) {
	for name, want := range map[string]bool{
		"人民日报": true, "大同日报": true, "深圳特区报": true, "人民日報": true, "解放日报": true, "中国青年报": true,
		"本报讯": false, "本报": false, "政府工作报告": false, "统计公报": false, "喜报": false, "新华网": false,
		"新华社北京3月6日电": false, "": false, "学报": false, "人民画报": false, "工作简报": false, "明報": true, "市十六届人大五次会议开幕": false, "人民政协网": false,
	} {
		if got := isPaper(name); got != want {
			t.Errorf("isPaper(%q) = %v, want %v", name, got, want)
		}
	}
}
