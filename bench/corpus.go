package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"
)

// corpusSeed fixes the generator: the same sources give the same corpus.
const corpusSeed = 20250215

// CorpusStats says what a generated corpus is made of.
type CorpusStats struct {
	Size          string   `json:"size"`
	Bytes         int64    `json:"bytes"`
	Documents     int      `json:"documents"`
	Traditional   int      `json:"traditional_documents"`
	VerbatimBytes int64    `json:"verbatim_bytes"`   // project documents copied whole
	FirstUseBytes int64    `json:"first_use_bytes"`  // real sentences, each used for the first time
	ReusedBytes   int64    `json:"reused_bytes"`     // real sentences used again in new combinations
	TemplateBytes int64    `json:"template_bytes"`   // headlines' frames, leads, numbers, speaker frames, layout
	RealShare     float64  `json:"real_share"`       // (verbatim + first use) / bytes
	SentenceShare float64  `json:"sentence_share"`   // (verbatim + first use + reused) / bytes
	PoolSentences int      `json:"pool_sentences"`   // distinct real sentences available
	PoolBytes     int      `json:"pool_bytes"`       // their bytes
	PoolTrad      int      `json:"pool_traditional"` // of which from zh-TW sources
	Packages      []string `json:"debian_packages"`
	GeneratorSeed int      `json:"seed"`
}

// parseSize reads 1MB, 10MB, 100MB, 300MB (MiB, as the figures).
func parseSize(s string) (int64, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	switch {
	case strings.HasSuffix(u, "MB"):
		mult, u = 1<<20, strings.TrimSuffix(u, "MB")
	case strings.HasSuffix(u, "KB"):
		mult, u = 1<<10, strings.TrimSuffix(u, "KB")
	}
	n, err := strconv.ParseInt(u, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("bad size %q: want e.g. 1MB, 10MB, 100MB", s)
	}
	return n * mult, nil
}

var (
	surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
	given    = []rune("国华明建军伟强平俊义学斌鹏宇波丽英燕涛新文清永海晋志军红玉兰凤霞春雪峰飞云洁琳静敏")
	roles    = []string{"市长", "代市长", "副市长", "市人大常委会主任", "市政协主席", "大会执行主席", "秘书长", "代表", "委员"}
	verbs    = []string{"在报告中说", "指出", "强调", "表示", "说"}
	places   = []string{"大同市", "太原市", "朔州市", "忻州市", "晋中市", "长治市", "山西省", "阳泉市"}
	cnNums   = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六"}
	papers   = []string{"大同日报", "山西日报", "人民日报", "晋中日报"}
)

// generator recombines real sentences into session-report documents.
type generator struct {
	rng   *rand.Rand
	pool  *pool
	order [2][]int // shuffled sentence order, Simplified and Traditional
	next  [2]int
	used  [2][]bool
	names []string
	st    CorpusStats
}

func newGenerator(p *pool) *generator {
	g := &generator{rng: rand.New(rand.NewPCG(corpusSeed, corpusSeed^0x5eed)), pool: p}
	for i, list := range [][]string{p.Simplified, p.Traditional} {
		g.order[i] = g.rng.Perm(len(list))
		g.used[i] = make([]bool, len(list))
	}
	for i := 0; i < 60; i++ {
		n := string(surnames[g.rng.IntN(len(surnames))]) + string(given[g.rng.IntN(len(given))])
		if g.rng.IntN(3) > 0 {
			n += string(given[g.rng.IntN(len(given))])
		}
		g.names = append(g.names, n)
	}
	return g
}

// sentence returns the next real sentence of the given script and counts
// it as a first use or a reuse.
func (g *generator) sentence(trad bool) string {
	s, first := g.take(trad)
	g.count(len(s), first)
	return s
}

func (g *generator) count(n int, first bool) {
	if first {
		g.st.FirstUseBytes += int64(n)
	} else {
		g.st.ReusedBytes += int64(n)
	}
}

// take returns the next sentence, each once before any is repeated, and
// whether this is its first use.
func (g *generator) take(trad bool) (string, bool) {
	k := 0
	if trad && len(g.pool.Traditional) > 0 {
		k = 1
	}
	list := g.pool.Simplified
	if k == 1 {
		list = g.pool.Traditional
	}
	if len(list) == 0 {
		return "会议听取和审议了政府工作报告。", false
	}
	if g.next[k] == len(g.order[k]) {
		g.order[k] = g.rng.Perm(len(list))
		g.next[k] = 0
	}
	i := g.order[k][g.next[k]]
	g.next[k]++
	first := !g.used[k][i]
	g.used[k][i] = true
	return list[i], first
}

// tmpl appends template text and counts it.
func (g *generator) tmpl(b *strings.Builder, s string) {
	b.WriteString(s)
	g.st.TemplateBytes += int64(len(s))
}

func (g *generator) name() string { return g.names[g.rng.IntN(len(g.names))] }

// numberSentence is a sentence with figures like the seed's 应到代表341人.
// 341 recurs often, with 1341 and 3410 as near misses for whole-token
// matching.
func (g *generator) numberSentence(year int) string {
	n := []int{341, 314, 1341, 3410, 300, 2025, 52, 120}[g.rng.IntN(8)]
	switch g.rng.IntN(5) {
	case 0:
		return fmt.Sprintf("本次大会应到代表%d人，实到%d人，符合法定人数。", n, n-g.rng.IntN(30))
	case 1:
		return fmt.Sprintf("%d年全市地区生产总值完成%d.%d亿元，增长%d.%d%%。", year-1, 500+g.rng.IntN(2000), g.rng.IntN(10), 2+g.rng.IntN(6), g.rng.IntN(10))
	case 2:
		return fmt.Sprintf("全年城镇新增就业%d人，实施民生实事%d项。", 10000+g.rng.IntN(90000), 10+g.rng.IntN(20))
	case 3:
		return fmt.Sprintf("%d年是“十四五”规划收官之年，共收到代表建议%d件。", year, n)
	default:
		return fmt.Sprintf("会议期间共有%d名代表参加了第%d次全体会议。", n, 1+g.rng.IntN(5))
	}
}

func trimEnd(s string) string {
	return strings.TrimRight(s, "。！？；，、：,.;: ")
}

// headline cuts a sentence to headline length, without end punctuation.
func headline(s string) string {
	s = trimEnd(s)
	rs := []rune(s)
	if len(rs) > 28 {
		rs = rs[:28]
	}
	return strings.TrimSpace(string(rs))
}

func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune("。！？；”.!?:：", r)
}

// document writes one generated document of about target bytes.
func (g *generator) document(trad bool, target int) (name string, body string) {
	year := 2010 + g.rng.IntN(16)
	month, day := 1+g.rng.IntN(12), 1+g.rng.IntN(28)
	place := places[g.rng.IntN(len(places))]
	term, num := 10+g.rng.IntN(7), 1+g.rng.IntN(7)
	var b strings.Builder
	hs, first := g.take(trad)
	h := headline(hs)
	b.WriteString(h)
	g.count(len(h), first)
	g.tmpl(&b, "\n\n")
	if g.rng.IntN(2) == 0 {
		g.tmpl(&b, fmt.Sprintf("%s第%s届人民代表大会第%s次会议隆重开幕\n\n", place, cnNums[term-1], cnNums[num-1]))
	}
	reporter := g.name()
	g.tmpl(&b, fmt.Sprintf("本报讯（记者 %s）%d月%d日上午，%s第%s届人民代表大会第%s次会议在%s举行。", reporter, month, day, place, cnNums[term-1], cnNums[num-1], strings.TrimSuffix(place, "市")))
	b.WriteString(g.sentence(trad))
	g.tmpl(&b, "\n\n")
	speaker := g.name()
	role := roles[g.rng.IntN(len(roles))]
	for b.Len() < target {
		sents := 2 + g.rng.IntN(6)
		switch g.rng.IntN(6) {
		case 0:
			g.tmpl(&b, role+speaker+verbs[g.rng.IntN(len(verbs))]+"，")
		case 1:
			g.tmpl(&b, g.numberSentence(year))
		}
		for i := 0; i < sents; i++ {
			s := g.sentence(trad)
			b.WriteString(s)
			if !endsSentence(s) {
				g.tmpl(&b, "。")
			}
		}
		g.tmpl(&b, "\n\n")
	}
	g.tmpl(&b, fmt.Sprintf("（本报记者 %s 摄）\n", g.name()))
	date := fmt.Sprintf("%04d-%02d-%02d", year, month, day)
	paper := papers[g.rng.IntN(len(papers))]
	return fmt.Sprintf("%d/%s %s %06d.txt", year, date, paper, g.st.Documents), b.String()
}

// generate writes a corpus of about size bytes into dir (emptied first)
// and returns its statistics.
func generate(p *pool, dir string, sizeName string, size int64, projectCorpus string) (*CorpusStats, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	// The taxonomy and synonyms go along so that enrichment runs as on
	// the real corpus; they are not documents and are not counted.
	for _, f := range []string{"topics.yaml", "synonyms.yaml"} {
		if b, err := os.ReadFile(filepath.Join(projectCorpus, f)); err == nil {
			os.WriteFile(filepath.Join(dir, f), b, 0o644)
		}
	}
	g := newGenerator(p)
	write := func(rel, body string) error {
		path := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		g.st.Bytes += int64(len(body))
		g.st.Documents++
		return os.WriteFile(path, []byte(body), 0o644)
	}
	for _, d := range p.Documents {
		if g.st.Bytes >= size {
			break
		}
		if err := write("project/"+d.Rel, string(d.Data)); err != nil {
			return nil, err
		}
		g.st.VerbatimBytes += int64(len(d.Data))
	}
	for g.st.Bytes < size {
		// One document in ten in Traditional characters, as Taiwan and
		// Hong Kong coverage would be.
		trad := g.rng.IntN(10) == 0 && len(p.Traditional) > 0
		if trad {
			g.st.Traditional++
		}
		// 2–20 KB, skewed towards short reports.
		target := 2048 + int(float64(18*1024)*g.rng.Float64()*g.rng.Float64())
		rel, body := g.document(trad, target)
		if err := write(rel, body); err != nil {
			return nil, err
		}
	}
	st := g.st
	st.Size = sizeName
	st.PoolSentences = len(p.Simplified) + len(p.Traditional)
	st.PoolBytes = p.SourceBytes
	st.PoolTrad = len(p.Traditional)
	st.Packages = p.Packages
	st.GeneratorSeed = corpusSeed
	st.RealShare = float64(st.VerbatimBytes+st.FirstUseBytes) / float64(st.Bytes)
	st.SentenceShare = float64(st.VerbatimBytes+st.FirstUseBytes+st.ReusedBytes) / float64(st.Bytes)
	return &st, nil
}

// ensureCorpus generates the corpus of the given size unless an identical
// one (same pool) is already there.
func ensureCorpus(env *env, sizeName string) (string, *CorpusStats, error) {
	size, err := parseSize(sizeName)
	if err != nil {
		return "", nil, err
	}
	dir := filepath.Join(env.out, "corpus-"+sizeName)
	manifest := dir + ".json"
	p, err := env.pool()
	if err != nil {
		return "", nil, err
	}
	if b, err := os.ReadFile(manifest); err == nil {
		var st CorpusStats
		if json.Unmarshal(b, &st) == nil && st.PoolBytes == p.SourceBytes && st.GeneratorSeed == corpusSeed {
			if _, err := os.Stat(dir); err == nil {
				return dir, &st, nil
			}
		}
	}
	env.log.Info("generating corpus", "size", sizeName, "dir", dir)
	st, err := generate(p, dir, sizeName, size, env.projectCorpus)
	if err != nil {
		return "", nil, err
	}
	b, _ := json.MarshalIndent(st, "", "  ")
	if err := os.WriteFile(manifest, b, 0o644); err != nil {
		return "", nil, err
	}
	return dir, st, nil
}
