package server

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// BenchmarkHandler measures the server's own cost around the index: the
// middleware chain, parameter checking and JSON encoding, without the
// network.
func BenchmarkHandler(b *testing.B) {
	idx := testIndex(b)
	s := New(idx, testUI, Config{}, nil)
	defer s.Close()
	h := s.Handler()
	for _, target := range []string{
		"/healthz",
		"/api/suggest?q=" + url.QueryEscape("算力"),
		"/api/search?q=" + url.QueryEscape("算力之城"),
		"/api/kwic?q=" + url.QueryEscape("刘俊义"),
	} {
		b.Run(target, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, target, nil))
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %s", target, w.Code, w.Body)
				}
			}
		})
	}
}
