package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"sessionsearch/fold"
)

// groonga runs Groonga's HTTP server on the loopback interface and talks
// to it with its HTTP command interface.
type groonga struct {
	dir    string
	port   int
	cmd    *exec.Cmd
	client *http.Client
	// server-side elapsed seconds of the last select, from the response
	// header, so that Groonga's own figure can be shown next to ours.
	lastElapsed float64
}

func groongaAvailable() bool {
	_, err := exec.LookPath("groonga")
	return err == nil
}

func (g *groonga) base() string { return fmt.Sprintf("http://127.0.0.1:%d", g.port) }

// start launches the server on the database in g.dir, creating it when
// create is set, and waits until it answers.
func (g *groonga) start(create bool) (time.Duration, error) {
	args := []string{"-s", "--protocol", "http", "--bind-address", "127.0.0.1", "--port", fmt.Sprint(g.port),
		"--log-path", filepath.Join(g.dir, "groonga.log"), "--query-log-path", filepath.Join(g.dir, "query.log"),
		"--cache-limit", "0"}
	if create {
		args = append(args, "-n")
	}
	args = append(args, filepath.Join(g.dir, "db"))
	g.cmd = exec.Command("groonga", args...)
	g.cmd.Stdout, g.cmd.Stderr = io.Discard, io.Discard
	t0 := time.Now()
	if err := g.cmd.Start(); err != nil {
		return 0, err
	}
	if g.client == nil {
		g.client = &http.Client{Timeout: 5 * time.Minute, Transport: &http.Transport{DisableCompression: true}}
	}
	for i := 0; i < 500; i++ {
		if _, err := g.command("status", nil); err == nil {
			return time.Since(t0), nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	g.stop()
	return 0, fmt.Errorf("groonga did not start on port %d", g.port)
}

func (g *groonga) stop() {
	if g.cmd == nil || g.cmd.Process == nil {
		return
	}
	g.command("shutdown", nil)
	done := make(chan struct{})
	go func() { g.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		g.cmd.Process.Kill()
		<-done
	}
	g.cmd = nil
}

// command runs one command and returns its body (the part after the
// header), checking the return code.
func (g *groonga) command(name string, args url.Values) (json.RawMessage, error) {
	return g.do(http.MethodGet, name, args, nil)
}

func (g *groonga) do(method, name string, args url.Values, body []byte) (json.RawMessage, error) {
	u := g.base() + "/d/" + name
	if len(args) > 0 {
		u += "?" + args.Encode()
	}
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := g.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var out []json.RawMessage
	if err := json.Unmarshal(b, &out); err != nil || len(out) < 1 {
		return nil, fmt.Errorf("groonga %s: unexpected answer %.200s", name, b)
	}
	var head []any
	json.Unmarshal(out[0], &head)
	if len(head) < 3 {
		return nil, fmt.Errorf("groonga %s: bad header %.200s", name, b)
	}
	if rc, _ := head[0].(float64); rc != 0 {
		return nil, fmt.Errorf("groonga %s: %.300s", name, b)
	}
	g.lastElapsed, _ = head[2].(float64)
	if len(out) < 2 {
		return nil, nil
	}
	return out[1], nil
}

// index creates the schema, loads the passages in chunks and builds the
// index column afterwards (Groonga's faster static index construction).
func (g *groonga) index(ps []passage) error {
	steps := []url.Values{
		{"name": {"Passages"}, "flags": {"TABLE_HASH_KEY"}, "key_type": {"ShortText"}},
		{"table": {"Passages"}, "name": {"text"}, "flags": {"COLUMN_SCALAR"}, "type": {"Text"}},
		{"table": {"Passages"}, "name": {"kind"}, "flags": {"COLUMN_SCALAR"}, "type": {"ShortText"}},
		{"table": {"Passages"}, "name": {"year"}, "flags": {"COLUMN_SCALAR"}, "type": {"ShortText"}},
	}
	for i, a := range steps {
		name := "column_create"
		if i == 0 {
			name = "table_create"
		}
		if _, err := g.command(name, a); err != nil {
			return err
		}
	}
	type rec struct {
		Key  string `json:"_key"`
		Text string `json:"text"`
		Kind string `json:"kind"`
		Year string `json:"year"`
	}
	for i := 0; i < len(ps); i += 5000 {
		chunk := make([]rec, 0, 5000)
		for _, p := range ps[i:min(i+5000, len(ps))] {
			chunk = append(chunk, rec{p.ID, p.Folded, p.Kind, p.Year})
		}
		body, _ := json.Marshal(chunk)
		if _, err := g.do(http.MethodPost, "load", url.Values{"table": {"Passages"}}, body); err != nil {
			return err
		}
	}
	if _, err := g.command("table_create", url.Values{"name": {"Terms"}, "flags": {"TABLE_PAT_KEY"}, "key_type": {"ShortText"},
		"default_tokenizer": {"TokenBigramSplitSymbolAlphaDigit"}, "normalizer": {"NormalizerAuto"}}); err != nil {
		return err
	}
	_, err := g.command("column_create", url.Values{"table": {"Terms"}, "name": {"idx"}, "flags": {"COLUMN_INDEX|WITH_POSITION"},
		"type": {"Passages"}, "source": {"text"}})
	return err
}

// groongaQuery is the query in Groonga's syntax: quoted phrases, all
// required, and the filters as a script expression.
func groongaArgs(q query, limit int, output string) url.Values {
	var terms []string
	for _, t := range q.Terms {
		// The passages were loaded folded; fold the query the same way.
		terms = append(terms, `"`+strings.ReplaceAll(fold.String(t), `"`, `\"`)+`"`)
	}
	a := url.Values{
		"table": {"Passages"}, "match_columns": {"text"}, "query": {strings.Join(terms, " ")},
		"output_columns": {output}, "limit": {fmt.Sprint(limit)}, "cache": {"no"},
	}
	var filters []string
	for _, k := range []string{"kind", "year"} {
		if v, ok := q.Filters[k]; ok {
			filters = append(filters, fmt.Sprintf(`%s == %q`, k, v))
		}
	}
	if len(filters) > 0 {
		a.Set("filter", strings.Join(filters, " && "))
	}
	return a
}

// selectPath is the URL path of a top-10 select, for the load generator.
func (g *groonga) selectPath(q query) string {
	return "/d/select?" + groongaArgs(q, 10, "_key,snippet_html(text)").Encode()
}

func (g *groonga) Name() string { return "groonga" }

func (g *groonga) Top10(ctx context.Context, q query) (int, error) {
	a := groongaArgs(q, 10, "_key,snippet_html(text)")
	a.Set("drilldown", "kind,year")
	body, err := g.command("select", a)
	if err != nil {
		return 0, err
	}
	var res [][]json.RawMessage
	if err := json.Unmarshal(body, &res); err != nil || len(res) == 0 {
		return 0, fmt.Errorf("groonga select: %.200s", body)
	}
	return len(res[0]) - 2, nil
}

func (g *groonga) All(ctx context.Context, q query) ([]string, error) {
	body, err := g.command("select", groongaArgs(q, -1, "_key"))
	if err != nil {
		return nil, err
	}
	var res [][][]any
	if err := json.Unmarshal(body, &res); err != nil || len(res) == 0 {
		return nil, fmt.Errorf("groonga select: %.200s", body)
	}
	var ids []string
	for _, row := range res[0][2:] {
		if len(row) > 0 {
			s, _ := row[0].(string)
			ids = append(ids, s)
		}
	}
	return ids, nil
}

func (g *groonga) Facets(ctx context.Context, q query) (map[string]map[string]int, error) {
	a := groongaArgs(q, 0, "_key")
	a.Set("drilldown", "kind,year")
	a.Set("drilldown_limit", "-1")
	body, err := g.command("select", a)
	if err != nil {
		return nil, err
	}
	var res [][][]any
	if err := json.Unmarshal(body, &res); err != nil || len(res) < 3 {
		return nil, fmt.Errorf("groonga drilldown: %.200s", body)
	}
	out := map[string]map[string]int{}
	for i, name := range []string{"kind", "year"} {
		out[name] = map[string]int{}
		for _, row := range res[1+i][2:] {
			if len(row) == 2 {
				k, _ := row[0].(string)
				n, _ := row[1].(float64)
				out[name][k] = int(n)
			}
		}
	}
	return out, nil
}

func (g *groonga) pid() int {
	if g.cmd == nil || g.cmd.Process == nil {
		return 0
	}
	return g.cmd.Process.Pid
}

func (g *groonga) size() int64 { return dirBytes(g.dir, "groonga.log", "query.log") }

// dirBytes sums the sizes of the files under dir, except the named ones.
func dirBytes(dir string, except ...string) int64 {
	var n int64
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			for _, e := range except {
				if info.Name() == e {
					return nil
				}
			}
			n += info.Size()
		}
		return nil
	})
	return n
}
