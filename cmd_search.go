package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"io"
	"strings"

	"sessionsearch/search"
)

// listFlag collects a repeatable flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func runSearch(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var (
		req            search.Request
		indexDir       string
		corpus         string
		asJSON         bool
		speaker, topic listFlag
		doc, kind      listFlag
		session, year  listFlag
	)
	fs := flag.NewFlagSet("search", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&indexDir, "index", "data/index", "index directory")
	fs.StringVar(&corpus, "corpus", "corpus", "corpus folder (for synonyms.yaml)")
	fs.BoolVar(&asJSON, "json", false, "print the JSON that /api/search returns")
	fs.Var(&speaker, "speaker", "only passages by this speaker (repeatable)")
	fs.Var(&topic, "topic", "only passages on this topic (repeatable)")
	fs.Var(&doc, "doc", "only passages of this document id (repeatable)")
	fs.Var(&kind, "kind", "only passages of this kind (repeatable)")
	fs.Var(&session, "session", "only passages naming this session (repeatable)")
	fs.Var(&year, "year", "only passages of this year (repeatable)")
	fs.StringVar(&req.From, "from", "", "first date, YYYY-MM-DD")
	fs.StringVar(&req.To, "to", "", "last date, YYYY-MM-DD")
	fs.StringVar(&req.Sort, "sort", "relevance", "relevance, date or date_asc")
	fs.IntVar(&req.Page, "page", 1, "page number")
	fs.IntVar(&req.Size, "size", 10, "hits per page")
	fs.StringVar(&req.After, "after", "", "cursor from a previous result's next")
	if err := fs.Parse(args); err != nil {
		return err
	}
	req.Query = strings.Join(fs.Args(), " ")
	req.Speaker, req.Topic, req.Doc, req.Kind, req.Session, req.Year = speaker, topic, doc, kind, session, year

	idx, err := search.Open(indexDir, search.Options{Corpus: corpus, ReadOnly: true})
	if err != nil {
		return err
	}
	defer idx.Close()
	res, err := idx.Search(ctx, req)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printResult(stdout, res, isTerminal(stdout))
	return nil
}

// printResult writes a result for a person: matches in bold red on a
// terminal, in 【】 elsewhere.
func printResult(w io.Writer, res *search.Result, color bool) {
	open, close := "【", "】"
	if color {
		open, close = "\033[1;31m", "\033[0m"
	}
	mark := strings.NewReplacer("<mark>", open, "</mark>", close)
	fmt.Fprintf(w, "%d passages for %q (page %d, %.1f ms)\n", res.Total, res.Query, res.Page, res.TookMs)
	for _, n := range res.Interpreted.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for i, h := range res.Hits {
		who := "—"
		if h.Speaker != "" {
			who = strings.TrimSpace(h.SpeakerRole + " " + h.Speaker)
		}
		fmt.Fprintf(w, "\n%d. %s  %s #%d (%s)  %s\n", (res.Page-1)*res.Size+i+1, h.Date, h.DocTitle, h.N, h.Kind, who)
		fmt.Fprintf(w, "   %s\n", html.UnescapeString(mark.Replace(h.Snippet)))
		if len(h.Topics) > 0 {
			fmt.Fprintf(w, "   topics: %s\n", strings.Join(h.Topics, "、"))
		}
	}
	if res.Next != "" {
		fmt.Fprintf(w, "\nmore: --after %s\n", res.Next)
	}
}
