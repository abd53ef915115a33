package e2e

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/flowlog-go/flowlog/internal/core"
	"github.com/flowlog-go/flowlog/internal/emulator"
)

// TestSharedClientUnderFaults runs 200 goroutines through one client while
// faults hit some of their requests: every call either succeeds with a flow
// log of its own or fails with a typed error, no call creates twice, and no
// nonce is ever sent twice.
func TestSharedClientUnderFaults(t *testing.T) {
	t.Parallel()
	const callers = 200
	for _, p := range products {
		for _, alg := range algorithms {
			t.Run(p.name+"/"+alg, func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, p, alg, "JSON")
				// Refusals that are safe to resend, and failures after which
				// the flow log may exist, which only CEN resends.
				h.srv.Fail(30, emulator.Throttling)
				h.srv.Fail(10, emulator.ServiceUnavailable)
				h.srv.Fail(20, emulator.Busy)
				h.srv.Fail(10, emulator.ResetAfterCommit)
				h.srv.Fail(10, emulator.Throttling)

				create, err := p.newClient(h.opts) // one client for everyone
				require.NoError(t, err)
				var wg sync.WaitGroup
				results := make([]outcome, callers)
				errs := make([]error, callers)
				for i := 0; i < callers; i++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						results[i], errs[i] = create(context.Background(), fmt.Sprintf("-call%03d", i))
					}()
				}
				wg.Wait()

				// Every call is marked in its resource ID: none may have more
				// than one flow log, a success exactly its own.
				perCall := map[string]int{}
				for _, fl := range h.srv.FlowLogs() {
					perCall[fl.Params[p.idParam]]++
				}
				ok := 0
				for i, err := range errs {
					id := map[bool]string{false: "eni-askldfasxxxxxxxx", true: "cen-7qthudw0ll6jmc****"}[p.token] + fmt.Sprintf("-call%03d", i)
					assert.LessOrEqual(t, perCall[id], 1, "call %d created more than once", i)
					if err == nil {
						ok++
						assert.Equal(t, 1, perCall[id], "call %d succeeded without its flow log", i)
						continue
					}
					var opErr *core.OperationError
					require.ErrorAs(t, err, &opErr)
					if !opErr.OutcomeUnknown {
						var apiErr *core.APIError
						require.ErrorAs(t, err, &apiErr, "call %d: %v", i, err)
						assert.Contains(t, []string{core.CodeThrottlingUser, core.CodeOperationConflict, core.CodeOperationBlocking}, apiErr.Code)
						assert.Zero(t, perCall[id], "a refused call created nothing")
					}
					h.assertNoSecrets(t, err.Error())
				}
				assert.Greater(t, ok, callers/2)
				if !p.token {
					// Only VPC calls hit by ResetAfterCommit end unknown with a
					// flow log; nothing was resent.
					assert.Len(t, h.srv.FlowLogs(), ok+countFault(h.srv.Requests(), "ResetAfterCommit"))
				}

				nonces := map[string]bool{}
				for _, r := range h.srv.Requests() {
					n := r.Params["SignatureNonce"] + r.Header.Get("X-Acs-Signature-Nonce")
					require.NotEmpty(t, n)
					assert.False(t, nonces[n], "nonce %s sent twice", n)
					nonces[n] = true
				}
				assert.Len(t, nonces, len(h.srv.Requests()))
			})
		}
	}
}

// countFault returns how many requests got the named fault.
func countFault(reqs []emulator.Request, name string) int {
	n := 0
	for _, r := range reqs {
		if r.Fault == name {
			n++
		}
	}
	return n
}
