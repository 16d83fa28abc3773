package web

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
)

// The page must work under the server's Content-Security-Policy
// (default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'
// data:) and offline. These checks read the embedded files the way the
// server will serve them.

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(FS(), name)
	if err != nil {
		t.Fatalf("the embedded UI lacks %s: %v", name, err)
	}
	return string(b)
}

func TestIndexReferencesAssets(t *testing.T) {
	html := readFile(t, "index.html")
	for _, want := range []string{
		`<script type="module" src="/assets/app.js"></script>`,
		`<link rel="stylesheet" href="/assets/app.css">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	// Every /assets/ reference names a file of the FS.
	for _, m := range regexp.MustCompile(`(?:src|href)="/assets/([^"]+)"`).FindAllStringSubmatch(html, -1) {
		if _, err := fs.Stat(FS(), m[1]); err != nil {
			t.Errorf("index.html references /assets/%s, which is not embedded", m[1])
		}
	}
}

func TestNoInlineCodeOrStyle(t *testing.T) {
	html := readFile(t, "index.html")
	checks := []struct {
		name string
		re   *regexp.Regexp
	}{
		{"inline script", regexp.MustCompile(`<script(?:\s[^>]*)?>\s*[^<\s]`)},
		{"style element", regexp.MustCompile(`<style[\s>]`)},
		{"style attribute", regexp.MustCompile(`\sstyle=`)},
		{"event handler attribute", regexp.MustCompile(`\son[a-z]+=`)},
		{"javascript: URL", regexp.MustCompile(`javascript:`)},
	}
	for _, tag := range regexp.MustCompile(`<script[^>]*>`).FindAllString(html, -1) {
		if !strings.Contains(tag, ` src="/assets/`) {
			t.Errorf("index.html has a script that is not an /assets/ file, which the CSP blocks: %s", tag)
		}
	}
	for _, c := range checks {
		if loc := c.re.FindStringIndex(html); loc != nil {
			t.Errorf("index.html has an %s, which the CSP blocks: %q", c.name, html[loc[0]:min(loc[1]+40, len(html))])
		}
	}
}

// TestNothingExternal keeps the page offline: no CDN, no web font, no
// absolute URL to fetch from anywhere.
func TestNothingExternal(t *testing.T) {
	ext := regexp.MustCompile(`(?:src|href)\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import|@font-face|fetch\(\s*["'](?:https?:)?//`)
	err := fs.WalkDir(FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(FS(), path)
		if err != nil {
			return err
		}
		if loc := ext.FindIndex(b); loc != nil {
			t.Errorf("%s loads something from outside: %q", path, b[loc[0]:min(loc[1]+40, len(b))])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHTMLInsertion allows innerHTML only where the server's escaped
// snippets and passages go in (setServerHTML) and in the escaping helper,
// in every module of the page.
func TestHTMLInsertion(t *testing.T) {
	allowed := map[string]bool{
		"  el.innerHTML = html || '';": true, // setServerHTML
		"  return div.innerHTML;":      true, // escapeText reads, never writes
	}
	uses := 0
	err := fs.WalkDir(FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".js") {
			return err
		}
		js := readFile(t, path)
		for i, line := range strings.Split(js, "\n") {
			if strings.Contains(line, "innerHTML") || strings.Contains(line, "outerHTML") ||
				strings.Contains(line, "insertAdjacentHTML") || strings.Contains(line, "document.write") {
				if !allowed[line] {
					t.Errorf("%s:%d inserts HTML outside setServerHTML: %s", path, i+1, strings.TrimSpace(line))
				}
			}
		}
		uses += len(regexp.MustCompile(`setServerHTML\(`).FindAllStringIndex(js, -1))
		// Style attributes set from script are blocked by the CSP too.
		if strings.Contains(js, "setAttribute('style'") || strings.Contains(js, `setAttribute("style"`) || strings.Contains(js, ".style.") {
			t.Errorf("%s sets styles directly; switch classes instead", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The definition, the hit's snippet, and the passage's html.
	if uses != 3 {
		t.Errorf("setServerHTML appears %d times, want 3 (definition, snippet, passage html): review each new use", uses)
	}
}

// TestModuleImports: every module the page and its views import is
// embedded, by a relative path (served under /assets/ like app.js).
func TestModuleImports(t *testing.T) {
	mods, err := fs.Glob(FS(), "*.js")
	if err != nil {
		t.Fatal(err)
	}
	views, err := fs.Glob(FS(), "views/*.js")
	if err != nil {
		t.Fatal(err)
	}
	imported := 0
	for _, m := range append(mods, views...) {
		for _, im := range regexp.MustCompile(`(?m)^\s*(?:import|} from)[^'"]*['"]([^'"]+)['"]`).FindAllStringSubmatch(readFile(t, m), -1) {
			if !strings.HasPrefix(im[1], "./") && !strings.HasPrefix(im[1], "../") {
				t.Errorf("%s imports %q: import embedded modules by ./name", m, im[1])
				continue
			}
			if p := path.Join(path.Dir(m), im[1]); !fs.ValidPath(p) {
				t.Errorf("%s imports %s, outside the embedded files", m, im[1])
			} else if _, err := fs.Stat(FS(), p); err != nil {
				t.Errorf("%s imports %s, which is not embedded", m, im[1])
			}
			imported++
		}
	}
	if imported == 0 {
		t.Error("app.js imports no module: the page's code is expected in modules beside it (fields.js)")
	}
}
