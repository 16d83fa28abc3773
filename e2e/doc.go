// Package e2e holds the end-to-end tests of the web UI: a real index built
// from the seed document, the real server, and Debian's chromium driven
// through the DevTools protocol, used as a person would use the page.
//
// The tests skip themselves when no chromium is installed, so that
// `go test ./...` passes anywhere; with CI=true a missing browser is a
// failure instead. Screenshots go to the folder named by
// SESSIONSEARCH_SCREENSHOTS (a temporary folder by default).
package e2e
