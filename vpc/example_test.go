package vpc_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/flowlog-go/flowlog/vpc"
	"github.com/flowlog-go/flowlog/vpc/vpctest"
)

// Create a flow log that captures all traffic of one ENI. The fake endpoint
// of vpctest stands in for Alibaba Cloud; with vpc.Options{RegionID:
// "cn-qingdao"} the same code uses the default credential chain and HTTPS.
func ExampleClient_CreateFlowLog() {
	srv := vpctest.NewServer(vpctest.WithDeterministicIDs())
	defer srv.Close()

	c, err := vpc.New(srv.Options())
	if err != nil {
		panic(err)
	}
	out, err := c.CreateFlowLog(context.Background(), &vpc.CreateFlowLogInput{
		ResourceType:        vpc.ResourceTypeNetworkInterface,
		ResourceID:          "eni-askldfasxxxxxxxx",
		TrafficType:         vpc.TrafficTypeAll,
		ProjectName:         "flowlogproject",
		LogStoreName:        "flowlogstore",
		FlowLogName:         "myFlowlog",
		AggregationInterval: 5 * time.Minute,
		Tags:                []vpc.Tag{{Key: "env", Value: "prod"}},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.FlowLogID, out.RequestID, out.Success)
	fmt.Println(srv.FlowLogs()[0].Params["AggregationInterval"], srv.FlowLogs()[0].Params["Tag.1.Key"])
	// Output:
	// flowlog-00000000000000000001 00000000-0000-4000-8000-000000000001 true
	// 5 env
}

// Every broken rule of an input comes back at once, before anything is sent.
func ExampleValidationError() {
	c, _ := vpc.New(vpc.Options{RegionID: "cn-qingdao"})
	_, err := c.CreateFlowLog(context.Background(), &vpc.CreateFlowLogInput{
		ResourceType: "Subnet",
		ResourceID:   "eni-askldfasxxxxxxxx",
		TrafficType:  vpc.TrafficTypeAll,
		ProjectName:  "FlowLogProject",
		LogStoreName: "flowlogstore",
		Tags:         []vpc.Tag{{Key: "aliyun:env"}},
	})
	var ve *vpc.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Printf("%s: %s\n", f.Field, f.Reason)
		}
	}
	// Output:
	// ResourceType: must be one of NetworkInterface, VSwitch, VPC
	// ProjectName: must be 3-63 characters of lower-case letters, digits and '-', starting and ending with a letter or digit
	// Tags[0].Key: must not start with "aliyun" or "acs:"
}

// The service's refusal is an *APIError with the HTTP status, Code and
// RequestId; a failure after which the flow log may exist wraps
// ErrOutcomeUnknown and is never resent, since VPC has no idempotency token.
func ExampleAPIError() {
	srv := vpctest.NewServer(vpctest.WithDeterministicIDs())
	defer srv.Close()
	c, _ := vpc.New(srv.Options())
	in := &vpc.CreateFlowLogInput{
		ResourceType: vpc.ResourceTypeVPC,
		ResourceID:   "vpc-bp1qpo0kug3a20qqe****",
		TrafficType:  vpc.TrafficTypeDrop,
		ProjectName:  "flowlogproject",
		LogStoreName: "flowlogstore",
	}

	srv.Fail(1, vpctest.ServiceUnavailable)
	_, err := c.CreateFlowLog(context.Background(), in)
	var apiErr *vpc.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.HTTPStatus, apiErr.Code, apiErr.RequestID)
	}
	fmt.Println("outcome unknown:", errors.Is(err, vpc.ErrOutcomeUnknown))
	fmt.Println("requests sent:", len(srv.Requests()))
	// Output:
	// 503 ServiceUnavailable 00000000-0000-4000-8000-000000000001
	// outcome unknown: true
	// requests sent: 1
}
