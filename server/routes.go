package server

import (
	"fmt"

	"github.com/gin-gonic/gin"
)

// routes installs the middleware and every route of the site. The order of
// the middleware matters: the access log and the metrics see the final
// status, recover sits inside them so that a panic is logged and counted as
// a 500, gzip wraps whatever is written, and the deadline starts last.
func (s *Server) routes() {
	e := s.engine
	gz := &gzipper{}
	e.Use(s.accessLog, s.metrics.middleware, securityHeaders, s.cors, gz.middleware, s.recoverPanic, s.deadline)

	get := func(path string, h ...gin.HandlerFunc) {
		e.GET(path, h...)
		e.HEAD(path, h...)
	}
	index := s.limitConcurrency // routes that read the index wait for a slot

	// The web UI: a single-page app whose routes all load index.html.
	get("/", s.wrap(s.page))
	get("/doc/*path", s.wrap(s.page))
	get("/d/:id", s.wrap(s.page)) // a permalink: /d/{doc}#p{n}
	get("/kwic", s.wrap(s.page))
	get("/distribution", s.wrap(s.page))
	get("/keywords", s.wrap(s.page))
	get("/collocates", s.wrap(s.page))
	get("/assets/*name", s.wrap(s.asset))

	// The JSON API.
	get("/api/search", index, s.wrap(s.search))
	get("/api/matches", index, s.wrap(s.matches))
	get("/api/documents", index, s.wrap(s.documents))
	get("/api/documents/:id", index, s.wrap(s.document))
	get("/api/documents/:id/cite", index, s.wrap(s.cite))
	get("/api/suggest", index, s.wrap(s.suggest))
	get("/api/kwic", index, s.wrap(s.kwic))
	get("/api/distribution", index, s.wrap(s.distribution))
	get("/api/keywords", index, s.wrap(s.keywords))
	get("/api/collocates", index, s.wrap(s.collocates))
	get("/api/stats", index, s.wrap(s.stats))
	get("/api/openapi.json", s.wrap(s.openAPI))
	if s.cfg.AdminToken != "" {
		// Without a token the route does not exist: 404, like any other.
		e.POST("/api/admin/reindex", s.wrap(s.reindex))
	}

	// Operations.
	get("/healthz", s.wrap(s.healthz))
	get("/metrics", s.wrap(s.serveMetrics))

	e.NoRoute(s.wrap(func(c *gin.Context) error {
		return &httpError{kind: errNoRoute, msg: fmt.Sprintf("there is no %s", quoteShort(c.Request.URL.Path))}
	}))
	e.NoMethod(s.wrap(func(c *gin.Context) error {
		return &httpError{kind: errMethodNotAllowed, msg: fmt.Sprintf("%s does not accept %s; see the Allow header", quoteShort(c.Request.URL.Path), c.Request.Method)}
	}))
}
