package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"sessionsearch/fold"
	"sessionsearch/indexer"
)

// passage is one search unit as the indexer cuts it. Every system indexes
// the same passages, and the oracle scans their folded text.
type passage struct {
	ID     string // "<doc_id>:<n>", as sessionsearch's hit ids
	Kind   string
	Year   string
	Text   string
	Folded string
}

// loadPassages parses the corpus with the project's indexer, as
// sessionsearch does when it indexes, so that the oracle and the peers see
// exactly the passages sessionsearch sees.
func loadPassages(corpus string) ([]passage, error) {
	files, err := indexer.Scan(corpus)
	if err != nil {
		return nil, err
	}
	tax, err := indexer.LoadTaxonomy(filepath.Join(corpus, "topics.yaml"))
	if err != nil {
		return nil, err
	}
	opts := indexer.Options{Taxonomy: tax}
	out := make([][]passage, len(files))
	var wg sync.WaitGroup
	jobs := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				raw, err := os.ReadFile(filepath.Join(corpus, filepath.FromSlash(files[i])))
				if err != nil {
					continue
				}
				d, err := indexer.Parse(files[i], raw, opts)
				if err != nil {
					continue // skipped by sessionsearch as well
				}
				year := ""
				if len(d.Date) >= 4 {
					year = d.Date[:4]
				}
				for _, p := range d.Passages {
					out[i] = append(out[i], passage{
						ID: fmt.Sprintf("%s:%d", d.ID, p.N), Kind: string(p.Kind), Year: year,
						Text: p.Text, Folded: fold.String(p.Text),
					})
				}
			}
		}()
	}
	for i := range files {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	var all []passage
	for _, ps := range out {
		all = append(all, ps...)
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("no passages in %s", corpus)
	}
	return all, nil
}
