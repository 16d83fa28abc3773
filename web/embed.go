// Package web holds the static single-page search UI (HTML, JavaScript and
// CSS) embedded in the binary. It has no Go logic: the server receives the
// files as an fs.FS and serves them; the page talks to the JSON API only.
package web

import (
	"embed"
	"io/fs"
)

//go:embed static
var static embed.FS

// FS returns the UI's files: index.html, app.js, app.css and their assets,
// rooted at the static folder.
func FS() fs.FS {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		// fs.Sub fails only for an invalid path, and "static" is valid.
		panic(err)
	}
	return sub
}
