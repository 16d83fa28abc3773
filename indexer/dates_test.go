package indexer

import "testing"

func TestDate(t *testing.T) {
	tests := []struct {
		name, rel, text, want string
	}{
		{"month and day with a year label", "a.txt", "本报讯 2月15日上午，会议开幕。\n\n两会影像\n2025\n", "2025-02-15"},
		{"full date", "a.txt", "本报讯 2024年1月9日上午，会议开幕。\n", "2024-01-09"},
		{"full date elsewhere", "a.txt", "会议开幕。\n\n（2023年12月31日）\n", "2023-12-31"},
		{"year from the file name", "2025/a.txt", "本报讯 2月15日上午，会议开幕。\n", "2025-02-15"},
		{"year named twice, targets left out", "a.txt", "本报讯 3月5日上午，会议开幕。2024年工作回顾；2024年成绩；到2035年目标。\n", "2024-03-05"},
		{"no year: no date", "a.txt", "本报讯 2月15日上午，会议开幕。\n", ""},
		{"impossible date", "a.txt", "本报讯 2024年13月45日上午，会议开幕。\n", ""},
		{"front matter wins", "a.md", "---\ndate: 2025-02-16\n---\n本报讯 2025年2月15日上午，会议开幕。\n", "2025-02-16"},
		{"front matter in Chinese", "a.md", "---\ndate: 2025年2月16日\n---\n会议开幕。\n", "2025-02-16"},
		{"Chinese numerals", "a.txt", "政府工作报告\n\n——二〇二六年一月二十日在市第十六届人民代表大会第六次会议上\n\n各位代表：现在，我代表市人民政府作报告。\n", "2026-01-20"},
		{"Chinese numerals, day over twenty", "a.txt", "会议开幕\n\n二〇二五年十二月三十一日，大会开幕。\n", "2025-12-31"},
		{"ISO date in the lead", "a.txt", "会议开幕\n\n2026-01-20，大会开幕。\n", "2026-01-20"},
		{"dateline of a saved news page, the lead's day", "a.txt", "市人代会开幕\n\n2026/1/20 10:30 来源：太原日报\n\n1月19日上午，大会开幕。\n", "2026-01-19"},
		{"dateline in January, the lead in December", "a.txt", "市人代会闭幕\n\n2026-01-02 08:00\n\n12月31日下午，大会闭幕。\n", "2025-12-31"},
		{"a range of years is no date", "a.txt", "会议开幕\n\n2019-2021-2023年，大会开幕。\n", ""},
		{"dotted dateline", "a.txt", "市人代会开幕\n\n2026.01.19\n\n大会开幕。\n", "2026-01-19"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Parse(tt.rel, []byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Date != tt.want {
				t.Errorf("Parse(%q).Date = %q, want %q", tt.text, doc.Date, tt.want)
			}
		})
	}
}
