package server

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"sessionsearch/search"
)

// params is a request's query string, checked for the faults that every
// parameter shares: malformed escapes, invalid UTF-8, control characters.
// Unknown parameters are ignored, so that old clients keep working.
type params struct {
	v url.Values
}

// queryParams parses the raw query string strictly: Gin's own parsing
// drops a malformed pair silently, which would answer a different
// question from the one asked.
func queryParams(c *gin.Context) (params, error) {
	v, err := url.ParseQuery(c.Request.URL.RawQuery)
	if err != nil {
		return params{}, badParam("", "the query string is malformed: %s", err)
	}
	for name, vals := range v {
		for _, s := range vals {
			if err := checkText(name, s); err != nil {
				return params{}, err
			}
		}
	}
	return params{v: v}, nil
}

// checkText rejects text no search can mean: invalid UTF-8 and control
// characters other than white space.
func checkText(name, s string) error {
	if !utf8.ValidString(s) {
		return badParam(name, "%s is not valid UTF-8", paramName(name))
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return badParam(name, "%s contains the control character %U", paramName(name), r)
		}
	}
	return nil
}

func paramName(name string) string {
	if name == "" {
		return "a parameter name"
	}
	return "parameter " + name
}

// one returns a parameter that may appear at most once.
func (p params) one(name string) (string, error) {
	vals := p.v[name]
	switch len(vals) {
	case 0:
		return "", nil
	case 1:
		return vals[0], nil
	default:
		return "", badParam(name, "parameter %s is given %d times; give it once", name, len(vals))
	}
}

// text returns a free-text parameter of at most max characters.
func (p params) text(name string, max int) (string, error) {
	s, err := p.one(name)
	if err != nil {
		return "", err
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "", badParam(name, "parameter %s is %d characters long; the limit is %d", name, n, max)
	}
	return s, nil
}

// list returns a repeatable filter parameter, dropping empty values.
func (p params) list(name string, maxLen int) ([]string, error) {
	vals := p.v[name]
	if len(vals) > maxFilterValues {
		return nil, badParam(name, "parameter %s is given %d times; the limit is %d", name, len(vals), maxFilterValues)
	}
	var out []string
	for _, s := range vals {
		if n := utf8.RuneCountInString(s); n > maxLen {
			return nil, badParam(name, "a value of %s is %d characters long; the limit is %d", name, n, maxLen)
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, nil
}

// integer returns an integer parameter in [min, max], or def when absent.
func (p params) integer(name string, def, min, max int) (int, error) {
	s, err := p.one(name)
	if err != nil || s == "" {
		return def, err
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, badParam(name, "parameter %s must be a whole number, not %s", name, quoteShort(s))
	}
	if n < min || n > max {
		return 0, badParam(name, "parameter %s must be between %d and %d, not %d", name, min, max, n)
	}
	return n, nil
}

// choice returns a parameter that must be one of allowed ("" when absent).
func (p params) choice(name string, allowed ...string) (string, error) {
	s, err := p.one(name)
	if err != nil || s == "" {
		return "", err
	}
	for _, a := range allowed {
		if s == a {
			return s, nil
		}
	}
	return "", badParam(name, "parameter %s must be one of %s, not %s", name, strings.Join(allowed, ", "), quoteShort(s))
}

// quoteShort quotes user input for an error message, cut to a length
// that keeps messages readable.
func quoteShort(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return strconv.Quote(s)
}

// parseSearch reads the query string and the search request in it.
func (s *Server) parseSearch(c *gin.Context) (params, search.Request, error) {
	p, err := queryParams(c)
	if err != nil {
		return p, search.Request{}, err
	}
	req, err := s.searchRequest(p)
	return p, req, err
}

// searchRequest reads the parameters shared by /api/search, /api/matches
// and /api/kwic.
func (s *Server) searchRequest(p params) (search.Request, error) {
	lim := s.cfg.Limits
	var req search.Request
	var err error
	if req.Query, err = p.text("q", lim.MaxQueryRunes); err != nil {
		return req, err
	}
	for _, f := range []struct {
		name string
		dst  *[]string
	}{
		{"speaker", &req.Speaker}, {"topic", &req.Topic}, {"session", &req.Session},
		{"doc", &req.Doc}, {"kind", &req.Kind}, {"year", &req.Year},
		{"place", &req.Place}, {"level", &req.Level},
	} {
		if *f.dst, err = p.list(f.name, lim.MaxQueryRunes); err != nil {
			return req, err
		}
	}
	if req.Fields, err = p.fields("field", lim.MaxQueryRunes); err != nil {
		return req, err
	}
	for _, y := range req.Year {
		if len(y) != 4 || strings.Trim(y, "0123456789") != "" {
			return req, badParam("year", "parameter year must be four digits, not %s", quoteShort(y))
		}
	}
	if req.From, err = p.text("from", 32); err != nil {
		return req, err
	}
	if req.To, err = p.text("to", 32); err != nil {
		return req, err
	}
	if req.Sort, err = p.choice("sort", "relevance", "date"); err != nil {
		return req, err
	}
	if req.Size, err = p.integer("size", lim.DefaultSize, 1, lim.MaxPageSize); err != nil {
		return req, err
	}
	maxPage := max(1, lim.MaxDepth/req.Size)
	if req.Page, err = p.integer("page", 1, 1, maxPage); err != nil {
		if n, aerr := strconv.Atoi(p.v.Get("page")); aerr == nil && n > maxPage {
			return req, badParam("page", "page %d is too deep: with size %d the last reachable page is %d (the first %d results); narrow the search or use the after cursor", n, req.Size, maxPage, lim.MaxDepth)
		}
		return req, err
	}
	if req.After, err = p.text("after", maxCursorBytes); err != nil {
		return req, err
	}
	if req.Facets, err = p.names("facets", lim.MaxQueryRunes); err != nil {
		return req, err
	}
	return req, nil
}

// names reads a parameter of names, repeated or comma-separated
// (facets=kind,year), with list's limits on each value: nil when it is
// absent, empty when it is given empty (facets= asks for none). Which
// names are known is the search's to say.
func (p params) names(name string, maxLen int) ([]string, error) {
	if _, ok := p.v[name]; !ok {
		return nil, nil
	}
	vals, err := p.list(name, maxLen)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, v := range vals {
		for _, n := range strings.Split(v, ",") {
			if n = strings.TrimSpace(n); n != "" {
				out = append(out, n)
			}
		}
	}
	if len(out) > maxFilterValues {
		return nil, badParam(name, "parameter %s names %d values; the limit is %d", name, len(out), maxFilterValues)
	}
	return out, nil
}

// fields returns the custom-field filters of a repeatable NAME:VALUE
// parameter (field=总理:李强), by name. Whether the index has the field
// is the search's to say.
func (p params) fields(name string, maxLen int) (map[string][]string, error) {
	vals, err := p.list(name, maxLen)
	if err != nil || len(vals) == 0 {
		return nil, err
	}
	out := map[string][]string{}
	for _, v := range vals {
		var field, value string
		if i := strings.IndexAny(v, ":："); i >= 0 {
			_, sep := utf8.DecodeRuneInString(v[i:])
			field, value = strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+sep:])
		}
		if field == "" || value == "" {
			return nil, badParam(name, "parameter %s must be NAME:VALUE, a custom field and its value (总理:李强), not %s", name, quoteShort(v))
		}
		out[field] = append(out[field], value)
	}
	return out, nil
}
