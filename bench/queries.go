package main

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"sessionsearch/fold"
)

// query is one line of queries.txt: a class and the search box text.
type query struct {
	Class   string
	Box     string   // as typed into sessionsearch's search box
	Terms   []string // the quoted terms, all required
	Filters map[string]string
	Facet   bool // compare facet counts as well
}

// parseQuery reads the box syntax the query set uses: quoted terms and
// key:value filters (kind, year).
func parseQuery(class, box string) (query, error) {
	q := query{Class: class, Box: box, Filters: map[string]string{}, Facet: class == "facet"}
	rest := strings.TrimSpace(box)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return q, fmt.Errorf("unclosed quote in %q", box)
			}
			q.Terms = append(q.Terms, rest[1:1+end])
			rest = strings.TrimSpace(rest[2+end:])
			continue
		}
		f, r, _ := strings.Cut(rest, " ")
		k, v, ok := strings.Cut(f, ":")
		if !ok {
			return q, fmt.Errorf("unquoted term %q in %q", f, box)
		}
		q.Filters[k] = v
		rest = strings.TrimSpace(r)
	}
	if len(q.Terms) == 0 {
		return q, fmt.Errorf("no term in %q", box)
	}
	return q, nil
}

// readQueries reads the committed query set.
func readQueries(path string) ([]query, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []query
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		class, box, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("%s: no tab in %q", path, line)
		}
		q, err := parseQuery(class, box)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// hanRuns returns the runs of Han characters of a sentence.
func hanRuns(s string) [][]rune {
	var out [][]rune
	var cur []rune
	for _, r := range s {
		if isHan(r) {
			cur = append(cur, r)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

type counted struct {
	s string
	n int
}

// byFrequency sorts a count map, most frequent first, ties by text so the
// order is fixed.
func byFrequency(m map[string]int) []counted {
	out := make([]counted, 0, len(m))
	for s, n := range m {
		out = append(out, counted{s, n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].n != out[j].n {
			return out[i].n > out[j].n
		}
		return out[i].s < out[j].s
	})
	return out
}

// pick takes n items spread evenly over list[lo:hi].
func pick(list []counted, lo, hi, n int) []string {
	if hi > len(list) {
		hi = len(list)
	}
	var out []string
	if hi <= lo {
		return out
	}
	step := float64(hi-lo) / float64(n)
	for i := 0; i < n && lo+int(float64(i)*step) < hi; i++ {
		out = append(out, list[lo+int(float64(i)*step)].s)
	}
	return out
}

// makeQueries builds the query set from the sentence pool: frequencies are
// the pool's, so the set does not depend on the corpus size.
func makeQueries(p *pool) []string {
	rng := rand.New(rand.NewPCG(7, 11))
	chars := map[string]int{}
	bigrams := map[string]int{}
	var all []string
	all = append(all, p.Simplified...)
	for _, s := range all {
		for _, run := range hanRuns(fold.String(s)) {
			for i, r := range run {
				chars[string(r)]++
				if i+1 < len(run) {
					bigrams[string(run[i:i+2])]++
				}
			}
		}
	}
	cf, bf := byFrequency(chars), byFrequency(bigrams)
	var lines []string
	add := func(class string, terms []string, filter string) {
		var b strings.Builder
		for i, t := range terms {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(`"` + t + `"`)
		}
		if filter != "" {
			b.WriteString(" " + filter)
		}
		lines = append(lines, class+"\t"+b.String())
	}
	for _, c := range pick(cf, 0, 30, 15) {
		add("char-frequent", []string{c}, "")
	}
	for _, c := range pick(cf, 200, 1500, 15) {
		add("char-mid", []string{c}, "")
	}
	for _, c := range pick(cf, len(cf)*2/3, len(cf), 15) {
		add("char-rare", []string{c}, "")
	}
	for _, b := range []string{"发展", "建设", "经济", "会议", "代表", "人民", "工作", "改革"} {
		add("bigram-frequent", []string{b}, "")
	}
	for _, b := range pick(bf, 0, 60, 12) {
		add("bigram-frequent", []string{b}, "")
	}
	for _, b := range pick(bf, 500, 5000, 20) {
		add("bigram-mid", []string{b}, "")
	}
	for _, b := range pick(bf, len(bf)*2/3, len(bf), 20) {
		add("bigram-rare", []string{b}, "")
	}
	// Phrases of 3 to 8 characters cut from random sentences: most are
	// rare, some (from formulaic sentences) frequent.
	for n := 3; n <= 8; n++ {
		for k := 0; k < 10; {
			s := all[rng.IntN(len(all))]
			for _, run := range hanRuns(s) {
				if len(run) >= n {
					i := rng.IntN(len(run) - n + 1)
					add("phrase", []string{string(run[i : i+n])}, "")
					k++
					break
				}
			}
		}
	}
	for _, s := range []string{"政府工作报告", "人民代表大会", "高质量发展", "全方位转型", "中国式现代化", "民生实事", "算力之城", "十四五"} {
		add("phrase", []string{s}, "")
	}
	// Phrases that never occur: real characters in an order no sentence
	// has (checked against the pool).
	joined := fold.String(strings.Join(all, "\n"))
	for k := 0; k < 20; {
		n := 2 + k%5
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(cf[rng.IntN(min(len(cf), 800))].s)
		}
		if !strings.Contains(joined, b.String()) {
			add("absent", []string{b.String()}, "")
			k++
		}
	}
	for k := 0; k < 30; k++ {
		a := pick(bf, rng.IntN(300), 2000, 1)
		b := pick(bf, rng.IntN(300), 2000, 1)
		ta, tb := a[0], b[0]
		if k%3 == 0 {
			// A longer term with a frequent one.
			ta = []string{"政府工作报告", "高质量发展", "人民代表大会", "全面深化改革", "生态环境"}[k%5]
		}
		add("and", []string{ta, tb}, "")
	}
	for _, n := range []string{"341", "314", "1341", "3410", "300", "52", "120", "2025", "2025年", "2024年", "2019年", "第5次", "第3次", "341人", "4.5"} {
		add("number", []string{n}, "")
	}
	for k, t := range pick(bf, 0, 400, 20) {
		filter := []string{"kind:body", "kind:headline", "year:2020", "year:2024", "kind:lead"}[k%5]
		add("filtered", []string{t}, filter)
	}
	for _, t := range pick(bf, 0, 2000, 20) {
		add("facet", []string{t}, "")
	}
	// Traditional-character queries must find Simplified text and the
	// other way round.
	for k := 0; k < 15 && len(p.Traditional) > 0; {
		s := p.Traditional[rng.IntN(len(p.Traditional))]
		for _, run := range hanRuns(s) {
			if len(run) >= 4 && string(run) != fold.String(string(run)) {
				i := rng.IntN(len(run) - 3)
				add("traditional", []string{string(run[i : i+2+rng.IntN(3)])}, "")
				k++
				break
			}
		}
	}
	return lines
}

// writeQueries writes the query set file.
func writeQueries(path string, lines []string) error {
	var b strings.Builder
	b.WriteString("# The benchmark's fixed query set: class TAB search box text.\n")
	b.WriteString("# Generated by `go run ./bench queries`; terms are quoted phrases, filters key:value.\n")
	for _, l := range lines {
		if !utf8.ValidString(l) {
			continue
		}
		b.WriteString(l + "\n")
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
