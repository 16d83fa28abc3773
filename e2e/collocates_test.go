package e2e

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// testCollocatesView uses the 搭配 view as a reader does: a query typed in
// the box, the view's tab, another window, another measure by its column,
// the CSV, and a collocate followed to the concordance of the two.
func testCollocatesView(t *testing.T, b *browser) {
	b.open(t, "/")
	b.waitFor(t, "the home page", `document.querySelector('#main .example')`)
	searchFromBox(t, b, "发展")
	b.waitFor(t, "results", `document.querySelector('#main .hit')`)
	b.do(t, "switching to the collocations", chromedp.Click(chromedp.CSS(`.view-tabs a[href^="/collocates"]`)))
	b.waitFor(t, "the collocates", `location.pathname === '/collocates' && document.querySelector('.co-table tbody tr')`)
	if q := param(t, b, "q"); len(q) != 1 || q[0] != "发展" {
		t.Errorf("q = %v, want 发展", q)
	}
	if got := eval[string](t, b, `document.querySelector('.view-tabs a[aria-current="page"]').textContent`); got != "搭配" {
		t.Errorf("the current tab is %q, want 搭配", got)
	}
	// By sentence and logDice unless asked: the clauses' words stand beside
	// 发展, and neither 发展 nor its halves are listed.
	words := eval[[]string](t, b, `[...document.querySelectorAll('.co-table .co-link')].map((a) => a.textContent)`)
	if !contains(words, "推动高质量") && !contains(words, "推动") {
		t.Errorf("collocates of 发展 = %v, want 推动 or 推动高质量 among them", words)
	}
	for _, fragment := range []string{"发展", "发", "展"} {
		if contains(words, fragment) {
			t.Errorf("collocates %v hold the query's fragment %s", words, fragment)
		}
	}
	if got := eval[string](t, b, `document.querySelector('th[aria-sort="descending"] .co-sort').dataset.measure`); got != "logdice" {
		t.Errorf("ranked by %q, want logdice", got)
	}

	// A window of 5 characters: chosen in the form, kept in the URL.
	b.do(t, "choosing 5 characters", chromedp.Evaluate[chromedp.Void](`(() => {
		const s = document.getElementById('co-window');
		s.value = '5';
		s.dispatchEvent(new Event('change'));
	})()`))
	b.waitFor(t, "window=5", `new URL(location.href).searchParams.get('window') === '5' && document.getElementById('co-window').value === '5' && document.querySelector('.co-table tbody tr')`)

	// Rank by log-likelihood from its column: the rows come in its order.
	b.do(t, "sorting by log-likelihood", chromedp.Click(chromedp.CSS(`.co-sort[data-measure="ll"]`)))
	b.waitFor(t, "measure=ll", `new URL(location.href).searchParams.get('measure') === 'll' && document.querySelector('th[aria-sort="descending"] .co-sort[data-measure="ll"]') && document.querySelector('.co-table tbody tr')`)
	if w := param(t, b, "window"); len(w) != 1 || w[0] != "5" {
		t.Errorf("window = %v after sorting, want 5", w)
	}
	lls := eval[[]string](t, b, `[...document.querySelectorAll('.co-table tbody tr')].map((tr) => tr.children[5].textContent)`)
	prev := 1e18
	for _, s := range lls {
		v, err := strconv.ParseFloat(strings.ReplaceAll(s, ",", ""), 64)
		if err != nil {
			t.Fatalf("log-likelihood cell %q: %v", s, err)
		}
		if v > prev {
			t.Errorf("log-likelihoods %v are not in descending order", lls)
			break
		}
		prev = v
	}
	b.screenshot(t, "collocates.png")

	// The CSV is the same list, with what it counts first.
	href, resp, body := b.download(t, ".co-view .csv-link")
	for _, want := range []string{"\uFEFFcollocates of,发展", "\r\nwindow,5 characters on each side", "\r\nmeasure,ll", "\r\ncollocate,freq,corpus_freq,docs,log_dice,log_likelihood,mi,folded,kwic"} {
		if !strings.Contains(body, want) {
			t.Errorf("CSV %s (%s) lacks %q:\n%.600s", href, resp.Status, want, body)
		}
	}
	if !strings.HasPrefix(body, "\uFEFF") || resp.StatusCode != http.StatusOK {
		t.Errorf("CSV %s: %s", href, resp.Status)
	}

	// A collocate opens the concordance of the two together: q NEAR/k
	// "item" for a window of characters, whose lines mark both.
	item := eval[string](t, b, `document.querySelector('.co-table .co-link').textContent`)
	link := eval[string](t, b, `document.querySelector('.co-table .co-link').getAttribute('href')`)
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	if kq := u.Query().Get("q"); u.Path != "/kwic" || !strings.HasPrefix(kq, "发展 NEAR/") || !strings.HasSuffix(kq, ` "`+item+`"`) {
		t.Errorf("the link of %s is %s, want the concordance of 发展 NEAR/k \"%s\"", item, link, item)
	}
	b.do(t, "opening a collocate", chromedp.Click(chromedp.CSS(`.co-table .co-link`)))
	b.waitFor(t, "its concordance", `location.pathname === '/kwic' && new URL(location.href).searchParams.get('q').startsWith('发展 NEAR/') && document.querySelector('table.kwic tbody tr')`)
	if matches := eval[[]string](t, b, `[...document.querySelectorAll('table.kwic td.kwic-match')].map((td) => td.textContent)`); !contains(matches, item) || !contains(matches, "发展") {
		t.Errorf("the concordance of 发展 with %s marks %v, want both", item, matches)
	}

	// Back: the collocations as they were.
	b.do(t, "going back", chromedp.NavigateBack())
	b.waitFor(t, "the collocates again", `location.pathname === '/collocates' && document.querySelector('th[aria-sort="descending"] .co-sort[data-measure="ll"]')`)

	// Another query typed in the view's own form keeps its window and
	// measure.
	b.do(t, "clearing the form's query", chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById('co-q'); i.value = ''; i.focus(); })()`))
	b.typeText(t, "推动")
	b.do(t, "counting", chromedp.Click(chromedp.CSS(`.co-submit`)))
	b.waitFor(t, "the collocates of 推动", `new URL(location.href).searchParams.get('q') === '推动' && document.querySelector('.co-table tbody tr') && document.getElementById('co-q').value === '推动'`)
	for name, want := range map[string]string{"window": "5", "measure": "ll"} {
		if got := param(t, b, name); len(got) != 1 || got[0] != want {
			t.Errorf("%s = %v after a new query, want %s", name, got, want)
		}
	}
	if words := eval[[]string](t, b, `[...document.querySelectorAll('.co-table .co-link')].map((a) => a.textContent)`); !contains(words, "高质量发展") && !contains(words, "高质量") {
		t.Errorf("collocates of 推动 = %v, want 高质量发展 or 高质量 among them", words)
	}

	// So does a query typed in the search box: the view stays.
	searchFromBox(t, b, "发展")
	b.waitFor(t, "the collocates of 发展 from the search box", `new URL(location.href).searchParams.get('q') === '发展' && document.querySelector('.co-table tbody tr, #main .hit')`)
	if got := eval[string](t, b, `location.pathname`); got != "/collocates" {
		t.Errorf("a query from the search box opened %s, want /collocates", got)
	}
	for name, want := range map[string]string{"window": "5", "measure": "ll"} {
		if got := param(t, b, name); len(got) != 1 || got[0] != want {
			t.Errorf("%s = %v after a query from the search box, want %s", name, got, want)
		}
	}

	// Without a query the view asks for one, and the form takes it.
	b.open(t, "/collocates?window=10")
	b.waitFor(t, "the empty view", `document.querySelector('.co-view .panel.empty') && document.activeElement === document.getElementById('co-q')`)
	b.typeText(t, "发展")
	b.do(t, "counting", chromedp.Click(chromedp.CSS(`.co-submit`)))
	b.waitFor(t, "the collocates of 发展 in 10 characters", `new URL(location.href).searchParams.get('q') === '发展' && new URL(location.href).searchParams.get('window') === '10' && document.querySelector('.co-table tbody tr')`)

	// A filter typed in the query is refused with the server's reason.
	b.open(t, "/collocates?q="+url.QueryEscape("发展 year:2024"))
	b.waitFor(t, "the error", `document.querySelector('.error-panel')`)
	if msg := eval[string](t, b, `document.querySelector('.error-message').textContent`); !strings.Contains(msg, "filter") {
		t.Errorf("error message %q does not say the query holds a filter", msg)
	}
}
