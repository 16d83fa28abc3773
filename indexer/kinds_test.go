package indexer

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestKinds(t *testing.T) {
	doc := parseSeed(t)
	want := map[int]Kind{
		1: KindSubheadline, 2: KindHeadline, 3: KindSubheadline, 4: KindLead, 5: KindBody,
		8: KindList, 9: KindList, 10: KindBody, 19: KindList, 22: KindLabel,
		23: KindCaption, 24: KindCredit, 25: KindCaption, 26: KindCredit,
	}
	for _, p := range doc.Passages {
		if k, ok := want[p.N]; ok && p.Kind != k {
			t.Errorf("passage %d %.20q kind = %s, want %s", p.N, p.Text, p.Kind, k)
		}
	}
	if doc.Title != "市十六届人大五次会议隆重开幕" {
		t.Errorf("Title = %q", doc.Title)
	}
	wantSubs := []string{"全面加快高质量发展 持续深化全方位转型 奋力谱写中国式现代化大同篇章", "张强武健鹏艾凌宇姚鸿波出席 谷明主持 刘俊义作政府工作报告"}
	if diff := cmp.Diff(wantSubs, doc.Subtitles); diff != "" {
		t.Errorf("Subtitles (-want +got):\n%s", diff)
	}
	if doc.Source != "本报讯" || !cmp.Equal(doc.Reporters, []string{"李雪峰"}) || !cmp.Equal(doc.Photographers, []string{"张占兵", "于宏"}) {
		t.Errorf("byline = %q %q %q", doc.Source, doc.Reporters, doc.Photographers)
	}
}
