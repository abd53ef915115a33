// Package cbn creates Alibaba Cloud CEN flow logs: the CreateFlowlog action
// of the CEN API (product code Cbn), version 2017-09-12.
//
// A flow log captures the traffic of a CEN instance, or of one transit
// router or attachment, into a Log Service Logstore:
//
//	c, err := cbn.New(cbn.Options{RegionID: "cn-hangzhou"}) // default credential chain, HTTPS
//	if err != nil { ... }
//	out, err := c.CreateFlowLog(ctx, &cbn.CreateFlowLogInput{
//		CenID:        "cen-7qthudw0ll6jmc****",
//		ProjectName:  "flowlogproject",
//		LogStoreName: "flowlogstore",
//	})
//	var opErr *cbn.OperationError
//	if errors.Is(err, cbn.ErrOutcomeUnknown) && errors.As(err, &opErr) {
//		// may exist: resend with ClientToken: opErr.ClientToken
//	}
//	fmt.Println(out.FlowLogID, out.RequestID, out.ClientToken)
//
// Inputs are validated in full before anything is sent; every broken rule
// comes back at once in a *ValidationError. Every call carries a ClientToken
// (the caller's, or one the client makes), so a retry never creates a second
// flow log: throttling, busy refusals and failures after which the flow log
// may exist are all resent with the same token.
package cbn
