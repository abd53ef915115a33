package e2e

import (
	"context"
	"errors"
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
				h.srv.Fail(40, emulator.Throttling)
				h.srv.Fail(20, emulator.Busy)
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
						results[i], errs[i] = create(context.Background())
					}()
				}
				wg.Wait()

				ok := 0
				ids := map[string]bool{}
				for i, err := range errs {
					if err == nil {
						ok++
						assert.False(t, ids[results[i].FlowLogID], "each success has a flow log of its own")
						ids[results[i].FlowLogID] = true
						continue
					}
					var apiErr *core.APIError
					require.ErrorAs(t, err, &apiErr)
					assert.Contains(t, []string{core.CodeThrottlingUser, core.CodeOperationConflict, core.CodeOperationBlocking}, apiErr.Code)
					assert.False(t, errors.Is(err, core.ErrOutcomeUnknown))
					h.assertNoSecrets(t, err.Error())
				}
				assert.Len(t, h.srv.FlowLogs(), ok, "created exactly once per successful call")
				assert.Greater(t, ok, callers/2)

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
