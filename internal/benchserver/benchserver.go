// Package benchserver is the loopback endpoint the benchmarks share: it
// answers every request with a fixed success body and does nothing else, so
// that what a benchmark measures is the client and net/http, not a server.
package benchserver

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/flowlog-go/flowlog/internal/core"
)

// The fixed bodies: a CreateFlowLog success in JSON and in XML.
var (
	JSONBody = []byte(`{"RequestId":"54B48E3D-DF70-471B-AA93-08E683A1B457","FlowLogId":"flowlog-m5evbtbptxxxxxxxxxxxx","ResourceGroupId":"rg-acfmxazb4ph6aiy","Success":"true"}`)
	XMLBody  = []byte(`<?xml version="1.0" encoding="UTF-8"?><CreateFlowLogResponse><RequestId>54B48E3D-DF70-471B-AA93-08E683A1B457</RequestId><FlowLogId>flowlog-m5evbtbptxxxxxxxxxxxx</FlowLogId><ResourceGroupId>rg-acfmxazb4ph6aiy</ResourceGroupId><Success>true</Success></CreateFlowLogResponse>`)
)

// New starts the server on loopback; Close it when done. A request whose
// query asks for Format=XML gets XMLBody, any other JSONBody.
func New() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		body, ctype := JSONBody, "application/json"
		if strings.Contains(r.URL.RawQuery, "Format=XML") {
			body, ctype = XMLBody, "text/xml"
		}
		w.Header().Set("Content-Type", ctype)
		_, _ = w.Write(body)
	}))
}

// Variants are the option sets every full-call benchmark runs: each
// signature in each response format.
var Variants = []struct{ Algorithm, Format string }{
	{core.SignatureHMACSHA1, core.FormatJSON},
	{core.SignatureHMACSHA1, core.FormatXML},
	{core.SignatureV3, core.FormatJSON},
	{core.SignatureV3, core.FormatXML},
}

// Options returns client options that point at srv with a static AccessKey.
func Options(srv *httptest.Server, algorithm, format string) core.Options {
	return core.Options{
		RegionID:           "cn-qingdao",
		Endpoint:           srv.URL,
		Credential:         credential,
		SignatureAlgorithm: algorithm,
		ResponseFormat:     format,
	}
}

var credential = core.StaticCredential("LTAI5tBenchKeyId", "BenchSecret0123456789", "")

// FullCall runs the full-call benchmarks of one product: every variant
// serially, then HMAC-SHA1/JSON from parallel goroutines. newCreate makes a
// client from the options and returns one create call of it.
func FullCall(b *testing.B, newCreate func(core.Options) (func(context.Context) error, error)) {
	run := func(b *testing.B, algorithm, format string, parallel bool) {
		srv := New()
		defer srv.Close()
		create, err := newCreate(Options(srv, algorithm, format))
		if err != nil {
			b.Fatal(err)
		}
		ctx := context.Background()
		b.ReportAllocs()
		if parallel {
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := create(ctx); err != nil {
						b.Error(err)
						return
					}
				}
			})
			return
		}
		for b.Loop() {
			if err := create(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, v := range Variants {
		b.Run(v.Algorithm+"/"+v.Format, func(b *testing.B) { run(b, v.Algorithm, v.Format, false) })
	}
	b.Run("parallel", func(b *testing.B) { run(b, core.SignatureHMACSHA1, core.FormatJSON, true) })
}
