package emulator

import (
	"time"

	"github.com/flowlog-go/flowlog/internal/core"
)

// testMaxBackoff caps the waits between retries of a client that Options
// configures, so that tests which inject throttling stay fast.
const testMaxBackoff = 5 * time.Millisecond

// Options returns client options that point at the server: its URL as the
// Endpoint, its region, a static credential it knows, and waits between
// retries capped at a few milliseconds. Everything else keeps the client's
// defaults; change the copy to test other settings.
func (s *Server) Options() core.Options {
	c := s.cfg.cred
	return core.Options{
		RegionID:   s.Region(),
		Endpoint:   s.URL,
		Credential: core.StaticCredential(c.AccessKeyID, c.AccessKeySecret, c.SecurityToken),
		MaxBackoff: testMaxBackoff,
	}
}
