package vpc

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/flowlog-go/flowlog/internal/benchserver"
	"github.com/flowlog-go/flowlog/internal/core"
	"github.com/flowlog-go/flowlog/signing"
)

// benchInput is a realistic input: tags, a description with non-ASCII
// characters, every list filled.
func benchInput() *CreateFlowLogInput {
	return &CreateFlowLogInput{
		ResourceType:        ResourceTypeNetworkInterface,
		ResourceID:          "eni-bp1d66qjxb3qoin3****",
		TrafficType:         TrafficTypeAll,
		ProjectName:         "flowlogproject",
		LogStoreName:        "flowlogstore",
		FlowLogName:         "prod-eni-flowlog",
		Description:         "Flow log of the production ENI — 生产环境流日志",
		ResourceGroupID:     "rg-acfmxazb4ph6aiy",
		Tags:                []Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "network"}, {Key: "cost-center", Value: "42"}},
		TrafficPath:         []TrafficPath{TrafficPathAll},
		AggregationInterval: 5 * time.Minute,
		IPVersion:           "IPv4",
	}
}

// BenchmarkRawHTTPFloor is what nothing can beat: a plain net/http POST of
// a pre-built, pre-signed URL over one keep-alive client and a
// json.Unmarshal of the body into a small struct.
func BenchmarkRawHTTPFloor(b *testing.B) {
	srv := benchserver.New()
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	defer client.CloseIdleConnections()
	params := benchInput().params()
	params["Action"], params["Version"], params["Format"], params["RegionId"] = "CreateFlowLog", "2016-04-28", "JSON", "cn-qingdao"
	url := srv.URL + "/?" + signing.SignRPC("POST", params, signing.Credentials{AccessKeyID: "id", AccessKeySecret: "s"}, time.Now(), "nonce")
	b.ReportAllocs()
	for b.Loop() {
		resp, err := client.Post(url, "", nil)
		if err != nil {
			b.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		var out struct{ RequestId, FlowLogId string }
		if err := json.Unmarshal(body, &out); err != nil || out.FlowLogId == "" {
			b.Fatal(err, out)
		}
	}
}

// BenchmarkVPCCreateFlowLog is the full public call: validation,
// credentials, parameters, signature, retry wrapper, HTTP and decoding.
func BenchmarkVPCCreateFlowLog(b *testing.B) {
	benchserver.FullCall(b, func(opts core.Options) (func(context.Context) error, error) {
		c, err := New(opts)
		in := benchInput()
		return func(ctx context.Context) error {
			_, err := c.CreateFlowLog(ctx, in)
			return err
		}, err
	})
}

// BenchmarkVPCStages measures what the operation itself adds: validation
// and the wire parameters.
func BenchmarkVPCStages(b *testing.B) {
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
