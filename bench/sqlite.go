package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sessionsearch/fold"
)

// sqliteFTS drives the sqlite3 command-line shell (Debian's sqlite3) over
// pipes: one long-lived process answers every query, so the figures are
// SQLite's plus a pipe round trip, with no cgo driver to build.
type sqliteFTS struct {
	dir string
	cmd *exec.Cmd
	in  io.WriteCloser
	out *bufio.Reader
}

func sqliteAvailable() bool {
	_, err := exec.LookPath("sqlite3")
	return err == nil
}

func (s *sqliteFTS) db() string { return filepath.Join(s.dir, "fts.db") }

func sqlQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// index writes the passages as one SQL script and runs it in a fresh
// sqlite3 process, returning its peak RSS in bytes. The script is written
// before the clock starts.
func (s *sqliteFTS) index(ps []passage) (time.Duration, int64, error) {
	os.MkdirAll(s.dir, 0o755)
	os.Remove(s.db())
	script := filepath.Join(s.dir, "load.sql")
	f, err := os.Create(script)
	if err != nil {
		return 0, 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	fmt.Fprintln(w, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;")
	fmt.Fprintln(w, "CREATE VIRTUAL TABLE p USING fts5(id UNINDEXED, text, kind UNINDEXED, year UNINDEXED, tokenize='trigram');")
	fmt.Fprintln(w, "BEGIN;")
	for _, p := range ps {
		fmt.Fprintf(w, "INSERT INTO p VALUES(%s,%s,%s,%s);\n", sqlQuote(p.ID), sqlQuote(p.Folded), sqlQuote(p.Kind), sqlQuote(p.Year))
	}
	fmt.Fprintln(w, "COMMIT;")
	if err := w.Flush(); err != nil {
		return 0, 0, err
	}
	f.Close()
	defer os.Remove(script)
	in, err := os.Open(script)
	if err != nil {
		return 0, 0, err
	}
	defer in.Close()
	cmd := exec.Command("sqlite3", "-batch", s.db())
	cmd.Stdin = in
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	peak, err := runWatchingPeak(cmd)
	d := time.Since(t0)
	if err != nil {
		return 0, 0, fmt.Errorf("sqlite3 load: %v: %.300s", err, out.String())
	}
	return d, peak, nil
}

// runWatchingPeak runs cmd and returns its peak resident set (VmHWM),
// read every 10 ms while it runs. The rusage of a finished child is no
// measure: Linux keeps in it the larger of the child's peak and the
// parent's resident set when the child started, and the parent here
// holds every passage of the corpus. The last 10 ms of the child may be
// missed; VmHWM only grows, so the reading before them stands.
func runWatchingPeak(cmd *exec.Cmd) (int64, error) {
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	done := make(chan struct{})
	peak := make(chan int64, 1)
	go func() {
		var max int64
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			if v := statusKB(cmd.Process.Pid, "VmHWM"); v > max {
				max = v
			}
			select {
			case <-done:
				peak <- max
				return
			case <-t.C:
			}
		}
	}()
	err := cmd.Wait()
	close(done)
	return <-peak, err
}

// start opens the database in a long-lived shell and runs a first query;
// the time is the start-up on an existing index.
func (s *sqliteFTS) start() (time.Duration, error) {
	t0 := time.Now()
	s.cmd = exec.Command("sqlite3", "-batch", s.db())
	in, err := s.cmd.StdinPipe()
	if err != nil {
		return 0, err
	}
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	s.cmd.Stderr = os.Stderr
	if err := s.cmd.Start(); err != nil {
		return 0, err
	}
	s.in, s.out = in, bufio.NewReaderSize(out, 1<<20)
	if _, err := s.exec(".mode list\n.separator \"\\t\" \"\\n\"\n"); err != nil {
		return 0, err
	}
	if _, err := s.exec("SELECT count(*) FROM p WHERE p MATCH '\"发展经济\"';"); err != nil {
		return 0, err
	}
	return time.Since(t0), nil
}

func (s *sqliteFTS) stop() {
	if s.cmd == nil {
		return
	}
	s.in.Close()
	s.cmd.Wait()
	s.cmd = nil
}

const sqliteEnd = "@@END@@"

// exec sends statements and returns the output lines up to the marker.
func (s *sqliteFTS) exec(sql string) ([]string, error) {
	if _, err := io.WriteString(s.in, sql+"\nSELECT '"+sqliteEnd+"';\n"); err != nil {
		return nil, err
	}
	var lines []string
	for {
		line, err := s.out.ReadString('\n')
		if err != nil {
			return lines, fmt.Errorf("sqlite3: %v", err)
		}
		line = strings.TrimSuffix(line, "\n")
		if line == sqliteEnd {
			return lines, nil
		}
		lines = append(lines, line)
	}
}

// where builds the condition: FTS5 MATCH for terms of three characters
// or more, and a LIKE scan for shorter ones, which the trigram tokenizer
// cannot answer from the index.
func (s *sqliteFTS) where(q query) (cond string, match bool) {
	var conds, phrases []string
	for _, t := range q.Terms {
		t = fold.String(t) // the passages were loaded folded
		if utf8.RuneCountInString(t) >= 3 {
			phrases = append(phrases, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
			continue
		}
		e := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(t)
		conds = append(conds, "text LIKE "+sqlQuote("%"+e+"%")+` ESCAPE '\'`)
	}
	if len(phrases) > 0 {
		conds = append([]string{"p MATCH " + sqlQuote(strings.Join(phrases, " AND "))}, conds...)
	}
	for _, k := range []string{"kind", "year"} {
		if v, ok := q.Filters[k]; ok {
			conds = append(conds, k+" = "+sqlQuote(v))
		}
	}
	return strings.Join(conds, " AND "), len(phrases) > 0
}

func (s *sqliteFTS) Name() string { return "sqlite" }

func (s *sqliteFTS) Top10(ctx context.Context, q query) (int, error) {
	cond, match := s.where(q)
	sql := "SELECT id, replace(substr(text, 1, 80), char(10), ' ') FROM p WHERE " + cond + " LIMIT 10;"
	if match {
		sql = "SELECT id, replace(snippet(p, 1, '<mark>', '</mark>', '…', 24), char(10), ' ') FROM p WHERE " + cond + " ORDER BY rank LIMIT 10;"
	}
	sql += "\nSELECT kind, count(*) FROM p WHERE " + cond + " GROUP BY kind;"
	lines, err := s.exec(sql)
	return len(lines), err
}

func (s *sqliteFTS) All(ctx context.Context, q query) ([]string, error) {
	cond, _ := s.where(q)
	return s.exec("SELECT id FROM p WHERE " + cond + ";")
}

func (s *sqliteFTS) Facets(ctx context.Context, q query) (map[string]map[string]int, error) {
	cond, _ := s.where(q)
	out := map[string]map[string]int{}
	for _, k := range []string{"kind", "year"} {
		lines, err := s.exec("SELECT " + k + ", count(*) FROM p WHERE " + cond + " GROUP BY " + k + ";")
		if err != nil {
			return nil, err
		}
		out[k] = map[string]int{}
		for _, l := range lines {
			v, n, _ := strings.Cut(l, "\t")
			c, _ := strconv.Atoi(n)
			if v != "" {
				out[k][v] = c
			}
		}
	}
	return out, nil
}

func (s *sqliteFTS) pid() int {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0
	}
	return s.cmd.Process.Pid
}
