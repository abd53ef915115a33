// Package vpc creates Alibaba Cloud VPC flow logs: the CreateFlowLog action
// of the VPC API, version 2016-04-28.
//
// A flow log captures the traffic of an elastic network interface, a
// vSwitch or a whole VPC into a Log Service Logstore:
//
//	c, err := vpc.New(vpc.Options{RegionID: "cn-qingdao"}) // default credential chain, HTTPS
//	if err != nil { ... }
//	out, err := c.CreateFlowLog(ctx, &vpc.CreateFlowLogInput{
//		ResourceType: vpc.ResourceTypeNetworkInterface,
//		ResourceID:   "eni-askldfasxxxxxxxx",
//		TrafficType:  vpc.TrafficTypeAll,
//		ProjectName:  "flowlogproject",
//		LogStoreName: "flowlogstore",
//	})
//	var apiErr *vpc.APIError
//	switch {
//	case errors.As(err, &apiErr):      // the service said no: apiErr.Code, apiErr.RequestID
//	case errors.Is(err, vpc.ErrOutcomeUnknown): // may exist: look before creating again
//	case err == nil:
//		fmt.Println(out.FlowLogID, out.RequestID)
//	}
//
// Inputs are validated in full before anything is sent; every broken rule
// comes back at once in a *ValidationError. Each attempt is signed afresh
// with HMAC-SHA1. Throttling and busy refusals are retried with jittered
// exponential backoff; since CreateFlowLog takes no idempotency token, a
// failure after which the flow log may exist is returned at once, wrapping
// ErrOutcomeUnknown, and never resent.
package vpc
