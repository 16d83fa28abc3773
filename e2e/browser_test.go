package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestSearchPage uses the page as a reader of the seed would: search,
// filter, read, line up a concordance, use the keyboard, switch language,
// and on a phone. One browser and one site serve every step; each step
// opens its own URL, so a failing step does not hide the ones after it.
func TestSearchPage(t *testing.T) {
	ts := startSite(t)
	b := newBrowser(t, ts.URL)
	t.Cleanup(func() { b.checkConsole(t) })

	if resp, err := http.Get(ts.URL + "/"); err == nil {
		t.Logf("Content-Security-Policy of /: %q", resp.Header.Get("Content-Security-Policy"))
		resp.Body.Close()
	}

	t.Run("home", func(t *testing.T) { testHome(t, b) })
	t.Run("search and highlight", func(t *testing.T) { testSearchHighlight(t, b) })
	t.Run("topic facet and history", func(t *testing.T) { testTopicFacet(t, b) })
	t.Run("facets narrow and clear", func(t *testing.T) { testFacetsNarrow(t, b) })
	t.Run("reader view", func(t *testing.T) { testReader(t, b) })
	t.Run("concordance", func(t *testing.T) { testConcordance(t, b) })
	t.Run("API errors are shown", func(t *testing.T) { testErrors(t, b, ts.URL) })
	t.Run("keyboard", func(t *testing.T) { testKeyboard(t, b) })
	t.Run("suggestions", func(t *testing.T) { testSuggestions(t, b) })
	t.Run("language toggle", func(t *testing.T) { testLanguage(t, b) })
	t.Run("CJK glyphs render", func(t *testing.T) { testCJKRendering(t, b) })
	t.Run("phone width", func(t *testing.T) { testPhone(t, b) })
}

// hitsJS lists the hits on screen with what a reader sees of each.
const hitsJS = `[...document.querySelectorAll('#main .hit')].map((h) => ({
	title: h.querySelector('.hit-title').textContent,
	href: h.querySelector('.hit-title').getAttribute('href'),
	marks: [...h.querySelectorAll('.snippet mark')].map((m) => m.textContent),
	speaker: (h.querySelector('.speaker-name') || {}).textContent || '',
	topics: [...h.querySelectorAll('.chip.topic')].map((c) => c.textContent),
}))`

type hitView struct {
	Title   string   `json:"title"`
	Href    string   `json:"href"`
	Marks   []string `json:"marks"`
	Speaker string   `json:"speaker"`
	Topics  []string `json:"topics"`
}

// shownTotal is the result count the page shows.
const shownTotalJS = `Number((document.querySelector('.count-number') || {textContent: 'NaN'}).textContent.replace(/[^0-9]/g, ''))`

func param(t *testing.T, b *browser, name string) []string {
	t.Helper()
	u, err := url.Parse(eval[string](t, b, `location.href`))
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()[name]
}

func testHome(t *testing.T, b *browser) {
	b.open(t, "/")
	b.waitFor(t, "the start page", `document.querySelector('#main .home .example-list')`)
	examples := eval[[]string](t, b, `[...document.querySelectorAll('.example')].map((a) => a.textContent)`)
	for _, want := range []string{"算力之城", "四个自信", "民生实事", "十四五"} {
		if !strings.Contains(strings.Join(examples, " "), want) {
			t.Errorf("example queries = %q, want %s among them", examples, want)
		}
	}
	help := eval[string](t, b, `document.querySelector('.syntax-table').textContent`)
	for _, want := range []string{`"四个自信"`, "-", " OR ", "speaker:", "topic:", "kind:", "doc:", "date:2025-01-01..2025-12-31"} {
		if !strings.Contains(help, want) {
			t.Errorf("syntax help lacks %q:\n%s", want, help)
		}
	}
	b.screenshot(t, "home.png")
}

// searchFromBox types a query into the search box as a person does: `/`
// to focus it, the text, Enter.
func searchFromBox(t *testing.T, b *browser, q string) {
	t.Helper()
	b.press(t, "/", "Slash")
	b.waitFor(t, "the search box to take the focus", `document.activeElement && document.activeElement.id === 'q'`)
	b.do(t, "clearing the box", chromedp.Evaluate[chromedp.Void](`document.getElementById('q').select()`))
	b.typeText(t, q)
	b.key(t, kb.Enter)
}

func testSearchHighlight(t *testing.T, b *browser) {
	b.open(t, "/")
	b.waitFor(t, "the start page", `document.querySelector('#main .home')`)
	searchFromBox(t, b, "算力之城")
	b.waitFor(t, "a hit with 算力之城 highlighted and 刘俊义 as speaker", `[...document.querySelectorAll('#main .hit')].some((h) =>
		[...h.querySelectorAll('.snippet mark')].some((m) => m.textContent.includes('算力之城')) &&
		(h.querySelector('.speaker-name') || {}).textContent === '刘俊义')`)
	if got := param(t, b, "q"); len(got) != 1 || got[0] != "算力之城" {
		t.Errorf("URL q = %q, want [算力之城]", got)
	}
	if n := eval[int](t, b, shownTotalJS); n < 1 {
		t.Errorf("shown result count = %d, want at least 1", n)
	}
	role := eval[string](t, b, `(document.querySelector('.hit .speaker-role') || {}).textContent || ''`)
	if !strings.Contains(role, "市长") {
		t.Errorf("speaker role = %q, want 刘俊义's role (代市长)", role)
	}
	b.waitFor(t, "the result count announced", `document.getElementById('live').textContent.trim() !== ''`)
	b.screenshot(t, "search-hit.png")

	// A query with several hits, for the README.
	b.open(t, "/?q="+url.QueryEscape("高质量发展"))
	b.waitFor(t, "results for 高质量发展", `document.querySelectorAll('#main .hit').length >= 2`)
	b.screenshot(t, "results.png")

	// A proximity query: both terms marked, the operator in the query line.
	searchFromBox(t, b, "算力之城 NEAR/10 能源之城")
	b.waitFor(t, "a hit with both operands marked", `[...document.querySelectorAll('#main .hit')].some((h) => {
		const marks = [...h.querySelectorAll('.snippet mark')].map((m) => m.textContent);
		return marks.includes('算力之城') && marks.includes('能源之城');
	})`)
	if line := eval[string](t, b, `(document.querySelector('.interp-line') || {}).textContent || ''`); !strings.Contains(line, "算力之城 NEAR/10 能源之城") {
		t.Errorf("query line = %q, want the operator with its operands", line)
	}

	// A bookmarked URL opens straight on its results.
	b.open(t, "/?q="+url.QueryEscape("算力之城"))
	b.waitFor(t, "results from the URL alone", `[...document.querySelectorAll('#main .hit .snippet mark')].some((m) => m.textContent.includes('算力之城'))`)
	if v := eval[string](t, b, `document.getElementById('q').value`); v != "算力之城" {
		t.Errorf("search box = %q after opening /?q=算力之城, want the query", v)
	}
}

func testTopicFacet(t *testing.T, b *browser) {
	b.open(t, "/?q="+url.QueryEscape("算力之城"))
	b.waitFor(t, "results with a topic facet", `document.querySelector('#main .hit') && document.querySelector('.facet-option[data-facet="topic"]')`)
	before := eval[int](t, b, shownTotalJS)
	type option struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	}
	opt := eval[option](t, b, `(() => { const o = document.querySelector('.facet-option[data-facet="topic"]');
		return {value: o.dataset.value, count: Number(o.querySelector('.facet-count').textContent.replace(/[^0-9]/g, ''))}; })()`)
	b.do(t, "clicking the topic "+opt.Value, chromedp.Click(chromedp.CSS(`.facet-option[data-facet="topic"]`)))
	b.waitFor(t, "the topic filter in the URL and the facet pressed", fmt.Sprintf(`new URL(location.href).searchParams.getAll('topic').includes(%s) &&
		document.querySelector('.facet-option[data-facet="topic"][aria-pressed="true"]') && document.querySelector('.active-chip')`, jsString(opt.Value)))
	hits := eval[[]hitView](t, b, hitsJS)
	if len(hits) == 0 {
		t.Fatalf("no hits after filtering by topic %s", opt.Value)
	}
	for _, h := range hits {
		if !contains(h.Topics, opt.Value) {
			t.Errorf("hit %s has topics %q after filtering by %s", h.Href, h.Topics, opt.Value)
		}
	}
	if got := eval[int](t, b, shownTotalJS); got != opt.Count || got > before {
		t.Errorf("filtered count = %d, want the facet's count %d (and at most %d)", got, opt.Count, before)
	}

	// Back undoes the filter.
	b.do(t, "going back", chromedp.Evaluate[chromedp.Void](`history.back()`))
	b.waitFor(t, "the unfiltered results after back", `new URL(location.href).searchParams.getAll('topic').length === 0 &&
		document.querySelector('#main .hit') && !document.querySelector('.facet-option[aria-pressed="true"]')`)
	if got := eval[int](t, b, shownTotalJS); got != before {
		t.Errorf("count after back = %d, want %d", got, before)
	}
	// And forward brings it back.
	b.do(t, "going forward", chromedp.Evaluate[chromedp.Void](`history.forward()`))
	b.waitFor(t, "the filtered results after forward", `new URL(location.href).searchParams.getAll('topic').length === 1 &&
		document.querySelector('.facet-option[data-facet="topic"][aria-pressed="true"]')`)
}

// testFacetsNarrow filters a broad query by a topic that only some hits
// carry, combines it with a second facet, and clears both.
func testFacetsNarrow(t *testing.T, b *browser) {
	b.open(t, "/?q="+url.QueryEscape("大同"))
	b.waitFor(t, "results for 大同", `document.querySelector('#main .hit') && document.querySelector('.facet-option[data-facet="topic"]')`)
	total := eval[int](t, b, shownTotalJS)
	value := eval[string](t, b, fmt.Sprintf(`(() => { const o = [...document.querySelectorAll('.facet-option[data-facet="topic"]')]
		.find((o) => Number(o.querySelector('.facet-count').textContent.replace(/[^0-9]/g, '')) < %d);
		return o ? o.dataset.value : ''; })()`, total))
	if value == "" {
		t.Fatalf("no topic covers fewer than all %d hits for 大同: the facet cannot narrow anything", total)
	}
	b.do(t, "clicking topic "+value, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.facet-option[data-facet="topic"][data-value=%s]`, jsString(value)))))
	b.waitFor(t, "fewer results", fmt.Sprintf(`document.querySelector('.facet-option[data-facet="topic"][aria-pressed="true"]') && %s < %d`, shownTotalJS, total))
	narrowed := eval[int](t, b, shownTotalJS)

	// A second facet combines with the first.
	b.do(t, "clicking a kind", chromedp.Click(chromedp.CSS(`.facet-option[data-facet="kind"][aria-pressed="false"]`)))
	b.waitFor(t, "two filters in the URL", `new URL(location.href).searchParams.getAll('kind').length === 1 && new URL(location.href).searchParams.getAll('topic').length === 1 && document.querySelectorAll('.active-chip').length === 2`)
	if got := eval[int](t, b, shownTotalJS); got > narrowed {
		t.Errorf("count with topic and kind = %d, more than with the topic alone (%d)", got, narrowed)
	}

	b.do(t, "clearing all filters", chromedp.Click(chromedp.CSS(`.active-filters .clear-all`)))
	b.waitFor(t, "no filters", `!document.querySelector('.active-chip') && [...new URL(location.href).searchParams.keys()].join() === 'q'`)
	if got := eval[int](t, b, shownTotalJS); got != total {
		t.Errorf("count after clear all = %d, want %d", got, total)
	}
}

func testReader(t *testing.T, b *browser) {
	b.open(t, "/?q="+url.QueryEscape("算力之城"))
	b.waitFor(t, "a hit", `document.querySelector('#main .hit .hit-title')`)
	href := eval[string](t, b, `document.querySelector('#main .hit .hit-title').getAttribute('href')`)
	u, err := url.Parse(href)
	if err != nil || !strings.HasPrefix(u.Path, "/doc/") || !strings.HasPrefix(u.Fragment, "p") || u.Query().Get("q") != "算力之城" {
		t.Fatalf("hit link = %q, want /doc/{id}?q=算力之城#p{n}", href)
	}
	b.do(t, "opening the hit", chromedp.Click(chromedp.CSS(`#main .hit .hit-title`)))
	b.waitFor(t, "the reader at the hit's passage", fmt.Sprintf(`location.hash === %s && document.querySelector('.reader .passage mark')`, jsString("#"+u.Fragment)))
	type place struct {
		Top, Height, ScrollY float64
		Target, Marked       bool
		Title                string
	}
	var p place
	// The scroll happens after the render; give it a frame.
	b.waitFor(t, "the passage scrolled into view", `(() => { const el = document.getElementById(location.hash.slice(1));
		if (!el) return false; const r = el.getBoundingClientRect(); return scrollY > 0 && r.top >= 0 && r.top < innerHeight / 2; })()`)
	p = eval[place](t, b, `(() => { const el = document.getElementById(location.hash.slice(1)); const r = el.getBoundingClientRect();
		return {Top: r.top, Height: innerHeight, ScrollY: scrollY, Target: el.classList.contains('is-target'),
			Marked: [...el.querySelectorAll('mark')].some((m) => m.textContent.includes('算力之城')),
			Title: document.querySelector('.doc-title').textContent}; })()`)
	if !p.Target || !p.Marked {
		t.Errorf("passage %s: target=%v, 算力之城 highlighted=%v; want both", u.Fragment, p.Target, p.Marked)
	}
	if !strings.Contains(p.Title, "人大五次会议") {
		t.Errorf("document title = %q, want the seed's headline (市十六届人大五次会议隆重开幕)", p.Title)
	}
	meta := eval[string](t, b, `document.querySelector('.doc-meta').textContent`)
	if !strings.Contains(meta, "2025-02-15") || !strings.Contains(meta, "李雪峰") {
		t.Errorf("document metadata = %q, want the date and the reporter 李雪峰", meta)
	}
	if n := eval[int](t, b, `document.querySelectorAll('.passage').length`); n < 20 {
		t.Errorf("reader shows %d passages, want the whole document", n)
	}
	if got := eval[string](t, b, `[...document.querySelectorAll('.passage')].find((p) => p.querySelector('mark')).querySelector('.passage-speaker .speaker-name').textContent`); got != "刘俊义" {
		t.Errorf("speaker marked on the matching passage = %q, want 刘俊义", got)
	}
	b.screenshot(t, "reader.png")

	// Previous/next through every match of a query with several.
	docPath := u.Path
	b.open(t, docPath+"?q="+url.QueryEscape("十四五"))
	b.waitFor(t, "the matches of 十四五", `document.querySelectorAll('.passage mark').length >= 3 && document.querySelector('mark.is-current')`)
	current := `[...document.querySelectorAll('.passage mark')].findIndex((m) => m.classList.contains('is-current'))`
	if i := eval[int](t, b, current); i != 0 {
		t.Errorf("current match on opening = %d, want 0", i)
	}
	b.do(t, "next match", chromedp.Click(chromedp.CSS(`.match-next`)))
	b.waitFor(t, "the second match current", current+` === 1`)
	b.press(t, "n", "KeyN")
	b.waitFor(t, "the third match current after n", current+` === 2`)
	b.press(t, "N", "KeyN")
	b.waitFor(t, "back to the second match after N", current+` === 1`)
	if pos := eval[string](t, b, `document.querySelector('.match-pos').textContent`); !strings.Contains(pos, "2") || !strings.Contains(pos, "3") {
		t.Errorf("match position = %q, want 2 of 3", pos)
	}
}

// kwicRowsJS lists the concordance lines with their geometry.
const kwicRowsJS = `[...document.querySelectorAll('table.kwic tbody tr')].map((tr) => {
	const left = tr.querySelector('.kwic-left .kwic-clip'), ls = left.querySelector('span');
	const right = tr.querySelector('.kwic-right .kwic-clip'), rs = right.querySelector('span');
	const m = tr.querySelector('.kwic-match mark').getBoundingClientRect();
	return {left: ls.textContent, match: tr.querySelector('.kwic-match').textContent, right: rs.textContent,
		matchCenter: m.left + m.width / 2,
		leftEnd: ls.getBoundingClientRect().right, leftBox: left.getBoundingClientRect().right,
		rightStart: rs.getBoundingClientRect().left, rightBox: right.getBoundingClientRect().left};
})`

type kwicRow struct {
	Left        string  `json:"left"`
	Match       string  `json:"match"`
	Right       string  `json:"right"`
	MatchCenter float64 `json:"matchCenter"`
	LeftEnd     float64 `json:"leftEnd"`
	LeftBox     float64 `json:"leftBox"`
	RightStart  float64 `json:"rightStart"`
	RightBox    float64 `json:"rightBox"`
}

func testConcordance(t *testing.T, b *browser) {
	// Reach the concordance the way a reader does: from the results.
	b.open(t, "/?q="+url.QueryEscape("算力之城"))
	b.waitFor(t, "results", `document.querySelector('#main .hit')`)
	b.do(t, "switching to the concordance", chromedp.Click(chromedp.CSS(`.view-tabs a[href^="/kwic"]`)))
	b.waitFor(t, "concordance lines", `location.pathname === '/kwic' && document.querySelector('table.kwic tbody tr')`)
	rows := eval[[]kwicRow](t, b, kwicRowsJS)
	if len(rows) == 0 {
		t.Fatal("no concordance lines for 算力之城")
	}
	r := rows[0]
	if r.Match != "算力之城" || !strings.HasSuffix(r.Left, "努力建设能源之城、") || !strings.HasPrefix(r.Right, "、文化之城") {
		t.Errorf("line = %q [%q] %q, want …努力建设能源之城、[算力之城]、文化之城…", r.Left, r.Match, r.Right)
	}

	// Several lines: aligned on the keyword, sortable by either context.
	b.open(t, "/kwic?q="+url.QueryEscape("十四五"))
	b.waitFor(t, "three lines for 十四五", `document.querySelectorAll('table.kwic tbody tr').length === 3`)
	rows = eval[[]kwicRow](t, b, kwicRowsJS)
	for i, r := range rows {
		if d := r.MatchCenter - rows[0].MatchCenter; d > 1 || d < -1 {
			t.Errorf("line %d: keyword centred at x=%.1f, line 0 at %.1f: not aligned", i, r.MatchCenter, rows[0].MatchCenter)
		}
		if d := r.LeftBox - r.LeftEnd; d > 1 || d < -1 {
			t.Errorf("line %d: left context ends at x=%.1f, its cell at %.1f: not right-aligned", i, r.LeftEnd, r.LeftBox)
		}
		if d := r.RightStart - r.RightBox; d > 1 || d < -1 {
			t.Errorf("line %d: right context starts at x=%.1f, its cell at %.1f", i, r.RightStart, r.RightBox)
		}
	}
	b.do(t, "sorting by right context", chromedp.Click(chromedp.CSS(`.th-sort[data-ksort="right"]`)))
	b.waitFor(t, "ksort=right in the URL", `new URL(location.href).searchParams.get('ksort') === 'right'`)
	rows = eval[[]kwicRow](t, b, kwicRowsJS)
	// The right contexts are ”规划收官之年, ”规划目标任务 and ”规划圆满收官;
	// in pinyin order 目 (mù) < 收 (shōu) < 圆 (yuán), where code points
	// would put 圆 first.
	wantRight := []string{"目标", "收官之年", "圆满"}
	for i, w := range wantRight {
		if i < len(rows) && !strings.Contains(rows[i].Right, w) {
			t.Errorf("sorted by right context, line %d = %q, want the one with %s", i, rows[i].Right, w)
		}
	}
	b.do(t, "sorting by left context", chromedp.Click(chromedp.CSS(`.th-sort[data-ksort="left"]`)))
	b.waitFor(t, "ksort=left in the URL", `new URL(location.href).searchParams.get('ksort') === 'left'`)
	rows = eval[[]kwicRow](t, b, kwicRowsJS)
	// Left contexts sort by their reversed string: the quote, then 保, 成,
	// 是 (确保“, 完成“, 今年是“).
	wantLeft := []string{"确保“", "完成“", "是“"}
	for i, w := range wantLeft {
		if i < len(rows) && !strings.HasSuffix(rows[i].Left, w) {
			t.Errorf("sorted by left context, line %d = %q, want the one ending %s", i, rows[i].Left, w)
		}
	}
	// The order survives a reload, since it lives in the URL.
	b.do(t, "reloading", chromedp.Reload())
	b.waitFor(t, "lines after reload", `document.querySelectorAll('table.kwic tbody tr').length === 3`)
	if first := eval[string](t, b, `document.querySelector('table.kwic tbody tr .kwic-left span').textContent`); !strings.HasSuffix(first, "确保“") {
		t.Errorf("after reload the first line ends %q, want 确保“ (left order kept)", first)
	}

	href, resp, body := b.download(t, ".csv-link")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Type"), "csv") || strings.Count(body, "十四五") < 3 {
		t.Errorf("CSV link %s: %s %s, body:\n%s", href, resp.Status, resp.Header.Get("Content-Type"), body)
	}
	b.open(t, "/kwic?q="+url.QueryEscape("大同")+"&ksort=left")
	b.waitFor(t, "the lines of 大同", `document.querySelectorAll('table.kwic tbody tr').length > 10`)
	b.screenshot(t, "concordance.png")
}

func testErrors(t *testing.T, b *browser, base string) {
	const path = "/api/search?q=%E7%AE%97%E5%8A%9B%E4%B9%8B%E5%9F%8E&page=999999999"
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	var problem struct {
		Status int    `json:"status"`
		Detail string `json:"detail"`
	}
	err = json.NewDecoder(resp.Body).Decode(&problem)
	resp.Body.Close()
	if err != nil || resp.StatusCode != http.StatusBadRequest || problem.Detail == "" {
		t.Fatalf("GET %s = %s, problem %+v (%v): want 400 with a detail", path, resp.Status, problem, err)
	}

	b.open(t, "/?q="+url.QueryEscape("算力之城")+"&page=999999999")
	b.waitFor(t, "the error message", `document.querySelector('[role="alert"] .error-message')`)
	if got := eval[string](t, b, `document.querySelector('.error-message').textContent`); got != problem.Detail {
		t.Errorf("error shown = %q, want the API's detail %q", got, problem.Detail)
	}
	if got := eval[string](t, b, `document.querySelector('.error-title').textContent`); !strings.Contains(got, "400") {
		t.Errorf("error title = %q, want the status 400 in it", got)
	}

	b.open(t, "/doc/no-such-document?q=x")
	b.waitFor(t, "the not-found message", `document.querySelector('[role="alert"] .error-message') && document.querySelector('.error-message').textContent.trim() !== ''`)
	if got := eval[string](t, b, `document.querySelector('.error-title').textContent`); !strings.Contains(got, "404") {
		t.Errorf("error title for an unknown document = %q, want 404 in it", got)
	}
}

func testKeyboard(t *testing.T, b *browser) {
	b.open(t, "/?q="+url.QueryEscape("十四五"))
	b.waitFor(t, "two hits", `document.querySelectorAll('#main .hit').length >= 2`)
	hits := eval[[]hitView](t, b, hitsJS)

	b.press(t, "/", "Slash")
	b.waitFor(t, "the box focused by /", `document.activeElement.id === 'q'`)
	if v := eval[string](t, b, `document.getElementById('q').value`); v != "十四五" {
		t.Errorf("box after / = %q, want 十四五 (the slash must not be typed)", v)
	}
	focused := `(document.activeElement.closest('.hit') || {dataset: {}}).dataset.index`
	b.key(t, kb.ArrowDown)
	b.waitFor(t, "the first hit focused", focused+` === '0'`)
	b.key(t, kb.ArrowDown)
	b.waitFor(t, "the second hit focused", focused+` === '1'`)
	b.key(t, kb.ArrowUp)
	b.waitFor(t, "the first hit again", focused+` === '0'`)
	b.key(t, kb.ArrowDown)
	b.waitFor(t, "the second hit again", focused+` === '1'`)
	b.key(t, kb.Enter)
	want, _ := url.Parse(hits[1].Href)
	b.waitFor(t, "the second hit opened", fmt.Sprintf(`location.pathname === %s && location.hash === %s && document.querySelector('.reader .passage')`,
		jsString(want.EscapedPath()), jsString("#"+want.Fragment)))

	// From the page itself, without the box: arrows start at the first hit.
	b.open(t, "/?q="+url.QueryEscape("十四五"))
	b.waitFor(t, "hits", `document.querySelectorAll('#main .hit').length >= 2`)
	b.do(t, "blurring", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`))
	b.key(t, kb.ArrowDown)
	b.waitFor(t, "the first hit focused from the page", focused+` === '0'`)
}

func testSuggestions(t *testing.T, b *browser) {
	b.open(t, "/")
	b.waitFor(t, "the start page", `document.querySelector('#main .home')`)
	b.press(t, "/", "Slash")
	b.typeText(t, "算力")
	b.waitFor(t, "suggestions", `!document.getElementById('suggestions').hidden && document.querySelector('#suggestions [role="option"]') &&
		document.getElementById('q').getAttribute('aria-expanded') === 'true'`)
	b.key(t, kb.ArrowDown)
	b.waitFor(t, "the first suggestion active", `document.getElementById('q').getAttribute('aria-activedescendant') === 'suggestion-0' &&
		document.getElementById('suggestion-0').getAttribute('aria-selected') === 'true'`)
	b.key(t, kb.Escape)
	b.waitFor(t, "the list closed by Escape", `document.getElementById('suggestions').hidden && document.getElementById('q').getAttribute('aria-expanded') === 'false'`)

	b.typeText(t, "之")
	b.waitFor(t, "suggestions again", `document.querySelector('#suggestions [role="option"]') && !document.getElementById('suggestions').hidden`)
	text := eval[string](t, b, `document.querySelector('#suggestion-0 .suggestion-text').textContent`)
	b.key(t, kb.ArrowDown)
	b.key(t, kb.Enter)
	b.waitFor(t, "results of the chosen suggestion", `document.querySelector('#main .hit') && location.search !== ''`)
	t.Logf("chose the suggestion %q: %s", text, eval[string](t, b, `location.search`))
}

func testLanguage(t *testing.T, b *browser) {
	b.open(t, "/?q="+url.QueryEscape("十四五"))
	b.waitFor(t, "results", `document.querySelector('#main .hit')`)
	b.do(t, "clearing the stored language", chromedp.Evaluate[chromedp.Void](`localStorage.clear()`))
	b.open(t, "/?q="+url.QueryEscape("十四五"))
	b.waitFor(t, "Chinese results", `document.documentElement.lang === 'zh-CN' && document.querySelector('.result-count') && document.querySelector('.result-count').textContent.includes('条结果')`)
	b.do(t, "switching to English", chromedp.Click(chromedp.ID("lang-toggle")))
	b.waitFor(t, "English", `document.documentElement.lang === 'en' && document.querySelector('.result-count') && document.querySelector('.result-count').textContent.includes('results') &&
		document.getElementById('lang-toggle').textContent === '中文' && document.querySelector('.facets-title').textContent === 'Filters'`)
	b.do(t, "reloading", chromedp.Reload())
	b.waitFor(t, "English kept after reload", `document.documentElement.lang === 'en' && document.querySelector('.result-count') && document.querySelector('.result-count').textContent.includes('results')`)
	b.do(t, "switching back", chromedp.Click(chromedp.ID("lang-toggle")))
	b.waitFor(t, "Chinese again", `document.documentElement.lang === 'zh-CN' && document.querySelector('.result-count').textContent.includes('条结果')`)
}

// testCJKRendering checks that Chinese is drawn with real glyphs. Without a
// CJK font every character becomes the same missing-glyph box, so two
// different characters render the same pixels; with one they differ, and
// differ from a character no font has (U+10FFFD, private use).
func testCJKRendering(t *testing.T, b *browser) {
	b.open(t, "/?q="+url.QueryEscape("算力之城"))
	b.waitFor(t, "a snippet", `document.querySelector('#main .snippet')`)
	type render struct {
		Ink      int    `json:"ink"`
		PairDiff int    `json:"pairDiff"`
		TofuDiff int    `json:"tofuDiff"`
		Font     string `json:"font"`
	}
	r := eval[render](t, b, `(() => {
		const font = getComputedStyle(document.querySelector('#main .snippet')).font;
		const draw = (s) => {
			const c = document.createElement('canvas'); c.width = 320; c.height = 48;
			const g = c.getContext('2d'); g.font = font; g.textBaseline = 'top'; g.fillStyle = '#000';
			g.fillText(s, 4, 8); return g.getImageData(0, 0, c.width, c.height).data;
		};
		const diff = (a, b) => { let n = 0; for (let i = 3; i < a.length; i += 4) if (a[i] !== b[i]) n++; return n; };
		const cjk = draw('算力之城民生实事'), tofu = draw('\u{10FFFD}'.repeat(8));
		let ink = 0; for (let i = 3; i < cjk.length; i += 4) if (cjk[i] > 0) ink++;
		return {ink, pairDiff: diff(draw('算'), draw('城')), tofuDiff: diff(cjk, tofu), font};
	})()`)
	t.Logf("CJK rendering with %q: %d inked pixels, 算/城 differ in %d, text/missing-glyph differ in %d", r.Font, r.Ink, r.PairDiff, r.TofuDiff)
	if r.Ink < 100 || r.PairDiff < 20 || r.TofuDiff < 100 {
		t.Errorf("Chinese does not render with real glyphs (ink %d, 算 vs 城 %d, text vs missing glyph %d): install a CJK font such as fonts-wqy-microhei", r.Ink, r.PairDiff, r.TofuDiff)
	}
}

func testPhone(t *testing.T, b *browser) {
	b.do(t, "phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	t.Cleanup(func() { b.do(t, "desktop viewport", chromedp.EmulateViewport(1280, 860)) })
	noOverflow := `document.documentElement.scrollWidth <= innerWidth + 1`

	b.open(t, "/?q="+url.QueryEscape("十四五"))
	b.waitFor(t, "results on a phone", `document.querySelector('#main .hit')`)
	if !eval[bool](t, b, noOverflow) {
		t.Errorf("results page is wider than the phone: scrollWidth %d > %d", eval[int](t, b, `document.documentElement.scrollWidth`), eval[int](t, b, `innerWidth`))
	}
	if !eval[bool](t, b, `getComputedStyle(document.querySelector('.facets-body')).display === 'none' && getComputedStyle(document.querySelector('.facets-toggle')).display !== 'none'`) {
		t.Error("on a phone the facets should fold behind a Filters button")
	}
	b.screenshot(t, "phone.png")
	b.do(t, "opening the filters", chromedp.Click(chromedp.CSS(`.facets-toggle`)))
	b.waitFor(t, "the facets shown", `getComputedStyle(document.querySelector('.facets-body')).display !== 'none' && document.querySelector('.facets-toggle').getAttribute('aria-expanded') === 'true'`)

	href := eval[string](t, b, `document.querySelector('#main .hit .hit-title').getAttribute('href')`)
	b.open(t, href)
	b.waitFor(t, "the reader on a phone", `document.querySelector('.reader .passage mark')`)
	if !eval[bool](t, b, noOverflow) {
		t.Errorf("reader is wider than the phone")
	}
	b.screenshot(t, "phone-reader.png")
	b.open(t, "/kwic?q="+url.QueryEscape("十四五"))
	b.waitFor(t, "the concordance on a phone", `document.querySelector('table.kwic tbody tr')`)
	if !eval[bool](t, b, noOverflow) {
		t.Errorf("concordance is wider than the phone")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
