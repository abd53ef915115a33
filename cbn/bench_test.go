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
	benchserver.FullCall(b, func(opts core.Options) (func(context.Context) error, error) {
		c, err := New(opts)
		in := benchInput()
		return func(ctx context.Context) error {
			_, err := c.CreateFlowLog(ctx, in)
			return err
		}, err
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
