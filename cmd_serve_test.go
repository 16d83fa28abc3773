package main

import (
	"errors"
	"flag"
	"io"
	"net"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"sessionsearch/search"
)

func TestParseServe(t *testing.T) {
	env := map[string]string{
		envAdminToken:  " tok ",
		envCORSOrigins: "https://a.example, https://b.example,,",
	}
	getenv := func(k string) string { return env[k] }

	cfg, err := parseServe(nil, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.corpus != "corpus" || cfg.index != "data/index" || cfg.addr != "127.0.0.1:8080" {
		t.Errorf("defaults = %q %q %q", cfg.corpus, cfg.index, cfg.addr)
	}
	if cfg.server.AdminToken != "" || cfg.server.CORSOrigins != nil {
		t.Errorf("no environment: token %q, origins %v; want both off", cfg.server.AdminToken, cfg.server.CORSOrigins)
	}
	if cfg.limits != search.DefaultLimits || cfg.server.Limits != cfg.limits {
		t.Errorf("default limits = %+v / %+v, want %+v for both", cfg.limits, cfg.server.Limits, search.DefaultLimits)
	}

	cfg, err = parseServe([]string{"--addr", "127.0.0.1:0", "--max-query", "50", "--max-page-size", "5", "--timeout", "2s", "--public-url", "https://example.org/ss/"}, getenv, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.server.PublicURL != "https://example.org/ss" {
		t.Errorf("public URL = %q, want https://example.org/ss (the permalinks bring their own /)", cfg.server.PublicURL)
	}
	if cfg.server.AdminToken != "tok" {
		t.Errorf("token = %q, want tok", cfg.server.AdminToken)
	}
	if diff := cmp.Diff([]string{"https://a.example", "https://b.example"}, cfg.server.CORSOrigins); diff != "" {
		t.Errorf("origins (-want +got):\n%s", diff)
	}
	if cfg.limits.MaxQueryRunes != 50 || cfg.limits.MaxPageSize != 5 || cfg.limits.DefaultSize != 5 || cfg.server.Timeout != 2*time.Second {
		t.Errorf("limits = %+v, timeout %s", cfg.limits, cfg.server.Timeout)
	}

	for _, tt := range []struct {
		name string
		args []string
	}{
		{"argument", []string{"extra"}},
		{"zero limit", []string{"--max-page-size", "0"}},
		{"negative concurrency", []string{"--max-concurrent", "-1"}},
		{"zero timeout", []string{"--timeout", "0s"}},
		{"bad address", []string{"--addr", "8080"}},
		{"public URL without scheme", []string{"--public-url", "example.org"}},
		{"public URL of another scheme", []string{"--public-url", "ftp://example.org"}},
		{"public URL with a query", []string{"--public-url", "https://example.org/?a=1"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parseServe(tt.args, getenv, io.Discard)
			var ue usageError
			if !errors.As(err, &ue) {
				t.Errorf("parseServe(%q) = %v, want a usage error", tt.args, err)
			}
		})
	}
	if _, err := parseServe([]string{"--nope"}, getenv, io.Discard); err == nil || errors.Is(err, flag.ErrHelp) {
		t.Errorf("unknown flag: %v", err)
	}
	if _, err := parseServe([]string{"-h"}, getenv, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("-h: %v, want flag.ErrHelp", err)
	}
}

func TestServeMissingCorpus(t *testing.T) {
	err := runServe(t.Context(), []string{"--corpus", t.TempDir() + "/none", "--index", t.TempDir()}, func(string) string { return "" }, io.Discard, io.Discard)
	if err == nil {
		t.Fatal("serve with a missing corpus: no error")
	}
}

func TestIsLoopback(t *testing.T) {
	for _, tt := range []struct {
		ip   string
		want bool
	}{{"127.0.0.1", true}, {"::1", true}, {"0.0.0.0", false}, {"192.168.1.2", false}} {
		if got := isLoopback(&net.TCPAddr{IP: net.ParseIP(tt.ip)}); got != tt.want {
			t.Errorf("isLoopback(%s) = %v, want %v", tt.ip, got, tt.want)
		}
	}
}
