package indexer

import (
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
