package indexer

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"sessionsearch/fold"
)

// TestBylineLines: bylines set on a line of their own under the headline,
// as many papers do (the seed has its byline in the lead), and photo
// credits closing a caption.
func TestBylineLines(t *testing.T) {
	tests := []struct {
		name, line               string
		kind                     Kind
		reporters, photographers []string
		source                   string // the paper a byline line names
	}{
		{"reporter and photographer", "本报记者 张伟 摄影 李强", KindCredit, []string{"张伟"}, []string{"李强"}, ""},
		{"two reporters, full-width spaces", "记者\u3000王芳\u3000李明", KindCredit, []string{"王芳", "李明"}, []string{}, ""},
		{"names joined by 、", "记者 王芳、李明", KindCredit, []string{"王芳", "李明"}, []string{}, ""},
		{"Traditional", "本報記者 張偉", KindCredit, []string{"張偉"}, []string{}, ""},
		{"in parentheses", "（通讯员 赵一）", KindCredit, []string{"赵一"}, []string{}, ""},
		{"a column label is not a byline", "记者观察", KindSubheadline, []string{}, []string{}, ""},
		// The paper before the role is the source; a second role between
		// the names is no name.
		{"the paper named before the role", "新华日报记者　王静　朱莉", KindCredit, []string{"王静", "朱莉"}, []string{}, "新华日报"},
		{"a local paper", "渝中报记者　唐敏　实习生　刘佳", KindCredit, []string{"唐敏", "刘佳"}, []string{}, "渝中报"},
		{"a correspondent after the reporter, Traditional", "本報記者　陳志遠　通訊員　林曉", KindCredit, []string{"陳志遠", "林曉"}, []string{}, ""},
		{"a wire reporter", "新华社记者 刘恺 黄河", KindCredit, []string{"刘恺", "黄河"}, []string{}, "新华社"},
		{"a paper's all-media reporters", "湖南日报全媒体记者　贺佳　刘勇", KindCredit, []string{"贺佳", "刘勇"}, []string{}, "湖南日报"},
		{"a name spaced for alignment", "本报记者　张　蕾　陈思远", KindCredit, []string{"张蕾", "陈思远"}, []string{}, ""},
		// A headline-like line that names a paper but no reporter.
		{"a paper's column is not a byline", "人民日报评论员文章", KindSubheadline, []string{}, []string{}, ""},
	}
	t.Run("dateline source", func(t *testing.T) {
		doc, err := Parse("a.txt", []byte("市人代会开幕\n\n2026/1/20 10:30 来源：太原日报 编辑：王五\n\n1月19日上午，大会开幕。\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Source != "太原日报" {
			t.Errorf("Source = %q, want 太原日报", doc.Source)
		}
	})
	// A lead's byline with a dated dispatch names its reporters; a page's
	// 来源 names the paper that 本报 only points to.
	for _, tt := range []struct {
		text, source string
		reporters    []string
	}{
		{"大会开幕\n\n新华社北京3月5日电（记者 刘恺 黄河）第十四届全国人民代表大会第二次会议5日上午开幕。\n", "新华社北京3月5日电", []string{"刘恺", "黄河"}},
		{"大会发言\n\n2024-03-06 19:05　来源：人民政协网\n\n本报北京3月6日电（记者 王惠兵 刘彤）会议6日下午举行。\n", "人民政协网", []string{"王惠兵", "刘彤"}},
		{"政协会议开幕\n\n来源：兴安日报　　发布时间：2024-01-08 09:12\n\n本报讯（记者 包金花）1月7日上午，会议开幕。\n", "兴安日报", []string{"包金花"}},
		{"政协会议开幕\n\n本报讯（记者 包金花）1月7日上午，会议开幕。\n", "本报讯", []string{"包金花"}},
		// A site by its domain, as written.
		{"政协会议开幕\n\n来源: www.people.com.cn\n\n本报北京3月6日电（记者 王惠兵）会议6日下午举行。\n", "www.people.com.cn", []string{"王惠兵"}},
		{"市人代会开幕\n\n本报讯（记者　刘晓燕　张　蕾　陈思远）1月29日上午，大会开幕。\n", "本报讯", []string{"刘晓燕", "张蕾", "陈思远"}},
		{"市人代会举行第二次全体会议\n\n本报讯（成都日报锦观新闻记者 王雪锋 程瑞）1月24日上午，会议举行第二次全体会议。\n", "本报讯", []string{"王雪锋", "程瑞"}},
		{"市人代会闭幕\n\n本报讯（全媒体记者　阿依努尔·买买提　王　磊）1月12日下午，大会闭幕。\n", "本报讯", []string{"阿依努尔·买买提", "王磊"}},
		{"全國人大開幕 李強作政府工作報告\n\n（中央社記者廖士鋒台北5日電）中國大陸第十四屆全國人民代表大會第三次會議今天在北京開幕。\n", "中央社", []string{"廖士鋒"}},
		{"政協會議開幕\n\n（中央社記者林沂鋒、吳家豪台北4日專電）全國政協十四屆三次會議今天開幕。\n", "中央社", []string{"林沂鋒", "吳家豪"}},
		{"兩會觀察\n\n（中央社記者張謙華盛頓5日電）美國官員表示，將密切關注北京兩會。\n", "中央社", []string{"張謙"}},
		// Traditional leads, read folded and given as printed.
		{"政協會議開幕\n\n本報訊（記者　陳志遠　通訊員　林曉）1月7日上午，會議開幕。\n", "本報訊", []string{"陳志遠", "林曉"}},
		{"大會發言\n\n本報北京3月6日電（記者 王惠兵 劉彤）會議6日下午舉行。\n", "本報北京3月6日電", []string{"王惠兵", "劉彤"}},
		{"大會開幕\n\n新華社北京３月５日電（記者　劉愷　黃河）第十四屆全國人民代表大會第二次會議５日上午開幕。\n", "新華社北京３月５日電", []string{"劉愷", "黃河"}},
		// A place that is not a known dateline: the names are not guessed.
		{"兩會觀察\n\n（中央社記者李明某地5日電）會議開幕。\n", "", []string{}},
		{"立法會主席：議員須依法履職\n\n【明報專訊】立法會主席梁君彥昨日表示，議員必須依法履職。\n\n（記者 陳嘉欣）\n", "明報", []string{"陳嘉欣"}},
	} {
		doc, err := Parse("a.txt", []byte(tt.text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if doc.Source != tt.source || !cmp.Equal(doc.Reporters, tt.reporters) {
			t.Errorf("Parse(%q): source %q, reporters %q; want %q, %q", tt.text, doc.Source, doc.Reporters, tt.source, tt.reporters)
		}
	}
	// A wire dispatch dated without a reporter is a lead and names its
	// source; a paragraph that opens with a word ending in 电 (供电) is not.
	for _, tt := range []struct{ text, source string }{
		{"十四届全国人大二次会议在京开幕\n\n新华社北京3月5日电 第十四届全国人民代表大会第二次会议5日上午在人民大会堂开幕。\n", "新华社北京3月5日电"},
		{"韩文秀：明年经济工作要坚持稳中求进\n\n中新网北京12月16日电　“2023—2024中国经济年会”16日在北京举行。\n", "中新网北京12月16日电"},
		{"市人代会开幕\n\n国网大同供电公司保障会议用电。\n", ""},
		{"市人代會開幕\n\n新華社北京3月5日電　第十四屆全國人民代表大會第二次會議5日上午開幕。\n", "新華社北京3月5日電"},
		{"市人代會開幕\n\n國網大同供電公司保障會議用電。\n", ""},
	} {
		doc, err := Parse("a.txt", []byte(tt.text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		lead := doc.Passages[1].Kind == KindLead
		if doc.Source != tt.source || lead != (tt.source != "") {
			t.Errorf("Parse(%q): source %q, lead %v; want %q", tt.text, doc.Source, lead, tt.source)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "太原市十六届人大四次会议举行第二次全体会议\n\n" + tt.line + "\n\n1月16日上午，会议举行第二次全体会议。\n\n▲图为会议现场。记者 孙强 摄\n"
			doc, err := Parse("a.txt", []byte(text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.Passages) != 4 {
				t.Fatalf("%d passages, want 4: %+v", len(doc.Passages), doc.Passages)
			}
			if k := doc.Passages[1].Kind; k != tt.kind {
				t.Errorf("%q is a %s, want %s", tt.line, k, tt.kind)
			}
			if k := doc.Passages[3].Kind; k != KindCaption {
				t.Errorf("the caption is a %s", k)
			}
			if doc.Source != tt.source {
				t.Errorf("Source = %q, want %q", doc.Source, tt.source)
			}
			if !cmp.Equal(doc.Reporters, tt.reporters) {
				t.Errorf("Reporters = %q, want %q", doc.Reporters, tt.reporters)
			}
			wantPh := append(tt.photographers, "孙强")
			if !cmp.Equal(doc.Photographers, wantPh) {
				t.Errorf("Photographers = %q, want %q", doc.Photographers, wantPh)
			}
		})
	}
}

// TestPhotoCredits: a photo credit on a line of its own names its
// photographers, a name spaced for alignment as one, a paper's outlet and
// the role left out.
func TestPhotoCredits(t *testing.T) {
	for line, want := range map[string][]string{
		"本报记者　周　杰　摄":       {"周杰"},
		"成都日报锦观新闻记者 陈芋如 摄": {"陈芋如"},
		"本报记者 张占兵 摄":       {"张占兵"},
		"（记者 王芳 李明 摄）":     {"王芳", "李明"},
	} {
		doc, err := Parse("a.txt", []byte("市人代会开幕\n\n1月29日上午，大会开幕。\n\n▲大会现场。\n\n"+line+"\n"), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !cmp.Equal(doc.Photographers, want) {
			t.Errorf("%s: photographers %q, want %q", line, doc.Photographers, want)
		}
	}
}

func TestSourceField(t *testing.T) {
	for text, want := range map[string]string{
		"2026/1/20 10:30 来源：太原日报 编辑：王五": "太原日报",
		"2024-03-06 19:05　來源：人民政協網":     "人民政協網", // Traditional, full-width colon
		"来源: www.people.com.cn":         "www.people.com.cn",
		"来源：":                           "",
		"本报讯（记者 包金花）":                   "",
	} {
		if got := sourceField(text, fold.String(text)); got != want {
			t.Errorf("sourceField(%q) = %q, want %q", text, got, want)
		}
	}
}
