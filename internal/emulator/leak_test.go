package emulator

import (
	"context"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/vpc"
)

// TestClientDoesNotLeak makes 10 000 calls through one client, some of them
// retried, and checks by counting, not timing, that the client leaves
// nothing behind: goroutines return to where they started once idle
// connections are closed, the calls share a handful of connections, and the
// server remembers one nonce per authenticated request (it prunes them once
// they are older than the skew window, which TestNonceStorePruned checks with a
// fake clock).
func TestClientDoesNotLeak(t *testing.T) {
	const calls = 10000
	srv := NewServer(VPC)
	defer srv.Close()
	transport := &http.Transport{MaxIdleConnsPerHost: 4}
	opts := srv.Options()
	opts.HTTPClient = &http.Client{Transport: transport}
	c, err := vpc.New(opts)
	require.NoError(t, err)
	in := &vpc.CreateFlowLogInput{
		ResourceType: vpc.ResourceTypeNetworkInterface,
		ResourceID:   "eni-askldfasxxxxxxxx",
		TrafficType:  vpc.TrafficTypeAll,
		ProjectName:  "flowlogproject",
		LogStoreName: "flowlogstore",
		Tags:         []vpc.Tag{{Key: "env", Value: "prod"}},
	}

	before := runtime.NumGoroutine()
	for i := 0; i < calls; i++ {
		if i%100 == 0 {
			srv.Fail(1, Throttling) // one call in a hundred is retried once
		}
		if _, err := c.CreateFlowLog(context.Background(), in); err != nil {
			require.NoError(t, err, "call %d", i)
		}
	}
	requests := len(srv.Requests())
	assert.Equal(t, calls+calls/100, requests)
	assert.Len(t, srv.FlowLogs(), calls)
	// Faults answer before authentication, so only the calls' successful
	// attempts used a nonce: one each, and the store holds no more.
	assert.Equal(t, calls, srv.nonceCount())
	assert.LessOrEqual(t, srv.connections.Load(), int64(4), "serial calls reuse their connection")

	transport.CloseIdleConnections()
	// Connection goroutines end asynchronously; wait for the count, with a
	// generous bound that only a leak can reach.
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	assert.LessOrEqual(t, runtime.NumGoroutine(), before, "goroutines left behind")
}
