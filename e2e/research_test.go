package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// startResearchSite serves the seed and short work reports of 2019–2024
// (2021 left out), so that a distribution by year has several years and
// a gap, and the keywords of one year have others to stand against.
func startResearchSite(t *testing.T) *httptest.Server {
	t.Helper()
	clauses := map[int]string{
		2019: "坚持稳中求进，转变经济发展方式，发展实体经济。",
		2020: "统筹疫情防控和经济社会发展，在发展中保障民生。",
		2022: "推动高质量发展，在新的起点上全面深化改革。",
		2023: "推动高质量发展，发展数字经济，建设算力之城。",
		2024: "因地制宜发展新质生产力，推动高质量发展，发展新质生产力。",
	}
	speakers := map[int]string{2019: "张伟", 2020: "张伟", 2022: "李强", 2023: "李强", 2024: "王芳"}
	docs := map[string]string{}
	for y, c := range clauses {
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: %d年政府工作报告\ndate: %d-02-20\nspeakers: [%s]\n---\n# %d年政府工作报告\n\n", y, y, speakers[y], y)
		for i := range 3 + y%4 {
			fmt.Fprintf(&b, "%s第%d项工作要抓实。\n\n", c, i+1)
		}
		docs[fmt.Sprintf("%d 政府工作报告.md", y)] = b.String()
	}
	return startSiteWith(t, docs)
}

func TestResearchViews(t *testing.T) {
	ts := startResearchSite(t)
	b := newBrowser(t, ts.URL)
	t.Cleanup(func() { b.checkConsole(t) })
	t.Run("distribution", func(t *testing.T) { testDistribution(t, b) })
	t.Run("keywords", func(t *testing.T) { testKeywordsView(t, b) })
	t.Run("collocations", func(t *testing.T) { testCollocatesView(t, b) })
	t.Run("phone width", func(t *testing.T) { testResearchPhone(t, b) })
}

// testResearchPhone: on a phone the three views fit the screen (the
// tables scroll in their own box).
func testResearchPhone(t *testing.T, b *browser) {
	b.do(t, "phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	t.Cleanup(func() { b.do(t, "desktop viewport", chromedp.EmulateViewport(1280, 860)) })
	noOverflow := `document.documentElement.scrollWidth <= innerWidth + 1`
	b.open(t, "/distribution?q="+url.QueryEscape("发展")+"&cmp="+url.QueryEscape("新质生产力"))
	b.waitFor(t, "the chart on a phone", `document.querySelector('svg.dist-chart .dist-bucket')`)
	if !eval[bool](t, b, noOverflow) {
		t.Errorf("the distribution is wider than the phone: scrollWidth %d > %d", eval[int](t, b, `document.documentElement.scrollWidth`), eval[int](t, b, `innerWidth`))
	}
	b.screenshot(t, "phone-distribution.png")
	b.open(t, "/keywords?year=2024&vs="+url.QueryEscape("year:2019"))
	b.waitFor(t, "the keywords on a phone", `document.querySelector('.kw-table tbody tr')`)
	if !eval[bool](t, b, noOverflow) {
		t.Errorf("the keywords are wider than the phone: scrollWidth %d > %d", eval[int](t, b, `document.documentElement.scrollWidth`), eval[int](t, b, `innerWidth`))
	}
	b.open(t, "/collocates?q="+url.QueryEscape("发展"))
	b.waitFor(t, "the collocates on a phone", `document.querySelector('.co-table tbody tr')`)
	if !eval[bool](t, b, noOverflow) {
		t.Errorf("the collocations are wider than the phone: scrollWidth %d > %d", eval[int](t, b, `document.documentElement.scrollWidth`), eval[int](t, b, `innerWidth`))
	}
}

func testDistribution(t *testing.T, b *browser) {
	// Type a query, as a reader does, then switch to 分布.
	b.open(t, "/")
	b.waitFor(t, "the home page", `document.querySelector('#main .example')`)
	searchFromBox(t, b, "发展")
	b.waitFor(t, "results", `document.querySelector('#main .hit')`)
	b.do(t, "switching to the distribution", chromedp.Click(chromedp.CSS(`.view-tabs a[href^="/distribution"]`)))
	b.waitFor(t, "the chart", `location.pathname === '/distribution' && document.querySelector('svg.dist-chart .dist-bucket')`)
	years := eval[[]string](t, b, `[...document.querySelectorAll('.dist-table tbody tr th')].map((th) => th.textContent)`)
	if got := strings.Join(years, " "); got != "2019 2020 2021 2022 2023 2024 2025" {
		t.Errorf("years in the table = %s, want 2019 to 2025 with 2021 as zero", got)
	}
	if n := eval[int](t, b, `document.querySelectorAll('svg.dist-chart polyline.dist-line').length`); n != 1 {
		t.Errorf("%d lines over the years, want one for the one query", n)
	}

	// Hover the bucket of 2024: the tooltip shows every figure.
	b.do(t, "hovering 2024", chromedp.Evaluate[chromedp.Void](`(() => {
		const r = document.querySelector('.dist-bucket[data-value="2024"] .dist-hit').getBoundingClientRect();
		window.__hover = { x: r.left + r.width / 2, y: r.top + r.height / 2 };
	})()`))
	pt := eval[map[string]float64](t, b, `window.__hover`)
	b.do(t, "moving the mouse", chromedp.MouseEvent("mouseMoved", pt["x"], pt["y"]))
	b.waitFor(t, "the tooltip", `!document.getElementById('dist-tooltip').hidden`)
	tip := eval[string](t, b, `document.getElementById('dist-tooltip').textContent`)
	for _, want := range []string{"2024", "发展", "次数", "含该词段落", "含该词文档", "每万字", "字数"} {
		if !strings.Contains(tip, want) {
			t.Errorf("tooltip %q lacks %s", tip, want)
		}
	}
	b.screenshot(t, "distribution.png")

	// Rate and raw counts switch, and the choice is in the URL.
	b.do(t, "showing raw counts", chromedp.Click(chromedp.CSS(`.dist-measure-count`)))
	b.waitFor(t, "measure=count", `new URL(location.href).searchParams.get('measure') === 'count' && document.querySelector('.dist-measure-count[aria-pressed="true"]')`)

	// Click the bucket: the results filtered to 2024.
	b.do(t, "clicking 2024", chromedp.MouseClickXY(pt["x"], pt["y"]))
	b.waitFor(t, "results of 2024", `location.pathname === '/' && new URL(location.href).searchParams.get('year') === '2024' && document.querySelector('#main .hit')`)
	if q := param(t, b, "q"); len(q) != 1 || q[0] != "发展" {
		t.Errorf("q = %v, want 发展", q)
	}
	// Come back: the distribution as it was.
	b.do(t, "going back", chromedp.NavigateBack())
	b.waitFor(t, "the distribution again", `location.pathname === '/distribution' && document.querySelector('svg.dist-chart .dist-bucket') && document.querySelector('.dist-measure-count[aria-pressed="true"]')`)

	// Download the CSV: it starts with what it counts.
	href, resp, body := b.download(t, ".csv-link")
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, "\uFEFFdistribution of,发展") || !strings.Contains(body, "\r\nrate,") || !strings.Contains(body, "\r\n2024,") {
		t.Errorf("CSV link %s: %s, body:\n%s", href, resp.Status, body)
	}

	// A second query side by side, by speaker: bars.
	b.open(t, "/distribution?q="+url.QueryEscape("发展")+"&cmp="+url.QueryEscape("新质生产力")+"&by=speaker")
	b.waitFor(t, "bars for two queries", `document.querySelectorAll('svg.dist-chart rect.dist-bar.series-1').length > 0`)
	if n := eval[int](t, b, `document.querySelectorAll('.dist-legend-item').length`); n != 2 {
		t.Errorf("%d queries in the legend, want 2", n)
	}
}

func testKeywordsView(t *testing.T, b *browser) {
	b.open(t, "/keywords")
	b.waitFor(t, "the subcorpus form", `document.getElementById('kw-a-value') && document.getElementById('kw-a-value').options.length > 1`)
	b.do(t, "choosing A = 2024", chromedp.Evaluate[chromedp.Void](`document.getElementById("kw-a-value").value = "2024"`))
	b.do(t, "choosing B's field", chromedp.Evaluate[chromedp.Void](`document.getElementById("kw-b-field").value = "year"`))
	b.do(t, "filling B's values", chromedp.Evaluate[chromedp.Void](`document.getElementById('kw-b-field').dispatchEvent(new Event('change'))`))
	b.do(t, "choosing B = 2019", chromedp.Evaluate[chromedp.Void](`document.getElementById("kw-b-value").value = "2019"`))
	b.do(t, "comparing", chromedp.Click(chromedp.CSS(`.kw-submit`)))
	b.waitFor(t, "the keywords", `location.pathname === '/keywords' && document.querySelector('.kw-table tbody tr')`)
	if vs := param(t, b, "vs"); len(vs) != 1 || vs[0] != "year:2019" {
		t.Errorf("vs = %v, want year:2019", vs)
	}
	words := eval[[]string](t, b, `[...document.querySelectorAll('.kw-table .kw-link')].map((a) => a.textContent)`)
	if !contains(words, "发展新质生产力") {
		t.Errorf("keywords of 2024 against 2019 = %v, want 发展新质生产力 among them", words)
	}
	for _, fragment := range []string{"新质生产", "质生产力", "展新质"} {
		if contains(words, fragment) {
			t.Errorf("keywords %v hold the fragment %s", words, fragment)
		}
	}
	b.screenshot(t, "keywords.png")
	// The downloads are the same keywords of A against B.
	for _, link := range []struct{ class, name, begins string }{
		{"csv-link", "keywords.csv", "\uFEFF"},
		{"json-link", "keywords.json", "{"},
	} {
		if name := eval[string](t, b, `document.querySelector('.kw-view .`+link.class+`').getAttribute('download')`); name != link.name {
			t.Errorf("%s downloads as %q, want %q", link.class, name, link.name)
		}
		href, resp, body := b.download(t, ".kw-view ."+link.class)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(body, link.begins) || !strings.Contains(body, "发展新质生产力") || !strings.Contains(href, "vs=year%3A2019") {
			t.Errorf("%s %s: %s, body:\n%.300s", link.class, href, resp.Status, body)
		}
	}
	// A keyword opens its concordance in A.
	b.do(t, "opening a keyword", chromedp.Click(chromedp.CSS(`.kw-table .kw-link`)))
	b.waitFor(t, "its concordance in 2024", `location.pathname === '/kwic' && new URL(location.href).searchParams.get('year') === '2024' && document.querySelector('table.kwic tbody tr')`)
}
