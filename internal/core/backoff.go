package core

import (
	"math/rand/v2"
	"time"
)

// jitter returns a uniformly random duration in [0, d]: full jitter. Each
// Client keeps the function it was made with, so tests can replace it.
var jitter = fullJitter

// fullJitter returns a uniformly random duration in [0, d].
func fullJitter(d time.Duration) time.Duration { return time.Duration(rand.Int64N(int64(d) + 1)) }

// backoffCeiling returns the most to wait after attempt (1-based) failed:
// backoffBase, doubled per attempt, capped at max.
func backoffCeiling(max time.Duration, attempt int) time.Duration {
	ceiling := max
	if attempt <= 30 {
		if d := backoffBase << (attempt - 1); d < max {
			ceiling = d
		}
	}
	return ceiling
}
