package indexer

import "testing"

// Title blocks and openings of the document shapes the dates are read
// from, as the publications print them.
const (
	report2024 = "政府工作报告\n\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\n国务院总理　李　强\n\n各位代表：\n\n" +
		"现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n\n一、2023年工作回顾\n\n" +
		"过去一年是全面贯彻党的二十大精神的开局之年。2023年，我们坚持稳中求进工作总基调。到2035年基本实现社会主义现代化。\n"
	congress2022 = "高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗\n\n——在中国共产党第二十次全国代表大会上的报告\n\n" +
		"（2022年10月16日）\n\n习近平\n\n同志们：\n\n现在，我代表第十九届中央委员会向大会作报告。\n"
	resolution2024 = "第十四届全国人民代表大会第二次会议关于政府工作报告的决议\n\n（2024年3月11日第十四届全国人民代表大会第二次会议通过）\n\n" +
		"第十四届全国人民代表大会第二次会议听取和审议了国务院总理李强所作的政府工作报告。会议充分肯定国务院过去一年的工作。\n"
	// The 1954 report: full-width digits, no dash before its date line,
	// and the founding of the state in its first paragraph.
	report1954 = "政府工作报告\n\n１９５４年９月２３日在第一届全国人民代表大会第一次会议上\n\n国务院总理　周恩来\n\n各位代表：\n\n" +
		"１９４９年１０月１日，中华人民共和国中央人民政府成立。五年来，我们完成了恢复国民经济的任务。\n"
	// A report as a bare text: the salutation first, a recalled date in
	// its opening paragraph.
	report1978Bare = "各位代表：\n\n1976年10月6日，我们党一举粉碎了“四人帮”，从危难中挽救了革命。\n\n现在，我代表国务院作政府工作报告。\n"
	report2005Bare = "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。2004年7月1日起，行政许可法正式施行。\n"
	report1981Bare = "各位代表：\n\n从去年９月第五届全国人民代表大会第三次会议到现在，已经一年多了。\n"
)

func TestDate(t *testing.T) {
	tests := []struct {
		name, rel, text, want, source string
	}{
		// The title block's date.
		{"work report: ——date line", "a.txt", report2024, "2024-03-05", SourceText},
		{"party congress report: （date） under the title", "a.txt", congress2022, "2022-10-16", SourceText},
		{"2017 congress report", "a.txt", "决胜全面建成小康社会 夺取新时代中国特色社会主义伟大胜利\n\n——在中国共产党第十九次全国代表大会上的报告\n\n（2017年10月18日）\n\n习近平\n\n同志们：\n\n现在，我代表第十八届中央委员会向大会作报告。\n", "2017-10-18", SourceText},
		{"resolution: （date … 通过）", "a.txt", resolution2024, "2024-03-11", SourceText},
		{"1954 report: full-width date line, no dash", "1954年政府工作报告.txt", report1954, "1954-09-23", SourceText},
		{"Traditional, Chinese numerals", "a.txt", "政府工作報告\n\n一九五五年七月三十日在第一屆全國人民代表大會第二次會議上\n\n各位代表：\n\n一九四九年十月一日以來，我們取得了偉大的勝利。\n", "1955-07-30", SourceText},
		{"Chinese numerals", "a.txt", "政府工作报告\n\n——二〇二六年一月二十日在市第十六届人民代表大会第六次会议上\n\n各位代表：现在，我代表市人民政府作报告。\n", "2026-01-20", SourceText},
		{"a title block's month", "a.txt", "关于国民经济和社会发展计划的报告\n\n（一九五五年七月）\n\n各位代表：\n\n现在报告计划。\n", "1955-07", SourceText},
		{"indented report with a BOM and an invisible first line", "a.txt", "\ufeff\u200b\n　　政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n　　　　　　　　国务院总理　李　强\n　　各位代表：\n　　现在，我代表国务院，向大会报告政府工作。\n", "2024-03-05", SourceText},

		// The lead's date.
		{"month and day with a year label", "a.txt", "本报讯 2月15日上午，会议开幕。\n\n两会影像\n2025\n", "2025-02-15", SourceText},
		{"full date", "a.txt", "本报讯 2024年1月9日上午，会议开幕。\n", "2024-01-09", SourceText},
		{"full date after the byline", "a.txt", "市十六届人大五次会议隆重开幕\n\n本报讯（记者 李雪峰）2025年2月15日上午，大同市第十六届人民代表大会第五次会议隆重开幕。\n", "2025-02-15", SourceText},
		{"a county media centre's byline", "a.txt", "准格尔旗第十八届人民代表大会第四次会议开幕\n\n准格尔旗融媒体中心讯（记者 其其格 杨帆）2025年1月9日上午，准格尔旗第十八届人民代表大会第四次会议开幕。\n", "2025-01-09", SourceText},
		{"the lead's second sentence opens with the day", "2025/a.txt", "本报讯（记者 李雪峰）凝聚力量谋发展，担当实干谱新篇。2月15日上午，大同市第十六届人民代表大会第五次会议隆重开幕。\n", "2025-02-15", SourceText},
		{"press conference", "a.txt", "十四届全国人大二次会议举行记者会\n\n2024年3月7日，十四届全国人大二次会议新闻中心举行记者会，邀请外交部部长王毅就“中国外交政策和对外关系”答记者问。\n\n记者：请问……\n", "2024-03-07", SourceText},
		{"wire service dispatch, year from the folder", "2024/xinhua.txt", "十四届全国人大二次会议在京开幕\n\n新华社北京3月5日电 第十四届全国人民代表大会第二次会议5日上午在人民大会堂开幕。\n", "2024-03-05", SourceText},
		{"a relative day with its date", "a.txt", "上海市十六届人大三次会议闭幕\n\n本报讯 昨天（2025年1月19日）下午，上海市第十六届人民代表大会第三次会议胜利闭幕。\n", "2025-01-19", SourceText},
		{"year from the file name", "2025/a.txt", "本报讯 2月15日上午，会议开幕。\n", "2025-02-15", SourceText},
		{"ISO date in the lead", "a.txt", "会议开幕\n\n2026-01-20，大会开幕。\n", "2026-01-20", SourceText},
		{"Chinese numerals, day over twenty", "a.txt", "会议开幕\n\n二〇二五年十二月三十一日，大会开幕。\n", "2025-12-31", SourceText},

		// A saved page's dateline.
		{"dateline of a saved news page, the lead's day", "a.txt", "市人代会开幕\n\n2026/1/20 10:30 来源：太原日报\n\n1月19日上午，大会开幕。\n", "2026-01-19", SourceText},
		{"dateline in January, the lead in December", "a.txt", "市人代会闭幕\n\n2026-01-02 08:00\n\n12月31日下午，大会闭幕。\n", "2025-12-31", SourceText},
		// A paper's page header dates the issue, not the lead's event day.
		{"page header over the lead's day", "a.txt", "深圳特区报　2024年1月30日　星期二　A01　要闻\n凝心聚力勇当尖兵　踔厉奋发再创新局\n市七届人大四次会议隆重开幕\n　　本报讯（记者　刘晓燕）1月29日上午，深圳市第七届人民代表大会第四次会议隆重开幕。\n　　大会应到代表380名。\n", "2024-01-30", SourceText},
		{"dotted dateline", "a.txt", "市人代会开幕\n\n2026.01.19\n\n大会开幕。\n", "2026-01-19", SourceText},
		{"saved HTML page", "page.html", "<html><head><title>中山市政协十四届四次会议开幕_中山日报</title></head><body><h1>中山市政协十四届四次会议开幕</h1><div class=\"info\">2025-01-14 09:12 来源：中山日报</div><p>1月13日下午，政协第十四届中山市委员会第四次会议开幕。</p></body></html>", "2025-01-13", SourceText},

		{"a press conference's time field", "a.txt", "十四届全国人大二次会议新闻发布会\n\n时间：2024年3月4日12:00\n\n地点：人民大会堂新闻发布厅\n\n娄勤俭：女士们、先生们，记者朋友们，大家好！\n", "2024-03-04", SourceText},
		{"a county page's 发布时间 field, the lead's day", "page.html", "<html><body><h1>天镇县第十七届人民代表大会第五次会议开幕</h1><div>发布时间：2025-01-10 11:20 来源：天镇县融媒体中心</div><p>1月9日上午，天镇县第十七届人民代表大会第五次会议开幕。</p></body></html>", "2025-01-09", SourceText},

		{"a dash line closed by its date", "a.txt", "在庆祝中国共产党成立100周年大会上的讲话\n\n——在庆祝中国共产党成立100周年大会上的讲话（2021年7月1日）\n\n同志们，朋友们：\n\n今天，在中国共产党历史上，是一个十分重大而庄严的日子。\n", "2021-07-01", SourceText},
		{"a title closed by its date", "a.txt", "在庆祝中国共产党成立100周年大会上的讲话（2021年7月1日）\n\n同志们，朋友们：\n\n今天，在中国共产党历史上，是一个十分重大而庄严的日子。\n", "2021-07-01", SourceText},
		{"a wire dispatch dated in full", "a.txt", "周恩来总理在第四届全国人民代表大会第一次会议上作政府工作报告\n\n新华社北京1975年1月20日电　第四届全国人民代表大会第一次会议于1975年1月13日至17日在北京举行。\n", "1975-01-20", SourceText},
		{"a dateline with a weekday", "a.txt", "市人代会开幕\n\n2026年1月20日 星期二\n\n大会开幕。\n", "2026-01-20", SourceText},

		// A date line of its own at the foot.
		{"full date alone on a line", "a.txt", "会议开幕。\n\n（2023年12月31日）\n", "2023-12-31", SourceText},
		{"a notice dated under its issuer", "a.txt", "大同市人民代表大会常务委员会公告\n\n大同市第十六届人民代表大会第五次会议于2025年2月15日开幕。\n\n特此公告。\n\n大同市人民代表大会常务委员会\n\n2025年2月10日\n", "2025-02-10", SourceText},
		{"a speech dated above its signature", "a.txt", "新年贺词\n\n大家好！新年将至，向大家致以美好的祝福。\n\n二〇二三年十二月三十一日\n\n习近平\n", "2023-12-31", SourceText},

		// The file's name and folders, when the text does not say.
		{"report without title block: the file's year", "2024年中华人民共和国国务院政府工作报告.txt", "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n", "2024", SourceFileName},
		{"the year of a folder", "2024/报告.txt", "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n", "2024", SourceFileName},
		{"the file is named by its year", "政府工作报告/2018.txt", "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n", "2018", SourceFileName},
		{"a year opening the name", "2019政府工作报告.txt", "各位代表：\n\n现在，我代表国务院，向大会报告政府工作。\n", "2019", SourceFileName},
		{"a dated file name", "2025-02-15 大同日报 市十六届人大五次会议隆重开幕.txt", "市十六届人大五次会议隆重开幕\n\n大会隆重开幕。\n", "2025-02-15", SourceFileName},
		{"a month in the file name", "2025年1月 市政府新闻发布会.txt", "市政府新闻发布会\n\n会议通报了全市经济运行情况。\n", "2025-01", SourceFileName},
		{"a month in the file name gives the lead's year", "2025年1月 市政府新闻发布会.txt", "市政府新闻发布会\n\n1月21日下午，市政府召开新闻发布会。\n", "2025-01-21", SourceText},
		{"the December before a January file", "2025-01-02 大同日报 年终综述.txt", "年终综述\n\n本报讯 2024年12月31日，市人大常委会举行会议。\n", "2024-12-31", SourceText},
		{"the lead's December under a January file date", "2025-01-02 大同日报 年终综述.txt", "年终综述\n\n本报讯 12月31日，市人大常委会举行会议。\n", "2024-12-31", SourceText},
		{"a compact dated file name", "dt/20250215.txt", "市十六届人大五次会议隆重开幕\n\n大会隆重开幕。\n", "2025-02-15", SourceFileName},
		{"the 1978 report's recalled date: the file's year", "1978年国务院政府工作报告.txt", report1978Bare, "1978", SourceFileName},
		{"the 2005 report's recalled date: the file's year", "2005年国务院政府工作报告.txt", report2005Bare, "2005", SourceFileName},
		{"the 1981 report recalls last September: the file's year", "1981年国务院政府工作报告.txt", report1981Bare, "1981", SourceFileName},
		{"a lead's date against the file's year", "2024年纪念文章.txt", "纪念文章\n\n1949年10月1日，中华人民共和国成立。\n", "2024", SourceFileName},

		// Front matter.
		{"front matter wins", "a.md", "---\ndate: 2025-02-16\n---\n本报讯 2025年2月15日上午，会议开幕。\n", "2025-02-16", SourceFrontMatter},
		{"front matter in Chinese", "a.md", "---\ndate: 2025年2月16日\n---\n会议开幕。\n", "2025-02-16", SourceFrontMatter},
		{"front matter's year", "a.md", "---\ndate: \"2024\"\n---\n各位代表：\n\n现在报告。\n", "2024", SourceFrontMatter},
		{"front matter's month", "a.md", "---\ndate: 2024-03\n---\n各位代表：\n\n现在报告。\n", "2024-03", SourceFrontMatter},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.rel, []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Date != tt.want {
				t.Errorf("Parse(%q, %q).Date = %q, want %q", tt.rel, tt.text, doc.Date, tt.want)
			}
			if got := doc.Provenance["date"]; got != tt.source {
				t.Errorf("Parse(%q).Provenance[date] = %q, want %q", tt.rel, got, tt.source)
			}
		})
	}
}

// TestDateNotMentioned: dates the text only mentions, and numbers in file
// names that are not years, give no date.
func TestDateNotMentioned(t *testing.T) {
	tests := []struct{ name, rel, text string }{
		{"the 1954 report's founding date, no title block", "政府工作报告.txt", "各位代表：\n\n１９４９年１０月１日，中华人民共和国中央人民政府成立。\n"},
		{"the 1978 report", "政府工作报告.txt", report1978Bare},
		{"the 2005 report", "政府工作报告.txt", report2005Bare},
		{"a report whose salutation opens its first paragraph", "政府工作报告.txt", "各位代表：现在，我代表国务院作政府工作报告。1976年10月6日，我们党一举粉碎了“四人帮”。\n"},
		{"after a lead that lists who attended, a recalled date", "a.txt", "十四届全国人大一次会议举行记者会\n\n新华社北京3月13日电　十四届全国人大一次会议13日上午在人民大会堂举行记者会，国务院总理李强应大会发言人的邀请出席记者会。丁薛祥、张国清、刘国中、吴政隆出席。\n\n1976年10月6日，党中央粉碎了“四人帮”。\n"},
		{"a date inside the lead's sentence", "a.txt", "本报讯 中华人民共和国成立于1949年10月1日。\n"},
		{"a date after a comma in a speech summary", "a.txt", "周总理指出，1949年10月1日以来，我国人民取得了伟大胜利。他说，我们要继续努力。\n"},
		{"a headline naming a date", "a.txt", "纪念1949年10月1日开国大典\n\n各界人士座谈。\n"},
		{"a full date deep in the body", "a.txt", "会议开幕\n\n大会开幕。\n\n截至2024年11月20日，10件民生实事全部完成。\n"},
		{"years named twice are not the document's", "a.txt", "本报讯 3月5日上午，会议开幕。2024年工作回顾；2024年成绩；到2035年目标。\n"},
		{"no year: no date", "a.txt", "本报讯 2月15日上午，会议开幕。\n"},
		{"impossible date", "a.txt", "本报讯 2024年13月45日上午，会议开幕。\n"},
		{"February has no 30th", "a.txt", "本报讯 2024年2月30日上午，会议开幕。\n"},
		{"a range of years is no date", "a.txt", "会议开幕\n\n2019-2021-2023年，大会开幕。\n"},
		{"dates alone that differ: a chronology", "a.txt", "大事记\n\n一年来的大事。\n\n2024年1月5日\n\n会议召开。\n\n2024年3月8日\n\n会议闭幕。\n"},
		{"a dash line naming a date", "a.txt", "开国大典七十五周年\n\n——纪念1949年10月1日中华人民共和国成立\n\n各界人士座谈。\n"},
		{"a headline opening with a date", "a.txt", "1976年10月6日粉碎“四人帮”\n\n这一天，党中央一举粉碎了“四人帮”。\n"},
		{"a headline opening with a date and a space", "a.txt", "1976年10月6日 历史的转折\n\n这一天，党中央一举粉碎了“四人帮”。\n"},
		{"a date heading high in the text", "a.txt", "大事记\n\n一年来的大事。\n\n1949年10月1日\n\n中华人民共和国成立。\n\n此后，国家百废待兴。\n\n人民当家作主。\n\n建设事业蓬勃发展。\n"},
		{"a serial number in the file name", "第1990号.txt", "会议开幕\n\n大会开幕。\n"},
		{"a count in the file name", "341人.txt", "会议开幕\n\n大会开幕。\n"},
		{"a serial number opening the file name", "1990号文件.txt", "会议开幕\n\n大会开幕。\n"},
		{"a year out of range", "1900年.txt", "会议开幕\n\n大会开幕。\n"},
		{"five digits are no year", "文件12024.txt", "会议开幕\n\n大会开幕。\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.rel, []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Date != "" {
				t.Errorf("Parse(%q, %q).Date = %q, want none", tt.rel, tt.text, doc.Date)
			}
			if _, ok := doc.Provenance["date"]; ok {
				t.Errorf("Parse(%q).Provenance[date] set without a date", tt.rel)
			}
		})
	}
}

func TestPathDate(t *testing.T) {
	tests := []struct{ rel, date, year string }{
		{"2025-02-15 大同日报 市十六届人大五次会议隆重开幕.txt", "2025-02-15", "2025"},
		{"2025.2.15.txt", "2025-02-15", "2025"},
		{"2025_02_15_开幕.txt", "2025-02-15", "2025"},
		{"2025年2月15日开幕.txt", "2025-02-15", "2025"},
		{"20250215.txt", "2025-02-15", "2025"},
		{"news/2025/02/15/a.txt", "2025-02-15", "2025"},
		{"2025年1月 市政府新闻发布会 解读政府工作报告.txt", "2025-01", "2025"},
		{"2025-01 会议.txt", "2025-01", "2025"},
		{"2025年13月.txt", "", "2025"},
		{"2024年中华人民共和国国务院政府工作报告.txt", "", "2024"},
		{"2024/a.txt", "", "2024"},
		{"政府工作报告/2018.txt", "", "2018"},
		{"reports/1954 政府工作报告.txt", "", "1954"},
		{"2019政府工作报告.txt", "", "2019"},
		{"第1990号.txt", "", ""},
		{"341人.txt", "", ""},
		{"2000人大会.txt", "", ""},
		{"1990号文件.txt", "", ""},
		{"1900年.txt", "", ""},
		{"2101年.txt", "", ""},
		{"12345678.txt", "", ""},
		{"20251345.txt", "", ""},
		{"a.txt", "", ""},
	}
	for _, tt := range tests {
		if d, y := pathDate(tt.rel); d != tt.date || y != tt.year {
			t.Errorf("pathDate(%q) = %q, %q, want %q, %q", tt.rel, d, y, tt.date, tt.year)
		}
	}
}

// TestTitleBlockDate: the lines of a title block that date the document,
// and head lines that only name a date or date the page.
func TestTitleBlockDate(t *testing.T) {
	yes := map[string]string{
		"——2024年3月5日在第十四届全国人民代表大会第二次会议上": "2024-03-05",
		"——二〇二六年一月二十日在市第十六届人民代表大会第六次会议上": "2026-01-20",
		"（2017年10月18日）": "2017-10-18",
		"（2024年3月11日第十四届全国人民代表大会第二次会议通过）": "2024-03-11",
		"１９５４年９月２３日在第一届全国人民代表大会第一次会议上":    "1954-09-23",
		"（一九五五年七月）": "1955-07",
		"——在庆祝中国共产党成立100周年大会上的讲话（2021年7月1日）": "2021-07-01",
		"在中央经济工作会议上的讲话（2023年12月11日）":         "2023-12-11",
		"—— 2025年1月15日在上海市第十六届人民代表大会第三次会议上":  "2025-01-15",
	}
	no := []string{
		"——在中国共产党第二十次全国代表大会上的报告",
		"——纪念1949年10月1日中华人民共和国成立",
		"1976年10月6日粉碎“四人帮”",
		"2026/1/20 10:30 来源：太原日报",
		"2024年3月7日　星期四",
		"政府工作报告",
		"（2024年13月11日通过）",
	}
	for s, want := range yes {
		if got := titleBlockDate([]string{dateText(s)}); got != want {
			t.Errorf("titleBlockDate(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range no {
		if got := titleBlockDate([]string{dateText(s)}); got != "" {
			t.Errorf("titleBlockDate(%q) = %q, want none", s, got)
		}
	}
}

// TestDatelineDate: a saved page's or a paper's dateline, and head lines
// that open with a date but are headlines.
func TestDatelineDate(t *testing.T) {
	yes := map[string]string{
		"2026/1/20 10:30 来源：太原日报": "2026-01-20",
		"2026.01.19":              "2026-01-19",
		"2024年3月7日　星期四":           "2024-03-07",
		"发布时间：2025-01-21 16:05 来源：中山市人民政府新闻办公室": "2025-01-21",
		"时间：2024年3月4日12:00":           "2024-03-04",
		"时间：2024年2月27日（星期二）上午10:00":   "2024-02-27",
		"时间：2024年3月5日(周二)下午3:00—4:30": "2024-03-05",
		"時間：2024年3月6日 星期三 上午9:30":     "2024-03-06",
		"2013年09月07日21:46 来源：新华网":     "2013-09-07",
		"2025/03/04 16:45":            "2025-03-04",
		"人民日报　1954年9月24日　第1版":         "1954-09-24",
		"解放日报 2025年1月16日 星期四":         "2025-01-16",
		"深圳特区报　2024年1月30日　星期二　A01　要闻": "2024-01-30", // page and section
		"澳門日報　2024年3月14日　星期四　A03　澳聞":  "2024-03-14",
	}
	no := []string{
		"1976年10月6日 历史的转折",
		"1976年10月6日粉碎“四人帮”",
		"地点：人民大会堂新闻发布厅",
		"本报记者 王芳 2025年1月15日",
		"2019-2021-2023年",
		"人民日报评论员 1949年10月1日的回忆",
		"据人民日报 1976年10月6日报道",
		"时间：2024年2月27日（星期二）上午10:00召开发布会",
		"来源：兴安日报",
		"来源：兴安日报 发布时间：2024年1月8日起施行的规定",
	}
	for s, want := range yes {
		if got := datelineDate(dateText(s)); got != want {
			t.Errorf("datelineDate(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range no {
		if got := datelineDate(dateText(s)); got != "" {
			t.Errorf("datelineDate(%q) = %q, want none", s, got)
		}
	}
}
