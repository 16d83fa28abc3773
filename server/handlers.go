package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	_ "embed"
	"encoding/json"
	"math"
	"net/http"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"sessionsearch/search"
)

// writeJSON writes v as JSON. HTML-significant characters are escaped
// (\u003c) so that no JSON body can be sniffed as markup.
func writeJSON(c *gin.Context, status int, cacheControl string, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", cacheControl)
	c.Data(status, "application/json; charset=utf-8", body)
	return nil
}

// writeJSONValidated writes v as JSON with an ETag of its bytes, or a 304.
func writeJSONValidated(c *gin.Context, cacheControl string, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	writeValidated(c, "application/json; charset=utf-8", cacheControl, etagOf(body), body)
	return nil
}

// search answers GET /api/search.
func (s *Server) search(c *gin.Context) error {
	return searchWith(s, c, "search", s.idx.Search)
}

// matches answers GET /api/matches: the IDs of every matching passage.
func (s *Server) matches(c *gin.Context) error {
	return searchWith(s, c, "matches", s.idx.Matches)
}

// searchWith reads a search request from the query string, runs it with
// run and writes the answer.
func searchWith[R any](s *Server, c *gin.Context, name string, run func(context.Context, search.Request) (R, error)) error {
	_, req, err := s.parseSearch(c)
	if err != nil {
		return err
	}
	res, err := run(c.Request.Context(), req)
	if err != nil {
		return err
	}
	s.metrics.queries.WithLabelValues(name).Inc()
	return writeJSON(c, http.StatusOK, cacheReval, res)
}

// documents answers GET /api/documents: every document's metadata.
func (s *Server) documents(c *gin.Context) error {
	docs, err := s.idx.Documents(c.Request.Context())
	if err != nil {
		return err
	}
	if docs == nil {
		docs = []search.DocumentInfo{}
	}
	return writeJSONValidated(c, cacheDoc, docs)
}

// documentID is the :id of a document's route, checked: valid text, and
// no longer than an id can be.
func documentID(c *gin.Context) (string, error) {
	id := c.Param("id")
	if err := checkText("id", id); err != nil {
		return "", err
	}
	if len(id) > maxIDBytes {
		return "", &httpError{kind: search.ErrNotFound, msg: "no document has an id that long"}
	}
	return id, nil
}

// document answers GET /api/documents/:id, with highlighted passages when
// ?q= is given.
func (s *Server) document(c *gin.Context) error {
	id, err := documentID(c)
	if err != nil {
		return err
	}
	p, err := queryParams(c)
	if err != nil {
		return err
	}
	q, err := p.text("q", s.cfg.Limits.MaxQueryRunes)
	if err != nil {
		return err
	}
	view, err := s.idx.Document(c.Request.Context(), id, q)
	if err != nil {
		return err
	}
	s.metrics.queries.WithLabelValues("document").Inc()
	return writeJSONValidated(c, cacheDoc, view)
}

// cite answers GET /api/documents/:id/cite?n=: how to cite passage n,
// its permalink and the citation forms.
func (s *Server) cite(c *gin.Context) error {
	id, err := documentID(c)
	if err != nil {
		return err
	}
	p, err := queryParams(c)
	if err != nil {
		return err
	}
	n, err := p.integer("n", 0, 1, math.MaxInt32)
	if err != nil {
		return err
	}
	if n == 0 {
		return badParam("n", "parameter n is required: the number of the passage to cite, 1 or more")
	}
	ct, err := s.idx.Cite(c.Request.Context(), id, n)
	if err != nil {
		return err
	}
	s.metrics.queries.WithLabelValues("cite").Inc()
	return writeJSONValidated(c, cacheDoc, ct)
}

// maxSuggestLimit bounds ?limit= of /api/suggest.
const maxSuggestLimit = 50

// suggest answers GET /api/suggest?q=: completions of a typed prefix.
func (s *Server) suggest(c *gin.Context) error {
	p, err := queryParams(c)
	if err != nil {
		return err
	}
	q, err := p.text("q", s.cfg.Limits.MaxQueryRunes)
	if err != nil {
		return err
	}
	limit, err := p.integer("limit", s.cfg.SuggestLimit, 1, maxSuggestLimit)
	if err != nil {
		return err
	}
	out := []search.Suggestion{}
	if strings.TrimSpace(q) != "" {
		got, err := s.idx.Suggest(c.Request.Context(), q, limit)
		if err != nil {
			return err
		}
		if got != nil {
			out = got
		}
		s.metrics.queries.WithLabelValues("suggest").Inc()
	}
	return writeJSONValidated(c, cacheDoc, out)
}

// kwic answers GET /api/kwic: a keyword-in-context concordance, as JSON or,
// with format=csv, as a spreadsheet download.
func (s *Server) kwic(c *gin.Context) error {
	p, req, err := s.parseSearch(c)
	if err != nil {
		return err
	}
	if strings.TrimSpace(req.Query) == "" {
		return badParam("q", "parameter q is required: the concordance lists the occurrences of a query")
	}
	kr := search.KWICRequest{Request: req}
	if kr.Width, err = p.integer("width", defaultKWICWidth, 1, maxKWICWidth); err != nil {
		return err
	}
	maxLines := max(s.cfg.Limits.KWICLines, 1)
	if kr.Limit, err = p.integer("limit", maxLines, 1, maxLines); err != nil {
		return err
	}
	format, err := p.choice("format", "json", "csv")
	if err != nil {
		return err
	}
	conc, err := s.idx.KWIC(c.Request.Context(), kr)
	if err != nil {
		return err
	}
	s.metrics.queries.WithLabelValues("kwic").Inc()
	if conc.Lines == nil {
		conc.Lines = []search.KWICLine{}
	}
	return writeTable(c, format, conc, "kwic-"+fileSafe(req.Query)+".csv",
		func() ([]byte, error) { return kwicCSV(conc, s.siteURL(c)) })
}

// kwicCSVHeader is the header row of the concordance download.
var kwicCSVHeader = []string{"left", "match", "right", "doc_title", "date", "speaker", "speaker_role", "passage_id", "doc_id", "n", "permalink", "citation_gbt7714", "citation_plain"}

// kwicCSV renders a concordance as CSV (csvTable, without a preamble).
// Permalinks are made absolute with site, since a spreadsheet has no page
// to resolve them against.
func kwicCSV(conc *search.Concordance, site string) ([]byte, error) {
	rows := make([][]string, 0, len(conc.Lines))
	for _, l := range conc.Lines {
		rows = append(rows, []string{l.Left, l.Match, l.Right, l.DocTitle, l.Date, l.Speaker, l.SpeakerRole, l.PassageID, l.DocID, strconv.Itoa(l.N),
			site + l.Permalink, l.Citation.GBT7714, l.Citation.Plain})
	}
	return csvTable(nil, kwicCSVHeader, rows)
}

// siteURL is what the permalinks of a download are made absolute with:
// the configured public URL, else the scheme and host the request was made
// to (http://localhost:8080).
func (s *Server) siteURL(c *gin.Context) string {
	if s.cfg.PublicURL != "" {
		return s.cfg.PublicURL
	}
	scheme := "http"
	if c.Request.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + c.Request.Host
}

// defuseFormula keeps a cell from being run as a spreadsheet formula
// (CSV injection): a leading =, +, -, @, tab or carriage return gets an
// apostrophe, which spreadsheets show as text and do not evaluate.
func defuseFormula(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// fileSafe turns a query into a file name stem: letters and digits of any
// script, other runs as one underscore, at most 40 characters.
func fileSafe(q string) string {
	var b strings.Builder
	n, gap := 0, false
	for _, r := range q {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if gap && b.Len() > 0 {
				b.WriteByte('_')
			}
			gap = false
			b.WriteRune(r)
			if n++; n == 40 {
				break
			}
		} else {
			gap = true
		}
	}
	if b.Len() == 0 {
		return "query"
	}
	return b.String()
}

// attachment is a Content-Disposition for a download named name: an ASCII
// fallback for old clients and the UTF-8 name in RFC 8187 encoding.
func attachment(name string) string {
	ascii := make([]byte, 0, len(name))
	for i := 0; i < len(name); {
		r, size := utf8.DecodeRuneInString(name[i:])
		i += size
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_.", r)) {
			ascii = append(ascii, byte(r))
		} else if len(ascii) == 0 || ascii[len(ascii)-1] != '_' {
			ascii = append(ascii, '_')
		}
	}
	var enc strings.Builder
	for _, b := range []byte(name) {
		if b < 0x80 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("-_.~", b) >= 0) {
			enc.WriteByte(b)
		} else {
			enc.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(b)|0x100, 16)[1:]))
		}
	}
	return `attachment; filename="` + string(ascii) + `"; filename*=UTF-8''` + enc.String()
}

// stats answers GET /api/stats.
func (s *Server) stats(c *gin.Context) error {
	st, err := s.idx.Stats(c.Request.Context())
	if err != nil {
		return err
	}
	return writeJSON(c, http.StatusOK, cacheReval, st)
}

// Health is the body of /healthz.
type Health struct {
	Status string `json:"status"` // "ok", or "closing" during shutdown
	// Warming is true while the tables that speed up searches are built,
	// after start-up (a few seconds for a few hundred MB of text):
	// searches are answered meanwhile, more slowly.
	Warming bool `json:"warming"`
}

// healthz answers GET /healthz: 200 while the process is alive and the
// index open, 503 once shutdown has begun.
func (s *Server) healthz(c *gin.Context) error {
	if s.closing.Load() {
		return writeJSON(c, http.StatusServiceUnavailable, cacheNever, Health{Status: "closing"})
	}
	return writeJSON(c, http.StatusOK, cacheNever, Health{Status: "ok", Warming: s.idx.Warming()})
}

// serveMetrics answers GET /metrics in the Prometheus text format, with
// the index gauges refreshed first.
func (s *Server) serveMetrics(c *gin.Context) error {
	if st, err := s.idx.Stats(c.Request.Context()); err == nil {
		s.metrics.docs.Set(float64(st.Documents))
		s.metrics.passages.Set(float64(st.Passages))
		s.metrics.indexSize.Set(float64(st.IndexBytes))
	} else {
		s.log.Warn("reading index stats for metrics", "err", err)
	}
	s.metrics.handler.ServeHTTP(c.Writer, c.Request)
	return nil
}

//go:embed openapi.json
var openAPIDoc []byte

// openAPI answers GET /api/openapi.json: the hand-written description of
// this API, checked against the handlers by the tests.
func (s *Server) openAPI(c *gin.Context) error {
	writeValidated(c, "application/json; charset=utf-8", cacheReval, etagOf(openAPIDoc), openAPIDoc)
	return nil
}

// Accepted is the body of a 202 from the admin endpoint.
type Accepted struct {
	Status string `json:"status"`
	Detail string `json:"detail"`
}

// reindex answers POST /api/admin/reindex: it checks the bearer token and
// applies the corpus's changes in the background, as the index command
// does: the changed documents only, or a rebuild with an atomic swap when
// the mapping or the taxonomy changed (cfg.Rebuild decides). Searches go
// on meanwhile; a swap waits for those in flight.
func (s *Server) reindex(c *gin.Context) error {
	if err := s.authorize(c.GetHeader("Authorization")); err != nil {
		return err
	}
	s.jobMu.Lock()
	defer s.jobMu.Unlock()
	if s.closing.Load() {
		return &httpError{kind: errOverloaded, msg: "the server is shutting down"}
	}
	if !s.rebuilding.CompareAndSwap(false, true) {
		return &httpError{kind: search.ErrBusy, msg: "a reindex is already running"}
	}
	if s.idx.Rebuilding() {
		s.rebuilding.Store(false)
		return &httpError{kind: search.ErrBusy, msg: "a rebuild is already running"}
	}
	s.jobs.Add(1)
	go s.runRebuild()
	return writeJSON(c, http.StatusAccepted, cacheNever, Accepted{
		Status: "accepted",
		Detail: "applying the corpus's changes to the index; searches are answered from the current index until they are in",
	})
}

func (s *Server) runRebuild() {
	defer s.jobs.Done()
	defer s.rebuilding.Store(false)
	s.log.Info("admin reindex started")
	sum, err := s.cfg.Rebuild(s.bg)
	if err != nil {
		s.metrics.reindex.WithLabelValues("error").Inc()
		s.log.Error("admin reindex failed", "err", err)
		return
	}
	s.metrics.reindex.WithLabelValues("ok").Inc()
	if sum == nil {
		sum = &search.Summary{}
	}
	s.log.Info("admin reindex finished", "documents", sum.Documents, "passages", sum.Passages, "skipped", len(sum.Skipped), "seconds", sum.Seconds)
}

// authorize checks an Authorization header against the admin token. Both
// are hashed first so that the constant-time comparison does not leak the
// token's length either.
func (s *Server) authorize(header string) error {
	if header == "" {
		return &httpError{kind: errUnauthorized, msg: "this endpoint needs an Authorization: Bearer <token> header"}
	}
	scheme, token, ok := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return &httpError{kind: errUnauthorized, msg: "the Authorization header is malformed: use Bearer <token>"}
	}
	got := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(got[:], s.tokenHash[:]) != 1 {
		return &httpError{kind: errForbidden, msg: "the token is not valid for this endpoint"}
	}
	return nil
}
