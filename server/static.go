package server

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

// staticFiles is the web UI held in memory with its validators. The UI is
// a few small files embedded in the binary, so reading them once at start
// costs nothing and lets every response carry an ETag without hashing.
type staticFiles struct {
	files map[string]*staticFile // by slash path relative to the FS root
}

type staticFile struct {
	body        []byte
	etag        string
	contentType string
}

// loadStatic reads every regular file of fsys. A nil fsys serves nothing.
func loadStatic(fsys fs.FS, log *slog.Logger) *staticFiles {
	sf := &staticFiles{files: map[string]*staticFile{}}
	if fsys == nil {
		return sf
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		body, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		ct := mime.TypeByExtension(path.Ext(p))
		if ct == "" {
			ct = http.DetectContentType(body)
		}
		sf.files[p] = &staticFile{body: body, etag: etagOf(body), contentType: ct}
		return nil
	})
	if err != nil {
		log.Error("reading the web UI files", "err", err)
	}
	return sf
}

// etagOf is a weak validator of a body. Weak, because the gzip middleware
// may send the same representation in another encoding.
func etagOf(body []byte) string {
	sum := sha256.Sum256(body)
	return `W/"` + hex.EncodeToString(sum[:12]) + `"`
}

// notModified reports whether the request's If-None-Match holds etag,
// compared weakly as RFC 9110 section 13.1.2 requires.
func notModified(r *http.Request, etag string) bool {
	inm := r.Header.Get("If-None-Match")
	if inm == "" {
		return false
	}
	want := strings.TrimPrefix(etag, "W/")
	for _, tag := range strings.Split(inm, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == want {
			return true
		}
	}
	return false
}

// writeValidated writes body with its validator and cache policy, or a 304
// when the client already has it.
func writeValidated(c *gin.Context, contentType, cacheControl, etag string, body []byte) {
	h := c.Writer.Header()
	h.Set("ETag", etag)
	h.Set("Cache-Control", cacheControl)
	if notModified(c.Request, etag) {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return
	}
	c.Data(http.StatusOK, contentType, body)
}

// Cache policies. The page must be revalidated every time so that a new
// version of the UI is seen at once; the assets' names carry no hash, so
// they are cached briefly rather than forever.
const (
	cachePage  = "no-cache"
	cacheAsset = "public, max-age=300"
	cacheDoc   = "public, max-age=60"
	cacheNever = "no-store"
	cacheReval = "no-cache"
	indexHTML  = "index.html"
)

// page serves the single-page app for GET /, /doc/* and /kwic: the
// client-side router reads the path.
func (s *Server) page(c *gin.Context) error {
	f := s.static.files[indexHTML]
	if f == nil {
		return &httpError{kind: errNoRoute, msg: "the web UI is not installed in this build; the API is under /api/"}
	}
	writeValidated(c, f.contentType, cachePage, f.etag, f.body)
	return nil
}

// asset serves GET /assets/*name from the UI's files. Names are looked up
// in a map of the files read at start, so no path can reach outside them.
func (s *Server) asset(c *gin.Context) error {
	name := strings.TrimPrefix(c.Param("name"), "/")
	f := s.static.files[name]
	if f == nil || name == indexHTML {
		return &httpError{kind: errNoRoute, msg: "there is no asset " + quoteShort(name)}
	}
	writeValidated(c, f.contentType, cacheAsset, f.etag, f.body)
	return nil
}
