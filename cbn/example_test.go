package cbn_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/flowlog-go/flowlog/cbn"
	"github.com/flowlog-go/flowlog/cbn/cbntest"
)

// Create a flow log for a CEN instance. The fake endpoint of cbntest stands
// in for Alibaba Cloud; with cbn.Options{RegionID: "cn-hangzhou"} the same
// code uses the default credential chain and HTTPS.
func ExampleClient_CreateFlowLog() {
	srv := cbntest.NewServer(cbntest.WithDeterministicIDs())
	defer srv.Close()

	c, err := cbn.New(srv.Options())
	if err != nil {
		panic(err)
	}
	out, err := c.CreateFlowLog(context.Background(), &cbn.CreateFlowLogInput{
		CenID:        "cen-7qthudw0ll6jmc****",
		ProjectName:  "flowlogproject",
		LogStoreName: "flowlogstore",
		FlowLogName:  "流日志-prod",
		Interval:     time.Minute,
		ClientToken:  "my-token-0001",
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(out.FlowLogID, out.RequestID, out.ClientToken)
	fmt.Println("Interval on the wire:", srv.FlowLogs()[0].Params["Interval"])
	// Output:
	// flowlog-00000000000000000001 00000000-0000-4000-8000-000000000001 my-token-0001
	// Interval on the wire: 60
}

// A failure after which the flow log may exist is resent with the same
// ClientToken, so the service creates it once.
func ExampleClient_CreateFlowLog_retry() {
	srv := cbntest.NewServer(cbntest.WithDeterministicIDs())
	defer srv.Close()
	c, _ := cbn.New(srv.Options())

	srv.Fail(1, cbntest.ResetAfterCommit) // created, then the connection breaks
	out, err := c.CreateFlowLog(context.Background(), &cbn.CreateFlowLogInput{
		CenID:        "cen-7qthudw0ll6jmc****",
		ProjectName:  "flowlogproject",
		LogStoreName: "flowlogstore",
	})
	if err != nil {
		var opErr *cbn.OperationError
		if errors.Is(err, cbn.ErrOutcomeUnknown) && errors.As(err, &opErr) {
			fmt.Println("resend later with ClientToken", opErr.ClientToken)
		}
		return
	}
	fmt.Println("attempts:", len(srv.Requests()), "created:", len(srv.FlowLogs()), "id:", out.FlowLogID)
	// Output:
	// attempts: 2 created: 1 id: flowlog-00000000000000000001
}
