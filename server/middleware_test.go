package server

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	"sessionsearch/search"
)

func TestStaticFiles(t *testing.T) {
	h := newHarness(t, Config{})
	page := testUI["index.html"].Data
	for _, target := range []string{"/", "/doc/abc", "/doc/abc/def", "/kwic"} {
		x := h.get(target)
		x.wantStatus(t, http.StatusOK)
		if !bytes.Equal(x.body, page) {
			t.Errorf("GET %s: not index.html: %s", target, short(x.body))
		}
		if ct := x.resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
		if cc := x.resp.Header.Get("Cache-Control"); cc != cachePage {
			t.Errorf("GET %s: Cache-Control %q, want %q", target, cc, cachePage)
		}
	}
	for name, ct := range map[string]string{"app.js": "text/javascript", "app.css": "text/css", "img/logo.svg": "image/svg+xml"} {
		x := h.get("/assets/" + name)
		x.wantStatus(t, http.StatusOK)
		if !bytes.Equal(x.body, testUI[name].Data) {
			t.Errorf("GET /assets/%s: wrong body", name)
		}
		if got := x.resp.Header.Get("Content-Type"); !strings.HasPrefix(got, ct) {
			t.Errorf("GET /assets/%s: Content-Type %q, want %s", name, got, ct)
		}
	}
	for _, target := range []string{
		"/assets/nope.js", "/assets/", "/assets/index.html", "/assets/../server.go",
		"/assets/%2e%2e/server.go", "/assets/..%2f..%2fgo.mod", "/assets//etc/passwd",
		"/index.html", "/nope", "/api/nope", "/doc",
	} {
		x := h.get(target)
		x.wantStatus(t, http.StatusNotFound)
		x.problem(t)
	}
}

func TestETag(t *testing.T) {
	h := newHarness(t, Config{})
	docs := h.get("/api/documents")
	var list []search.DocumentInfo
	docs.decode(t, &list)
	for _, target := range []string{"/", "/assets/app.js", "/api/documents", "/api/documents/" + url.PathEscape(list[0].ID), "/api/openapi.json"} {
		t.Run(target, func(t *testing.T) {
			x := h.get(target)
			x.wantStatus(t, http.StatusOK)
			etag := x.resp.Header.Get("ETag")
			if !strings.HasPrefix(etag, `W/"`) || x.resp.Header.Get("Cache-Control") == "" {
				t.Fatalf("GET %s: ETag %q, Cache-Control %q", target, etag, x.resp.Header.Get("Cache-Control"))
			}
			again := h.get(target, "If-None-Match", etag)
			again.wantStatus(t, http.StatusNotModified)
			if len(again.body) != 0 {
				t.Errorf("304 with a body: %q", short(again.body))
			}
			if again.resp.Header.Get("ETag") != etag {
				t.Errorf("304 ETag %q, want %q", again.resp.Header.Get("ETag"), etag)
			}
			if strings.HasPrefix(target, "/api/") {
				again.checkSpec(t)
			}
			// A list of tags, one strong form of ours among them.
			list := h.get(target, "If-None-Match", `"other", `+strings.TrimPrefix(etag, "W/"))
			list.wantStatus(t, http.StatusNotModified)
			stale := h.get(target, "If-None-Match", `W/"stale"`)
			stale.wantStatus(t, http.StatusOK)
		})
	}
	// Another query is another representation: another ETag.
	a := h.get("/api/documents/" + url.PathEscape(list[0].ID) + "?q=" + url.QueryEscape("大同"))
	b := h.get("/api/documents/" + url.PathEscape(list[0].ID))
	if a.resp.Header.Get("ETag") == b.resp.Header.Get("ETag") {
		t.Errorf("the document with and without q share ETag %s", a.resp.Header.Get("ETag"))
	}
}

func TestGzip(t *testing.T) {
	h := newHarness(t, Config{})
	plain := h.get("/api/documents", "Accept-Encoding", "identity")
	if plain.resp.Header.Get("Content-Encoding") != "" || len(plain.body) < gzipMinBytes {
		t.Fatalf("identity: Content-Encoding %q, %d bytes (need more than %d for this test)", plain.resp.Header.Get("Content-Encoding"), len(plain.body), gzipMinBytes)
	}
	for _, target := range []string{"/api/documents", "/assets/app.js", "/api/openapi.json", "/api/search?q=" + url.QueryEscape("大同") + "&size=50"} {
		x := h.get(target, "Accept-Encoding", "gzip")
		x.wantStatus(t, http.StatusOK)
		if x.resp.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("GET %s with gzip: Content-Encoding %q", target, x.resp.Header.Get("Content-Encoding"))
			continue
		}
		if !strings.Contains(strings.Join(x.resp.Header.Values("Vary"), ","), "Accept-Encoding") {
			t.Errorf("GET %s: no Vary: Accept-Encoding", target)
		}
		zr, err := gzip.NewReader(bytes.NewReader(x.body))
		if err != nil {
			t.Fatalf("GET %s: %v", target, err)
		}
		body, err := io.ReadAll(zr)
		if err != nil {
			t.Fatalf("GET %s: decompressing: %v", target, err)
		}
		if target == "/api/documents" && !bytes.Equal(body, plain.body) {
			t.Errorf("gzip body differs from the identity body")
		}
		if !json.Valid(body) && !strings.HasPrefix(target, "/assets/") {
			t.Errorf("GET %s: decompressed body is not JSON: %s", target, short(body))
		}
	}
	// Small answers go as they are.
	for _, target := range []string{"/healthz", "/api/search?page=0"} {
		x := h.get(target, "Accept-Encoding", "gzip")
		if x.resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("GET %s (%d bytes) was compressed", target, len(x.body))
		}
	}
	// q=0 refuses gzip.
	x := h.get("/api/documents", "Accept-Encoding", "gzip;q=0")
	if x.resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("gzip;q=0 got gzip")
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newHarness(t, Config{})
	for _, target := range []string{"/", "/assets/app.js", "/api/search?q=x", "/api/search?page=0", "/nope", "/healthz"} {
		x := h.get(target)
		for name, want := range map[string]string{
			"Content-Security-Policy": contentSecurityPolicy,
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"X-Frame-Options":         "DENY",
		} {
			if got := x.resp.Header.Get(name); got != want {
				t.Errorf("GET %s: %s = %q, want %q", target, name, got, want)
			}
		}
		if strings.Contains(x.resp.Header.Get("Content-Security-Policy"), "unsafe-inline") {
			t.Errorf("CSP allows inline code")
		}
	}
}

func TestCORS(t *testing.T) {
	t.Run("off by default", func(t *testing.T) {
		h := newHarness(t, Config{})
		x := h.get("/api/search?q=x", "Origin", "https://elsewhere.example")
		x.wantStatus(t, http.StatusOK)
		if got := x.resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("CORS off: Access-Control-Allow-Origin = %q", got)
		}
		pre := h.do(http.MethodOptions, "/api/search", "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET")
		if pre.resp.Header.Get("Access-Control-Allow-Origin") != "" || pre.resp.StatusCode < 400 {
			t.Errorf("CORS off: preflight answered %d with %q", pre.resp.StatusCode, pre.resp.Header.Get("Access-Control-Allow-Origin"))
		}
	})
	t.Run("configured", func(t *testing.T) {
		h := newHarness(t, Config{CORSOrigins: []string{"https://lab.example"}})
		x := h.get("/api/search?q=x", "Origin", "https://lab.example")
		if got := x.resp.Header.Get("Access-Control-Allow-Origin"); got != "https://lab.example" {
			t.Errorf("allowed origin: Access-Control-Allow-Origin = %q", got)
		}
		if !strings.Contains(strings.Join(x.resp.Header.Values("Vary"), ","), "Origin") {
			t.Errorf("no Vary: Origin")
		}
		x = h.get("/api/search?q=x", "Origin", "https://evil.example")
		if got := x.resp.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("other origin: Access-Control-Allow-Origin = %q", got)
		}
		pre := h.do(http.MethodOptions, "/api/search", "Origin", "https://lab.example", "Access-Control-Request-Method", "GET")
		pre.wantStatus(t, http.StatusNoContent)
		if !strings.Contains(pre.resp.Header.Get("Access-Control-Allow-Methods"), "GET") {
			t.Errorf("preflight: Allow-Methods %q", pre.resp.Header.Get("Access-Control-Allow-Methods"))
		}
	})
	t.Run("any origin", func(t *testing.T) {
		h := newHarness(t, Config{CORSOrigins: []string{"*"}})
		x := h.get("/api/stats", "Origin", "https://anywhere.example")
		if got := x.resp.Header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("*: Access-Control-Allow-Origin = %q", got)
		}
	})
}

func TestMethodNotAllowed(t *testing.T) {
	h := newHarness(t, Config{})
	x := h.do(http.MethodPost, "/api/search?q=x")
	x.wantStatus(t, http.StatusMethodNotAllowed)
	x.problem(t)
	if allow := x.resp.Header.Get("Allow"); !strings.Contains(allow, "GET") {
		t.Errorf("405 Allow = %q", allow)
	}
	x = h.do(http.MethodDelete, "/api/documents")
	x.wantStatus(t, http.StatusMethodNotAllowed)
	x = h.do(http.MethodHead, "/healthz")
	x.wantStatus(t, http.StatusOK)
}

// gatedRebuild is a real rebuild that waits for the test to open a gate,
// so that the test can act while it runs.
type gatedRebuild struct {
	idx     *search.Index
	started chan struct{}
	gate    chan struct{}
	done    chan error
}

func newGatedRebuild(idx *search.Index) *gatedRebuild {
	return &gatedRebuild{idx: idx, started: make(chan struct{}, 4), gate: make(chan struct{}), done: make(chan error, 4)}
}

func (g *gatedRebuild) rebuild(ctx context.Context) (*search.Summary, error) {
	g.started <- struct{}{}
	select {
	case <-g.gate:
	case <-ctx.Done():
		g.done <- ctx.Err()
		return nil, ctx.Err()
	}
	sum, err := g.idx.Rebuild(ctx, nil)
	g.done <- err
	return sum, err
}

func TestAdminReindex(t *testing.T) {
	t.Run("off without a token", func(t *testing.T) {
		h := newHarness(t, Config{})
		for _, auth := range []string{"", "Bearer anything"} {
			x := h.do(http.MethodPost, "/api/admin/reindex", "Authorization", auth)
			x.wantStatus(t, http.StatusNotFound)
			x.problem(t)
		}
	})

	const token = "s3cret-token"
	idx := testIndex(t)
	g := newGatedRebuild(idx)
	h := newHarness(t, Config{AdminToken: token, Rebuild: g.rebuild})
	for _, tt := range []struct {
		name, auth string
		status     int
	}{
		{"no header", "", http.StatusUnauthorized},
		{"basic", "Basic czNjcmV0LXRva2Vu", http.StatusUnauthorized},
		{"bearer without token", "Bearer", http.StatusUnauthorized},
		{"bearer blank", "Bearer   ", http.StatusUnauthorized},
		{"wrong token", "Bearer wrong", http.StatusForbidden},
		{"token prefix", "Bearer s3cret", http.StatusForbidden},
		{"token with more", "Bearer s3cret-token-and-more", http.StatusForbidden},
	} {
		t.Run(tt.name, func(t *testing.T) {
			x := h.do(http.MethodPost, "/api/admin/reindex", "Authorization", tt.auth)
			x.wantStatus(t, tt.status)
			x.problem(t)
			x.checkSpec(t)
			if tt.status == http.StatusUnauthorized && !strings.HasPrefix(x.resp.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without WWW-Authenticate: Bearer")
			}
		})
	}
	if len(g.started) != 0 {
		t.Fatal("a rejected request started a rebuild")
	}

	x := h.do(http.MethodPost, "/api/admin/reindex", "Authorization", "bearer "+token)
	x.wantStatus(t, http.StatusAccepted)
	x.checkSpec(t)
	<-g.started

	// While the rebuild runs: a second one is refused, searches answer.
	x = h.do(http.MethodPost, "/api/admin/reindex", "Authorization", "Bearer "+token)
	x.wantStatus(t, http.StatusConflict)
	x.problem(t)
	x.checkSpec(t)

	stop := make(chan struct{})
	var wg sync.WaitGroup
	var failures, answered int
	var mu sync.Mutex
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := h.ts.Client().Get(h.ts.URL + "/api/search?q=" + url.QueryEscape("算力之城"))
				mu.Lock()
				if err != nil || resp.StatusCode != http.StatusOK {
					failures++
				} else {
					var res search.Result
					if json.NewDecoder(resp.Body).Decode(&res) != nil || len(res.Hits) == 0 {
						failures++
					}
					answered++
				}
				mu.Unlock()
				if resp != nil {
					resp.Body.Close()
				}
			}
		}()
	}
	close(g.gate)
	if err := <-g.done; err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	time.Sleep(50 * time.Millisecond) // searches on the new generation
	close(stop)
	wg.Wait()
	if failures > 0 || answered == 0 {
		t.Errorf("searches during the rebuild: %d failed, %d answered", failures, answered)
	}
	// The flag drops once the job has returned.
	deadline := time.Now().Add(5 * time.Second)
	for h.s.rebuilding.Load() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	metrics := h.get("/metrics")
	if !strings.Contains(string(metrics.body), `sessionsearch_reindex_total{result="ok"} 1`) {
		t.Errorf("metrics lack the finished rebuild")
	}
	if strings.Contains(h.logText(), token) {
		t.Errorf("the admin token appears in the log")
	}
}

// TestCloseCancelsRebuild checks that shutting down cancels a running
// admin rebuild and waits for it.
func TestCloseCancelsRebuild(t *testing.T) {
	idx := testIndex(t)
	g := newGatedRebuild(idx)
	h := newHarness(t, Config{AdminToken: "x", Rebuild: g.rebuild})
	h.do(http.MethodPost, "/api/admin/reindex", "Authorization", "Bearer x").wantStatus(t, http.StatusAccepted)
	<-g.started
	h.s.Close()
	if err := <-g.done; !errors.Is(err, context.Canceled) {
		t.Errorf("rebuild after Close: %v, want context.Canceled", err)
	}
	x := h.do(http.MethodPost, "/api/admin/reindex", "Authorization", "Bearer x")
	x.wantStatus(t, http.StatusServiceUnavailable)
	x = h.get("/healthz")
	x.wantStatus(t, http.StatusServiceUnavailable)
	x.checkSpec(t)
}

func TestInternalErrors(t *testing.T) {
	h := newHarness(t, Config{})
	const secret = "/var/lib/secret/path failed"
	h.s.engine.GET("/api/test-panic", h.s.wrap(func(*gin.Context) error { panic(secret) }))
	h.s.engine.GET("/api/test-error", h.s.wrap(func(*gin.Context) error { return errors.New(secret) }))
	for _, target := range []string{"/api/test-panic", "/api/test-error"} {
		x := h.get(target)
		x.wantStatus(t, http.StatusInternalServerError)
		p := x.problem(t)
		if strings.Contains(string(x.body), "secret") {
			t.Errorf("GET %s: the 500 shows the internal error: %s", target, x.body)
		}
		if p.Detail == "" {
			t.Errorf("GET %s: empty detail", target)
		}
	}
	if n := strings.Count(h.logText(), secret); n < 2 {
		t.Errorf("the real errors were logged %d times, want 2: %s", n, h.logText())
	}
	// The server keeps serving after a panic.
	h.get("/healthz").wantStatus(t, http.StatusOK)
}

func TestDeadlineAndOverload(t *testing.T) {
	t.Run("deadline", func(t *testing.T) {
		h := newHarness(t, Config{Timeout: time.Nanosecond})
		x := h.get("/api/search?q=" + url.QueryEscape("算力之城"))
		x.wantStatus(t, http.StatusServiceUnavailable)
		p := x.problem(t)
		x.checkSpec(t)
		if x.resp.Header.Get("Retry-After") == "" {
			t.Errorf("503 without Retry-After")
		}
		if p.Detail == "" || strings.Contains(p.Detail, "context") {
			t.Errorf("deadline detail = %q", p.Detail)
		}
	})
	t.Run("all slots taken", func(t *testing.T) {
		h := newHarness(t, Config{MaxConcurrent: 1, Timeout: 200 * time.Millisecond})
		h.s.slots <- struct{}{} // a search that does not end
		x := h.get("/api/search?q=x")
		<-h.s.slots
		x.wantStatus(t, http.StatusServiceUnavailable)
		p := x.problem(t)
		if !strings.Contains(p.Detail, "too many") {
			t.Errorf("overload detail = %q", p.Detail)
		}
		h.get("/api/search?q=x").wantStatus(t, http.StatusOK)
	})
}

func TestAccessLogAndMetrics(t *testing.T) {
	h := newHarness(t, Config{})
	h.get("/api/search?q=" + url.QueryEscape("算力之城"))
	h.get("/api/search?page=0")
	h.get("/no/such/path")

	lines := strings.Split(strings.TrimSpace(h.logText()), "\n")
	var seen []int
	for _, l := range lines {
		var rec struct {
			Msg    string  `json:"msg"`
			Status int     `json:"status"`
			Route  string  `json:"route"`
			MS     float64 `json:"ms"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if rec.Msg == "request" {
			seen = append(seen, rec.Status)
			if rec.Route == "" || rec.MS < 0 {
				t.Errorf("access log line without route or latency: %s", l)
			}
		}
	}
	if want := []int{200, 400, 404}; len(seen) != 3 || seen[0] != want[0] || seen[1] != want[1] || seen[2] != want[2] {
		t.Errorf("access log statuses = %v, want %v (one line per request)", seen, want)
	}

	x := h.get("/metrics")
	x.wantStatus(t, http.StatusOK)
	x.checkSpec(t)
	body := string(x.body)
	for _, want := range []string{
		`sessionsearch_http_requests_total{code="200",method="GET",route="/api/search"} 1`,
		`sessionsearch_http_requests_total{code="400",method="GET",route="/api/search"} 1`,
		`sessionsearch_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`sessionsearch_http_request_duration_seconds_bucket{method="GET",route="/api/search",le="+Inf"} 2`,
		`sessionsearch_queries_total{kind="search"} 1`,
		`sessionsearch_index_documents 3`,
		"sessionsearch_index_bytes ",
		"go_goroutines ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if strings.Contains(body, "/no/such/path") {
		t.Errorf("metrics label an unmatched path by its URL")
	}
}

// TestHostileQueries sends what a public search box receives: each gets a
// normal answer or a 4xx problem, never a 5xx, and no markup from the
// query comes back unescaped.
func TestHostileQueries(t *testing.T) {
	h := newHarness(t, Config{})
	queries := []string{
		`"unbalanced`, `((算力`, `算力)`, `/.*/`, `/[a-z]+/`, `*`, `算*`, `~`, `算力~2`, `^`, `大同^10`,
		`-`, `--`, `OR`, `AND OR NOT`, `+`, `""`, `:`, `speaker:`, `date:..`, `date:2025-99`,
		`<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, `&lt;`, `%00`, `\`, `'; DROP TABLE x; --`,
		strings.Repeat("(", 200), strings.Repeat("a OR ", 50), strings.Repeat(`"`, 255), "\t\n",
		strings.Repeat("算力 ", 80),
	}
	for _, q := range queries {
		for _, endpoint := range []string{"/api/search?q=", "/api/kwic?q=", "/api/suggest?q="} {
			x := h.get(endpoint + url.QueryEscape(q))
			if x.resp.StatusCode >= 500 {
				t.Errorf("GET %s%q: %d %s", endpoint, q, x.resp.StatusCode, short(x.body))
				continue
			}
			if x.resp.StatusCode >= 400 {
				x.problem(t)
			}
			x.checkSpec(t)
			for _, bad := range []string{"<script", "<img"} {
				if strings.Contains(string(x.body), bad) {
					t.Errorf("GET %s%q: raw %q in the answer", endpoint, q, bad)
				}
			}
		}
	}
	for _, target := range []string{
		"/api/search?page=1000000000&size=1000000",
		"/api/search?page=-5&size=-5",
		"/api/search?size=1e3",
		"/api/search?unknown=1&q=x",
		"/api/search?q=x&q",
		"/api/search?;q=x",
		"/api/search?" + strings.Repeat("speaker=x&", 60),
		"/api/kwic?q=x&width=-1",
		"/api/documents/%00",
	} {
		x := h.get(target)
		if x.resp.StatusCode >= 500 {
			t.Errorf("GET %s: %d %s", short([]byte(target)), x.resp.StatusCode, short(x.body))
		}
	}
}

// TestHugeHeader checks that the http.Server refuses an oversized header
// with a 431 rather than reading it all.
func TestHugeHeader(t *testing.T) {
	h := newHarness(t, Config{})
	conn, err := net.Dial("tcp", h.ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	req := "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 1<<20) + "\r\n\r\n"
	go io.WriteString(conn, req) //nolint:errcheck // the server may close first
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("1 MiB header: status %d, want 431", resp.StatusCode)
	}
}

// TestSlowClients: connections that send their headers a byte at a time,
// or never finish them, do not hold up other clients, and are closed once
// the header deadline passes.
func TestSlowClients(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 5 s header deadline")
	}
	h := newHarness(t, Config{})
	addr := strings.TrimPrefix(h.ts.URL, "http://")
	var conns []net.Conn
	for i := 0; i < 20; i++ {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		// Half a request line, then nothing.
		if _, err := c.Write([]byte("GET /api/search?q=%E7%AE%97 HTTP/1.1\r\nHost: x\r\n")); err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
	}
	// Other clients are served meanwhile.
	start := time.Now()
	x := h.get("/api/search?q=" + url.QueryEscape("算力之城"))
	x.wantStatus(t, http.StatusOK)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("a normal request took %v with 20 slow clients connected", d)
	}
	// The slow connections are closed after the header deadline (5 s).
	for _, c := range conns {
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		buf := make([]byte, 512)
		n, err := c.Read(buf)
		if err == nil && !strings.Contains(string(buf[:n]), "408") && !strings.Contains(string(buf[:n]), "400") {
			t.Errorf("slow client got %q, want the connection closed or a 4xx", buf[:n])
		}
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Errorf("slow client still connected after 10 s")
		}
	}
}
