package indexer

import (
	"sessionsearch/fold"
	"strings"
	"unicode/utf8"
)

// classify names each paragraph's kind. Short lines before the first
// sentence are the headline block; the seed's photo block ends the
// document with a label (两会影像 / 2025), captions (◀ / ▶) and credits
// (本报记者 张占兵 摄).
func classify(paras []string, fmTitle string) []Kind {
	kinds := make([]Kind, len(paras))
	inHead := true
	for i, p := range paras {
		short := utf8.RuneCountInString(p) <= 60
		last, _ := utf8.DecodeLastRuneInString(p)
		ends := strings.ContainsRune("。！？!?；;", last)
		switch {
		case isCredit(p):
			kinds[i] = KindCredit
		case isCaption(p):
			kinds[i] = KindCaption
		case inHead && short && !ends:
			kinds[i] = KindSubheadline
		case !inHead && short && !ends && utf8.RuneCountInString(p) <= 2*maxLabelRunes+1:
			kinds[i] = KindLabel
		case isList(p):
			kinds[i] = KindList
		default:
			kinds[i] = KindBody
		}
		if kinds[i] != KindSubheadline {
			if inHead && kinds[i] == KindBody && bylineRe.MatchString(p) {
				kinds[i] = KindLead
			}
			inHead = false
		}
	}
	// The headline: the front matter's title when it is one of the lines;
	// else the first line without inner spaces. Chinese papers set a
	// kicker above the main headline and a deck below it, both made of
	// spaced phrases (全面加快高质量发展 持续深化全方位转型 … over
	// 市十六届人大五次会议隆重开幕, over 张强武健鹏… 谷明主持 …); the main
	// headline is the one a researcher cites.
	head := -1
	for i := range paras {
		if kinds[i] != KindSubheadline {
			break
		}
		if fmTitle != "" && fold.String(paras[i]) == fold.String(fmTitle) {
			head = i
			break
		}
		if head < 0 && !strings.ContainsAny(paras[i], " \u3000") {
			head = i
		}
	}
	if head < 0 && len(paras) > 0 && kinds[0] == KindSubheadline {
		head = 0
	}
	if head >= 0 {
		kinds[head] = KindHeadline
	}
	return kinds
}

// isList: an attendance or seating list, many names joined by 、 with a
// verb of attendance (大会执行主席张强、武健鹏…在主席台前排就座).
func isList(p string) bool {
	return strings.Count(p, "、")+strings.Count(p, "；") >= 3 && listVerbRe.MatchString(p)
}

func titles(ps []Passage, fmTitle string) (string, []string) {
	title := fmTitle
	var subs []string
	for _, p := range ps {
		switch p.Kind {
		case KindHeadline:
			if title == "" {
				title = p.Text
			} else if p.Text != title {
				subs = append(subs, p.Text)
			}
		case KindSubheadline:
			subs = append(subs, p.Text)
		}
	}
	if title == "" && len(ps) > 0 {
		title = string([]rune(ps[0].Text)[:min(30, utf8.RuneCountInString(ps[0].Text))])
	}
	return title, subs
}
