package server

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"sessionsearch/search"
)

// The fixture: one real index built once from a temporary corpus (the seed
// plus the documents in testdata/corpus), shared by the tests, which never
// change its content. Building it per test would cost seconds each.
var (
	fixtureOnce sync.Once
	fixtureIdx  *search.Index
	fixtureDir  string
	fixtureErr  error
)

// seedName is the seed's file name in the corpus: its date and title.
const seedName = "2025-02-15 大同日报 市十六届人大五次会议开幕.txt"

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureIdx != nil {
		fixtureIdx.Close()
	}
	if fixtureDir != "" {
		os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

// testCorpus writes the test corpus into dir.
func testCorpus(t testing.TB, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("../indexer/testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, seedName), seed, 0o644); err != nil {
		t.Fatal(err)
	}
	extra, err := filepath.Glob("testdata/corpus/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range extra {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// testIndex returns the shared index, building it on first use.
func testIndex(t testing.TB) *search.Index {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureDir, fixtureErr = os.MkdirTemp("", "server-test-")
		if fixtureErr != nil {
			return
		}
		corpus := filepath.Join(fixtureDir, "corpus")
		testCorpus(t, corpus)
		fixtureIdx, fixtureErr = search.Open(filepath.Join(fixtureDir, "index"), search.Options{Corpus: corpus})
		if fixtureErr != nil {
			return
		}
		_, fixtureErr = fixtureIdx.Update(context.Background(), nil)
	})
	if fixtureErr != nil {
		t.Fatalf("building the test index: %v", fixtureErr)
	}
	return fixtureIdx
}

// testUI is a stand-in for the web package's files.
var testUI = fstest.MapFS{
	"index.html":   {Data: []byte(`<!doctype html><html><head><link rel="stylesheet" href="/assets/app.css"><script type="module" src="/assets/app.js"></script></head><body><main id="main"></main></body></html>`)},
	"app.js":       {Data: []byte(strings.Repeat("console.log('sessionsearch');\n", 100))},
	"app.css":      {Data: []byte("body { font-family: sans-serif; }\n")},
	"img/logo.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)},
}

// harness is a Server over the shared index behind a real HTTP listener,
// with the OpenAPI document loaded to check every exchange against it.
type harness struct {
	t   *testing.T
	s   *Server
	ts  *httptest.Server
	log *bytes.Buffer
	mu  *sync.Mutex // guards log
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	idx := testIndex(t)
	var buf bytes.Buffer
	mu := &sync.Mutex{}
	logger := slog.New(slog.NewJSONHandler(lockedWriter{&buf, mu}, nil))
	s := New(idx, testUI, cfg, logger)
	ts := httptest.NewUnstartedServer(nil)
	ts.Config = s.HTTPServer()
	ts.Start()
	h := &harness{t: t, s: s, ts: ts, log: &buf, mu: mu}
	t.Cleanup(func() {
		ts.Close()
		s.Close()
		if t.Failed() {
			var errs []string
			for _, l := range strings.Split(h.logText(), "\n") {
				if strings.Contains(l, `"level":"ERROR"`) {
					errs = append(errs, l)
				}
			}
			t.Logf("server errors:\n%s", strings.Join(errs, "\n"))
		}
	})
	return h
}

type lockedWriter struct {
	w  io.Writer
	mu *sync.Mutex
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func (h *harness) logText() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.log.String()
}

// exchange is one request and its answer.
type exchange struct {
	req  *http.Request
	resp *http.Response
	body []byte
}

// do sends a request. The target is used as written, so that tests can
// send malformed escapes and dot segments. Headers come in name, value
// pairs.
func (h *harness) do(method, target string, headers ...string) exchange {
	h.t.Helper()
	req, err := http.NewRequest(method, h.ts.URL+target, nil)
	if err != nil {
		h.t.Fatalf("NewRequest(%s %q): %v", method, target, err)
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := h.ts.Client().Do(req)
	if err != nil {
		h.t.Fatalf("%s %s: %v", method, target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatalf("%s %s: reading body: %v", method, target, err)
	}
	return exchange{req: req, resp: resp, body: body}
}

func (h *harness) get(target string, headers ...string) exchange {
	h.t.Helper()
	return h.do(http.MethodGet, target, headers...)
}

// decode unmarshals the body into v.
func (x exchange) decode(t *testing.T, v any) {
	t.Helper()
	if err := json.Unmarshal(x.body, v); err != nil {
		t.Fatalf("%s %s: decoding %q: %v", x.req.Method, x.req.URL, short(x.body), err)
	}
}

func short(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

// wantStatus fails unless the answer has the status.
func (x exchange) wantStatus(t *testing.T, status int) {
	t.Helper()
	if x.resp.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; body %s", x.req.Method, short([]byte(x.req.URL.RequestURI())), x.resp.StatusCode, status, short(x.body))
	}
}

// problem decodes a problem document, checking its media type and fields.
func (x exchange) problem(t *testing.T) Problem {
	t.Helper()
	if ct := x.resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("%s %s: Content-Type %q, want application/problem+json", x.req.Method, x.req.URL.RequestURI(), ct)
	}
	var p Problem
	x.decode(t, &p)
	if p.Status != x.resp.StatusCode || p.Type == "" || p.Title == "" || p.Detail == "" {
		t.Fatalf("%s %s: incomplete problem %+v for status %d", x.req.Method, x.req.URL.RequestURI(), p, x.resp.StatusCode)
	}
	return p
}

// The OpenAPI document, loaded and validated once.
var (
	specOnce   sync.Once
	specDoc    *openapi3.T
	specRouter routers.Router
	specErr    error
)

func spec(t *testing.T) (*openapi3.T, routers.Router) {
	t.Helper()
	specOnce.Do(func() {
		loader := openapi3.NewLoader()
		specDoc, specErr = loader.LoadFromData(openAPIDoc)
		if specErr != nil {
			return
		}
		if specErr = specDoc.Validate(loader.Context); specErr != nil {
			return
		}
		specRouter, specErr = legacy.NewRouter(specDoc)
	})
	if specErr != nil {
		t.Fatalf("the OpenAPI document: %v", specErr)
	}
	return specDoc, specRouter
}

// validateRequest checks a request against the OpenAPI document.
func validateRequest(t *testing.T, req *http.Request) (*openapi3filter.RequestValidationInput, error) {
	t.Helper()
	_, router := spec(t)
	route, pathParams, err := router.FindRoute(req)
	if err != nil {
		return nil, fmt.Errorf("no route in the OpenAPI document for %s %s: %w", req.Method, req.URL.Path, err)
	}
	in := &openapi3filter.RequestValidationInput{
		Request: req, PathParams: pathParams, Route: route,
		Options: &openapi3filter.Options{
			AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
			IncludeResponseStatus: true, // every status the server sends must be documented
			MultiError:            true,
		},
	}
	return in, openapi3filter.ValidateRequest(context.Background(), in)
}

// checkSpec validates the answer against the OpenAPI document, and the
// request too when the server accepted it: a request the server answers
// must be one the document allows.
func (x exchange) checkSpec(t *testing.T) {
	t.Helper()
	in, reqErr := validateRequest(t, x.req)
	if in == nil {
		t.Fatalf("%v", reqErr)
	}
	if x.resp.StatusCode < 300 && reqErr != nil {
		t.Errorf("%s %s was answered %d but the OpenAPI document rejects the request: %v", x.req.Method, x.req.URL.RequestURI(), x.resp.StatusCode, reqErr)
	}
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 x.resp.StatusCode,
		Header:                 x.resp.Header,
		Options:                in.Options,
	}
	out.SetBodyBytes(x.body)
	if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
		t.Errorf("%s %s: the answer (%d, %s) does not match the OpenAPI document: %v", x.req.Method, x.req.URL.RequestURI(), x.resp.StatusCode, short(x.body), err)
	}
}
