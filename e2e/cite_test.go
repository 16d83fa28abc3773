package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"

	"sessionsearch/search"
)

// getAPI decodes an API answer of the test site.
func getAPI(t *testing.T, base, path string, v any) {
	t.Helper()
	resp, err := http.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s: %s", path, resp.Status, readAll(t, resp.Body))
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
}

// TestCitations opens permalinks as a person does (typed into the address
// bar: a top-level navigation to the URL), copies citations from the
// reader, a hit and a concordance line, and follows a hit's permalink.
// The copies are read back from the real clipboard, which the test lets
// the page read (headless Chromium has one per browser).
func TestCitations(t *testing.T) {
	ts := startSite(t)
	b := newBrowser(t, ts.URL)
	defer b.checkConsole(t)
	b.do(t, "letting the page read the clipboard", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			p := cdpbrowser.SetPermissionParams{Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: ts.URL}
			if _, err := cdp.Call(ctx, tg, cdpbrowser.SetPermission, p); err != nil {
				return err
			}
		}
		return nil
	}))
	clipboard := func() string {
		t.Helper()
		ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
		defer cancel()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("reading the clipboard: %v", err)
		}
		return s
	}

	var docs []search.DocumentInfo
	getAPI(t, ts.URL, "/api/documents", &docs)
	if len(docs) != 1 {
		t.Fatalf("%d documents, want the seed", len(docs))
	}
	doc := docs[0]
	var view search.DocumentView
	getAPI(t, ts.URL, "/api/documents/"+url.PathEscape(doc.ID), &view)
	// A passage far enough down that opening it must scroll.
	var target search.PassageView
	for _, p := range view.Passages {
		if strings.Contains(p.Text, "算力之城") {
			target = p
		}
	}
	if target.N < 10 {
		t.Fatalf("the seed's passage with 算力之城 is %d: the test wants one far down", target.N)
	}
	var cite search.Citation
	getAPI(t, ts.URL, fmt.Sprintf("/api/documents/%s/cite?n=%d", url.PathEscape(doc.ID), target.N), &cite)
	if !strings.HasPrefix(cite.Permalink, "/d/") || cite.Fingerprint != target.Fingerprint {
		t.Fatalf("cite = %+v, want a /d/ permalink with the passage's fingerprint %s", cite, target.Fingerprint)
	}
	docPath := strings.SplitN(cite.Permalink, "#", 2)[0]
	pid := "p" + strconv.Itoa(target.N)

	// atTarget waits for passage n marked and scrolled into view.
	atTarget := func(what string, n int) {
		t.Helper()
		b.waitFor(t, what, fmt.Sprintf(`(() => { const el = document.getElementById('p%d');
			if (!el || !el.classList.contains('is-target')) return false;
			const r = el.getBoundingClientRect(); return scrollY > 0 && r.top >= 0 && r.top < innerHeight / 2; })()`, n))
		if got := eval[int](t, b, `document.querySelectorAll('.passage.is-target').length`); got != 1 {
			t.Errorf("%s: %d passages marked as the target, want 1", what, got)
		}
	}
	notice := func() string {
		t.Helper()
		return eval[string](t, b, `(document.querySelector('.permalink-notice') || {}).textContent || ''`)
	}

	t.Run("permalink", func(t *testing.T) {
		b.open(t, cite.Permalink)
		atTarget("the permalink's passage scrolled into view and marked", target.N)
		if got := eval[string](t, b, `document.getElementById('`+pid+`').querySelector('.passage-text').textContent`); got != target.Text {
			t.Errorf("passage at the permalink = %q, want %q", got, target.Text)
		}
		if n := notice(); n != "" {
			t.Errorf("an unchanged passage's permalink shows a notice: %q", n)
		}
		b.screenshot(t, "permalink.png")
	})

	t.Run("without the fingerprint", func(t *testing.T) {
		b.open(t, docPath+"#"+pid)
		atTarget("/d/{doc}#p{n}", target.N)
		if n := notice(); n != "" {
			t.Errorf("notice %q on a link without a fingerprint", n)
		}
	})

	t.Run("copy from the reader", func(t *testing.T) {
		b.open(t, cite.Permalink)
		atTarget("the passage", target.N)
		b.do(t, "opening the passage's 引用 menu", chromedp.Click(chromedp.CSS(`#`+pid+` .cite-toggle`)))
		b.waitFor(t, "the citation loaded", `document.querySelector('#`+pid+` .cite-preview').textContent !== ''`)
		b.do(t, "copying GB/T 7714", chromedp.Click(chromedp.CSS(`#`+pid+` .cite-item[data-form="gbt7714"]`)))
		b.waitFor(t, "copied", `document.querySelector('#`+pid+` .cite-status').textContent === '已复制'`)
		want := "李雪峰. 市十六届人大五次会议隆重开幕[N]. 大同日报, 2025-02-15."
		if got := clipboard(); got != want {
			t.Errorf("clipboard = %q, want %q", got, want)
		}
		b.do(t, "copying the plain form", chromedp.Click(chromedp.CSS(`#`+pid+` .cite-item[data-form="plain"]`)))
		want = fmt.Sprintf("大同日报，2025-02-15，《市十六届人大五次会议隆重开幕》，第%d段", target.N)
		b.waitFor(t, "the plain form copied", `document.querySelector('#`+pid+` .cite').dataset.copied === `+jsString(want))
		if got := clipboard(); got != want {
			t.Errorf("clipboard = %q, want %q", got, want)
		}

		// In English, the menu speaks English and the plain form has
		// English punctuation and label.
		b.do(t, "switching to English", chromedp.Click(chromedp.ID("lang-toggle")))
		b.waitFor(t, "the English menu", `document.querySelector('#`+pid+` .cite-toggle').textContent === 'Cite'`)
		b.do(t, "opening the menu", chromedp.Click(chromedp.CSS(`#`+pid+` .cite-toggle`)))
		b.waitFor(t, "the citation loaded", `document.querySelector('#`+pid+` .cite-preview').textContent !== ''`)
		if got := eval[string](t, b, `document.querySelector('#`+pid+` .cite-item[data-form="plain"]').textContent`); got != "Copy plain citation" {
			t.Errorf("English menu item = %q", got)
		}
		b.do(t, "copying the plain form", chromedp.Click(chromedp.CSS(`#`+pid+` .cite-item[data-form="plain"]`)))
		want = fmt.Sprintf("大同日报, 2025-02-15, 《市十六届人大五次会议隆重开幕》, para. %d", target.N)
		b.waitFor(t, "the English plain form copied", `document.querySelector('#`+pid+` .cite-status').textContent === 'Copied'`)
		if got := clipboard(); got != want {
			t.Errorf("clipboard = %q, want %q", got, want)
		}
		b.do(t, "switching back", chromedp.Click(chromedp.ID("lang-toggle")))
		b.waitFor(t, "the Chinese menu", `document.querySelector('#`+pid+` .cite-toggle').textContent === '引用'`)
	})

	t.Run("changed, moved and missing passages", func(t *testing.T) {
		b.open(t, docPath+"#"+pid+"-000000")
		b.waitFor(t, "the changed-passage notice", `document.querySelector('.permalink-notice')`)
		if n := notice(); !strings.Contains(n, "改动") || !strings.Contains(n, strconv.Itoa(target.N)) {
			t.Errorf("notice for a fingerprint no passage has = %q, want that passage %d changed", n, target.N)
		}
		atTarget("the passage at n all the same", target.N)

		// A link made when the passage was number 3: it is found by its
		// fingerprint where it is now.
		// Only the fragment changes from here on: the page is not loaded
		// again, and the reader must still read the new link.
		b.open(t, fmt.Sprintf("%s#p3-%s", docPath, target.Fingerprint))
		b.waitFor(t, "the moved-passage notice", `(document.querySelector('.permalink-notice') || {}).textContent === `+
			jsString(fmt.Sprintf("链接所指的段落已移到第 %d 段（生成链接时为第 3 段）。", target.N)))
		atTarget("the moved passage", target.N)

		b.open(t, docPath+"#p999")
		b.waitFor(t, "the missing-passage notice", `((document.querySelector('.permalink-notice') || {}).textContent || '').includes('没有第 999 段')`)
		if got := eval[int](t, b, `document.querySelectorAll('.passage.is-target').length`); got != 0 {
			t.Errorf("%d passages marked as the target of a link to a passage the document lacks", got)
		}

		b.open(t, "/d/no-such-document#p1")
		b.waitFor(t, "the error panel", `document.querySelector('.error-panel')`)
		if msg := eval[string](t, b, `document.querySelector('.error-message').textContent`); !strings.Contains(msg, "找不到这篇文档") {
			t.Errorf("a permalink to a removed document says %q", msg)
		}
	})

	t.Run("a hit's citation and permalink", func(t *testing.T) {
		var res search.Result
		getAPI(t, ts.URL, "/api/search?q="+url.QueryEscape("算力之城"), &res)
		if len(res.Hits) == 0 {
			t.Fatal("no hit for 算力之城")
		}
		hit := res.Hits[0]
		b.open(t, "/?q="+url.QueryEscape("算力之城"))
		b.waitFor(t, "a hit", `document.querySelector('#main .hit .cite-toggle')`)
		b.do(t, "opening the hit's 引用 menu", chromedp.Click(chromedp.CSS(`#main .hit .cite-toggle`)))
		b.do(t, "copying the plain form", chromedp.Click(chromedp.CSS(`#main .hit .cite-item[data-form="plain"]`)))
		b.waitFor(t, "copied", `document.querySelector('#main .hit .cite').dataset.copied`)
		if got := clipboard(); got != hit.Citation.Plain {
			t.Errorf("clipboard = %q, want the hit's plain citation %q", got, hit.Citation.Plain)
		}
		b.screenshot(t, "cite-hit.png")
		if href := eval[string](t, b, `document.querySelector('#main .hit .hit-n.permalink').getAttribute('href')`); href != hit.Permalink {
			t.Errorf("the hit's permalink link = %q, want %q", href, hit.Permalink)
		}
		b.do(t, "following the hit's permalink", chromedp.Click(chromedp.CSS(`#main .hit .hit-n.permalink`)))
		b.waitFor(t, "the permalink's URL", `location.pathname + location.hash === `+jsString(hit.Permalink))
		atTarget("the hit's passage", hit.N)
	})

	t.Run("on a phone", func(t *testing.T) {
		b.do(t, "phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
		t.Cleanup(func() { b.do(t, "desktop viewport", chromedp.EmulateViewport(1280, 860)) })
		b.open(t, "/?q="+url.QueryEscape("算力之城"))
		b.waitFor(t, "a hit", `document.querySelector('#main .hit .cite-toggle')`)
		b.do(t, "opening the hit's 引用 menu", chromedp.Click(chromedp.CSS(`#main .hit .cite-toggle`)))
		b.waitFor(t, "the menu", `!document.querySelector('#main .hit .cite-menu').hidden`)
		inside := `(() => { const r = document.querySelector('#main .hit .cite-menu').getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; })()`
		if !eval[bool](t, b, inside) {
			t.Errorf("the hit's citation menu does not fit the phone's width")
		}
		b.screenshot(t, "phone-cite.png")
		b.open(t, cite.Permalink)
		atTarget("the permalink's passage on a phone", target.N)
		if eval[int](t, b, `document.documentElement.scrollWidth`) > eval[int](t, b, `innerWidth`) {
			t.Errorf("the reader at a permalink is wider than the phone")
		}
	})

	t.Run("a concordance line's permalink", func(t *testing.T) {
		var conc search.Concordance
		getAPI(t, ts.URL, "/api/kwic?q="+url.QueryEscape("刘俊义"), &conc)
		b.open(t, "/kwic?q="+url.QueryEscape("刘俊义"))
		b.waitFor(t, "the concordance", `document.querySelector('.kwic tbody tr .cite-toggle')`)
		b.do(t, "opening the first line's 引用 menu", chromedp.Click(chromedp.CSS(`.kwic tbody tr .cite-toggle`)))
		b.do(t, "copying the permalink", chromedp.Click(chromedp.CSS(`.kwic tbody tr .cite-item[data-form="link"]`)))
		want := ts.URL + conc.Lines[0].Permalink
		b.waitFor(t, "copied", `document.querySelector('.kwic tbody tr .cite').dataset.copied`)
		if got := clipboard(); got != want {
			t.Errorf("clipboard = %q, want the line's permalink %q", got, want)
		}
		b.open(t, conc.Lines[0].Permalink)
		atTarget("the line's passage", conc.Lines[0].N)
	})
}
