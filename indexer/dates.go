package indexer

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

var (
	fullDateRe = regexp.MustCompile(`((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	isoDateRe  = regexp.MustCompile(`((?:19|20)\d\d)[-/.](\d{1,2})[-/.](\d{1,2})`)
	monthDayRe = regexp.MustCompile(`(\d{1,2})月(\d{1,2})日`)
	yearLineRe = regexp.MustCompile(`(?:^|\s)((?:19|20)\d\d)$`)
	yearRe     = regexp.MustCompile(`(到|至)?((?:19|20)\d\d)年`)
	pathYearRe = regexp.MustCompile(`(?:^|\D)((?:19|20)\d\d)(?:\D|$)`)
	// 二〇二五年二月十五日, as official documents date themselves.
	hanDateRe = regexp.MustCompile(`([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日`)
)

// arabicDates writes dates in Chinese numerals (二〇二五年二月十五日) in
// Arabic numerals (2025年2月15日), for the date patterns.
func arabicDates(s string) string {
	if !strings.Contains(s, "〇") && !strings.Contains(s, "零") {
		return s
	}
	return hanDateRe.ReplaceAllStringFunc(s, func(d string) string {
		m := hanDateRe.FindStringSubmatch(d)
		var parts [3]int
		for i := range parts {
			n, ok := parseNumber(m[i+1])
			if !ok {
				return d
			}
			parts[i] = n
		}
		return fmt.Sprintf("%d年%d月%d日", parts[0], parts[1], parts[2])
	})
}

// docDate finds the document's date: the front matter's; a full date in
// the lead (2025年2月15日, 二〇二五年二月十五日, 2025-02-15); a dateline
// in the headline block (2025-02-15 10:30 来源：…, as pages saved from news
// sites begin); else the lead's month and day (the seed's 2月15日) with the
// year from context: a line that is a year alone (the seed's photo block
// label 2025), a year in the file name, or the latest year the text names
// twice or more, leaving out targets (到2035年); else a full date anywhere.
func docDate(doc *Document, text, fmDate string) string {
	for _, s := range []string{fmDate} {
		if s == "" {
			continue
		}
		if m := isoDateRe.FindStringSubmatch(s); m != nil {
			return ymd(m[1], m[2], m[3])
		}
		if m := fullDateRe.FindStringSubmatch(s); m != nil {
			return ymd(m[1], m[2], m[3])
		}
	}
	var lead, head string
	for _, p := range doc.Passages {
		if p.Kind == KindLead || p.Kind == KindBody {
			lead = arabicDates(p.Text)
			break
		}
		head += p.Text + "\n"
	}
	if d, ok := findDate(lead); ok {
		return d
	}
	m := monthDayRe.FindStringSubmatch(lead)
	if dl, _ := findDate(arabicDates(head)); dl != "" {
		if m == nil {
			return dl
		}
		// The lead's day is the event's, the dateline's the page's: the
		// year is the dateline's, or the one before when the lead's month
		// comes later (12月31日 under a 2026/1/2 dateline).
		y, _ := strconv.Atoi(dl[:4])
		if lm, _ := strconv.Atoi(m[1]); lm > 0 {
			if dm, _ := strconv.Atoi(dl[5:7]); lm > dm {
				y--
			}
		}
		return ymd(strconv.Itoa(y), m[1], m[2])
	}
	if m == nil {
		if fm := fullDateRe.FindStringSubmatch(arabicDates(text)); fm != nil {
			return ymd(fm[1], fm[2], fm[3])
		}
		return ""
	}
	year := ""
	for _, p := range doc.Passages {
		if y := yearLineRe.FindStringSubmatch(p.Text); y != nil && p.Kind == KindLabel {
			year = y[1]
		}
	}
	if year == "" {
		if y := pathYearRe.FindStringSubmatch(doc.Path); y != nil {
			year = y[1]
		}
	}
	if year == "" {
		counts := map[string]int{}
		for _, y := range yearRe.FindAllStringSubmatch(text, -1) {
			if y[1] == "" {
				counts[y[2]]++
			}
		}
		var ys []string
		for y, c := range counts {
			if c >= 2 {
				ys = append(ys, y)
			}
		}
		sort.Strings(ys)
		if len(ys) > 0 {
			year = ys[len(ys)-1]
		}
	}
	if year == "" {
		return ""
	}
	return ymd(year, m[1], m[2])
}

// findDate reads a full date from s: 2025年2月15日 (found even when it is
// impossible, which then gives ""), else 2025-02-15, 2025/2/15 or
// 2025.02.15 when it is a real date (not 2019-2021-2023).
func findDate(s string) (date string, found bool) {
	if m := fullDateRe.FindStringSubmatch(s); m != nil {
		return ymd(m[1], m[2], m[3]), true
	}
	if m := isoDateRe.FindStringSubmatch(s); m != nil {
		if d := ymd(m[1], m[2], m[3]); d != "" {
			return d, true
		}
	}
	return "", false
}

func ymd(y, m, d string) string {
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	if mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return y + "-" + twoDigits(mi) + "-" + twoDigits(di)
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
