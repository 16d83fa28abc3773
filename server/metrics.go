package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus collectors, in a registry of its
// own: no process-wide state, so that tests can build many servers.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec
	latency   *prometheus.HistogramVec
	queries   *prometheus.CounterVec
	inFlight  prometheus.Gauge
	reindex   *prometheus.CounterVec
	docs      prometheus.Gauge
	passages  prometheus.Gauge
	indexSize prometheus.Gauge
	handler   http.Handler
}

func newMetrics(reg *prometheus.Registry) *metrics {
	m := &metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sessionsearch_http_requests_total",
			Help: "HTTP requests by route template, method and status.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "sessionsearch_http_request_duration_seconds",
			Help:    "HTTP request latency by route template and method.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route", "method"}),
		queries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sessionsearch_queries_total",
			Help: "Queries answered from the index, by kind (search, kwic, suggest, document).",
		}, []string{"kind"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sessionsearch_index_requests_in_flight",
			Help: "Requests reading the index right now.",
		}),
		reindex: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "sessionsearch_reindex_total",
			Help: "Admin rebuilds by result (ok, error).",
		}, []string{"result"}),
		docs: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sessionsearch_index_documents",
			Help: "Documents in the live index.",
		}),
		passages: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sessionsearch_index_passages",
			Help: "Passages in the live index.",
		}),
		indexSize: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "sessionsearch_index_bytes",
			Help: "Size of the live index generation on disk.",
		}),
	}
	reg.MustRegister(m.requests, m.latency, m.queries, m.inFlight, m.reindex, m.docs, m.passages, m.indexSize,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// The gzip middleware compresses the exposition: promhttp must not too.
	m.handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{DisableCompression: true})
	return m
}

// middleware counts every request and times it by route template.
func (m *metrics) middleware(c *gin.Context) {
	start := time.Now()
	c.Next()
	route := routeLabel(c)
	m.requests.WithLabelValues(route, c.Request.Method, strconv.Itoa(c.Writer.Status())).Inc()
	m.latency.WithLabelValues(route, c.Request.Method).Observe(time.Since(start).Seconds())
}
