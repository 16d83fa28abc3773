package e2e

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The corpus of TestDocumentFields: the seed and two national work reports
// of the same title, one known to the year, one to the month, with a
// metadata table giving places, levels and the custom field 总理.
var fieldsCorpus = map[string]string{
	"gov-2024.txt": "各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n\n过去一年，新质生产力稳步发展。\n",
	"gov-2023.txt": "各位代表：\n\n我代表国务院，向大会报告过去五年政府工作，请予审议。\n\n五年来，新质生产力的基础不断夯实。\n",
	"metadata.csv": "path,title,date,place,level,总理\n" +
		"gov-2024.txt,政府工作报告,2024,,全国,李强\n" +
		"gov-2023.txt,政府工作报告,2023-03,,全国,李克强\n" +
		seedName + ",,,大同市,市,\n",
}

// kindLabelsZh are the Chinese labels of every passage kind.
var kindLabelsZh = map[string]string{
	"headline": "标题", "subheadline": "副标题", "lead": "导语", "body": "正文", "list": "名单",
	"caption": "图片说明", "credit": "记者署名", "label": "栏目标签", "salutation": "称呼", "signature": "署名",
}

type facetOption struct {
	Value string `json:"value"`
	Label string `json:"label"`
}

func facetOptions(t *testing.T, b *browser, facet string) []facetOption {
	t.Helper()
	return eval[[]facetOption](t, b, fmt.Sprintf(`[...document.querySelectorAll('.facet-option[data-facet=%s]')].map((o) => ({
		value: o.dataset.value, label: o.querySelector('.facet-label').textContent }))`, jsString(facet)))
}

// TestDocumentFields uses the page on a corpus with a metadata table: the
// kind facet speaks Chinese for every kind, years run in order, the doc
// facet tells two reports of one title apart, and a custom field and the
// place are facets that filter, kept in the URL.
func TestDocumentFields(t *testing.T) {
	ts := startSiteWith(t, fieldsCorpus)
	b := newBrowser(t, ts.URL)
	t.Cleanup(func() { b.checkConsole(t) })
	query := "/?q=" + url.QueryEscape("两会影像 OR 代表")

	t.Run("kind labels, year order, doc labels", func(t *testing.T) {
		b.open(t, query)
		b.waitFor(t, "the facets", `document.querySelector('.facet-option[data-facet="year"]') && document.querySelector('.facet-option[data-facet="kind"]')`)
		kinds := facetOptions(t, b, "kind")
		seen := map[string]bool{}
		for _, o := range kinds {
			want, ok := kindLabelsZh[o.Value]
			if !ok || o.Label != want {
				t.Errorf("kind %q is shown as %q, want %q", o.Value, o.Label, want)
			}
			seen[o.Value] = true
		}
		if !seen["label"] {
			t.Errorf("the kind facet %v lacks the seed's section label (两会影像)", kinds)
		}
		var years []string
		for _, o := range facetOptions(t, b, "year") {
			years = append(years, o.Value)
		}
		if !slices.Equal(years, []string{"2023", "2024", "2025"}) {
			t.Errorf("year facet = %v, want 2023, 2024, 2025 in that order", years)
		}
		labels := map[string]string{}
		for _, o := range facetOptions(t, b, "doc") {
			labels[o.Value] = o.Label
		}
		if labels["gov-2024"] != "政府工作报告（2024）" || labels["gov-2023"] != "政府工作报告（2023）" {
			t.Errorf("doc facet labels = %v", labels)
		}
		b.screenshot(t, "fields-facets.png")
	})

	t.Run("custom field facet filters", func(t *testing.T) {
		b.open(t, query)
		b.waitFor(t, "the 总理 facet", `document.querySelector('.facet-option[data-facet="field:总理"]')`)
		title := eval[string](t, b, `document.querySelector('.facet-option[data-facet="field:总理"]').closest('.facet').querySelector('.facet-title').textContent`)
		if title != "总理" {
			t.Errorf("the custom facet is titled %q, want 总理", title)
		}
		b.do(t, "clicking 总理 李强", chromedp.Click(chromedp.CSS(`.facet-option[data-facet="field:总理"][data-value="李强"]`)))
		b.waitFor(t, "the filtered results", `document.querySelector('.facet-option[data-facet="field:总理"][aria-pressed="true"]')`)
		if got := param(t, b, "field"); !slices.Equal(got, []string{"总理:李强"}) {
			t.Errorf("URL field = %q, want [总理:李强]", got)
		}
		hits := eval[[]hitView](t, b, hitsJS)
		if len(hits) == 0 {
			t.Fatal("no hits under 总理:李强")
		}
		for _, h := range hits {
			if !strings.Contains(h.Href, "gov-2024") {
				t.Errorf("under 总理:李强 a hit of %s", h.Href)
			}
		}
		chips := eval[string](t, b, `document.querySelector('.active-filters').textContent`)
		if !strings.Contains(chips, "总理：李强") {
			t.Errorf("active filters = %q, want 总理：李强", chips)
		}
		// The state is in the URL: reloading it shows the same.
		b.open(t, strings.TrimPrefix(eval[string](t, b, `location.href`), ts.URL))
		b.waitFor(t, "the reloaded filter", `document.querySelector('.facet-option[data-facet="field:总理"][aria-pressed="true"]')`)
		b.do(t, "clearing", chromedp.Click(chromedp.CSS(`.active-filters .clear-all`)))
		b.waitFor(t, "no filter", `!document.querySelector('.active-filters') && !location.search.includes('field=')`)
	})

	t.Run("place facet filters", func(t *testing.T) {
		b.open(t, query)
		b.waitFor(t, "the place facet", `document.querySelector('.facet-option[data-facet="place"]')`)
		b.do(t, "clicking 大同市", chromedp.Click(chromedp.CSS(`.facet-option[data-facet="place"][data-value="大同市"]`)))
		b.waitFor(t, "the filtered results", `document.querySelector('.facet-option[data-facet="place"][aria-pressed="true"]')`)
		if got := param(t, b, "place"); !slices.Equal(got, []string{"大同市"}) {
			t.Errorf("URL place = %q", got)
		}
		for _, h := range eval[[]hitView](t, b, hitsJS) {
			if strings.Contains(h.Href, "gov-") {
				t.Errorf("under place 大同市 a hit of %s", h.Href)
			}
		}
	})

	t.Run("reader shows fields and provenance", func(t *testing.T) {
		b.open(t, "/doc/gov-2024")
		b.waitFor(t, "the reader", `document.querySelector('.doc-meta')`)
		meta := eval[string](t, b, `document.querySelector('.doc-meta').textContent`)
		for _, want := range []string{"总理", "李强", "级别", "全国", "元数据来源", "标题：元数据表", "日期：元数据表"} {
			if !strings.Contains(meta, want) {
				t.Errorf("reader metadata %q lacks %q", meta, want)
			}
		}
		b.screenshot(t, "fields-reader.png")
	})
}
