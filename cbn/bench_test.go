package cbn

import (
	"context"
	"testing"
	"time"

	"github.com/flowlog-go/flowlog/internal/benchserver"
	"github.com/flowlog-go/flowlog/internal/core"
)

// benchInput is a realistic input: tags, a description with non-ASCII
// characters, a transit router and a log format.
func benchInput() *CreateFlowLogInput {
	return &CreateFlowLogInput{
		CenID:           "cen-7qthudw0ll6jmc****",
		ProjectName:     "flowlogproject",
		LogStoreName:    "flowlogstore",
		FlowLogName:     "prod-cen-flowlog",
		Description:     "Flow log of the production CEN — 生产环境流日志",
		TransitRouterID: "tr-bp1rmwxnk221e3fas****",
		Interval:        time.Minute,
		LogFormatString: "${srcaddr}${dstaddr}${bytes}${packets}${srcport}${dstport}",
		Tags:            []Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "network"}, {Key: "cost-center", Value: "42"}},
	}
}

// BenchmarkCENCreateFlowLog is the full public call, ClientToken
// generation included. Compare with BenchmarkRawHTTPFloor in package vpc,
// run together: go test -bench . ./vpc ./cbn.
func BenchmarkCENCreateFlowLog(b *testing.B) {
	for _, v := range benchserver.Variants {
		b.Run(v.Algorithm+"/"+v.Format, func(b *testing.B) {
			srv := benchserver.New()
			defer srv.Close()
			c, err := New(benchserver.Options(srv, v.Algorithm, v.Format))
			if err != nil {
				b.Fatal(err)
			}
			in := benchInput()
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := c.CreateFlowLog(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("parallel", func(b *testing.B) {
		srv := benchserver.New()
		defer srv.Close()
		c, err := New(benchserver.Options(srv, core.SignatureHMACSHA1, core.FormatJSON))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.RunParallel(func(pb *testing.PB) {
			in := benchInput()
			ctx := context.Background()
			for pb.Next() {
				if _, err := c.CreateFlowLog(ctx, in); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkCENStages measures what the operation itself adds: validation
// and the wire parameters.
func BenchmarkCENStages(b *testing.B) {
	in := benchInput()
	b.Run("validate", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := in.validate(); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("params", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = in.params()
		}
	})
}
