package e2e

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"sessionsearch/search"
	"sessionsearch/server"
	"sessionsearch/web"
)

// seedName is the seed's file name in the corpus: the date and the paper in
// the name are what a real corpus file carries.
const seedName = "2025-02-15 大同日报 市十六届人大五次会议开幕.txt"

// stepTimeout bounds each wait in the browser, so that a broken page fails
// the test with a message rather than hanging it.
const stepTimeout = 20 * time.Second

// startSite builds a real index from a copy of the seed in a temporary
// corpus and serves it with the real server and the embedded UI.
func startSite(t *testing.T) *httptest.Server { return startSiteWith(t, nil) }

// startSiteWith is startSite with more files in the corpus (name -> text):
// documents, or a metadata.csv.
func startSiteWith(t *testing.T, extra map[string]string) *httptest.Server {
	t.Helper()
	seed, err := os.ReadFile(filepath.Join("..", "indexer", "testdata", "seed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	corpus := t.TempDir()
	if err := os.WriteFile(filepath.Join(corpus, seedName), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	docs := 1
	for name, body := range extra {
		if err := os.WriteFile(filepath.Join(corpus, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(name, ".csv") {
			docs++
		}
	}
	// The taxonomy and the synonyms are copies of the shipped ones, kept
	// here so that editing corpus/ does not change what these tests see.
	for _, name := range []string{"topics.yaml", "synonyms.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(corpus, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	logger := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	idx, err := search.Open(filepath.Join(t.TempDir(), "index"), search.Options{Logger: logger, Corpus: corpus})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := idx.Close(); err != nil {
			t.Errorf("closing the index: %v", err)
		}
	})
	sum, err := idx.Update(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != docs || len(sum.Skipped) != 0 || len(sum.Warnings) != 0 {
		t.Fatalf("indexing the corpus: %+v, want %d documents, nothing skipped and no warning", sum, docs)
	}
	srv := server.New(idx, web.FS(), server.Config{}, logger)
	t.Cleanup(srv.Close)
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return ts
}

// chromiumPath finds the browser: Debian's chromium first.
func chromiumPath() string {
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome-stable", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browser is one headless chromium with one tab, and the problems its
// console reported: uncaught exceptions and Content-Security-Policy
// violations, which the page must never cause.
type browser struct {
	ctx  context.Context
	base string // the site's URL
	dir  string // where screenshots go

	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true and no chromium found: the CI script must install Debian's chromium package")
		}
		t.Skip("no chromium found; install it (apt-get install chromium fonts-wqy-microhei) to run the browser tests")
	}
	dir := os.Getenv("SESSIONSEARCH_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.Flag("lang", "zh-CN"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 860),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	t.Cleanup(cancelCtx)
	// The first action starts the browser and binds it to ctx, which has no
	// deadline; each step below gets its own.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	b := &browser{ctx: ctx, base: base, dir: dir}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || strings.Contains(m.Text, "Content Security Policy") {
				b.mu.Lock()
				b.problems = append(b.problems, m.String()+" at "+m.URL)
				b.mu.Unlock()
			}
		}
	}()
	b.do(t, "setting the viewport", chromedp.EmulateViewport(1280, 860))
	return b
}

// checkConsole fails the test for every exception or CSP violation seen.
func (b *browser) checkConsole(t *testing.T) {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, p := range b.problems {
		t.Errorf("browser console: %s", p)
	}
	b.problems = nil
}

func (b *browser) do(t *testing.T, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v\n%s", what, err, b.describe())
	}
}

// open loads a path of the site in the tab.
func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	b.do(t, "opening "+path, chromedp.Navigate(b.base+path))
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v\n%s", expr, err, b.describe())
	}
	return v
}

// waitFor waits until a JavaScript expression is truthy.
func (b *browser) waitFor(t *testing.T, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingTimeout(stepTimeout-time.Second))); err != nil {
		t.Fatalf("waiting for %s: %v\n%s", what, err, b.describe())
	}
}

// describe says where the tab is and what it shows, for failure messages.
func (b *browser) describe() string {
	ctx, cancel := context.WithTimeout(b.ctx, 3*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.href + "\n" + (document.querySelector("#main") ? document.querySelector("#main").innerText.slice(0, 600) : "(no #main)")`))
	if err != nil {
		return "(page state unavailable: " + err.Error() + ")"
	}
	return "page: " + v
}

// typeText types text into the focused element as an input method
// commits it, which is how Chinese reaches a search box.
func (b *browser) typeText(t *testing.T, text string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		t.Fatalf("typing %q: %v", text, err)
	}
}

// key presses a special key (kb.Enter, kb.ArrowDown, …).
func (b *browser) key(t *testing.T, keys string) {
	t.Helper()
	b.do(t, "pressing "+keys, chromedp.KeyEvent(keys))
}

// press presses a printable key as a keyboard does: one keydown that
// carries the character, so that a page cancelling the keydown also
// cancels the typing. (KeyEvent sends the character as a separate event,
// which a cancelled keydown does not stop.)
func (b *browser) press(t *testing.T, char string, code string) {
	t.Helper()
	var mods int64
	if strings.ToUpper(char) == char && strings.ToLower(char) != char {
		mods = int64(chromedp.ModifierShift)
	}
	b.do(t, "pressing "+char, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			p := input.DispatchKeyEventParams{Type: typ, Key: char, Code: code, Modifiers: mods}
			if typ == input.DispatchKeyEventTypeKeyDown {
				p.Text, p.UnmodifiedText = char, char
			}
			if _, err := cdp.Call(ctx, tg, input.DispatchKeyEvent, p); err != nil {
				return err
			}
		}
		return nil
	}))
}

// screenshot saves the viewport as a PNG named name.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	// Let the last layout and font loading settle before the capture.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("waiting for fonts: %v", err)
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// download fetches the href of the first element sel matches, as a
// reader's click on a download link would, and returns the href, the
// response (its body read and closed) and the body.
func (b *browser) download(t *testing.T, sel string) (href string, resp *http.Response, body string) {
	t.Helper()
	href = eval[string](t, b, `document.querySelector(`+jsString(sel)+`).getAttribute('href')`)
	resp, err := http.Get(b.base + href)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	return href, resp, readAll(t, resp.Body)
}

// readAll reads a body for a failure message or a check.
func readAll(t *testing.T, r io.Reader) string {
	t.Helper()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
